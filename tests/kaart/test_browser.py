"""What people do on the kaart, in a real browser: filter, remove a chip, sort, compare, use the
drawer on a phone, go back, and all of it without JavaScript too; plus axe-core and no sideways
scrolling.

The tests run on the demo content (``live_site``) and read facet values from the page itself, so
they do not depend on which demo services exist.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KLAAR = "[data-kaart-zoeken]:not([aria-busy])"


@pytest.fixture(scope="module")
def kaart(live_site, django_db_blocker):
    """The base URL, once the demo content has services to search."""
    from django.db import connection

    from kaart.models import Dienst

    with django_db_blocker.unblock():
        aantal = Dienst.objects.filter(live=True).count()
        # With Playwright running this may be another connection than the session's; an open one
        # would keep the test database in use when it is dropped at the end.
        connection.close()
    assert aantal >= 10, "the demo content (kaart.demo) should have live services"
    return live_site


@pytest.fixture
def telefoon(browser):
    """A tab the size of a small phone, JavaScript on."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


@pytest.fixture
def zonder_js(browser):
    """A desktop tab with JavaScript off."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", java_script_enabled=False
    )
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


def params(tab) -> dict:
    return parse_qs(urlsplit(tab.url).query)


def aantal(tab) -> int:
    kop = tab.inner_text("#kaart-resultaten-kop")
    return int(re.match(r"\s*(\d+)", kop).group(1))


def telling(tab, vakje_id: str) -> int:
    """The count in a facet checkbox's label: 'Ouderen (65+) (12 diensten)' -> 12."""
    # textContent: the groups and cards are rendered only near the screen (content-visibility),
    # and innerText is empty for what is not rendered.
    label = tab.text_content(f"label[for={vakje_id}]")
    return int(re.search(r"\((\d+)[^()]*\)\s*$", label).group(1))


def wacht_op_url(tab, voorwaarde: str):
    """Wait until the address matches (a JS function of ``location``) and the swap is done."""
    tab.wait_for_function(f"() => {voorwaarde}")
    tab.wait_for_selector(KLAAR, state="attached")


def markeer_pagina(tab):
    """Put a mark in the page's JavaScript world; a full page load would wipe it."""
    tab.evaluate("window.__zelfdePagina = true")


def zelfde_pagina(tab) -> bool:
    return tab.evaluate("window.__zelfdePagina === true")


def eerste_vakje(tab, facet: str) -> str:
    """The id of the first checkbox of a facet group."""
    return tab.get_attribute(f"#facet-{facet} input[type=checkbox]", "id")


def kosten_waarde(tekst: str) -> float:
    if tekst.startswith("Gratis"):
        return 0.0
    if tekst.startswith("Onbekend"):
        return float("inf")
    bedrag = re.search(r"€\s*([\d.]+(?:,\d+)?)", tekst).group(1)
    return float(bedrag.replace(".", "").replace(",", "."))


# --- With JavaScript ------------------------------------------------------------------------------


def test_filter_door_aan_te_vinken(kaart, page):
    page.goto(f"{kaart}/kaart/")
    totaal = aantal(page)
    vakje = eerste_vakje(page, "doelgroep")
    waarde = page.get_attribute(f"#{vakje}", "value")
    verwacht = telling(page, vakje)
    markeer_pagina(page)

    page.check(f"#{vakje}")
    wacht_op_url(page, f"location.search.includes('doelgroep={waarde}')")

    assert zelfde_pagina(page), "the results should update without a full page load"
    assert aantal(page) == verwacht <= totaal
    assert page.is_checked(f"#{vakje}")
    # Focus stays on the checkbox, and the count is announced in the status region.
    assert page.evaluate("document.activeElement.id") == vakje
    page.wait_for_function(
        "() => document.getElementById('kaart-status').textContent.trim().length > 0"
    )
    assert page.inner_text("#kaart-status").startswith(f"{verwacht} dienst")
    assert page.locator(".kaart-gekozen .kaart-chip").count() == 1


