"""Hulpmiddel tippen and Bel mij terug: into the admin queues, never public, handled there."""

import pytest
from django.urls import reverse

from hulpmiddelen.models import Hulpmiddel, Soort
from inzendingen.models import Terugbelverzoek, Tip

from .conftest import beveiligd

pytestmark = pytest.mark.django_db


@pytest.fixture
def soort(db):
    return Soort.objects.get_or_create(slug="handreiking", defaults={"naam": "Handreiking"})[0]


def _tip(**extra):
    data = {
        "titel": "Handboek luisteren",
        "link": "https://www.voorbeeld.nl/handboek-luisteren",
        "waarom": "Het helpt vrijwilligers om beter te luisteren.",
        "inzender_email": "tipgever@example.org",
        "toestemming": "on",
    }
    data.update(extra)
    return beveiligd("tip", **data)


def test_tip_komt_in_de_wachtrij_en_wordt_in_een_stap_een_concept_hulpmiddel(
    client, soort, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:tip"), _tip(soort=str(soort.pk)))
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert tip.status == Tip.Status.NIEUW and tip.soort == soort
    assert tip.referentie.startswith("TIP-")
    assert not Hulpmiddel.objects.exists()
    assert {m.to[0] for m in mailoutbox} >= {"tipgever@example.org", "moderator@example.org"}
    mailoutbox.clear()

    client.force_login(moderator)
    url = reverse("wagtailsnippets_inzendingen_tip:actie", args=[tip.pk, "hulpmiddel"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    hulpmiddel = Hulpmiddel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_hulpmiddelen_hulpmiddel:edit", args=[hulpmiddel.pk]
    )
    assert not hulpmiddel.live and hulpmiddel.latest_revision_id
    assert hulpmiddel.title == "Handboek luisteren"
    assert hulpmiddel.link == "https://www.voorbeeld.nl/handboek-luisteren"
    assert hulpmiddel.beschrijving == "Het helpt vrijwilligers om beter te luisteren."
    assert hulpmiddel.soort == soort
    tip.refresh_from_db()
    assert tip.status == Tip.Status.VERWERKT and tip.hulpmiddel == hulpmiddel
    assert [m.to for m in mailoutbox] == [["tipgever@example.org"]]
    # A second click does not make a second one.
    client.post(url)
    assert Hulpmiddel.objects.count() == 1
    # Visible once an editor publishes it.
    hulpmiddel.save_revision().publish()
    assert Hulpmiddel.objects.live().filter(title="Handboek luisteren").exists()


def test_tip_met_een_bekende_link_wordt_gemarkeerd(
    client, soort, django_capture_on_commit_callbacks
):
    Hulpmiddel.objects.create(
        title="Bestaand handboek",
        slug="bestaand",
        beschrijving="x",
        soort=soort,
        link="https://voorbeeld.nl/handboek-luisteren/",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:tip"), _tip())
        client.post(reverse("inzendingen:tip"), _tip(link="https://www.voorbeeld.nl/iets-anders"))
        client.post(reverse("inzendingen:tip"), _tip(link="https://elders.example.org/x"))
    dezelfde, zelfde_site, nieuw = Tip.objects.order_by("ontvangen_op", "pk")
    assert dezelfde.dubbel_met == "Zelfde link als hulpmiddel 'Bestaand handboek'"
    assert zelfde_site.dubbel_met.startswith("Zelfde site als hulpmiddel 'Bestaand handboek'")
    assert f"tip {dezelfde.referentie}" in zelfde_site.dubbel_met
    assert nieuw.dubbel_met == ""


def test_tip_afwijzen_meldt_het_de_tipgever(
    client, soort, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:tip"), _tip())
    tip = Tip.objects.get()
    mailoutbox.clear()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailsnippets_inzendingen_tip:actie", args=[tip.pk, "afwijzen"]))
    tip.refresh_from_db()
    assert tip.status == Tip.Status.AFGEWEZEN and tip.besloten_op
    assert not Hulpmiddel.objects.exists()
    assert [m.to for m in mailoutbox] == [["tipgever@example.org"]]


def test_tip_link_moet_http_of_https_zijn(client):
    for link in (
        "javascript:alert(1)",
        "ftp://voorbeeld.nl/x",
        "https://localhost/x",
        "data:text/html,x",
    ):
        response = client.post(reverse("inzendingen:tip"), _tip(link=link))
        assert response.status_code == 200, link
        assert "Vul een volledig webadres in" in response.content.decode()
    assert not Tip.objects.exists()


def test_bel_mij_terug_toont_het_hulpnummer_en_komt_in_de_belrij(
    client, home_page, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    pagina = client.get(reverse("inzendingen:terugbellen")).content.decode()
    assert "0800 000 0000" in pagina and "werkdagen 9.00–17.00 uur" in pagina
    assert 'href="tel:08000000000"' in pagina

    data = beveiligd(
        "terugbellen",
        naam="Riet de Boer",
        telefoon="030 - 123 45 67",
        moment="ochtend",
        vraag="Ik zoek een koffieochtend.",
        toestemming="on",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:terugbellen"), data)
    assert response.status_code == 302
    verzoek = Terugbelverzoek.objects.get()
    assert verzoek.status == Terugbelverzoek.Status.OPEN and verzoek.moment == "ochtend"
    assert [m.to for m in mailoutbox] != [] and all("Riet" not in m.subject for m in mailoutbox)

    bedankt = client.get(response["Location"]).content.decode()
    assert verzoek.referentie in bedankt and "bellen u" in bedankt

    # The queue in the admin, with a status filter; marking it done starts the purge clock.
    client.force_login(moderator)
    lijst = client.get(
        reverse("wagtailsnippets_inzendingen_terugbelverzoek:list"), {"status": "open"}
    )
    assert "Riet de Boer" in lijst.content.decode()
    lijst = client.get(
        reverse("wagtailsnippets_inzendingen_terugbelverzoek:list"), {"status": "klaar"}
    )
    assert "Riet de Boer" not in lijst.content.decode()
    client.post(
        reverse("wagtailsnippets_inzendingen_terugbelverzoek:edit", args=[verzoek.pk]),
        {"status": "klaar", "notitie": "Gebeld, koffieochtend gevonden."},
    )
    verzoek.refresh_from_db()
    assert verzoek.status == Terugbelverzoek.Status.KLAAR and verzoek.afgehandeld_op


def test_bel_mij_terug_vraagt_een_echt_telefoonnummer(client, home_page):
    data = beveiligd(
        "terugbellen", naam="Riet", telefoon="bel me", moment="ochtend", toestemming="on"
    )
    response = client.post(reverse("inzendingen:terugbellen"), data)
    assert "Vul een telefoonnummer in van 10 cijfers" in response.content.decode()
    assert not Terugbelverzoek.objects.exists()
