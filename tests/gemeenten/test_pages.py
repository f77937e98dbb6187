"""The gemeente pages: the figures equal RIVM's file, merged gemeenten, the chart and its table,
counts that lead to kaart searches with that count, the embed's framing rules and the QR code."""

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

DATA = Path(__file__).resolve().parents[2] / "gemeenten" / "data"
GEMEENTEN_CSV = Path(__file__).resolve().parents[2] / "kaart" / "data" / "gemeenten.csv"


def lees(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def nl(waarde) -> str:
    """A percentage as the page writes it: one decimal, a decimal comma."""
    return f"{Decimal(waarde):.1f}".replace(".", ",") + "%"


def tabel(html: str, code: str) -> dict[str, dict[str, str]]:
    """The figures table of one row of the page: measure -> {gemeente, provincie, …}."""
    start = html.index(f'id="kop-rij-{code}"')
    deel = html[start : html.index("</table>", start)]
    rijen = {}
    for maat, cellen in re.findall(r'<tr data-maat="([a-z_]+)">(.*?)</tr>', deel, re.S):
        rijen[maat] = dict(re.findall(r'<td data-waarde="([a-z]+)">([^<]*)</td>', cellen))
    return rijen


MATEN = ["eenzaam_pct", "ernstig_eenzaam_pct", "emotioneel_eenzaam_pct", "sociaal_eenzaam_pct"]


@pytest.fixture
def site(home_page):
    return home_page


def test_figures_on_the_page_equal_the_csv(client, site):
    rijen = {r["code"]: r for r in lees(DATA / "eenzaamheid_gemeenten.csv")}
    nederland = lees(DATA / "eenzaamheid_nederland.csv")[0]
    provincie_van = {r["code"]: r["provincie"] for r in lees(GEMEENTEN_CSV)}
    for r in lees(DATA / "gemeente_opvolgers.csv"):
        provincie_van.setdefault(r["oude_code"], provincie_van.get(r["nieuwe_code"]))

    response = client.get("/gemeenten/utrecht/")
    assert response.status_code == 200
    html = response.content.decode()
    getoond = tabel(html, "GM0344")
    utrecht = rijen["GM0344"]
    in_provincie = [r for r in rijen.values() if provincie_van.get(r["code"]) == "Utrecht"]
    assert len(in_provincie) == 26  # Utrecht's 26 gemeenten, all with a row of their own
    for maat in MATEN:
        assert getoond[maat]["gemeente"] == nl(utrecht[maat])
        assert getoond[maat]["nederland"] == nl(nederland[maat])
        gemiddeld = sum(Decimal(r[maat]) for r in in_provincie) / len(in_provincie)
        assert getoond[maat]["provincie"] == nl(gemiddeld.quantize(Decimal("0.1")))
        hoger = sum(1 for r in rijen.values() if Decimal(r[maat]) > Decimal(utrecht[maat]))
        assert getoond[maat]["plaats"] == str(hoger + 1)
    assert f"van {len(rijen)} gemeenten" in html
    assert "Gezondheidsmonitor" in html and "RIVM" in html
    assert "per wijk en buurt" in html


def test_a_merged_gemeente_shows_its_former_gemeenten_labelled(client, site):
    rijen = {r["code"]: r for r in lees(DATA / "eenzaamheid_gemeenten.csv")}
    assert "GM1992" not in rijen  # Voorne aan Zee has no row of its own
    html = client.get("/gemeenten/voorne-aan-zee/").content.decode()
    assert "data-voormalig" in html
    for code, naam in [
        ("GM0501", "Brielle"),
        ("GM0530", "Hellevoetsluis"),
        ("GM0614", "Westvoorne"),
    ]:
        assert f"Voormalige gemeente {naam}" in html
        getoond = tabel(html, code)
        for maat in MATEN:
            assert getoond[maat]["gemeente"] == nl(rijen[code][maat])
    assert 'id="kop-rij-GM1992"' not in html  # no invented row for the new gemeente


def test_the_chart_is_in_the_html_with_its_table(client, site):
    html = client.get("/gemeenten/utrecht/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-labelledby="grafiek-GM0344-titel grafiek-GM0344-uitleg"' in svg
    assert '<title id="grafiek-GM0344-titel">' in svg and "<desc" in svg
    assert svg.count("<rect") == 12  # four measures × gemeente, province, Netherlands
    # Coordinates are written with a decimal point whatever the language of the page.
    assert not re.search(r'(?:x|width)="\d+,\d', svg)
    assert "<table" in html and "<caption>" in html
    assert "<script" not in html[html.index('id="kop-cijfers"') : html.index('id="kop-aanbod"')]


def test_an_unknown_gemeente_is_a_404(client, site):
    assert client.get("/gemeenten/atlantis/").status_code == 404


def kaart_aantal(client, url: str) -> int:
    html = client.get(url).content.decode()
    match = re.search(r"(\d+) (?:dienst|diensten) gevonden", html)
    assert match, url
    return int(match.group(1))


def test_each_count_links_to_a_kaart_search_with_that_count(client, site):
    from kaart.factories import DienstFactory

    vandaag = datetime.date(2026, 11, 1)
    DienstFactory(
        gemeente_codes=["GM0344"],
        termen={"activiteit": ["ontmoeting"], "doelgroep": ["ouderen"]},
        laatst_gecontroleerd=vandaag,
        naam="Koffie in de wijk",
    )
    DienstFactory(
        gemeente_codes=["GM0344", "GM0355"],
        termen={"activiteit": ["ontmoeting", "een-op-een"], "doelgroep": ["mantelzorgers"]},
    )
    DienstFactory(landelijk=True, termen={"activiteit": ["een-op-een"], "doelgroep": ["ouderen"]})
    DienstFactory(gemeente_codes=["GM0363"], termen={"activiteit": ["ontmoeting"]})
    DienstFactory(gemeente_codes=["GM0344"], live=False, termen={"activiteit": ["ontmoeting"]})

    html = client.get("/gemeenten/utrecht/").content.decode()
    start = html.index('id="kop-aanbod"')
    deel = html[start : html.index('id="kop-voorbeelden"')]
    links = re.findall(r'<a href="([^"]+)" data-telling="(\d+)">', deel)
    assert len(links) >= 6
    getoond = {}
    for href, aantal in links:
        href = href.replace("&amp;", "&")
        assert urlsplit(href).path == "/kaart/"
        assert kaart_aantal(client, href) == int(aantal), href
        getoond[href] = int(aantal)
    assert getoond["/kaart/?gemeente=GM0344"] == 3  # two local, one national
    assert getoond["/kaart/?activiteit=ontmoeting&gemeente=GM0344"] == 2
    assert getoond["/kaart/?bereik=landelijk&gemeente=GM0344"] == 1
    assert "Koffie in de wijk</a> — nagekeken op 1 november 2026" in deel


def test_a_gemeente_page_takes_a_bounded_number_of_queries(
    client, site, django_assert_max_num_queries
):
    from kaart.factories import DienstFactory

    for _ in range(5):
        DienstFactory(gemeente_codes=["GM0344"], termen={"activiteit": ["ontmoeting"]})
    client.get("/gemeenten/utrecht/")  # the per-process lists (terms, gemeenten) are read once
    with django_assert_max_num_queries(18):
        assert client.get("/gemeenten/utrecht/").status_code == 200


def test_the_index_lists_every_gemeente_by_province(client, site):
    html = client.get("/gemeenten/").content.decode()
    namen = [r["naam"] for r in lees(GEMEENTEN_CSV)]
    assert len(namen) == 342
    assert html.count('<li><a href="/gemeenten/') == 342
    assert 'id="provincie-fryslan"' in html
    assert 'href="/gemeenten/s-gravenhage/"' in html


def test_the_index_search_takes_a_name(client, site):
    response = client.get("/gemeenten/", {"q": "sudwest fryslan"})
    assert response.status_code == 302
    assert response["Location"] == "/gemeenten/sudwest-fryslan/"
    html = client.get("/gemeenten/", {"q": "bergen"}).content.decode()
    assert "Bergen (L.)" in html and "Bergen (NH.)" in html
    html = client.get("/gemeenten/", {"q": "atlantis"}).content.decode()
    assert "Wij vinden geen gemeente" in html


@pytest.mark.parametrize(
    "tekst, slug",
    [
        ("Bussum", "gooise-meren"),  # a woonplaats
        ("Lunteren", "ede"),
        ("Scheveningen", "s-gravenhage"),  # a district
        ("Den Bosch", "s-hertogenbosch"),  # a common name
        ("3511 AB", "utrecht"),  # a postcode, with its letters
        ("2586", "s-gravenhage"),
    ],
)
def test_the_index_search_takes_a_woonplaats_or_postcode(client, site, tekst, slug):
    response = client.get("/gemeenten/", {"q": tekst})
    assert response.status_code == 302
    assert response["Location"] == f"/gemeenten/{slug}/"


def test_the_index_search_offers_the_gemeenten_of_a_woonplaats_in_two(client, site):
    html = client.get("/gemeenten/", {"q": "Hengelo"}).content.decode()
    assert 'href="/gemeenten/hengelo-o/"' in html and 'href="/gemeenten/bronckhorst/"' in html


def frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]*)", response["Content-Security-Policy"]).group(1)


