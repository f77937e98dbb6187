"""The public pages: overview and filters, a hulpmiddel, sections, articles, search, queries."""

import re
from collections import Counter
from html import unescape

import pytest

from hulpmiddelen.factories import HulpmiddelFactory
from hulpmiddelen.models import ArtikelPage, Hulpmiddel, SectiePage

pytestmark = pytest.mark.django_db

INDEX = "/hulpmiddelen/"


def _labels(html, param):
    """{slug: count} of the filter checkboxes for one facet, read from the HTML."""
    found = {}
    for slug, text in re.findall(
        rf'<input type="checkbox" id="{param}-[^"]+" name="{param}" value="([^"]+)"[^>]*>\s*'
        r"<span>(.*?)</span>\s*</label>",
        html,
        flags=re.S,
    ):
        found[slug] = int(re.search(r"\((\d+)", unescape(text)).group(1))
    return found


def _titles(html):
    return re.findall(r'class="portal-hulpmiddel__titel"><a href="[^"]+">([^<]+)</a>', html)


def test_overview_lists_the_seven_sections_and_every_hulpmiddel(client, demo):
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1 and "Welke hulpmiddelen zoekt u?" in html
    for section in SectiePage.objects.live():
        assert f'href="{section.url}"' in html
        assert section.samenvatting in html
    total = Hulpmiddel.objects.live().count()
    assert f"{total} hulpmiddelen" in html


def test_filter_counts_match_an_independent_count(client, demo):
    live = list(Hulpmiddel.objects.live().select_related("soort", "organisatie"))
    html = client.get(INDEX).content.decode()
    per_soort = Counter(h.soort.slug for h in live)
    per_organisatie = Counter(h.organisatie.slug for h in live if h.organisatie)
    assert _labels(html, "soort") == dict(per_soort)
    assert _labels(html, "organisatie") == dict(per_organisatie)


def test_filters_combine_or_within_and_between(client, demo):
    live = list(Hulpmiddel.objects.live().select_related("soort", "organisatie"))
    chosen_kinds = {"tool", "publicatie"}
    response = client.get(INDEX, {"soort": sorted(chosen_kinds), "organisatie": "movisie"})
    html = response.content.decode()
    expected = sorted(
        h.title
        for h in live
        if h.soort.slug in chosen_kinds and h.organisatie and h.organisatie.slug == "movisie"
    )
    assert expected and len(expected) < len(live)
    assert response.context["hulpmiddelen"].paginator.count == len(expected)
    assert sorted(unescape(t) for t in _titles(html)) == expected
    # each facet counts with the other facet's choice applied, not its own
    soort_counts = _labels(html, "soort")
    movisie = Counter(
        h.soort.slug for h in live if h.organisatie and h.organisatie.slug == "movisie"
    )
    assert {k: v for k, v in soort_counts.items() if v} == dict(movisie)
    organisatie_counts = _labels(html, "organisatie")
    kinds = Counter(
        h.organisatie.slug for h in live if h.organisatie and h.soort.slug in chosen_kinds
    )
    assert {k: v for k, v in organisatie_counts.items() if v} == dict(kinds)
    # the chosen values stay checked and can be removed one by one
    assert 'value="tool" checked' in html and 'value="movisie" checked' in html
    assert "Soort: Tool" in html and "Alle filters wissen" in html


def test_unknown_filter_values_and_pages_are_harmless(client, demo):
    response = client.get(INDEX, {"soort": "bestaat-niet", "organisatie": "<script>", "page": "x"})
    assert response.status_code == 200
    assert response.context["hulpmiddelen"].paginator.count == Hulpmiddel.objects.live().count()
    assert "<script>" not in response.content.decode()


def test_pagination_keeps_the_filters(client, demo):
    response = client.get(INDEX, {"soort": ["overzicht", "publicatie", "tool"]})
    page = response.context["hulpmiddelen"]
    assert page.paginator.num_pages == 2
    html = response.content.decode()
    assert "?soort=overzicht&amp;soort=publicatie&amp;soort=tool&amp;page=2" in html
    second = client.get(INDEX, {"soort": ["overzicht", "publicatie", "tool"], "page": 2})
    first_titles, second_titles = _titles(html), _titles(second.content.decode())
    assert not set(first_titles) & set(second_titles)
    assert len(first_titles) + len(second_titles) == page.paginator.count


def test_drafts_are_not_shown(client, demo):
    item = Hulpmiddel.objects.get(slug="verbetertool-eenzaamheid")
    item.live = False
    item.save()
    assert "Verbetertool Eenzaamheid" not in client.get(INDEX).content.decode()
    assert client.get(f"{INDEX}hulpmiddel/verbetertool-eenzaamheid/").status_code == 404
    section = client.get(f"{INDEX}kwaliteit-en-deskundigheid/").content.decode()
    assert "Verbetertool Eenzaamheid" not in section and "Wat werkt-dossier" in section


def test_hulpmiddel_page_links_to_resource_and_sections(client, demo):
    html = client.get(
        f"{INDEX}hulpmiddel/handreiking-lokale-aanpak-van-eenzaamheid/"
    ).content.decode()
    assert "<h1>Handreiking lokale aanpak van eenzaamheid</h1>" in html
    assert 'href="https://www.samentegeneenzaamheid.nl/lokaal/' in html
    assert 'href="/hulpmiddelen/algemeen/">Algemene hulpmiddelen</a>' in html
    assert 'href="/hulpmiddelen/ondersteuning-en-activering/">' in html
    assert "?organisatie=coalitie-erbij" in html
    document = client.get(f"{INDEX}hulpmiddel/draaiboek-startconferentie/").content.decode()
    assert re.search(
        r'href="/documenten/\d+/draaiboek-startconferentie[^"]*\.txt" download', document
    )
    assert "(TXT, " in document


