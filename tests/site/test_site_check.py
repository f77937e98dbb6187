"""The whole demo site, checked from outside: a crawl and the W3C Nu HTML Checker.

The demo content is loaded once for the module. A crawl with Django's test client starts at the
home page and follows every internal link; it also visits what no link reaches (the pages behind a
newsletter token, every public form with its error messages, a search, the kaart with filters and
compare, a page that does not exist). From that:

* every live, public Wagtail page is linked from at least one other page (no orphans);
* every internal ``href`` and ``src`` answers 200, 301 or 302 (static files: the file exists);
* the Nu HTML Checker (``vnu-jar``, one JVM for all pages at once) finds no error in any of them.
"""

import json
import subprocess
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client

from tests.conftest import rolled_back
from tests.services import require_vnu

pytestmark = pytest.mark.django_db
HOST = "portal.example"
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"))
LINK_ATTRIBUTES += (("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src"))


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # url -> HTML of every page crawled
    statuses: dict[str, int] = field(default_factory=dict)  # every internal url -> status
    linked_from: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    live_pages: list[tuple[str, str]] = field(default_factory=list)  # (title, path)


def _internal(url: str) -> str:
    """The path and query of an address on this site; '' for other hosts, mailto: and tel:."""
    url, _ = urldefrag(url)
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return ""
    if parts.netloc and parts.hostname != HOST:
        return ""
    if not parts.path:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