@override_settings(EMBED_FRAME_ANCESTORS=["https://www.utrecht.nl", "https://*.utrecht.nl"])
def test_the_embed_may_be_framed_by_the_configured_sites_only(client, site):
    embed = client.get("/gemeenten/utrecht/insluiten/")
    assert embed.status_code == 200
    assert frame_ancestors(embed) == "https://www.utrecht.nl https://*.utrecht.nl"
    assert "X-Frame-Options" not in embed
    assert "'none'" not in frame_ancestors(embed)
    html = embed.content.decode()
    assert 'name="gemeente" value="GM0344"' in html and "<script" not in html
    # Every other page, the gemeente page itself too, keeps refusing any frame.
    for url in ("/gemeenten/utrecht/", "/gemeenten/", "/kaart/", "/gemeenten/utrecht/poster/"):
        response = client.get(url)
        assert frame_ancestors(response) == "'none'", url
        assert response["X-Frame-Options"] == "DENY", url


@override_settings(EMBED_FRAME_ANCESTORS=[])
def test_without_configured_sites_the_embed_refuses_every_frame(client, site):
    embed = client.get("/gemeenten/utrecht/insluiten/")
    assert frame_ancestors(embed) == "'none'"
    assert embed["X-Frame-Options"] == "DENY"


@override_settings(
    EMBED_FRAME_ANCESTORS=["https://www.utrecht.nl"],
    PAGE_CACHE_SECONDS=60,
    PAGE_CACHE_ALIAS="default",
)
def test_the_embed_keeps_its_frame_ancestors_from_the_page_cache(client, site):
    eerste = client.get("/gemeenten/utrecht/insluiten/")
    tweede = client.get("/gemeenten/utrecht/insluiten/")
    assert tweede.get("X-Page-Cache") == "hit", eerste.headers
    assert frame_ancestors(tweede) == "https://www.utrecht.nl"


