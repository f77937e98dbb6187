"""A moderator's Monday morning, in a real browser: a resident sends in an example, the moderator
signs in, finds it in the queue, approves and publishes it on its own screen and is back in the
queue; the example is then on the site. And the dienst form's gemeenten filter, by typing.
"""

import re
import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .test_browser import database

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WACHTWOORD = "maandagochtend-2026"
INZENDING = "wagtailsnippets_inzendingen_inzending"
LIJST = f"{INZENDING}:list"


@pytest.fixture
def moderator(live_site, django_db_blocker):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    naam = f"moderator-{uuid.uuid4().hex[:8]}"
    with database(django_db_blocker):
        user = get_user_model().objects.create_user(naam, f"{naam}@example.org", WACHTWOORD)
        user.groups.add(Group.objects.get(name="Moderatoren"))
    yield naam
    with database(django_db_blocker):
        user.delete()


def inloggen(tab, live_site, naam):
    tab.goto(live_site + reverse("wagtailadmin_login"))
    tab.fill("#id_username", naam)
    tab.fill("#id_password", WACHTWOORD)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(live_site + reverse("wagtailadmin_home"))


def test_a_moderator_approves_a_voorbeeld_on_one_screen(
    browser, live_site, moderator, django_db_blocker
):
    from inzendingen.models import Beoordeling, Inzending

    titel = f"Wandelmaatjes {uuid.uuid4().hex[:6]}"
    bewoner = browser.new_context(locale="nl-NL")
    tab = bewoner.new_page()
    tab.set_default_timeout(30000)
    tab.goto(live_site + "/inzendingen/voorbeeld/")
    tab.get_by_label("Over welke gemeente gaat het?").select_option("GM0344")
    tab.get_by_label(re.compile("^Titel van uw voorbeeld")).fill(titel)
    tab.get_by_label(re.compile("^Korte samenvatting")).fill(
        "Vrijwilligers wandelen elke week met een buurtgenoot die weinig buiten komt."
    )
    tab.get_by_label(re.compile("^Ondersteuning en activering")).fill(
        "De gemeente betaalt de coördinator."
    )
    tab.locator("#id_inzender_naam").fill("Petra de Vries")  # the footer has a name field too
    tab.locator("#id_inzender_email").fill("petra@example.org")
    tab.get_by_label(re.compile("toestemming", re.I)).check()
    expect(tab.locator("[data-rekenpuzzel]")).not_to_have_value("", timeout=30000)
    tab.get_by_role("button", name=re.compile("versturen", re.I)).click()
    tab.wait_for_url(re.compile("/inzendingen/verzonden/"))
    referentie = tab.locator(".portal-referentie").inner_text().strip()
    bewoner.close()

    with database(django_db_blocker):
        inzending = Inzending.objects.get(referentie=referentie)
        pagina_id = inzending.voorbeeld_id
    try:
        beheer = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        tab = beheer.new_page()
        tab.set_default_timeout(30000)
        inloggen(tab, live_site, moderator)
        tab.goto(live_site + reverse(LIJST) + "?status=nieuw")
        expect(tab.get_by_text(referentie)).to_be_visible()
        tab.goto(live_site + reverse(f"{INZENDING}:inspect", args=[inzending.pk]))
        expect(tab.get_by_role("heading", name="Wat wilt u doen?")).to_be_visible()
        tab.get_by_role("button", name="Goedkeuren en publiceren").click()
        tab.wait_for_url(live_site + reverse(LIJST))
        melding = tab.locator(".messages").inner_text()
        assert "goedgekeurd en gepubliceerd" in melding and titel in melding
        beheer.close()

        with database(django_db_blocker):
            inzending.refresh_from_db()
            pagina = inzending.voorbeeld
            assert inzending.status == Beoordeling.GOEDGEKEURD and pagina.live
            url = pagina.url
        publiek = browser.new_context(locale="nl-NL")
        tab = publiek.new_page()
        assert tab.goto(live_site + url).status == 200
        expect(tab.get_by_role("heading", level=1)).to_have_text(titel)
        publiek.close()
    finally:
        from wagtail.models import Page

        with database(django_db_blocker):
            Inzending.objects.filter(pk=inzending.pk).delete()
            Page.objects.filter(pk=pagina_id).delete()


def test_the_gemeenten_filter_of_the_dienst_form(browser, live_site, moderator):
    beheer = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    tab = beheer.new_page()
    tab.set_default_timeout(30000)
    try:
        inloggen(tab, live_site, moderator)
        tab.goto(live_site + reverse("wagtailsnippets_kaart_dienst:add"))
        tab.get_by_role("tab", name="Contact en plaats").click()
        zoek = tab.get_by_label("Zoek een gemeente")
        expect(zoek).to_be_visible()
        zoek.fill("gooise")
        expect(tab.get_by_label("Gooise Meren")).to_be_visible()
        expect(tab.get_by_label("Utrecht", exact=True)).to_be_hidden()
        tab.get_by_label("Gooise Meren").check()
        zoek.fill("")
        expect(tab.get_by_label("Utrecht", exact=True)).to_be_attached()
        assert tab.get_by_label("Gooise Meren").is_checked()  # a filter never loses a choice
    finally:
        beheer.close()