class _LinkParser(HTMLParser):
    """The addresses in the link attributes of every tag, as the standard library's tokenizer
    reads them (the one BeautifulSoup's "html.parser" uses, without building a tree: the crawl
    reads some 330 pages)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}  # the last of a repeated one
        for link_tag, attribute in LINK_ATTRIBUTES:
            if tag == link_tag and attributes.get(attribute):
                self.values.append(attributes[attribute])
        if tag in ("img", "source"):
            for candidate in attributes.get("srcset", "").split(","):
                if candidate.strip():
                    self.values.append(candidate.split()[0])

    handle_startendtag = handle_starttag


def _links(base: str, html: str) -> set[str]:
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    found = {urljoin(base, value) for value in parser.values}
    return {link for link in map(_internal, found) if link}


def _file_status(path: str) -> int | None:
    """Static files and uploads are served by whitenoise or the web server, not by Django's
    URLs in a test: they count as found when the file is there."""
    if path.startswith(settings.STATIC_URL):
        return 200 if finders.find(path.removeprefix(settings.STATIC_URL)) else 404
    if path.startswith(settings.MEDIA_URL):
        return 200 if default_storage.exists(path.removeprefix(settings.MEDIA_URL)) else 404
    return None


def _fetch(client: Client, crawl: Crawl, url: str) -> set[str]:
    """Fetch ``url``, note its status and keep its HTML; the internal links on it."""
    status = _file_status(urlsplit(url).path)
    if status is not None:
        crawl.statuses[url] = status
        return set()
    response = client.get(url)
    crawl.statuses[url] = response.status_code
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return set()
    html = response.content.decode()
    crawl.pages[url] = html
    return _links(f"https://{HOST}{url}", html)


def _crawl_site(client: Client, start: list[str], volg=lambda link: True) -> Crawl:
    """Breadth first from ``start``. Every link is fetched once; from a page with a query string
    (the kaart alone links to hundreds of filter combinations) only the links without one are
    followed, so the crawl ends while every page and every link on it is still checked. A link
    for which ``volg(link)`` is false is neither fetched nor followed."""
    crawl = Crawl()
    queue = deque(start)
    seen = set(start)
    while queue:
        url = queue.popleft()
        source = urlsplit(url).path
        for link in _fetch(client, crawl, url):
            if urlsplit(link).path != source:
                crawl.linked_from[urlsplit(link).path].add(source)
            if link in seen or ("?" in url and "?" in link and url not in start):
                continue
            if not volg(link):
                continue
            seen.add(link)
            queue.append(link)
    return crawl


def _special_pages(client: Client) -> list[str]:
    """Addresses no link reaches: the pages behind a token, searches, filters and compare."""
    from inzendingen.views import bedankt_url
    from kaart.models import Dienst, Gemeente
    from nieuwsbrief import tokens
    from nieuwsbrief.models import Subscriber

    subscriber = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).first()
    pending = Subscriber.objects.create(
        email="nog-bevestigen@example.org", status=Subscriber.Status.PENDING
    )
    diensten = list(Dienst.objects.filter(live=True).order_by("pk")[:3])
    gemeente = Gemeente.objects.order_by("code").first()
    return [
        f"/nieuwsbrief/voorkeuren/{tokens.make(tokens.MANAGE, subscriber.key)}/",
        f"/nieuwsbrief/afmelden/{tokens.make(tokens.UNSUBSCRIBE, subscriber.key)}/",
        f"/nieuwsbrief/bevestigen/{tokens.make_confirm(pending.key, pending.confirm_round)}/",
        "/nieuwsbrief/bedankt/",
        "/zoeken/?q=eenzaamheid",
        "/zoeken/?q=eenzaamheid&page=2",
        "/zoeken/?q=xyzzyniets",
        "/kaart/?q=koffie",
        f"/kaart/?gemeente={gemeente.code}&leeftijd=70&kosten=gratis",
        "/kaart/?page=999",
        "/kaart/vergelijk/?" + "&".join(f"id={d.pk}" for d in diensten),
        "/zoeken/?q=maatje",
        f"/kaart/?vergelijk={diensten[0].pk}&bewaar={diensten[1].pk}",
        "/kaart/bewaarlijst/?" + "&".join(f"id={d.pk}" for d in diensten),
        "/kaart/bewaarlijst/afdrukken/?" + "&".join(f"id={d.pk}" for d in diensten),
        "/inzendingen/bewaarlijst-mailen/?" + "&".join(f"id={d.pk}" for d in diensten),
        "/kaart/hulpwijzer/?voor=ouderen&stap=2",
        "/kaart/hulpwijzer/?voor=ouderen&hulp=praten&stap=3",
        f"/inzendingen/wijziging/{diensten[0].pk}/",
        f"/inzendingen/wijziging/{diensten[0].pk}/opgeheven/",
        bedankt_url("tip", "TP-ABC123", True),
    ]


def _gemeente_gevolgd():
    """What the crawl follows. The 342 gemeente pages (and their embeds and posters) come from
    one template, each with a dozen kaart links: the crawl follows those of the gemeenten of the
    demo's voorbeelden, Utrecht and a merged one (tests/gemeenten checks every gemeente's
    address and that each count's kaart link gives that count). A link that only adds the
    choices carried without JavaScript (``vergelijk=``, ``bewaar=``) to a page is the same page:
    :func:`_special_pages` fetches such pages once, tests/kaart checks the links."""
    import re

    from inzendingen.models import VoorbeeldPage
    from kaart.models import Gemeente

    codes = set(VoorbeeldPage.objects.values_list("gemeente__code", flat=True)) | {"GM0344"}
    slugs = {g.slug for g in Gemeente.objects.filter(code__in=codes)} | {"voorne-aan-zee"}
    pagina = re.compile(r"^/gemeenten/([^/?]+)/")
    keuze = re.compile(r"[?&](vergelijk|bewaar)=")

    def volg(link: str) -> bool:
        if keuze.search(link):
            return False
        match = pagina.match(link)
        return match is None or match.group(1) in slugs

    return volg


FORMS = [
    "/nieuwsbrief/",
    "/inzendingen/voorbeeld/",
    "/inzendingen/dienst/",
    "/inzendingen/tip/",
    "/inzendingen/bel-mij-terug/",
]


def _error_pages(client: Client, wijziging: str) -> dict[str, str]:
    """Each public form sent empty: the page with its error messages (status 400)."""
    pages = {}
    for url in [*FORMS, wijziging]:
        response = client.post(url, {}, HTTP_SEC_FETCH_SITE="same-origin")
        assert response.status_code in (200, 400), (url, response.status_code)
        pages[f"POST {url}"] = response.content.decode()
    for url in ("/bestaat-niet/", "/nieuwsbrief/bevestigen/ongeldig/"):
        missing = client.get(url)
        assert missing.status_code == 404
        pages[f"{url} (404)"] = missing.content.decode()
    return pages


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    """The demo site, crawled once for the checks of this module (rolled back afterwards)."""
    from wagtail.models import Page

    with rolled_back(django_db_blocker):
        call_command("load_demo_content", verbosity=0)
        client = Client(HTTP_HOST=HOST, headers={"Accept-Language": "nl"})
        extra = _special_pages(client)
        result = _crawl_site(client, ["/", *extra], volg=_gemeente_gevolgd())
        failed = {url: result.statuses.get(url) for url in extra}
        assert not {url: code for url, code in failed.items() if code != 200}
        wijziging = next(url for url in extra if url.startswith("/inzendingen/wijziging/"))
        result.pages.update(_error_pages(client, wijziging))
        result.live_pages = [
            (page.title, page.get_url())
            for page in Page.objects.live().public().filter(depth__gt=2).specific()
        ]
        yield result


def test_every_live_page_is_linked_from_another_page(crawl):
    assert len(crawl.live_pages) > 20
    orphans = [
        (title, path)
        for title, path in crawl.live_pages
        if not (crawl.linked_from.get(path, set()) - {path})
    ]
    assert not orphans, f"pages no other page links to: {orphans}"


def test_no_internal_link_is_broken(crawl):
    assert len(crawl.pages) > 50
    broken = {
        url: status for url, status in crawl.statuses.items() if status not in (200, 301, 302)
    }
    where = {url: sorted(crawl.linked_from.get(urlsplit(url).path, ()))[:3] for url in broken}
    assert not broken, f"broken internal links (status, linked from): {broken} {where}"
    clumsy = sorted(url for url in crawl.statuses if "?&" in url or "&&" in url)
    assert not clumsy, f"links with an empty query parameter: {clumsy[:10]}"


def test_every_page_type_passes_the_nu_html_checker(crawl, tmp_path):
    command = require_vnu()
    names = {}
    for number, (url, html) in enumerate(sorted(crawl.pages.items())):
        name = f"pagina-{number:04d}.html"
        (tmp_path / name).write_text(html, encoding="utf-8")
        names[name] = url
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", "--stdout", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stdout or "{}")
    errors = [
        f"{names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} "
        f"line {m.get('lastLine')}: {m.get('message')}"
        for m in report.get("messages", [])
        if m.get("type") in ("error", "non-document-error")
    ]
    assert "messages" in report, result.stderr[-2000:]
    assert not errors, f"{len(errors)} errors in {len(names)} pages:\n" + "\n".join(errors[:80])
