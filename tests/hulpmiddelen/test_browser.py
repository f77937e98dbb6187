"""What a visitor sees in a real browser: the pages render, links work, axe finds nothing,
nothing scrolls sideways at 320px, and a video loads nothing from its host until asked."""

import re
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from tests.conftest import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/hulpmiddelen/",
    "/hulpmiddelen/?soort=tool&organisatie=movisie",
    "/hulpmiddelen/ondersteuning-en-activering/",
    "/hulpmiddelen/samenwerking/",
    "/hulpmiddelen/informatie-snel-vinden/",
    "/hulpmiddelen/hulpmiddel/draaiboek-startconferentie/",
    "/artikelen/",
    "/artikelen/hoeveel-mensen-voelen-zich-eenzaam/",
    "/zoeken/?q=eenzaamheid",
]


def _kaart_is_routed() -> bool:
    """The sociale kaart is another app; until it has routes, links to it are not ours to check."""
    from kaart import urls

    return bool(urls.urlpatterns)


def _status(url: str) -> int:
    try:
        with urlopen(url, timeout=15) as response:  # noqa: S310 - our own test server
            return response.status
    except HTTPError as error:
        return error.code


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_accessibly_and_its_links_work(live_site, page, path):
    response = page.goto(live_site + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1
    assert_no_axe_violations(page)

    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    origin = urlsplit(live_site).netloc
    checked = set()
    for href in hrefs:
        url = urljoin(live_site + path, href).split("#")[0]
        parts = urlsplit(url)
        if parts.netloc != origin or url in checked:
            continue
        if parts.path.startswith("/kaart/") and not _kaart_is_routed():
            continue
        checked.add(url)
        assert _status(url) < 400, f"{href} on {path}"
    assert checked, f"no links checked on {path}"


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_320px(live_site, page, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_site + path)
    assert_no_horizontal_scroll(page)


def test_filters_work_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(live_site + "/hulpmiddelen/")
        tab.locator("input[name=soort][value=tool]").check()
        tab.locator("input[name=organisatie][value=movisie]").check()
        tab.get_by_role("button", name="Toon hulpmiddelen").click()
        tab.wait_for_load_state()
        query = urlsplit(tab.url).query
        assert "soort=tool" in query and "organisatie=movisie" in query
        titles = tab.locator(".portal-hulpmiddel__titel").all_inner_texts()
        assert "Verbetertool Eenzaamheid" in titles and "Wegwijs Aanpak Eenzaamheid" in titles
        assert "Handreiking lokale aanpak van eenzaamheid" not in titles
        tab.get_by_role("link", name=re.compile("Soort: Tool")).click()
        assert "soort=" not in urlsplit(tab.url).query
    finally:
        context.close()


def test_section_prints_without_navigation(live_site, page):
    page.goto(live_site + "/hulpmiddelen/samenwerking/")
    page.emulate_media(media="print")
    assert page.locator("h1").is_visible()
    assert page.get_by_text("Begin op tijd").is_visible()
    assert not page.locator("nav[aria-label='Hoofdmenu']").is_visible()
    assert not page.locator(".portal-onderdelen").is_visible()
    assert_no_horizontal_scroll(page)


@pytest.fixture
def video_hulpmiddel(live_site, django_db_blocker):
    """A hulpmiddel with a YouTube video, committed so the test server sees it; removed after."""
    from django.db import connection

    from hulpmiddelen.factories import HulpmiddelFactory

    # Close the connection after each use: with Playwright running, this code may run in another
    # context than the session's, and an open connection would keep the test database in use.
    with django_db_blocker.unblock():
        item = HulpmiddelFactory(
            title="Film over samen eten",
            slug="film-over-samen-eten",
            link="",
            video_url="https://www.youtube.com/watch?v=abcdefghijk",
        )
        connection.close()
    yield item
    with django_db_blocker.unblock():
        soort, organisatie = item.soort, item.organisatie
        item.delete()
        soort.delete()
        organisatie.delete()
        connection.close()


def test_video_loads_nothing_from_its_host_until_clicked(live_site, page, video_hulpmiddel):
    origin = urlsplit(live_site).netloc
    third_party = []
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc != origin and third_party.append(request.url),
    )
    # never reach the real internet from a test
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    page.goto(live_site + "/hulpmiddelen/hulpmiddel/film-over-samen-eten/")
    page.wait_for_load_state("networkidle")
    assert third_party == []
    assert page.locator("iframe").count() == 0

    page.get_by_role("button", name="Video laden en afspelen").click()
    page.wait_for_selector("iframe")
    assert (
        page.locator("iframe")
        .get_attribute("src")
        .startswith("https://www.youtube-nocookie.com/embed/abcdefghijk")
    )
    page.wait_for_timeout(500)
    assert third_party and all("youtube-nocookie.com" in url for url in third_party)
