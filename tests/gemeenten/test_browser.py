"""The gemeente pages in a real browser: axe-core finds nothing on the index, a gemeente page
(one with its own figures and one merged after 2020) and the poster; the pages work without
JavaScript and do not scroll sideways on a phone; the poster prints on one A4 page."""

import re

import pytest

from tests.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def telefoon(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


@pytest.mark.parametrize(
    "pad", ["/gemeenten/", "/gemeenten/utrecht/", "/gemeenten/voorne-aan-zee/"]
)
def test_gemeente_pages_have_no_axe_violations(live_site, page, pad):
    page.goto(f"{live_site}{pad}")
    assert_no_axe_violations(page)


def test_the_poster_has_no_axe_violations_and_prints_on_one_a4_page(live_site, page):
    page.goto(f"{live_site}/gemeenten/utrecht/poster/")
    assert_no_axe_violations(page)
    assert page.locator("img[alt^='QR-code']").evaluate("img => img.naturalWidth") > 0
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 1


def test_a_gemeente_page_fits_a_phone_without_javascript(live_site, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="nl-NL", java_script_enabled=False
    )
    tab = context.new_page()
    try:
        tab.goto(f"{live_site}/gemeenten/utrecht/")
        assert tab.locator("svg.gemeenten-grafiek").is_visible()
        assert tab.locator("table.gemeenten-tabel").count() == 1
        assert_no_horizontal_scroll(tab)
        tab.goto(f"{live_site}/gemeenten/")
        tab.fill("#gemeente-zoek", "Súdwest-Fryslân")
        tab.click("button:has-text('Zoek gemeente')")
        assert tab.url.endswith("/gemeenten/sudwest-fryslan/")
    finally:
        context.close()
