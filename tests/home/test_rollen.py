"""Every group against every action of the table in docs/rollen.md, read from the document itself.

Each action has one check that asks the running code, the way the admin does (a page's permission
tester, a model permission, or a request to the admin view); the test fails when the table and the
code disagree, and when an action in the table has no check here.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from home import rollen
from home.demo import load_groups
from home.models import ContentPage

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rollen.md"


def lees_tabel() -> tuple[list[str], dict[str, dict[str, bool]]]:
    """The groups (columns) and, per action id, what each group may do."""
    regels = [r.strip() for r in DOC.read_text().splitlines() if r.strip().startswith("|")]
    kop = [cel.strip() for cel in regels[0].strip("|").split("|")]
    groepen = kop[1:]
    acties = {}
    for regel in regels[2:]:
        cellen = [cel.strip() for cel in regel.strip("|").split("|")]
        actie = re.match(r"`([a-z-]+)`", cellen[0]).group(1)
        waarden = cellen[1:]
        assert set(waarden) <= {"ja", "nee"}, regel
        acties[actie] = dict(zip(groepen, (w == "ja" for w in waarden), strict=True))
    return groepen, acties


GROEPEN, ACTIES = lees_tabel()


@pytest.fixture
def wereld(db, home_page, settings, tmp_path):
    """What the actions act on: a page, a voorbeeld, a submission with a file, a call-back request,
    a subscriber; the groups as load_demo_content makes them."""
    from inzendingen.demo import load_index
    from inzendingen.factories import (
        InzendingFactory,
        TerugbelverzoekFactory,
        VoorbeeldPageFactory,
    )
    from inzendingen.models import Bijlage
    from kaart.models import Gemeente
    from nieuwsbrief.factories import SubscriberFactory

    settings.INZENDINGEN_BESTANDEN_MAP = tmp_path / "prive"
    Gemeente.objects.get_or_create(code="GM0344", defaults={"naam": "Utrecht"})
    load_groups()
    pagina = ContentPage(title="Over ons", slug="over-ons-test", intro="Over ons.")
    home_page.add_child(instance=pagina)
    index = load_index(home_page)
    voorbeeld = VoorbeeldPageFactory(parent=index, live=False)
    inzending = InzendingFactory(email="petra@example.org", telefoon="06 11112222")
    bijlage = Bijlage.objects.create(
        inzending=inzending,
        bestand=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"),
        naam="plan.pdf",
        soort="pdf",
        mime="application/pdf",
        grootte=13,
    )
    TerugbelverzoekFactory(telefoon="030 7654321")
    SubscriberFactory(email="lezer@example.org")
    return {
        "pagina": pagina,
        "index": index,
        "voorbeeld": voorbeeld,
        "inzending": inzending,
        "bijlage": bijlage,
    }


def _toont(client, url, tekst) -> bool:
    response = client.get(url)
    return response.status_code == 200 and tekst in response.content.decode()


def _pagina_rechten(wereld, user, naam):
    return wereld[naam].permissions_for_user(user)


CONTROLES = {
    "beheer-openen": lambda c, u, w: c.get(reverse("wagtailadmin_home")).status_code == 200,
    "pagina-bewerken": lambda c, u, w: (
        c.get(reverse("wagtailadmin_pages:edit", args=[w["pagina"].pk])).status_code == 200
    ),
    "pagina-publiceren": lambda c, u, w: _pagina_rechten(w, u, "pagina").can_publish(),
    "voorbeeld-publiceren": lambda c, u, w: (
        _pagina_rechten(w, u, "voorbeeld").can_publish()
        and _pagina_rechten(w, u, "index").can_publish_subpage()
    ),
    "hulpmiddel-publiceren": lambda c, u, w: (
        u.has_perm("hulpmiddelen.change_hulpmiddel")
        and u.has_perm("hulpmiddelen.publish_hulpmiddel")
    ),
    "dienst-bewerken": lambda c, u, w: (
        c.get(reverse("wagtailsnippets_kaart_dienst:add")).status_code == 200
    ),
    "dienst-publiceren": lambda c, u, w: u.has_perm("kaart.publish_dienst"),
    "gemeentepagina-bewerken": lambda c, u, w: (
        c.get(reverse("wagtailsnippets_gemeenten_gemeentepagina:add")).status_code == 200
        and u.has_perm("gemeenten.publish_gemeentepagina")
    ),
    "diensten-importeren": lambda c, u, w: (
        c.get(reverse("wagtailsnippets_kaart_dienst:import")).status_code == 200
    ),
    "inzendingen-beoordelen": lambda c, u, w: (
        c.get(reverse("wagtailsnippets_inzendingen_inzending:list")).status_code == 200
        and c.get(reverse("wagtailsnippets_inzendingen_tip:list")).status_code == 200
    ),
    "persoonsgegevens-inzenders": lambda c, u, w: _toont(
        c,
        reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[w["inzending"].pk]),
        "petra@example.org",
    ),
    "terugbelverzoeken": lambda c, u, w: _toont(
        c, reverse("wagtailsnippets_inzendingen_terugbelverzoek:list"), "030 7654321"
    ),
    "bijlagen": lambda c, u, w: (
        c.get(
            reverse("wagtailsnippets_inzendingen_inzending:bijlage", args=[w["bijlage"].pk])
        ).status_code
        == 200
    ),
    "uitgaande-mails": lambda c, u, w: (
        c.get(reverse("wagtailsnippets_inzendingen_mail:list")).status_code == 200
    ),
    "abonnees": lambda c, u, w: _toont(
        c, reverse("nieuwsbrief_subscriber_modeladmin_index"), "lezer@example.org"
    ),
    "nieuwsbrief-schrijven": lambda c, u, w: (
        c.get(reverse("wagtailsnippets_nieuwsbrief_issue:add")).status_code == 200
    ),
    "nieuwsbrief-versturen": lambda c, u, w: u.has_perm("nieuwsbrief.send_issue"),
    "gebruikers-beheren": lambda c, u, w: (
        c.get(reverse("wagtailusers_users:index")).status_code == 200
        and c.get(reverse("wagtailusers_groups:index")).status_code == 200
    ),
}


def test_the_table_names_the_three_groups_and_every_action_has_a_check():
    assert GROEPEN == [rollen.REDACTEUREN, rollen.MODERATOREN, rollen.BEHEERDERS]
    assert set(ACTIES) == set(CONTROLES)


@pytest.mark.parametrize("groep", GROEPEN)
def test_group_may_do_what_the_table_says(client, wereld, groep):
    """One member of the group tries every action; every cell that disagrees is reported."""
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        f"lid-{groep.lower()}", f"{groep.lower()}@example.org", "een-lang-wachtwoord-42"
    )
    user.groups.add(Group.objects.get(name=groep))
    client.force_login(user)
    anders = [
        f"{groep} {'moet' if mag else 'mag niet'}: {actie}"
        for actie, per_groep in ACTIES.items()
        if bool(CONTROLES[actie](client, user, wereld)) is not (mag := per_groep[groep])
    ]
    assert anders == []


def test_rollen_bijwerken_removes_rights_added_by_hand(db, home_page):
    from django.contrib.auth.models import Group, Permission

    load_groups()
    redacteuren = Group.objects.get(name=rollen.REDACTEUREN)
    redacteuren.permissions.add(Permission.objects.get(codename="view_terugbelverzoek"))
    call_command("rollen_bijwerken", verbosity=0)
    assert not redacteuren.permissions.filter(codename="view_terugbelverzoek").exists()
    assert redacteuren.permissions.filter(codename="change_hulpmiddel").exists()


def test_a_redacteurs_change_to_a_service_goes_to_the_moderators(db, home_page):
    from django.contrib.auth.models import Group

    from kaart.factories import DienstFactory

    load_groups()
    dienst = DienstFactory()
    workflow = dienst.get_workflow()
    assert workflow is not None
    goedkeurders = {g.name for taak in workflow.tasks.specific() for g in taak.groups.all()}
    assert rollen.MODERATOREN in goedkeurders
    redacteur = get_user_model().objects.create_user("schrijver", "s@example.org", "x" * 20)
    redacteur.groups.add(Group.objects.get(name=rollen.REDACTEUREN))
    assert redacteur.has_perm("kaart.change_dienst")
    assert not redacteur.has_perm("kaart.publish_dienst")