def test_the_qr_code_decodes_to_the_gemeente_kaart(client, site, settings):
    import zxingcpp
    from PIL import Image

    from gemeenten.views import qr_code, qr_svg
    from kaart.models import Gemeente

    utrecht = Gemeente.objects.get(code="GM0344")
    png = io.BytesIO()
    qr_code(utrecht).save(png, kind="png", scale=6, border=4)
    png.seek(0)
    gelezen = zxingcpp.read_barcodes(Image.open(png))
    assert [code.text for code in gelezen] == [f"{settings.SITE_URL}/kaart/?gemeente=GM0344"]

    response = client.get("/gemeenten/utrecht/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.decode() == qr_svg(utrecht)
    assert "<title>QR-code naar de sociale kaart van Utrecht</title>" in response.content.decode()


def test_the_poster_has_the_name_number_and_qr_code_and_no_script(client, site):
    from gemeenten.models import GemeentePagina
    from kaart.models import Gemeente

    html = client.get("/gemeenten/utrecht/poster/").content.decode()
    assert "Er is hulp in Utrecht." in html
    assert 'src="/gemeenten/utrecht/qr.svg"' in html
    assert "<script" not in html
    assert "gemeenten-poster.css" in html

    GemeentePagina.objects.create(
        gemeente=Gemeente.objects.get(code="GM0344"), hulpnummer="030 123 45 67", live=True
    )
    html = client.get("/gemeenten/utrecht/poster/").content.decode()
    assert "030 123 45 67" in html


def test_editor_content_shows_only_when_published(client, site):
    from gemeenten.models import GemeentePagina, GemeentePaginaLink
    from kaart.models import Gemeente

    pagina = GemeentePagina.objects.create(
        gemeente=Gemeente.objects.get(code="GM0344"),
        introductie="<p>Utrecht werkt samen met de wijkteams.</p>",
        coordinator_naam="Fatima de Vries",
        hulpnummer="030 286 00 00",
        live=False,
    )
    GemeentePaginaLink.objects.create(
        pagina=pagina, titel="Eenzaamheid in Utrecht", url="https://www.utrecht.nl/eenzaamheid"
    )
    html = client.get("/gemeenten/utrecht/").content.decode()
    assert "wijkteams" not in html and "Fatima" not in html

    pagina.live = True
    pagina.save()
    html = client.get("/gemeenten/utrecht/").content.decode()
    assert "Utrecht werkt samen met de wijkteams." in html
    assert "Fatima de Vries" in html
    assert 'href="tel:0302860000"' in html
    assert 'href="https://www.utrecht.nl/eenzaamheid"' in html


def test_the_refresh_command_copies_a_checked_export(tmp_path, settings):
    from django.core.management import CommandError, call_command

    from gemeenten import cijfers

    bron = tmp_path / "export.csv"
    bron.write_text("code,naam,jaar\nGM0344,Utrecht,2020\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kolommen ontbreken"):
        call_command("eenzaamheid_bijwerken", source=str(bron))

    doel = tmp_path / "doel.csv"
    doel.write_bytes((DATA / "eenzaamheid_gemeenten.csv").read_bytes())
    bron.write_text(
        "code,naam,jaar,eenzaam_pct,ernstig_eenzaam_pct,emotioneel_eenzaam_pct,sociaal_eenzaam_pct\n"
        "GM0344,Utrecht,2020,40.0,10.0,20.0,25.0\n",
        encoding="utf-8",
    )
    origineel = cijfers.EENZAAMHEID_CSV
    try:
        cijfers.EENZAAMHEID_CSV = doel
        import gemeenten.management.commands.eenzaamheid_bijwerken as command

        command.EENZAAMHEID_CSV = doel
        call_command("eenzaamheid_bijwerken", source=str(bron))
        assert doel.read_text(encoding="utf-8") == bron.read_text(encoding="utf-8")
    finally:
        cijfers.EENZAAMHEID_CSV = origineel
        command.EENZAAMHEID_CSV = origineel
        cijfers.vergeet()


def test_a_service_page_links_to_its_gemeenten_pages(client, site):
    from kaart.factories import DienstFactory

    lokaal = DienstFactory(gemeente_codes=["GM0344", "GM0518"])
    landelijk = DienstFactory(landelijk=True)
    html = client.get(f"/kaart/dienst/{lokaal.pk}/").content.decode()
    assert '<a href="/gemeenten/utrecht/">Utrecht</a>' in html
    assert '<a href="/gemeenten/s-gravenhage/">\'s-Gravenhage</a>' in html.replace("&#x27;", "'")
    html = client.get(f"/kaart/dienst/{landelijk.pk}/").content.decode()
    assert 'href="/gemeenten/' not in html


def test_the_kaart_and_the_home_page_offer_uw_gemeente(client, site):
    html = client.get("/kaart/", {"gemeente": "GM0344"}).content.decode()
    assert 'Uw gemeente: <a href="/gemeenten/utrecht/">' in html
    assert 'href="/gemeenten/' not in client.get("/kaart/").content.decode()
    # A woonplaats or postcode typed as "Waar woont u?" knows the gemeente too.
    html = client.get("/kaart/", {"plaats": "Bussum"}).content.decode()
    assert 'Uw gemeente: <a href="/gemeenten/gooise-meren/">' in html
    html = client.get("/kaart/", {"plaats": "3511 AB"}).content.decode()
    assert 'Uw gemeente: <a href="/gemeenten/utrecht/">' in html

    html = client.get("/").content.decode()
    assert 'id="uw-gemeente">Uw gemeente</h2>' in html
    assert 'action="/gemeenten/"' in html
    response = client.get("/gemeenten/", {"q": "Utrecht"})
    assert response["Location"] == "/gemeenten/utrecht/"


def test_every_gemeente_of_the_index_has_a_page_with_figures(client, site):
    from gemeenten.cijfers import cijfers_voor
    from gemeenten.views import _gemeente

    html = client.get("/gemeenten/").content.decode()
    slugs = set(re.findall(r'<li><a href="/gemeenten/([^/"]+)/">', html))
    assert len(slugs) == 342
    for slug in slugs:
        gemeente = _gemeente(slug)  # what the page's view looks up
        cijfers = cijfers_voor(gemeente.code)
        assert cijfers is not None, gemeente
        assert cijfers.eigen or gemeente.code in {"GM1979", "GM1980", "GM1982", "GM1991", "GM1992"}


@override_settings(PAGE_CACHE_SECONDS=60, PAGE_CACHE_ALIAS="default")
def test_publishing_a_gemeente_page_empties_the_page_cache(
    client, site, django_capture_on_commit_callbacks
):
    from gemeenten.models import GemeentePagina
    from kaart.models import Gemeente

    client.get("/gemeenten/utrecht/")
    assert client.get("/gemeenten/utrecht/").get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        GemeentePagina.objects.create(
            gemeente=Gemeente.objects.get(code="GM0344"), hulpnummer="030 999 99 99", live=True
        )
    response = client.get("/gemeenten/utrecht/")
    assert response.get("X-Page-Cache") != "hit"
    assert "030 999 99 99" in response.content.decode()


def test_figures_of_2020_say_which_gemeenten_joined_since(client, site):
    html = client.get("/gemeenten/amsterdam/").content.decode()
    assert "zoals de gemeente in 2020 was. Daarna kwam Weesp erbij." in html
    html = client.get("/gemeenten/vught/").content.decode()
    assert "Daarna kwam een deel van Haaren erbij." in html
    # Het Hogeland was made in 2019: its 2020 figures are whole.
    assert "data-sindsdien" not in client.get("/gemeenten/het-hogeland/").content.decode()


def test_the_page_shows_its_gemeentes_voorbeelden_and_the_sections_as_next_steps(client, site):
    from hulpmiddelen.factories import HulpmiddelenIndexPageFactory, SectiePageFactory
    from inzendingen.demo import load_index
    from inzendingen.factories import VoorbeeldPageFactory
    from kaart.models import Gemeente

    index = load_index(site)
    VoorbeeldPageFactory(parent=index, title="Utrecht belt 75-plussers")
    VoorbeeldPageFactory(
        parent=index, title="Amsterdam in de wijk", gemeente=Gemeente.objects.get(code="GM0363")
    )
    VoorbeeldPageFactory(parent=index, title="Nog niet goedgekeurd", live=False)
    hulpmiddelen = HulpmiddelenIndexPageFactory(parent=site)
    for titel in ("Bewustwording", "Signalering"):
        SectiePageFactory(parent=hulpmiddelen, title=titel)

    html = client.get("/gemeenten/utrecht/").content.decode()
    voorbeelden = html[html.index('id="kop-voorbeelden"') : html.index('id="kop-delen"')]
    assert "Utrecht belt 75-plussers" in voorbeelden
    assert "Amsterdam in de wijk" not in voorbeelden and "Nog niet goedgekeurd" not in voorbeelden
    assert 'href="/inzendingen/voorbeeld/">Stuur een voorbeeld in</a>' in voorbeelden
    stappen = voorbeelden[voorbeelden.index('id="kop-stappen"') :]
    assert stappen.index("Bewustwording") < stappen.index("Signalering")
    assert "<ol>" in stappen
