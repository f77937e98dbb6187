"""The admin's three groups and exactly what each may do; the table in ``docs/rollen.md``.

- **Redacteuren** write and publish pages, hulpmiddelen and the newsletter's editions, and edit
  services on the kaart as drafts. They see no personal data: not the submissions (who sent what,
  with name, e-mail and phone), not the call-back requests, not the files sent with a form, not the
  outgoing mails, not the subscribers. What the public sends in reaches the site only through a
  moderator: they cannot publish services (``kaart.publish_dienst``) nor ingezonden voorbeelden
  (``inzendingen.models.ModeratiePaginaRechten``).
- **Moderatoren** do all that, and moderate: the submissions and their files, the call-back
  requests, the outbox, publishing services and voorbeelden, the subscribers, sending editions.
- **Beheerders** may do everything, including managing accounts and groups.

``richt_groepen_in`` makes the groups' permissions exactly these (also removing what was added by
hand), puts the moderators on the approval tasks of the site's default workflow, and sends services
through that workflow, so a redacteur's change to a service is submitted to the moderators. It is
run by ``load_demo_content`` and ``manage.py rollen_bijwerken``. Permissions are
named ``app_label.codename``, with ``fnmatch`` patterns; ``uitgezonderd`` wins over ``rechten``.
"""

from fnmatch import fnmatchcase

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.dispatch import Signal
from wagtail.models import GroupPagePermission, Page

REDACTEUREN = "Redacteuren"
MODERATOREN = "Moderatoren"
BEHEERDERS = "Beheerders"

# Sent by ``richt_groepen_in`` with ``groepen`` (name → Group), once the groups have their rights:
# an app above ``home`` that owns a workflow connects to it (``inzendingen.workflow``).
groepen_ingericht = Signal()

# Moderation is this permission: the one that lets a user change a submission's review.
MODEREREN = "inzendingen.change_inzending"

_INHOUD = [
    "wagtailadmin.access_admin",
    "hulpmiddelen.*",
    "kaart.*",
    "gemeenten.*_gemeentepagina",
    "gemeenten.*_gemeentepaginalink",
    "wagtailimages.*",
    "wagtaildocs.*",
    "wagtailsearchpromotions.*",
]

ROLLEN = {
    REDACTEUREN: {
        "rechten": [
            *_INHOUD,
            "nieuwsbrief.add_issue",
            "nieuwsbrief.change_issue",
            "nieuwsbrief.view_issue",
        ],
        "uitgezonderd": ["*.delete_*", "kaart.publish_dienst"],
        "paginarechten": ["add", "change", "publish"],
    },
    MODERATOREN: {
        "rechten": [*_INHOUD, "inzendingen.*", "nieuwsbrief.*"],
        "uitgezonderd": [],
        "paginarechten": ["add", "change", "publish", "lock", "unlock"],
    },
    BEHEERDERS: {
        "rechten": ["*"],
        "uitgezonderd": [],
        "paginarechten": ["add", "bulk_delete", "change", "lock", "publish", "unlock"],
    },
}


def rechten_volgens(spec: dict) -> list[Permission]:
    """The model permissions a group's spec selects."""
    gekozen = []
    for perm in Permission.objects.select_related("content_type"):
        naam = f"{perm.content_type.app_label}.{perm.codename}"
        if any(fnmatchcase(naam, p) for p in spec["rechten"]) and not any(
            fnmatchcase(naam, p) for p in spec["uitgezonderd"]
        ):
            gekozen.append(perm)
    return gekozen


@transaction.atomic
def richt_groepen_in() -> dict[str, Group]:
    """Create the three groups (if needed) and give each exactly the permissions of the table."""
    root = Page.get_first_root_node()
    groepen = {}
    for naam, spec in ROLLEN.items():
        groep, _ = Group.objects.get_or_create(name=naam)
        groep.permissions.set(rechten_volgens(spec))
        codenames = [f"{actie}_page" for actie in spec["paginarechten"]]
        paginarechten = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
        GroupPagePermission.objects.filter(group=groep).exclude(
            page=root, permission__in=paginarechten
        ).delete()
        for perm in paginarechten:
            GroupPagePermission.objects.get_or_create(group=groep, page=root, permission=perm)
        groepen[naam] = groep
    # The apps that moderate (inzendingen) put the moderators on their workflow's tasks.
    groepen_ingericht.send(sender=richt_groepen_in, groepen=groepen)
    return groepen
