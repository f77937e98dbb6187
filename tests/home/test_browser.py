"""The foundation pages in a real browser: they render, their links work, axe finds nothing."""

import pytest

from tests.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

PAGES = ["/", "/over-ons/", "/privacy/", "/toegankelijkheid/", "/zoeken/?q=eenzaamheid"]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible(page, live_site, path):
    response = page.goto(live_site + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_on_small_phone(page, live_site, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_site + path)
    assert_no_horizontal_scroll(page)


def test_internal_links_on_home_work(page, live_site):
    page.goto(live_site + "/")
    hrefs = page.eval_on_selector_all(
        "a[href^='/']", "els => [...new Set(els.map(e => e.getAttribute('href')))]"
    )
    assert hrefs
    broken = []
    for href in hrefs:
        status = page.request.get(live_site + href).status
        if status >= 400:
            broken.append((href, status))
    assert not broken


def test_no_request_leaves_the_site(page, live_site):
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    for path in PAGES:
        page.goto(live_site + path)
    assert hosts == {live_site.split("/")[2]}


def test_skip_link_moves_focus_to_content(page, live_site):
    page.goto(live_site + "/over-ons/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Ga direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