def test_chip_weghalen(kaart, page):
    page.goto(f"{kaart}/kaart/")
    doelgroep = page.get_attribute(f"#{eerste_vakje(page, 'doelgroep')}", "value")
    page.goto(f"{kaart}/kaart/?doelgroep={doelgroep}&leeftijd=70")
    plek = page.get_attribute(f"#{eerste_vakje(page, 'plek')}", "value")
    page.goto(f"{kaart}/kaart/?doelgroep={doelgroep}&plek={plek}&leeftijd=70")
    assert page.locator(".kaart-gekozen .kaart-chip").count() == 3
    markeer_pagina(page)

    page.locator(".kaart-gekozen .kaart-chip", has_text="Leeftijd").click()
    wacht_op_url(page, "!location.search.includes('leeftijd')")
    assert zelfde_pagina(page)
    assert params(page) == {"doelgroep": [doelgroep], "plek": [plek]}
    assert page.input_value("#kaart-leeftijd") == ""
    assert page.locator(".kaart-gekozen .kaart-chip").count() == 2
    # Focus moves to the results heading, not to the top of the page.
    assert page.evaluate("document.activeElement.id") == "kaart-resultaten-kop"

    page.click("text=Alle filters wissen")
    wacht_op_url(page, "location.search === ''")
    assert page.locator(".kaart-gekozen").count() == 0
    assert not page.is_checked(f"#f-doelgroep-{doelgroep}")


def test_sorteren_op_kosten(kaart, page):
    page.goto(f"{kaart}/kaart/?page_size=100")
    markeer_pagina(page)
    page.focus("#kaart-sort")
    page.select_option("#kaart-sort", "kosten")
    wacht_op_url(page, "location.search.includes('sort=kosten')")
    assert zelfde_pagina(page)
    kosten = [
        kosten_waarde(tekst)
        for tekst in page.locator(
            ".kaart-dienst .kaart-kenmerken > div:first-child dd"
        ).all_text_contents()
    ]
    assert len(kosten) > 1 and kosten == sorted(kosten)
    assert page.evaluate("document.activeElement.id") == "kaart-sort"

    page.select_option("#kaart-sort", label="Naam (A tot Z)")
    wacht_op_url(page, "!location.search.includes('sort')")
    namen = page.locator(".kaart-dienst h3").all_text_contents()
    assert namen == sorted(namen, key=str.lower)


def test_terugknop_na_een_update(kaart, page):
    page.goto(f"{kaart}/kaart/")
    totaal = aantal(page)
    vakje = eerste_vakje(page, "thema")
    waarde = page.get_attribute(f"#{vakje}", "value")
    verwacht = telling(page, vakje)
    page.check(f"#{vakje}")
    wacht_op_url(page, f"location.search.includes('thema={waarde}')")
    assert aantal(page) == verwacht

    page.go_back()
    wacht_op_url(page, "location.search === ''")
    page.wait_for_function(
        f"() => document.getElementById('kaart-resultaten-kop').textContent.trim()"
        f".startsWith('{totaal} ')"
    )
    assert not page.is_checked(f"#{vakje}")

    page.go_forward()
    wacht_op_url(page, f"location.search.includes('thema={waarde}')")
    page.wait_for_function(
        f"() => document.getElementById('kaart-resultaten-kop').textContent.trim()"
        f".startsWith('{verwacht} ')"
    )
    assert page.is_checked(f"#{vakje}")


def test_vergelijken(kaart, page):
    page.goto(f"{kaart}/kaart/")
    page.evaluate("sessionStorage.clear()")
    vakjes = page.locator("input[data-kaart-vergelijk]")
    namen = [vakjes.nth(i).get_attribute("data-naam") for i in range(5)]
    assert page.is_hidden("#kaart-vergelijkbalk")
    # Without JavaScript a button sends the form; with it, the bar takes over.
    assert page.is_hidden("button[form=kaart-vergelijk]")

    for i in range(3):
        vakjes.nth(i).check()
    balk = page.locator("#kaart-vergelijkbalk")
    assert balk.is_visible()
    gekozen = [" ".join(t.split()) for t in balk.locator(".kaart-chip").all_inner_texts()]
    assert gekozen == [f"{naam} uit de vergelijking halen" for naam in namen[:3]]
    vakjes.nth(3).check()
    vakjes.nth(4).click()  # a fifth is one too many: it does not stay checked
    assert not vakjes.nth(4).is_checked()
    page.wait_for_function(
        "() => document.querySelector('[data-kaart-balk-melding]').textContent.includes('vier')"
    )
    assert balk.locator(".kaart-chip").count() == 4

    # Take one out from the bar, then compare.
    balk.locator(".kaart-chip").nth(3).click()
    assert not vakjes.nth(3).is_checked()
    balk.locator("a[data-kaart-balk-knop]").click()
    page.wait_for_url(re.compile(r"/kaart/vergelijk/\?"))
    koppen = page.locator("thead th[scope=col] a:first-child").all_inner_texts()
    assert koppen == namen[:3]
    assert page.locator("tr.kaart-verschil").count() > 0
    assert_no_axe_violations(page)

    # Back on the search page the choice is still there.
    page.click("text=Terug naar de resultaten")
    page.wait_for_url(re.compile(r"/kaart/"))
    page.wait_for_selector("#kaart-vergelijkbalk:not([hidden])")
    assert page.locator("#kaart-vergelijkbalk .kaart-chip").count() == 3


