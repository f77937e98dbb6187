"""The gemeente pages' own content in the admin, under "Gemeentepagina's"."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GemeentePagina


class GemeentePaginaViewSet(SnippetViewSet):
    model = GemeentePagina
    icon = "site"
    menu_label = "Gemeentepagina's"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["gemeente", "hulpnummer", "live"]
    search_fields = ["gemeente__naam"]

    def get_queryset(self, request):
        """Only the pages the user may edit: a gemeente's editors see their gemeente's."""
        return (
            policy_registry.get_by_type(GemeentePagina)
            .instances_user_has_any_permission_for(request.user, ["change", "view"])
            .select_related("gemeente")
        )


register_snippet(GemeentePagina, viewset=GemeentePaginaViewSet)


def _controleer(user, actie: str, items) -> None:
    for item in items:
        if not policy_registry.get(item).user_has_permission_for_instance(user, actie, item):
            raise PermissionDenied


# Wagtail's edit and delete views check the model permission only; the instance's own check
# (``gemeenten.rechten``: a gemeente's editors, their gemeente's rows) is asked here.
@hooks.register("before_edit_snippet")
def alleen_eigen_bewerken(request, instance):
    _controleer(request.user, "change", [instance])


@hooks.register("before_delete_snippet")
def alleen_eigen_verwijderen(request, instances):
    _controleer(request.user, "delete", instances)
