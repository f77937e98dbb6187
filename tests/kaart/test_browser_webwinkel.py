"""The web-shop journey in a real browser, at 320, 360, 768 and 1280 px: the task of an
80-year-old on a phone, the bewaarlijst from dienst pages to a shared, printed list, compare on a
phone, the hulpwijzer, and the no-JavaScript runs; axe-core (WCAG 2.1 A/AA and 2.2 AA) and no
sideways scrolling on every page of the journey. Phone page heights are printed for the record.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BREEDTES = (320, 360, 768, 1280)


@pytest.fixture(scope="module")
def site(live_site, django_db_blocker):
    """The base URL and a few live services' numbers (the demo content)."""
    from django.db import connection

    from kaart.models import Dienst

    with django_db_blocker.unblock():
        ids = list(Dienst.objects.filter(live=True).order_by("naam").values_list("pk", flat=True))
        connection.close()
    assert len(ids) >= 10
    return live_site, ids


def tab_van(browser, breedte=360, hoogte=800, js=True):
    context = browser.new_context(
        viewport={"width": breedte, "height": hoogte}, locale="nl-NL", java_script_enabled=js
    )
    tab = context.new_page()
    tab.set_default_timeout(15000)
    return context, tab


def test_task_a_free_telephone_service_for_an_80_year_old_in_six_interactions(site, browser):
    basis, _ = site
    context, tab = tab_van(browser, 360)
    stappen = 0

    def klik(locator):
        nonlocal stappen
        stappen += 1
        with tab.expect_navigation():
            locator.click()

    tab.goto(basis + "/")
    klik(tab.get_by_role("link", name="Bekijk alles in de sociale kaart"))
    for snel in ("Gratis", "Telefonisch", "Voor ouderen"):
        klik(tab.locator(".kaart-snelfilters a", has_text=snel))
        tab.wait_for_selector("[data-kaart-zoeken]:not([aria-busy])", state="attached")
    assert parse_qs(urlsplit(tab.url).query) == {
        "doelgroep": ["ouderen"],
        "plek": ["telefonisch"],
        "kosten": ["gratis"],
    }
    bel = tab.locator(".kaart-lijst a.kaart-bel").first
    # On a phone the button reads "Bel"; the number stays in its name for screen readers.
    assert bel.is_visible() and "Bel" in bel.inner_text()
    assert bel.locator(".kaart-bel__nummer").bounding_box()["width"] <= 1
    assert bel.get_attribute("href").startswith("tel:0800")
    # Opening the phone link is the last interaction; the browser hands tel: to the phone.
    stappen += 1
    assert stappen <= 6
    print(f"\nTASK interactions={stappen}")
    context.close()


def test_bewaarlijst_from_dienst_pages_shared_and_printed(site, browser):
    basis, ids = site
    context, tab = tab_van(browser, 1280, 900)
    for pk in ids[:3]:
        tab.goto(f"{basis}/kaart/dienst/{pk}/")
        knop = tab.locator("main [data-kaart-bewaar]")
        knop.click()
        assert knop.get_attribute("aria-pressed") == "true"
    assert tab.locator("[data-kaart-bewaar-aantal]").inner_text().strip() == "(3)"
    # Closing the tab keeps the list: a new tab of the same browser opens it.
    tab.close()
    tab = context.new_page()
    tab.goto(f"{basis}/kaart/bewaarlijst/")
    tab.wait_for_url(re.compile(r"/kaart/bewaarlijst/\?id="))
    assert tab.locator(".kaart-lijst article").count() == 3
    deel = tab.input_value("#bewaarlijst-link")
    assert parse_qs(urlsplit(deel).query) == {"id": [str(pk) for pk in ids[:3]]}
    assert_no_axe_violations(tab)

    ander, nieuw = tab_van(browser, 360)
    nieuw.goto(deel)
    assert nieuw.locator(".kaart-lijst article").count() == 3
    # The other browser's own list is empty: it may take the shared one over.
    assert nieuw.locator("[data-kaart-deel]").is_visible()
    with nieuw.expect_navigation():
        nieuw.click("text=Afdrukken (één A4 met QR-codes)")
    assert nieuw.locator(".kaart-handout__qr svg").count() == 3
    assert_no_horizontal_scroll(nieuw)
    assert_no_axe_violations(nieuw)
    ander.close()

    # The handout prints on one A4 page.
    tab.goto(f"{basis}/kaart/bewaarlijst/afdrukken/?" + "&".join(f"id={pk}" for pk in ids[:8]))
    pdf = tab.pdf(format="A4", print_background=False)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    context.close()


