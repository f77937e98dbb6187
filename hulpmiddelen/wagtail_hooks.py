"""The admin menu "Hulpmiddelen": the hulpmiddelen themselves, their kinds and organisations."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Hulpmiddel, Organisatie, Soort


class HulpmiddelViewSet(SnippetViewSet):
    model = Hulpmiddel
    icon = "folder-open-inverse"
    menu_label = "Hulpmiddelen"
    list_display = ["title", "soort", "organisatie", "jaar", "live"]
    list_filter = ["soort", "organisatie", "live"]
    search_fields = ["title", "beschrijving"]
    ordering = ["title"]
    list_per_page = 50
    inspect_view_enabled = True


class SoortViewSet(SnippetViewSet):
    model = Soort
    icon = "tag"
    menu_label = "Soorten"
    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    ordering = ["naam"]


class OrganisatieViewSet(SnippetViewSet):
    model = Organisatie
    icon = "group"
    menu_label = "Organisaties"
    list_display = ["naam", "website"]
    search_fields = ["naam"]
    ordering = ["naam"]
    inspect_view_enabled = True


class HulpmiddelenGroup(SnippetViewSetGroup):
    menu_label = "Hulpmiddelen"
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (HulpmiddelViewSet, SoortViewSet, OrganisatieViewSet)


register_snippet(HulpmiddelenGroup)