def test_video_hulpmiddel_loads_nothing_from_the_video_host(client, demo):
    HulpmiddelFactory(
        title="Uitlegfilm", slug="uitlegfilm", link="", video_url="https://youtu.be/abcdefghijk"
    )
    html = client.get(f"{INDEX}hulpmiddel/uitlegfilm/").content.decode()
    assert 'data-src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert "<iframe" not in html
    assert not re.search(r'[\s<](src|href)="https://www\.youtube-nocookie', html)


def test_section_page_shows_blocks_in_heading_order(client, demo):
    html = client.get(f"{INDEX}ondersteuning-en-activering/").content.decode()
    main = html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0]
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", main)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert "Drie niveaus van preventie" in main and "Voor mensen met een verhoogd risico" in main
    assert "Wegwijs Aanpak Eenzaamheid" in main
    samen = client.get(f"{INDEX}samenwerking/").content.decode()
    assert "Praat mét de doelgroep, niet over hen" in samen
    info = client.get(f"{INDEX}informatie-snel-vinden/").content.decode()
    assert 'href="/kaart/"' in info and "de kosten voor deelname" not in info
    assert "wat meedoen kost" in info


def test_article_index_newest_first_and_by_tag(client, demo):
    response = client.get("/artikelen/")
    titles = [a.title for a in response.context["artikelen"].object_list]
    expected = list(ArtikelPage.objects.live().order_by("-datum").values_list("title", flat=True))
    assert titles == expected
    tagged = client.get("/artikelen/", {"tag": "gemeenten"})
    tagged_titles = [a.title for a in tagged.context["artikelen"].object_list]
    expected_tagged = [
        a.title
        for a in ArtikelPage.objects.live().order_by("-datum")
        if "gemeenten" in a.tags.values_list("slug", flat=True)
    ]
    assert tagged_titles == expected_tagged and len(expected_tagged) < len(expected)
    assert 'aria-current="page">Gemeenten' in tagged.content.decode()


def test_article_page_shows_meta_related_hulpmiddelen_and_tags(client, demo):
    html = client.get("/artikelen/hoeveel-mensen-voelen-zich-eenzaam/").content.decode()
    assert '<time datetime="2025-09-15">15 september 2025</time>' in html
    assert "Eenzaamheidscijfers per gemeente, wijk en buurt" in html
    assert 'href="/artikelen/?tag=cijfers"' in html
    assert "Gezondheidsmonitor" in html


def test_home_shows_sections_and_latest_three_articles(client, demo):
    html = client.get("/").content.decode()
    for section in SectiePage.objects.live():
        assert section.samenvatting in html
    newest = list(ArtikelPage.objects.live().order_by("-datum")[:4])
    for article in newest[:3]:
        assert article.title in html
    assert newest[3].title not in html
    assert 'href="/hulpmiddelen/">Hulpmiddelen</a>' in html
    assert 'href="/artikelen/">Artikelen</a>' in html


def test_site_search_finds_a_hulpmiddel_and_a_page(client, demo):
    response = client.get("/zoeken/", {"q": "Verbetertool"})
    results = response.context["results"].object_list
    assert "Verbetertool Eenzaamheid" in [r.title for r in results]
    html = response.content.decode()
    assert 'href="/hulpmiddelen/hulpmiddel/verbetertool-eenzaamheid/"' in html
    assert "Hulpmiddel · Tool" in html
    pages = client.get("/zoeken/", {"q": "startconferentie"}).context["results"].object_list
    kinds = {type(r).__name__ for r in pages}
    assert {"ArtikelPage", "Hulpmiddel"} <= kinds


def test_site_search_pages_over_both_kinds(client, demo):
    response = client.get("/zoeken/", {"q": "eenzaamheid"})
    paginator = response.context["results"].paginator
    assert paginator.num_pages >= 2
    seen = []
    for number in paginator.page_range:
        page = client.get("/zoeken/", {"q": "eenzaamheid", "page": number}).context["results"]
        seen += [(type(r).__name__, r.pk) for r in page.object_list]
    assert len(seen) == len(set(seen)) == paginator.count
    assert any(kind == "Hulpmiddel" for kind, _ in seen)


# Measured with the demo content: 13, 20, 20, 16, 13, 14, 14, 15 and 18 queries. The counts do
# not grow with the number of hulpmiddelen, sections or articles shown.
@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/", 15),
        (INDEX, 22),
        (f"{INDEX}?soort=tool&organisatie=movisie", 22),
        (f"{INDEX}ondersteuning-en-activering/", 18),
        (f"{INDEX}hulpmiddel/handreiking-lokale-aanpak-van-eenzaamheid/", 15),
        ("/artikelen/", 16),
        ("/artikelen/?tag=gemeenten", 16),
        ("/artikelen/hoeveel-mensen-voelen-zich-eenzaam/", 17),
        ("/zoeken/?q=eenzaamheid", 20),
    ],
)
def test_query_bounds(client, demo, django_assert_max_num_queries, url, bound):
    client.get(url)  # warm per-process caches
    with django_assert_max_num_queries(bound):
        assert client.get(url).status_code == 200
