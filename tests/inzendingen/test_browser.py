"""Every form in a real browser: it renders, works with and without JavaScript, and axe-core
finds no WCAG 2.1 A/AA violations — also when the form shows its errors."""

import re
from contextlib import contextmanager

import pytest
from django.db import connection
from playwright.sync_api import expect

from tests.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


@contextmanager
def database(django_db_blocker):
    """Database access from a browser test; the connection is closed after each use, because
    Playwright may run this code in another context than the session's (an open connection
    would keep the PostgreSQL test database in use at the end)."""
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            connection.close()


@pytest.fixture(scope="module")
def dienst_pk(live_site, django_db_blocker):
    """A live service of our own (browser tests share the demo database); removed after."""
    from kaart.factories import DienstFactory

    with database(django_db_blocker):
        dienst = DienstFactory(
            naam="Koffieochtend Het Anker",
            extern_id="browser-inzendingen",
            termen={"doelgroep": ["ouderen"], "frequentie": ["structureel"]},
            gemeente_codes=["GM0344"],
        )
    yield dienst.pk
    with database(django_db_blocker):
        dienst.delete()


def formulieren(dienst_pk):
    return {
        "voorbeeld": "/inzendingen/voorbeeld/",
        "dienst": "/inzendingen/dienst/",
        "wijziging": f"/inzendingen/wijziging/{dienst_pk}/",
        "opgeheven": f"/inzendingen/wijziging/{dienst_pk}/opgeheven/",
        "tip": "/inzendingen/tip/",
        "terugbellen": "/inzendingen/bel-mij-terug/",
    }


FORMULIEREN = ["voorbeeld", "dienst", "wijziging", "opgeheven", "tip", "terugbellen"]


@pytest.mark.parametrize("formulier", FORMULIEREN)
def test_formulier_en_foutmeldingen_zijn_toegankelijk(page, live_site, dienst_pk, formulier):
    url = live_site + formulieren(dienst_pk)[formulier]
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)

    if formulier == "wijziging":
        page.fill("#id_naam", "")  # the prefilled form: empty a required field
    page.locator("form.portal-formulier button[type=submit]").click()
    page.wait_for_load_state()
    samenvatting = page.locator("#foutmeldingen")
    assert samenvatting.is_visible()
    assert page.title().startswith("Fout: ")
    assert page.evaluate("document.activeElement.id") == "foutmeldingen"
    eerste = samenvatting.locator("a").first
    doel = eerste.get_attribute("href")
    assert page.locator(doel).count() == 1  # each error links to its field
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("formulier", FORMULIEREN)
def test_formulier_past_op_een_klein_scherm(page, live_site, dienst_pk, formulier):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_site + formulieren(dienst_pk)[formulier])
    assert_no_horizontal_scroll(page)


def test_bel_mij_terug_versturen_en_bedankpagina(page, live_site):
    page.goto(live_site + "/inzendingen/bel-mij-terug/")
    assert page.get_by_text("Liever zelf bellen?").is_visible()
    page.get_by_label("Uw naam", exact=True).fill("Riet de Boer")
    page.get_by_label("Uw telefoonnummer", exact=True).fill("030 1234567")
    page.get_by_label("In de middag (12.00 tot 17.00 uur)").check()
    page.get_by_label(re.compile("Ik geef toestemming")).check()
    page.get_by_role("button", name="Bel mij terug").click()
    page.wait_for_url(re.compile("/inzendingen/verzonden/"))
    assert page.locator("h1").inner_text() == "Bedankt, wij hebben het ontvangen"
    assert re.fullmatch(r"TB-[2-9A-Z]{6}", page.locator(".portal-referentie").inner_text())
    assert_no_axe_violations(page)


def test_rekenpuzzel_wordt_in_de_achtergrond_opgelost(page, live_site, django_db_blocker):
    page.goto(live_site + "/inzendingen/tip/")
    expect(page.locator("[data-rekenpuzzel]")).not_to_have_value("", timeout=30000)
    assert page.locator("[data-rekenpuzzel]").input_value().isdigit()
    page.get_by_label("Naam van het hulpmiddel").fill("Werkboek samen in gesprek")
    page.get_by_label("Link naar het hulpmiddel").fill("https://www.voorbeeld.nl/werkboek")
    page.get_by_label("Waarom is het nuttig?").fill("Helpt om het gesprek te beginnen.")
    page.get_by_role("button", name="Tip versturen").click()
    page.wait_for_url(re.compile("/inzendingen/verzonden/"))
    referentie = page.locator(".portal-referentie").inner_text()
    from inzendingen.models import Tip

    with database(django_db_blocker):
        tip = Tip.objects.get(referentie=referentie)
        tip.delete()
    assert tip.spam_redenen == []


def test_tip_insturen_zonder_javascript(browser, live_site, django_db_blocker):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(live_site + "/inzendingen/tip/")
        tab.get_by_label("Naam van het hulpmiddel").fill("Gesprekskaarten eenzaamheid")
        tab.get_by_label("Link naar het hulpmiddel").fill("www.voorbeeld.nl/gesprekskaarten")
        tab.get_by_label("Waarom is het nuttig?").fill("Helpt om het gesprek te beginnen.")
        tab.get_by_role("button", name="Tip versturen").click()
        tab.wait_for_url(re.compile("/inzendingen/verzonden/"))
        referentie = tab.locator(".portal-referentie").inner_text()
    finally:
        context.close()
    from inzendingen.models import Tip

    with database(django_db_blocker):
        tip = Tip.objects.get(referentie=referentie)
        tip.delete()
    assert tip.link == "https://www.voorbeeld.nl/gesprekskaarten"
    assert tip.status == Tip.Status.NIEUW  # no JavaScript, no puzzle: not suspect


def test_voorbeelden_overzicht_en_pagina(page, live_site):
    page.goto(live_site + "/voorbeelden/")
    assert page.locator(".portal-card").count() >= 5
    assert_no_axe_violations(page)
    page.select_option("#filter-provincie", "Overijssel")
    page.get_by_role("button", name="Toon voorbeelden").click()
    page.wait_for_load_state()
    kaartjes = page.locator(".portal-card")
    assert kaartjes.count() >= 1
    assert all("Overijssel" in tekst for tekst in kaartjes.all_inner_texts())
    kaartjes.first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    assert "provincie Overijssel" in page.locator(".portal-voorbeeld__gemeente").inner_text()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_horizontal_scroll(page)
    page.goto(live_site + "/voorbeelden/?gemeente=GM0193")
    assert page.locator("h1").inner_text() == "Voorbeelden uit Zwolle"
    assert_no_horizontal_scroll(page)
