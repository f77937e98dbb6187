"""The kaart's web-shop journey on the server side: services first in the site search, contact on
every card, quick filters and the drawer's count, choices that survive paging without
JavaScript, "Bewaar" and "Vergelijk" on the dienst page, and the bewaarlijst with its share link
and A4 handout with QR codes."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from kaart.factories import DienstFactory
from kaart.models import zorg_voor_basisgegevens


@pytest.fixture
def diensten(home_page):
    zorg_voor_basisgegevens()
    maatje = DienstFactory(
        naam="Maatje voor ouderen",
        samenvatting="Een vrijwilliger komt elke week bij u thuis voor een praatje.",
        kosten_bedrag=Decimal("0"),
        telefoon="030 - 123 45 67",
        website="https://www.example.org/maatje/",
        landelijk=True,
        termen={"doelgroep": ["ouderen"], "plek": ["aan-huis"], "uitvoering": ["vrijwilligers"]},
    )
    lijn = DienstFactory(
        naam="Luisterlijn",
        samenvatting="Dag en nacht iemand om mee te praten, aan de telefoon.",
        kosten_bedrag=Decimal("0"),
        telefoon="0800-0000-101",
        landelijk=True,
        termen={"doelgroep": ["iedereen"], "plek": ["telefonisch"]},
    )
    overig = [
        DienstFactory(naam=f"Koffieochtend {i:02d}", kosten_bedrag=Decimal("2"), landelijk=True)
        for i in range(22)
    ]
    return {"maatje": maatje, "lijn": lijn, "overig": overig}


def soep(response):
    return BeautifulSoup(response.content, "html.parser")


def kaartje(soup, naam):
    kop = soup.find("a", string=naam)
    return kop.find_parent("article")


# --- One search -------------------------------------------------------------------------------


def test_site_search_shows_matching_services_first(client, diensten):
    soup = soep(client.get("/zoeken/?q=maatje"))
    main = soup.find("main")
    blok = main.select_one(".kaart-sitezoeken")
    assert blok is not None
    assert blok.find("h2").get_text() == "1 dienst in de sociale kaart"
    assert [a.get_text() for a in blok.select("article h3 a")] == ["Maatje voor ouderen"]
    assert blok.find("a", href="/kaart/?q=maatje")
    # Before the rest of the results, and with the kaart's stylesheet.
    assert main.find("h2") is blok.find("h2")
    assert soup.find("link", href=lambda h: h and "kaart" in h and h.endswith(".css"))


def test_site_search_lists_the_top_four_and_links_to_all(client, diensten):
    blok = soep(client.get("/zoeken/?q=koffieochtend")).select_one(".kaart-sitezoeken")
    assert blok.find("h2").get_text() == "22 diensten in de sociale kaart"
    assert len(blok.select("article")) == 4
    link = blok.find("a", href="/kaart/?q=koffieochtend")
    assert "Bekijk alle 22 diensten" in link.get_text()


def test_site_search_without_services_has_no_kaart_block(client, diensten):
    assert soep(client.get("/zoeken/?q=qqqxyzzy")).select_one(".kaart-sitezoeken") is None


def test_the_kaart_page_has_one_search_box(client, diensten):
    soup = soep(client.get("/kaart/"))
    assert len(soup.select("input[type=search]")) == 1
    assert soup.select_one("input[type=search]")["id"] == "kaart-q"
    assert len(soep(client.get("/over-ons/")).select("input[type=search]")) == 1


# --- Cards, quick filters, drawer -------------------------------------------------------------


def test_every_card_has_its_phone_as_tel_link_and_its_website(client, diensten):
    soup = soep(client.get("/kaart/?q=maatje"))
    kaart = kaartje(soup, "Maatje voor ouderen")
    bel = kaart.select_one("a.kaart-bel")
    assert bel["href"] == "tel:0301234567"
    assert "Bel" in bel.get_text() and "030 - 123 45 67" in bel.get_text()
    assert kaart.find("a", href="https://www.example.org/maatje/")


def test_quick_filters_add_and_remove_their_facet_value(client, diensten):
    soup = soep(client.get("/kaart/"))
    snel = {a.get_text(strip=True): a["href"] for a in soup.select(".kaart-snelfilters a")}
    assert set(snel) == {
        "Gratis",
        "Bij u thuis",
        "Telefonisch",
        "Voor ouderen",
        "Met vrijwilligers",
    }
    assert snel["Gratis"] == "/kaart/?kosten=gratis"
    assert snel["Met vrijwilligers"] == "/kaart/?uitvoering=vrijwilligers"
    soup = soep(client.get(snel["Telefonisch"]))
    gekozen = soup.select_one(".kaart-snelfilter--gekozen")
    assert gekozen.get_text(strip=True).startswith("✓") and "Telefonisch" in gekozen.get_text()
    assert gekozen["href"] == "/kaart/"
    assert [a.get_text() for a in soup.select(".kaart-lijst h3 a")] == ["Luisterlijn"]


def test_the_drawer_button_says_how_many_services(client, diensten):
    knop = soep(client.get("/kaart/?plek=telefonisch")).select_one(".kaart-filters__toon button")
    assert knop.get_text() == "Toon 1 dienst"
    knop = soep(client.get("/kaart/")).select_one(".kaart-filters__toon button")
    assert knop.get_text() == "Toon 24 diensten"


# --- Choices in the URL without JavaScript ----------------------------------------------------


def test_compare_and_bewaar_choices_survive_paging_without_javascript(client, diensten):
    soup = soep(client.get("/kaart/"))
    eerste = soup.select(".kaart-lijst article")[0]
    pk = eerste.select_one("[data-kaart-bewaar]")["data-id"]
    # The no-JS "Vergelijk" link puts the service in the URL.
    link = eerste.select_one("a.kaart-vergelijk-link")["href"]
    assert parse_qs(urlsplit(link).query) == {"vergelijk": [pk]}
    soup = soep(client.get(link))
    volgende = soup.find("a", rel="next")["href"]
    assert parse_qs(urlsplit(volgende).query) == {"page": ["2"], "vergelijk": [pk]}
    # On page 2 a second one joins; the compare link holds both.
    soup = soep(client.get(volgende))
    tweede = soup.select(".kaart-lijst article")[0]
    ander = tweede.select_one("[data-kaart-bewaar]")["data-id"]
    soup = soep(client.get(tweede.select_one("a.kaart-vergelijk-link")["href"]))
    vergelijk = soup.find("a", string=lambda t: t and "Vergelijk de gekozen diensten" in t)
    query = parse_qs(urlsplit(vergelijk["href"]).query)
    assert query["id"] == [pk, ander] and query["terug"] == ["page=2"]
    tabel = soep(client.get(vergelijk["href"]))
    assert len(tabel.select("thead th[scope=col]")) == 2
    # The search form keeps the choice as hidden fields; chips and sort keep it too.
    velden = [
        (i["name"], i["value"]) for i in soup.select("#kaart-zoekformulier input[type=hidden]")
    ]
    assert velden == [("vergelijk", pk), ("vergelijk", ander)]


def test_bewaar_without_javascript_carries_the_ids(client, diensten):
    maatje, lijn = diensten["maatje"], diensten["lijn"]
    soup = soep(client.get("/kaart/?q=maatje"))
    bewaar = kaartje(soup, "Maatje voor ouderen").select_one("a[data-kaart-bewaar]")["href"]
    assert parse_qs(urlsplit(bewaar).query) == {"q": ["maatje"], "bewaar": [str(maatje.pk)]}
    soup = soep(client.get(bewaar))
    assert soup.select_one("[data-kaart-bewaarlijst-link]")["href"] == (
        f"/kaart/bewaarlijst/?id={maatje.pk}"
    )
    # The dienst page, reached from there, adds itself to the carried list.
    dienst_link = kaartje(soup, "Maatje voor ouderen").find("h3").a["href"]
    assert dienst_link == f"/kaart/dienst/{maatje.pk}/?bewaar={maatje.pk}"
    pagina = soep(client.get(f"/kaart/dienst/{lijn.pk}/?bewaar={maatje.pk}"))
    assert pagina.select_one("a[data-kaart-bewaar]")["href"] == (
        f"/kaart/bewaarlijst/?id={maatje.pk}&id={lijn.pk}"
    )
    assert pagina.select_one("a[data-kaart-vergelijk-dienst]")["href"] == (
        f"/kaart/vergelijk/?id={lijn.pk}"
    )
    assert pagina.find("a", string="Terug naar de sociale kaart")["href"] == (
        f"/kaart/?bewaar={maatje.pk}"
    )


# --- Bewaarlijst ------------------------------------------------------------------------------


def test_bewaarlijst_shows_the_services_with_share_print_and_remove(client, diensten):
    maatje, lijn = diensten["maatje"], diensten["lijn"]
    response = client.get(f"/kaart/bewaarlijst/?id={maatje.pk}&id={lijn.pk}")
    assert response.status_code == 200
    soup = soep(response)
    assert [a.get_text() for a in soup.select(".kaart-lijst h2 a")] == [
        "Maatje voor ouderen",
        "Luisterlijn",
    ]
    deel = soup.select_one("#bewaarlijst-link")["value"]
    assert deel == f"http://testserver/kaart/bewaarlijst/?id={maatje.pk}&id={lijn.pk}"
    afdrukken = soup.find("a", string=lambda t: t and t.startswith("Afdrukken"))
    assert afdrukken["href"] == f"/kaart/bewaarlijst/afdrukken/?id={maatje.pk}&id={lijn.pk}"
    weg = soup.select("a[data-kaart-weghalen]")[0]["href"]
    assert weg == f"/kaart/bewaarlijst/?id={lijn.pk}"


def test_bewaarlijst_bad_and_gone_ids_are_said_plainly(client, diensten):
    lijn = diensten["lijn"]
    response = client.get(f"/kaart/bewaarlijst/?id=abc&id={lijn.pk}")
    assert response.status_code == 400
    assert "geen dienst" in soep(response).select_one("[role=alert]").get_text()
    lijn.live = False
    lijn.save()
    soup = soep(client.get(f"/kaart/bewaarlijst/?id={lijn.pk}"))
    assert "niet (meer)" in soup.select_one("[role=alert]").get_text()
    assert "Kies bij een dienst" in soup.select_one(".portal-lead").get_text()


def test_bewaarlijst_handout_has_a_qr_code_per_service(client, diensten):
    maatje, lijn = diensten["maatje"], diensten["lijn"]
    soup = soep(client.get(f"/kaart/bewaarlijst/afdrukken/?id={maatje.pk}&id={lijn.pk}"))
    kaarten = soup.select(".kaart-handout__dienst")
    assert [k.find("h2").get_text() for k in kaarten] == ["Maatje voor ouderen", "Luisterlijn"]
    for kaart, dienst in zip(kaarten, (maatje, lijn), strict=True):
        qr = kaart.select_one(".kaart-handout__qr")
        assert qr.find("svg") is not None and qr.find("svg").find("path") is not None
        assert f"http://testserver/kaart/dienst/{dienst.pk}/" in qr["aria-label"]
        tekst = kaart.get_text(" ", strip=True)
        assert dienst.samenvatting in tekst and "Gratis" in tekst
    assert "030 - 123 45 67" in kaarten[0].get_text()
    # No image from another host: the code is drawn in the page.
    assert not soup.select("img[src^=http]")


def test_bewaarlijst_keeps_at_most_eight(client, diensten):
    ids = [d.pk for d in diensten["overig"][:10]]
    soup = soep(client.get("/kaart/bewaarlijst/?" + "&".join(f"id={i}" for i in ids)))
    assert len(soup.select(".kaart-lijst article")) == 8
    assert "hoogstens 8" in soup.select_one("[role=alert]").get_text()