def test_phone_heights_and_compare_bar(site, browser):
    basis, ids = site
    context, tab = tab_van(browser, 360, 800)
    tab.goto(basis + "/kaart/")
    tab.wait_for_load_state("networkidle")
    # Every card laid out (not only those near the screen), so the heights are real.
    tab.evaluate(
        "document.querySelectorAll('.kaart-lijst > li')"
        ".forEach(li => li.style.contentVisibility = 'visible')"
    )
    hoogte = tab.evaluate("document.documentElement.scrollHeight")
    lijst = tab.evaluate("document.querySelector('.kaart-lijst').getBoundingClientRect().height")
    kop = tab.evaluate(
        "document.getElementById('kaart-resultaten-kop').getBoundingClientRect().top + scrollY"
    )
    tab.locator("input[data-kaart-vergelijk]").nth(0).check()
    tab.locator("input[data-kaart-vergelijk]").nth(1).check()
    balk = tab.locator("#kaart-vergelijkbalk").bounding_box()["height"]
    print(
        f"\nHEIGHTS kaart_page={hoogte}px list={lijst:.0f}px results_top={kop:.0f}px "
        f"compare_bar={balk:.0f}px ({balk / 800:.0%})"
    )
    assert lijst <= 6 * 800
    assert balk <= 0.15 * 800
    # Results come first: their heading is within the first screen.
    assert kop < 800
    context.close()


@pytest.mark.parametrize("breedte", BREEDTES)
def test_compare_on_every_width(site, browser, breedte):
    basis, ids = site
    context, tab = tab_van(browser, breedte)
    tab.goto(f"{basis}/kaart/vergelijk/?" + "&".join(f"id={pk}" for pk in ids[:3]))
    assert_no_horizontal_scroll(tab)
    wrap = tab.evaluate(
        "(() => { const w = document.querySelector('.kaart-vergelijking-wrap');"
        " return w.scrollWidth - w.clientWidth; })()"
    )
    assert wrap <= 0, f"the table scrolls {wrap}px sideways at {breedte}px"
    if breedte < 768:
        # Stacked: each value carries its service's name.
        namen = tab.locator("tbody tr").first.locator(".kaart-vergelijking__naam")
        assert namen.count() == 3 and namen.first.is_visible()
    with tab.expect_navigation():
        tab.click("text=Toon alleen de verschillen")
    assert "verschillen=1" in tab.url
    assert_no_horizontal_scroll(tab)
    assert_no_axe_violations(tab)
    context.close()


PAGINAS = [
    "/",
    "/kaart/",
    "/kaart/?plek=telefonisch&kosten=gratis",
    "/kaart/?q=qqqxyzzy",
    "/kaart/hulpwijzer/",
    "/kaart/hulpwijzer/?voor=ouderen&stap=2",
    "/zoeken/?q=maatje",
    "/kaart/bewaarlijst/",
]


@pytest.mark.parametrize("breedte", BREEDTES)
def test_journey_pages_fit_and_pass_axe(site, browser, breedte):
    basis, ids = site
    context, tab = tab_van(browser, breedte)
    extra = [f"/kaart/dienst/{ids[0]}/", "/kaart/bewaarlijst/?" + f"id={ids[0]}&id={ids[1]}"]
    for pad in PAGINAS + extra:
        tab.goto(basis + pad)
        assert_no_horizontal_scroll(tab)
        assert_no_axe_violations(tab)
    context.close()


def test_hulpwijzer_without_javascript_ends_in_a_filtered_kaart(site, browser):
    basis, _ = site
    context, tab = tab_van(browser, 360, js=False)
    tab.goto(basis + "/")
    with tab.expect_navigation():
        tab.click("text=Beantwoord vier korte vragen")
    tab.check("#hulpwijzer-ouderen")
    with tab.expect_navigation():
        tab.click("text=Volgende vraag")
    # The place question is skipped here (plaats= belongs to the place branch).
    with tab.expect_navigation():
        tab.click("text=Sla deze vraag over")
    tab.check("#hulpwijzer-praten")
    with tab.expect_navigation():
        tab.click("text=Volgende vraag")
    tab.go_back()
    assert tab.is_checked("#hulpwijzer-praten")
    with tab.expect_navigation():
        tab.click("text=Volgende vraag")
    tab.check("#hulpwijzer-telefoon")
    with tab.expect_navigation():
        tab.click("text=Toon wat bij mij past")
    assert urlsplit(tab.url).path == "/kaart/"
    assert parse_qs(urlsplit(tab.url).query) == {
        "doelgroep": ["ouderen", "iedereen"],
        "activiteit": ["een-op-een"],
        "plek": ["telefonisch"],
    }
    assert tab.locator(".kaart-lijst article").count() >= 1
    context.close()


def test_bewaarlijst_without_javascript_keeps_the_ids_in_the_url(site, browser):
    basis, _ = site
    context, tab = tab_van(browser, 1280, 900, js=False)
    tab.goto(basis + "/kaart/")
    namen = []
    for i in range(2):
        kaartje = tab.locator(".kaart-lijst article").nth(i)
        namen.append(kaartje.locator("h3").inner_text())
        with tab.expect_navigation():
            kaartje.locator("a.kaart-bewaar").click()
    with tab.expect_navigation():
        tab.click("a[rel=next]")
    kaartje = tab.locator(".kaart-lijst article").first
    namen.append(kaartje.locator("h3").inner_text())
    with tab.expect_navigation():
        kaartje.locator("a.kaart-bewaar").click()
    with tab.expect_navigation():
        tab.click("[data-kaart-bewaarlijst-link]")
    assert tab.locator(".kaart-lijst h2").all_inner_texts() == namen
    with tab.expect_navigation():
        tab.click("text=Afdrukken (één A4 met QR-codes)")
    assert tab.locator(".kaart-handout__qr svg").count() == 3
    context.close()