def test_zoeken_met_tekst_zonder_herladen(kaart, page):
    page.goto(f"{kaart}/kaart/")
    eerste = page.text_content(".kaart-dienst h3")
    woord = eerste.split()[0]
    markeer_pagina(page)
    page.fill("#kaart-q", woord)
    page.press("#kaart-q", "Enter")
    wacht_op_url(page, f"location.search.includes('q={woord}')")
    assert zelfde_pagina(page)
    assert eerste in page.locator(".kaart-dienst h3").all_text_contents()
    assert page.locator(".kaart-gekozen .kaart-chip", has_text="Zoekwoord").count() == 1
    page.locator(".kaart-gekozen .kaart-chip", has_text="Zoekwoord").click()
    wacht_op_url(page, "!location.search.includes('q=')")
    assert page.input_value("#kaart-q") == ""


def test_foute_leeftijd_geeft_een_melding(kaart, page):
    page.goto(f"{kaart}/kaart/")
    totaal = aantal(page)
    page.fill("#kaart-leeftijd", "honderd")
    page.click("text=Plaats en leeftijd toepassen")
    page.wait_for_selector(".kaart-melding")
    page.wait_for_selector(KLAAR, state="attached")
    assert "0 tot en met 120" in page.inner_text(".kaart-melding")
    assert page.get_attribute("#kaart-leeftijd", "aria-invalid") == "true"
    assert aantal(page) == totaal


