"""A gemeente's own editors: the group "Redactie <gemeente>" and its rights (``docs/rollen.md``).

Its members may open the admin, write and change services and their gemeente's page, as drafts
they submit to the moderators (the site's default workflow); they cannot publish or delete.
Which rows they may touch is narrowed by ``gemeenten.rechten``.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import WorkflowContentType

from inzendingen.workflow import standaard_workflow
from kaart.models import Gemeente

from .models import GemeentePagina, GemeenteRedactie

RECHTEN = [
    "wagtailadmin.access_admin",
    "kaart.add_dienst",
    "kaart.change_dienst",
    "kaart.view_dienst",
    "gemeenten.change_gemeentepagina",
    "gemeenten.view_gemeentepagina",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
]


def groepsnaam(gemeente: Gemeente) -> str:
    return f"Redactie {gemeente.naam}"


def _rechten() -> list[Permission]:
    gekozen = []
    for naam in RECHTEN:
        app_label, codename = naam.split(".")
        gekozen.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return gekozen


def redacties_bijwerken(sender=None, **kwargs) -> None:
    """After ``rollen_bijwerken`` (``home.rollen.groepen_ingericht``): every gemeente's group
    has exactly its rights again, and gemeente pages are in the site's workflow."""
    rechten = _rechten()
    for redactie in GemeenteRedactie.objects.select_related("groep"):
        redactie.groep.permissions.set(rechten)
    gemeentepaginas_in_workflow()


def gemeentepaginas_in_workflow() -> None:
    """Gemeente pages go through the site's default workflow, as services do."""
    workflow = standaard_workflow()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(GemeentePagina),
            defaults={"workflow": workflow},
        )


@transaction.atomic
def maak_redactie(gemeente: Gemeente) -> tuple[Group, bool]:
    """The gemeente's group with exactly its rights, and the gemeente's page for it to edit
    (unpublished until a moderator approves a first version). Returns (group, created)."""
    bestaande = GemeenteRedactie.objects.filter(gemeente=gemeente).select_related("groep").first()
    if bestaande is not None:
        groep, nieuw = bestaande.groep, False
    else:
        groep, nieuw = Group.objects.get_or_create(name=groepsnaam(gemeente))
        GemeenteRedactie.objects.create(groep=groep, gemeente=gemeente)
    groep.permissions.set(_rechten())
    if not GemeentePagina.objects.filter(gemeente=gemeente).exists():
        GemeentePagina.objects.create(gemeente=gemeente, live=False)
    gemeentepaginas_in_workflow()
    return groep, nieuw
