"""In a real browser: no page asks anything of another host, and an anonymous visitor who reads,
searches and filters gets no cookie and no stored data."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def addresses(live_site, django_db_blocker):
    from hulpmiddelen.models import ArtikelPage, SectiePage
    from kaart.models import Dienst

    with django_db_blocker.unblock():
        section = SectiePage.objects.live().first()
        article = ArtikelPage.objects.live().first()
        dienst = Dienst.objects.order_by("pk").first()
        return [
            "/",
            section.url,
            article.url,
            "/kaart/",
            "/kaart/?q=ontmoeting&doelgroep=ouderen&plek=buitenshuis",
            f"/kaart/dienst/{dienst.pk}/",
            "/zoeken/?q=eenzaamheid",
            "/bestaat-niet/",
        ]


def test_no_request_to_another_host_and_no_cookie(browser, live_site, addresses):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    tab = context.new_page()
    site_host = urlsplit(live_site).netloc
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    visited = []
    try:
        for path in addresses:
            tab.goto(live_site + path)
            tab.wait_for_load_state("networkidle")
            visited.append(path)
        # Use the site as a visitor does: search from the header, filter the kaart.
        tab.goto(live_site + "/")
        tab.fill("#site-zoeken", "vrijwilligers")
        tab.press("#site-zoeken", "Enter")
        tab.wait_for_load_state("networkidle")
        foreign = sorted(
            {url for url in requests if urlsplit(url).scheme in ("http", "https")
             and urlsplit(url).netloc != site_host}
        )  # fmt: skip
        assert not foreign, f"requests to other hosts: {foreign}"
        assert context.cookies() == [], context.cookies()
        storage = tab.evaluate("[localStorage.length, sessionStorage.length]")
        assert storage == [0, 0]
        assert len(visited) == len(addresses)
        assert len(requests) > len(visited)  # the pages' own CSS, JS and fonts were loaded
    finally:
        context.close()


def test_csp_blocks_nothing_on_public_pages(browser, live_site, addresses):
    context = browser.new_context()
    tab = context.new_page()
    violations = []
    tab.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append((tab.url, message.text))
        ),
    )
    try:
        for path in addresses:
            tab.goto(live_site + path)
            tab.wait_for_load_state("networkidle")
        assert not violations, violations
    finally:
        context.close()