@pytest.fixture(params=[360, 1280], ids=["360px", "1280px"])
def breedte_tab(browser, request):
    """A tab 360 or 1280 pixels wide, JavaScript on."""
    context = browser.new_context(viewport={"width": request.param, "height": 800}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


def combobox_open(tab, veld: str) -> str:
    """Wait until the field's listbox shows options; answers the listbox's id."""
    tab.wait_for_function(
        f"() => document.querySelector('{veld}').getAttribute('aria-expanded') === 'true'"
    )
    lijst = tab.get_attribute(veld, "aria-controls")
    assert tab.get_attribute(f"#{lijst}", "role") == "listbox"
    assert tab.locator(f"#{lijst} [role=option]").count() >= 1
    return lijst


def test_waar_woont_u_met_alleen_het_toetsenbord(kaart, breedte_tab):
    """Type, arrow down, Enter: the place is chosen and the results are for it; Escape closes."""
    tab = breedte_tab
    tab.goto(f"{kaart}/kaart/")
    if not tab.is_visible("#kaart-plaats"):  # on a phone the filters are in a drawer
        tab.focus("#kaart-filters summary")
        tab.keyboard.press("Enter")
    tab.focus("#kaart-plaats")
    tab.keyboard.type("lunt")
    lijst = combobox_open(tab, "#kaart-plaats")
    assert tab.get_attribute("#kaart-plaats", "role") == "combobox"
    status = tab.locator(f"#{lijst} ~ [role=status]")
    tab.wait_for_function(
        f"() => /\\d+ suggesties?/.test(document.querySelector('#{lijst} ~ [role=status]')"
        ".textContent)"
    )
    assert "suggestie" in status.text_content()
    assert_no_axe_violations(tab)
    tab.keyboard.press("ArrowDown")
    actief = tab.get_attribute("#kaart-plaats", "aria-activedescendant")
    assert tab.get_attribute(f"#{actief}", "aria-selected") == "true"
    assert tab.text_content(f"#{actief}").startswith("Lunteren")
    tab.keyboard.press("Escape")
    assert tab.get_attribute("#kaart-plaats", "aria-expanded") == "false"
    assert tab.get_attribute("#kaart-plaats", "aria-activedescendant") is None
    tab.keyboard.press("ArrowDown")  # opens again, on the first option
    assert tab.get_attribute("#kaart-plaats", "aria-expanded") == "true"
    tab.keyboard.press("Enter")
    wacht_op_url(tab, "location.search.includes('plaats=Lunteren')")
    assert "Lunteren (gemeente Ede)" in tab.text_content(".kaart-locatie")
    assert tab.input_value("#kaart-plaats") == "Lunteren"
    assert_no_horizontal_scroll(tab)


def test_zoekvak_suggesties_met_alleen_het_toetsenbord(kaart, breedte_tab):
    """The search box's typeahead: the same combobox; Enter follows the chosen suggestion."""
    tab = breedte_tab
    verwacht = tab.request.get(f"{kaart}/api/kaart/suggest/?q=lunteren").json()
    assert verwacht, "places are always among the suggestions"
    tab.goto(f"{kaart}/kaart/")
    tab.focus("#kaart-q")
    tab.keyboard.type("lunteren")
    lijst = combobox_open(tab, "#kaart-q")
    labels = [o.text_content() for o in tab.locator(f"#{lijst} [role=option]").all()]
    assert labels == [item["label"] for item in verwacht]
    assert_no_axe_violations(tab)
    tab.keyboard.press("ArrowUp")  # from the field: the last option
    actief = tab.get_attribute("#kaart-q", "aria-activedescendant")
    assert tab.text_content(f"#{actief}") == verwacht[-1]["label"]
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**{verwacht[-1]['url']}")


def test_zonder_javascript_lost_de_server_de_plaats_op(kaart, zonder_js):
    zonder_js.goto(f"{kaart}/kaart/")
    zonder_js.fill("#kaart-plaats", "den haag")
    zonder_js.click("text=Plaats en leeftijd toepassen")
    zonder_js.wait_for_url("**plaats=den+haag**")
    assert "Diensten in en rond 's-Gravenhage" in zonder_js.text_content(".kaart-locatie")
    assert zonder_js.get_attribute("#kaart-plaats", "role") is None


def test_lade_op_een_telefoon(kaart, telefoon):
    telefoon.goto(f"{kaart}/kaart/")
    assert_no_horizontal_scroll(telefoon)
    knop = telefoon.locator("#kaart-filters > summary")
    assert knop.is_visible()
    assert telefoon.is_hidden("#kaart-filterinhoud")
    # The results come first on a small screen, not a long list of filters.
    assert telefoon.locator("#kaart-resultaten-kop").is_visible()

    knop.click()
    assert telefoon.is_visible("#kaart-filterinhoud")
    vakje = eerste_vakje(telefoon, "doelgroep")
    waarde = telefoon.get_attribute(f"#{vakje}", "value")
    verwacht = telling(telefoon, vakje)
    telefoon.check(f"#{vakje}")
    wacht_op_url(telefoon, f"location.search.includes('doelgroep={waarde}')")
    assert telefoon.is_visible("#kaart-filterinhoud"), "the drawer stays open while choosing"
    assert "(1 gekozen)" in knop.inner_text()
    # The drawer's button says, live, how many services the choice gives.
    toon = telefoon.locator("#kaart-filterinhoud button[data-kaart-toon]")
    assert toon.inner_text() == f"Toon {verwacht} {'dienst' if verwacht == 1 else 'diensten'}"
    assert_no_horizontal_scroll(telefoon)

    telefoon.click("#kaart-filterinhoud button[data-kaart-toon]")
    wacht_op_url(telefoon, f"location.search.includes('doelgroep={waarde}')")
    telefoon.wait_for_function("() => !document.getElementById('kaart-filters').open")
    assert telefoon.is_hidden("#kaart-filterinhoud")
    telefoon.wait_for_function("() => document.activeElement.id === 'kaart-resultaten-kop'")
    assert aantal(telefoon) == verwacht


# --- Without JavaScript ---------------------------------------------------------------------------


def test_zonder_javascript_filteren_chips_sorteren_en_vergelijken(kaart, zonder_js):
    tab = zonder_js
    tab.goto(f"{kaart}/kaart/")
    # The filters show beside the results, no drawer button needed on a wide screen.
    assert tab.is_visible("#kaart-filterinhoud")
    assert tab.is_hidden("#kaart-filters > summary")
    vakje = eerste_vakje(tab, "doelgroep")
    waarde = tab.get_attribute(f"#{vakje}", "value")
    verwacht = telling(tab, vakje)

    tab.check(f"#{vakje}")
    with tab.expect_navigation():
        tab.click("#kaart-filterinhoud button[data-kaart-toon]")
    assert params(tab) == {"doelgroep": [waarde]}
    assert aantal(tab) == verwacht

    with tab.expect_navigation():
        tab.select_option("#kaart-sort", "kosten")
        tab.click(".kaart-sorteer button")
    assert params(tab) == {"doelgroep": [waarde], "sort": ["kosten"]}

    with tab.expect_navigation():
        tab.click(".kaart-gekozen .kaart-chip")
    assert params(tab) == {"sort": ["kosten"]}

    # Without JavaScript "Vergelijk" is a link that keeps the choice in the URL, so it survives
    # going to another page of results.
    assert tab.locator("input[data-kaart-vergelijk]").first.is_hidden()
    eerste = tab.locator(".kaart-lijst article").first
    namen = [eerste.locator("h3").inner_text()]
    with tab.expect_navigation():
        eerste.locator("a.kaart-vergelijk-link").click()
    with tab.expect_navigation():
        tab.click("a[rel=next]")
    assert params(tab)["page"] == ["2"] and len(params(tab)["vergelijk"]) == 1
    tweede = tab.locator(".kaart-lijst article").first
    namen.append(tweede.locator("h3").inner_text())
    with tab.expect_navigation():
        tweede.locator("a.kaart-vergelijk-link").click()
    with tab.expect_navigation():
        tab.click("text=Vergelijk de gekozen diensten")
    assert urlsplit(tab.url).path == "/kaart/vergelijk/"
    assert tab.locator("thead th[scope=col] a:first-child").all_inner_texts() == namen
    with tab.expect_navigation():
        tab.click("text=Terug naar de resultaten")
    assert params(tab) == {"sort": ["kosten"], "page": ["2"]}


def test_zonder_javascript_de_lade_op_een_telefoon(kaart, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="nl-NL", java_script_enabled=False
    )
    tab = context.new_page()
    try:
        tab.goto(f"{kaart}/kaart/")
        assert tab.is_hidden("#kaart-filterinhoud")
        tab.click("#kaart-filters > summary")
        assert tab.is_visible("#kaart-filterinhoud")
        vakje = eerste_vakje(tab, "plek")
        waarde = tab.get_attribute(f"#{vakje}", "value")
        tab.check(f"#{vakje}")
        with tab.expect_navigation():
            tab.click("#kaart-filterinhoud button[data-kaart-toon]")
        assert params(tab) == {"plek": [waarde]}
        assert_no_horizontal_scroll(tab)
    finally:
        context.close()


# --- Accessibility and small screens --------------------------------------------------------------


def test_axe_op_de_zoekpagina(kaart, page):
    page.goto(f"{kaart}/kaart/")
    waarde = page.get_attribute(f"#{eerste_vakje(page, 'doelgroep')}", "value")
    page.goto(f"{kaart}/kaart/?doelgroep={waarde}&gemeente=GM0344&leeftijd=70&sort=kosten")
    assert_no_axe_violations(page)
    page.goto(f"{kaart}/kaart/?leeftijd=oud&q=zzzzzzzz")  # a notice and no results
    assert_no_axe_violations(page)


def test_axe_op_een_dienstpagina(kaart, page):
    page.goto(f"{kaart}/kaart/")
    page.click(".kaart-dienst h3 a")
    page.wait_for_url(re.compile(r"/kaart/dienst/\d+/"))
    assert page.is_visible("button[data-kaart-print]")
    assert_no_axe_violations(page)


def test_geen_horizontaal_scrollen_op_320px(kaart, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(f"{kaart}/kaart/")
        assert_no_horizontal_scroll(tab)
        ids = tab.locator("input[data-kaart-vergelijk]").evaluate_all(
            "vakjes => vakjes.slice(0, 4).map(v => v.value)"
        )
        dienst = tab.get_attribute(".kaart-dienst h3 a", "href")
        tab.goto(f"{kaart}{dienst}")
        assert_no_horizontal_scroll(tab)
        tab.goto(f"{kaart}/kaart/vergelijk/?" + "&".join(f"id={i}" for i in ids))
        assert tab.locator("thead th[scope=col]").count() == 4
        # On a phone the table is stacked per characteristic: nothing scrolls sideways, not the
        # page and not the table.
        assert_no_horizontal_scroll(tab)
        breed = tab.evaluate(
            "() => { const w = document.querySelector('.kaart-vergelijking-wrap');"
            " return w.scrollWidth > w.clientWidth; }"
        )
        assert not breed
    finally:
        context.close()
