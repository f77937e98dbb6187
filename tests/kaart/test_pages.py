"""The kaart's public pages: /kaart/, the dienst page and compare, as HTML a person reads.

The search semantics themselves are tested in ``test_queries.py``; these tests check that the page
shows them: checked boxes, counts, chips that remove one choice, notices, pagination links, the
seven requirement items, contact links and the compare table.
"""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from kaart.factories import DienstFactory
from kaart.models import zorg_voor_basisgegevens
from kaart.templatetags.kaart_tags import euro, leeftijd, nl_opsomming, tel_href, waar

pytestmark = pytest.mark.django_db

# Queries for a whole /kaart/ page: the search (fixed, see test_queries.py), the site settings,
# the menu and the gemeente list. It must not grow with the number of results on the page.
MAX_QUERIES_ZOEKEN = 35
MAX_QUERIES_DIENST = 18
MAX_QUERIES_VERGELIJK = 18

RECENT = datetime.date.today() - datetime.timedelta(days=30)
OUD = datetime.date.today() - datetime.timedelta(days=500)


@pytest.fixture(scope="module")
def _site_met_diensten(django_db_setup, django_db_blocker):
    """The site and the services, made once per module and rolled back at its end.

    Each test runs in its own savepoint inside this transaction, so what a test adds or changes
    is gone before the next test.
    """
    from home import demo

    with django_db_blocker.unblock(), transaction.atomic():
        demo.load_site()
        zorg_voor_basisgegevens()
        yield _maak_diensten()
        transaction.set_rollback(True)


@pytest.fixture
def diensten(_site_met_diensten, db):
    """Four live services that differ in every way the page shows, and one draft."""
    return _site_met_diensten


def _maak_diensten() -> dict:
    koffie = DienstFactory(
        naam="Koffieochtend De Linde",
        samenvatting="Elke dinsdag koffie en een praatje met buurtgenoten.",
        aanbieder="Buurthuis De Linde (voorbeeld)",
        kosten_bedrag=Decimal("0"),
        leeftijd_min=65,
        telefoon="030 - 123 45 67",
        email="koffie@example.org",
        website="https://www.example.org/koffie/",
        laatst_gecontroleerd=RECENT,
        termen={
            "doelgroep": ["ouderen"],
            "plek": ["buitenshuis"],
            "vorm": ["groep"],
            "financiering": ["gratis"],
            "activiteit": ["ontmoeting"],
        },
        gemeente_codes=["GM0344"],
    )
    lijn = DienstFactory(
        naam="Luisterlijn voorbeeld",
        samenvatting="Dag en nacht iemand om mee te praten, aan de telefoon.",
        kosten_bedrag=Decimal("0"),
        landelijk=True,
        laatst_gecontroleerd=RECENT,
        termen={"doelgroep": ["iedereen"], "plek": ["telefonisch"], "vorm": ["individueel"]},
    )
    rouw = DienstFactory(
        naam="Rouwgroep Zeist",
        samenvatting="Een gespreksgroep voor wie een dierbare verloor.",
        kosten_bedrag=Decimal("25"),
        kosten_eenheid="per reeks",
        verwijzing_nodig=True,
        laatst_gecontroleerd=OUD,
        termen={
            "doelgroep": ["nabestaanden"],
            "thema": ["verlies-en-rouw"],
            "vorm": ["groep"],
            "plek": ["buitenshuis"],
        },
        gemeente_codes=["GM0355"],
    )
    maatje = DienstFactory(
        naam="Maatje aan huis",
        samenvatting="Een vaste maatje komt elke week bij u thuis.",
        kosten_bedrag=Decimal("60"),
        kosten_eenheid="per maand",
        leeftijd_min=18,
        leeftijd_max=64,
        termen={
            "doelgroep": ["volwassenen"],
            "plek": ["aan-huis"],
            "vorm": ["individueel"],
            "financiering": ["commercieel"],
        },
        gemeente_codes=["GM0344"],
    )
    concept = DienstFactory(naam="Concept nog niet af", live=False)
    return {"koffie": koffie, "lijn": lijn, "rouw": rouw, "maatje": maatje, "concept": concept}


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def namen(soup) -> list[str]:
    return [h.get_text(strip=True) for h in soup.select(".kaart-lijst .kaart-dienst h3")]


def query(href: str) -> dict:
    return parse_qs(urlsplit(href).query)


def chips(soup) -> dict[str, str]:
    """Chip text (without the hidden 'Haal weg:') -> its link."""
    result = {}
    for link in soup.select(".kaart-gekozen .kaart-chip"):
        hidden = link.select_one(".visually-hidden")
        if hidden:
            hidden.extract()
        result[" ".join(link.get_text(" ", strip=True).split())] = link["href"]
    return result


# --- /kaart/ ------------------------------------------------------------------------------------


def test_zoekpagina_toont_alle_live_diensten(client, diensten):
    response = client.get("/kaart/")
    assert response.status_code == 200
    soup = html(response)
    assert namen(soup) == [
        "Koffieochtend De Linde",
        "Luisterlijn voorbeeld",
        "Maatje aan huis",
        "Rouwgroep Zeist",
    ]
    assert "4 diensten gevonden" in soup.select_one("#kaart-resultaten-kop").get_text()
    assert "Concept nog niet af" not in response.content.decode()
    # Every facet is a fieldset with a legend, in a GET form that works without JavaScript.
    form = soup.select_one("form#kaart-zoekformulier")
    assert form["method"] == "get" and form["action"] == "/kaart/"
    legends = [legend.get_text(strip=True) for legend in form.select("fieldset legend")]
    assert "Voor wie" in legends and "Kosten" in legends
    label = soup.select_one("label[for=f-doelgroep-ouderen]").get_text(" ", strip=True)
    assert label.startswith("Ouderen (65+) (1")


def test_kaartje_toont_de_kern(client, diensten):
    soup = html(client.get("/kaart/"))
    kaartje = soup.select_one("#dienst-{}-naam".format(diensten["rouw"].pk)).find_parent("article")
    tekst = " ".join(kaartje.get_text(" ", strip=True).split())
    assert "Een gespreksgroep voor wie een dierbare verloor." in tekst
    assert "Kosten € 25 per reeks" in tekst
    assert "Beschikbaar in Zeist" in tekst
    assert "Samen of alleen In een groep" in tekst
    assert "Voor wie Nabestaanden" in tekst
    link = kaartje.select_one("h3 a")["href"]
    assert link == f"/kaart/dienst/{diensten['rouw'].pk}/"
    vergelijk = kaartje.select_one("input[type=checkbox][name=id]")
    assert vergelijk["form"] == "kaart-vergelijk" and vergelijk["value"] == str(diensten["rouw"].pk)
    lijn = soup.select_one("#dienst-{}-naam".format(diensten["lijn"].pk)).find_parent("article")
    assert "Beschikbaar in Heel Nederland" in " ".join(lijn.get_text(" ", strip=True).split())


def test_filter_uit_de_url_staat_aangevinkt_en_telt_disjunctief(client, diensten):
    soup = html(client.get("/kaart/", {"doelgroep": "ouderen"}))
    assert namen(soup) == ["Koffieochtend De Linde"]
    assert soup.select_one("#f-doelgroep-ouderen").has_attr("checked")
    assert not soup.select_one("#f-doelgroep-nabestaanden").has_attr("checked")
    # The other values of the same facet keep their own counts (OR within a facet) ...
    nabestaanden = soup.select_one("label[for=f-doelgroep-nabestaanden]").get_text(" ", strip=True)
    assert "(1" in nabestaanden
    # ... and other facets count within the selection.
    assert soup.select_one("#f-plek-buitenshuis") is not None
    assert soup.select_one("#f-plek-aan-huis") is None
    # A group with a choice is open and says how many are chosen.
    groep = soup.select_one("details#facet-doelgroep")
    assert groep.has_attr("open")
    assert "1 gekozen" in groep.select_one("summary").get_text()


def test_twee_waarden_van_een_facet_zijn_of(client, diensten):
    soup = html(client.get("/kaart/?doelgroep=ouderen&doelgroep=nabestaanden"))
    assert namen(soup) == ["Koffieochtend De Linde", "Rouwgroep Zeist"]
    soup = html(client.get("/kaart/?doelgroep=ouderen&doelgroep=nabestaanden&plek=buitenshuis"))
    assert namen(soup) == ["Koffieochtend De Linde", "Rouwgroep Zeist"]
    soup = html(client.get("/kaart/?doelgroep=ouderen&doelgroep=nabestaanden&vorm=individueel"))
    assert namen(soup) == []


def test_gemeente_op_naam_of_code_en_leeftijd(client, diensten):
    for gemeente in ("GM0344", "Utrecht", "utrecht"):
        soup = html(client.get("/kaart/", {"gemeente": gemeente}))
        # Utrecht's own services plus every landelijke one.
        assert namen(soup) == ["Koffieochtend De Linde", "Luisterlijn voorbeeld", "Maatje aan huis"]
        assert soup.select_one("#kaart-plaats")["value"] == "Utrecht"
    soup = html(client.get("/kaart/", {"gemeente": "GM0344", "leeftijd": "70"}))
    assert namen(soup) == ["Koffieochtend De Linde", "Luisterlijn voorbeeld"]
    assert soup.select_one("#kaart-leeftijd")["value"] == "70"
    # One field "Waar woont u?"; its suggestions come from the place endpoint (combobox.js).
    veld = soup.select_one("#kaart-plaats")
    assert veld["name"] == "plaats"
    assert soup.select_one("label[for=kaart-plaats]").get_text() == "Waar woont u?"
    assert veld.find_parent(attrs={"data-combobox": True})["data-combobox-url"] == (
        "/api/kaart/plaatsen/"
    )


def test_lege_formuliervelden_tellen_niet(client, diensten):
    """A form sent without JavaScript has empty fields; they are no choice and no error: the page
    sends the visitor on to the same search without them, so the address stays clean."""
    response = client.get("/kaart/?q=&gemeente=&leeftijd=&sort=&doelgroep=ouderen")
    assert response.status_code == 302
    assert response["Location"] == "/kaart/?doelgroep=ouderen"
    assert client.get("/kaart/?q=+&page=").headers["Location"] == "/kaart/"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert namen(html(response)) == ["Koffieochtend De Linde"]


def test_chips_halen_elk_een_keuze_weg(client, diensten):
    params = "?q=koffie&doelgroep=ouderen&doelgroep=iedereen&gemeente=GM0344&leeftijd=70"
    soup = html(client.get("/kaart/" + params))
    gekozen = chips(soup)
    assert set(gekozen) == {
        "Zoekwoord: koffie",
        "Voor wie: Ouderen (65+)",
        "Voor wie: Iedereen",
        "Gemeente: Utrecht",
        "Leeftijd: 70 jaar",
    }
    zonder_ouderen = query(gekozen["Voor wie: Ouderen (65+)"])
    assert zonder_ouderen["doelgroep"] == ["iedereen"]
    assert zonder_ouderen["q"] == ["koffie"] and zonder_ouderen["gemeente"] == ["GM0344"]
    assert "q" not in query(gekozen["Zoekwoord: koffie"])
    assert "gemeente" not in query(gekozen["Gemeente: Utrecht"])
    assert "leeftijd" not in query(gekozen["Leeftijd: 70 jaar"])
    wissen = soup.find("a", string="Alle filters wissen")
    assert wissen["href"] == "/kaart/?q=koffie"
    # Following a chip's link gives the page without that choice.
    soup = html(client.get(gekozen["Voor wie: Ouderen (65+)"]))
    assert "Voor wie: Ouderen (65+)" not in chips(soup)
    assert not soup.select_one("#f-doelgroep-ouderen").has_attr("checked")


@pytest.mark.parametrize(
    ("params", "parameter", "tekst"),
    [
        ({"leeftijd": "abc"}, "leeftijd", "leeftijd"),
        ({"leeftijd": "121"}, "leeftijd", "leeftijd"),
        ({"doelgroep": "marsmannetjes"}, "doelgroep", "marsmannetjes"),
        ({"sort": "willekeurig"}, "sort", "Sorteren"),
        ({"page_size": "500"}, "page_size", "per pagina"),
        ({"page": "0"}, "page", "pagina"),
        ({"gemeente": "GM9999"}, "gemeente", "gemeente"),
    ],
)
def test_foute_invoer_geeft_400_met_uitleg_en_toch_resultaten(
    client, diensten, params, parameter, tekst
):
    response = client.get("/kaart/", params)
    assert response.status_code == 400
    soup = html(response)
    melding = soup.select_one(".kaart-melding")
    assert melding is not None and tekst in melding.get_text()
    assert [m.parameter for m in response.context["meldingen"]] == [parameter]
    # The page still works: all services, without the bad choice.
    assert len(namen(soup)) == 4
    assert soup.select_one("#kaart-zoekformulier") is not None


def test_foute_invoer_naast_goede_houdt_de_goede(client, diensten):
    response = client.get("/kaart/", {"leeftijd": "oud", "doelgroep": "ouderen"})
    assert response.status_code == 400
    soup = html(response)
    assert namen(soup) == ["Koffieochtend De Linde"]
    veld = soup.select_one("#kaart-leeftijd")
    assert veld["value"] == "oud" and veld["aria-invalid"] == "true"
    assert "kaart-leeftijd-fout" in veld["aria-describedby"]
    # The drawer opens, so the message next to the field is seen on a phone too.
    assert soup.select_one("details#kaart-filters").has_attr("open")


def test_onbekende_gemeente_stelt_een_naam_voor(client, diensten):
    response = client.get("/kaart/", {"gemeente": "Utrcht"})
    assert response.status_code == 400
    soup = html(response)
    suggestie = soup.select_one(".kaart-melding a")
    assert suggestie.get_text() == "Utrecht"
    assert query(suggestie["href"])["plaats"] == ["Utrecht"]
    assert client.get(suggestie["href"]).status_code == 200


def test_geen_resultaten_biedt_keuzes_om_weg_te_halen(client, diensten):
    soup = html(client.get("/kaart/?doelgroep=nabestaanden&plek=telefonisch"))
    assert namen(soup) == []
    leeg = soup.select_one(".kaart-leeg")
    assert "Wij vonden niets" in leeg.get_text()
    opties = {a.get_text(" ", strip=True): a["href"] for a in leeg.select("a")}
    zonder_doelgroep = opties["Zonder voor wie “Nabestaanden”"]
    assert query(zonder_doelgroep) == {"plek": ["telefonisch"]}
    assert namen(html(client.get(zonder_doelgroep))) == ["Luisterlijn voorbeeld"]
    assert query(opties["Zonder waar “Telefonisch”"]) == {"doelgroep": ["nabestaanden"]}
    assert opties["Alle filters wissen"] == "/kaart/"
    assert "tel:08000000000" in opties.values()


def test_sorteren(client, diensten):
    def volgorde(sort):
        return namen(html(client.get("/kaart/", {"sort": sort} if sort else {})))

    assert volgorde("") == volgorde("naam")
    # Cost low to high, ties on the name; unknown last.
    DienstFactory(naam="Aaa kosten onbekend", kosten_bedrag=None)
    assert volgorde("kosten") == [
        "Koffieochtend De Linde",
        "Luisterlijn voorbeeld",
        "Rouwgroep Zeist",
        "Maatje aan huis",
        "Aaa kosten onbekend",
    ]
    # Newest check first, ties on the name, never checked last.
    assert volgorde("recent") == [
        "Koffieochtend De Linde",
        "Luisterlijn voorbeeld",
        "Rouwgroep Zeist",
        "Aaa kosten onbekend",
        "Maatje aan huis",
    ]
    soup = html(client.get("/kaart/", {"sort": "kosten"}))
    gekozen = soup.select_one("#kaart-sort option[selected]")
    assert gekozen["value"] == "kosten"
    # The default order's option sends nothing, so it follows whether there is a search text.
    opties = {o.get_text(): o["value"] for o in soup.select("#kaart-sort option")}
    assert opties == {
        "Naam (A tot Z)": "",
        "Kosten (laagste eerst)": "kosten",
        "Laatst gecontroleerd": "recent",
    }
    met_tekst = html(client.get("/kaart/", {"q": "koffie"}))
    assert met_tekst.select_one("#kaart-sort option[selected]").get_text() == "Beste match"


def test_paginering(client, diensten):
    soup = html(client.get("/kaart/", {"page_size": "1", "page": "2"}))
    assert namen(soup) == ["Luisterlijn voorbeeld"]
    assert "pagina 2 van 4" in soup.select_one("#kaart-resultaten-kop").get_text()
    nav = soup.select_one("nav.kaart-paginering")
    assert query(nav.select_one("a[rel=next]")["href"]) == {"page_size": ["1"], "page": ["3"]}
    assert query(nav.select_one("a[rel=prev]")["href"]) == {"page_size": ["1"]}
    assert nav.select_one("[aria-current=page]").get_text(" ", strip=True) == "Pagina 2"
    laatste = html(client.get("/kaart/", {"page_size": "1", "page": "4"}))
    assert laatste.select_one("nav.kaart-paginering a[rel=next]") is None
    # With few results there is no pagination at all.
    assert html(client.get("/kaart/")).select_one("nav.kaart-paginering") is None


def test_paginering_met_gaten(client, diensten):
    for nummer in range(20):
        DienstFactory(naam=f"Extra {nummer:02d}")
    soup = html(client.get("/kaart/", {"page_size": "2", "page": "6"}))
    items = [li.get_text(" ", strip=True) for li in soup.select("nav.kaart-paginering li")]
    assert items == [
        "Vorige pagina",
        "Pagina 1",
        "…",
        "Pagina 5",
        "Pagina 6",
        "Pagina 7",
        "…",
        "Pagina 12",
        "Volgende pagina",
    ]


def test_pagina_voorbij_de_laatste(client, diensten):
    response = client.get("/kaart/", {"page": "9"})
    assert response.status_code == 200
    soup = html(response)
    assert namen(soup) == []
    leeg = soup.select_one(".kaart-leeg")
    assert "bestaat niet" in leeg.get_text()
    assert leeg.select_one("a")["href"] == "/kaart/"


def test_zoektekst(client, diensten):
    soup = html(client.get("/kaart/", {"q": "praatje"}))
    assert namen(soup) == ["Koffieochtend De Linde"]
    assert "voor “praatje”" in soup.select_one("#kaart-resultaten-kop").get_text()
    assert soup.select_one("#kaart-q")["value"] == "praatje"


def test_beperkt_zoeken_wordt_gemeld(client, diensten, monkeypatch):
    from kaart import views
    from kaart.queries import zoek_diensten

    def beperkt(zoekvraag):
        resultaat = zoek_diensten(zoekvraag)
        resultaat.degraded = True
        return resultaat

    monkeypatch.setattr(views, "zoek_diensten", beperkt)
    assert "Zoeken werkt op dit moment beperkt" in client.get("/kaart/").content.decode()
    monkeypatch.undo()
    assert "Zoeken werkt op dit moment beperkt" not in client.get("/kaart/").content.decode()


def test_vaste_adres_in_de_pagina_voor_javascript(client, diensten):
    """The page says its own canonical address; the script puts it in the history."""
    soup = html(client.get("/kaart/?leeftijd=70&doelgroep=ouderen&sort=naam"))
    wortel = soup.select_one("[data-kaart-zoeken]")
    assert wortel["data-kaart-url"] == "/kaart/?doelgroep=ouderen&leeftijd=70"
    regios = {el["id"] for el in soup.select("[data-kaart-regio]")}
    assert regios == {"kaart-filterteller", "kaart-filterinhoud", "kaart-resultaten"}
    assert soup.select_one("#kaart-status[role=status]") is not None


def test_aantal_queries_hangt_niet_af_van_het_aantal_resultaten(
    client, diensten, django_assert_max_num_queries
):
    client.get("/kaart/")  # warm the site and settings caches like any later request
    with django_assert_max_num_queries(MAX_QUERIES_ZOEKEN):
        response = client.get(
            "/kaart/?q=koffie&doelgroep=ouderen&plek=buitenshuis&gemeente=GM0344&leeftijd=70"
        )
    assert response.status_code == 200
    for nummer in range(30):
        DienstFactory(
            naam=f"Extra {nummer}",
            termen={
                "doelgroep": ["ouderen", "iedereen"],
                "plek": ["online"],
                "thema": ["gezondheid"],
            },
            gemeente_codes=["GM0344", "GM0355"],
        )
    with django_assert_max_num_queries(MAX_QUERIES_ZOEKEN) as ctx:
        response = client.get("/kaart/", {"page_size": "30"})
    assert len(namen(html(response))) == 30
    veel = len(ctx.captured_queries)
    with django_assert_max_num_queries(veel) as ctx:
        client.get("/kaart/", {"page_size": "1"})
    assert len(ctx.captured_queries) == veel


def test_hoofdmenu_heeft_de_kaart(client, diensten):
    soup = html(client.get("/kaart/"))
    link = soup.select_one('nav[aria-label=Hoofdmenu] a[href="/kaart/"]')
    assert link.get_text() == "Sociale kaart" and link["aria-current"] == "page"
    thuis = html(client.get("/"))
    link = thuis.select_one('nav[aria-label=Hoofdmenu] a[href="/kaart/"]')
    assert link is not None and not link.has_attr("aria-current")


# --- /kaart/dienst/<pk>/ ------------------------------------------------------------------------


def test_dienstpagina_toont_de_zeven_onderdelen(client, diensten):
    dienst = diensten["koffie"]
    response = client.get(dienst.get_absolute_url())
    assert response.status_code == 200
    soup = html(response)
    assert soup.select_one("h1").get_text() == "Koffieochtend De Linde"  # 1 naam
    tekst = " ".join(soup.select_one("article").get_text(" ", strip=True).split())
    assert "Door Buurthuis De Linde (voorbeeld)" in tekst
    assert "Elke dinsdag koffie en een praatje met buurtgenoten." in tekst  # 2 essentie
    kort = soup.select_one(".kaart-inhetkort")
    kort_tekst = " ".join(kort.get_text(" ", strip=True).split())
    assert "Kosten Gratis" in kort_tekst  # 5 kosten, vooraan
    assert "Voor wie Ouderen (65+) Vanaf 65 jaar" in kort_tekst  # 4 voorwaarden
    assert "Geen bijzondere voorwaarden" in kort_tekst
    kenmerken = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in soup.select(".kaart-eigenschappen dt")
    }
    assert kenmerken["Samen of alleen"] == "In een groep"  # 3 kenmerken
    assert kenmerken["Waar"] == "Buitenshuis"
    assert kenmerken["Betaald door"] == "Gratis aanbod"
    # 6 and 7: website, telephone and e-mail as links that work on a phone.
    assert kort.select_one('a[href="https://www.example.org/koffie/"]').get_text() == (
        "example.org/koffie"
    )
    assert kort.select_one('a[href="tel:0301234567"]').get_text() == "030 - 123 45 67"
    assert kort.select_one('a[href="mailto:koffie@example.org"]') is not None
    assert f"Laatst gecontroleerd op {RECENT.day}" in tekst
    assert "langer dan een jaar" not in tekst
    # The site's help number.
    assert soup.select_one('.portal-callout a[href="tel:08000000000"]') is not None


def test_dienstpagina_voorwaarden_en_oude_gegevens(client, diensten):
    soup = html(client.get(diensten["rouw"].get_absolute_url()))
    kort = " ".join(soup.select_one(".kaart-inhetkort").get_text(" ", strip=True).split())
    assert "€ 25 per reeks" in kort
    assert "verwijzing nodig" in kort
    assert "Geen bijzondere voorwaarden" not in kort
    assert "langer dan een jaar niet nagekeken" in soup.get_text()
    assert "Geen contactgegevens bekend" in kort


def test_dienstpagina_wijziging_doorgeven(client, diensten):
    dienst = diensten["koffie"]
    soup = html(client.get(dienst.get_absolute_url()))
    link = soup.find("a", string="Wijziging doorgeven")
    try:
        verwacht = reverse("inzendingen:wijziging", args=[dienst.pk])
    except NoReverseMatch:
        assert link["href"].startswith("mailto:info@example.org?subject=")
        assert "Koffieochtend%20De%20Linde" in link["href"]
    else:
        assert link["href"] == verwacht


def test_dienstpagina_afdrukken_en_print_css(client, diensten):
    soup = html(client.get(diensten["koffie"].get_absolute_url()))
    knop = soup.select_one("button[data-kaart-print]")
    assert knop.has_attr("hidden")  # only shown by the script, which can print
    assert soup.select_one('link[href$="css/kaart.css"]') is not None
    from django.contrib.staticfiles import finders

    with open(finders.find("css/kaart.css"), encoding="utf-8") as handle:
        assert "@media print" in handle.read()


def test_dienstpagina_alleen_live(client, diensten):
    assert client.get(diensten["concept"].get_absolute_url()).status_code == 404
    assert client.get("/kaart/dienst/999999/").status_code == 404


def test_dienstpagina_aantal_queries(client, diensten, django_assert_max_num_queries):
    client.get(diensten["koffie"].get_absolute_url())
    with django_assert_max_num_queries(MAX_QUERIES_DIENST):
        assert client.get(diensten["koffie"].get_absolute_url()).status_code == 200


# --- /kaart/vergelijk/ --------------------------------------------------------------------------


def vergelijk(client, *ids, **extra):
    return client.get(
        "/kaart/vergelijk/?" + urlencode([("id", i) for i in ids] + list(extra.items()))
    )


def rijen(soup) -> dict[str, tuple[bool, list[str]]]:
    """Row label -> (marked as different, cell texts)."""
    result = {}
    for tr in soup.select("table.kaart-vergelijking tbody tr"):
        th = tr.select_one("th")
        teken = th.select_one(".kaart-verschil__teken")
        if teken:
            teken.extract()
        # Each cell names its service too, for phones where the table is stacked.
        for naam in tr.select(".kaart-vergelijking__naam"):
            naam.extract()
        cellen = [" ".join(td.get_text(" ", strip=True).split()) for td in tr.select("td")]
        result[th.get_text(strip=True)] = (teken is not None, cellen)
    return result


def test_vergelijk_twee_naast_elkaar(client, diensten):
    koffie, rouw = diensten["koffie"], diensten["rouw"]
    response = vergelijk(client, koffie.pk, rouw.pk)
    assert response.status_code == 200
    soup = html(response)
    # The difference is said in words, not only by colour.
    assert "Verschilt" in soup.select_one("tr.kaart-verschil th").get_text()
    koppen = [th.select_one("a").get_text() for th in soup.select("thead th[scope=col]")]
    assert koppen == ["Koffieochtend De Linde", "Rouwgroep Zeist"]
    tabel = rijen(soup)
    assert tabel["Kosten"] == (True, ["Gratis", "€ 25 per reeks"])
    assert tabel["Samen of alleen"] == (False, ["In een groep", "In een groep"])
    assert tabel["Waar"] == (False, ["Buitenshuis", "Buitenshuis"])
    assert tabel["Voor wie"][0] is True
    assert tabel["Beschikbaar in"] == (True, ["Utrecht", "Zeist"])
    verwijzing = "U heeft een verwijzing nodig (bijvoorbeeld van de huisarts)."
    assert tabel["Voorwaarden"] == (True, ["Geen bijzondere voorwaarden", verwijzing])
    assert tabel["Contact"] == (
        False,
        ["Bel 030 - 123 45 67 Mail koffie@example.org", "Niet bekend"],
    )
    # The table scrolls inside its own box on a small screen, and the box can get focus.
    wrap = soup.select_one(".kaart-vergelijking-wrap")
    assert wrap["tabindex"] == "0" and wrap["role"] == "region"


def test_vergelijk_een_dienst_vraagt_om_meer(client, diensten):
    soup = html(vergelijk(client, diensten["lijn"].pk))
    assert "Kies er in de sociale kaart nog één tot drie bij" in soup.get_text()
    assert not soup.select("tr.kaart-verschil")


def test_vergelijk_hooguit_vier(client, diensten):
    extra = DienstFactory(naam="Vijfde dienst")
    ids = [d.pk for d in (diensten["koffie"], diensten["lijn"], diensten["rouw"])]
    ids += [diensten["maatje"].pk, extra.pk]
    response = vergelijk(client, *ids)
    assert response.status_code == 200
    soup = html(response)
    assert len(soup.select("thead th[scope=col]")) == 4
    assert "Vijfde dienst" not in soup.select_one("table").get_text()
    assert "vier diensten tegelijk" in soup.select_one(".utrecht-alert").get_text()


def test_vergelijk_zonder_keuze_legt_uit(client, diensten):
    response = client.get("/kaart/vergelijk/")
    assert response.status_code == 200
    soup = html(response)
    assert soup.select_one("table") is None
    assert soup.find("a", string="Naar de sociale kaart")["href"] == "/kaart/"


def test_vergelijk_foute_en_onbekende_nummers(client, diensten):
    for fout in ("abc", "²", "99999999999999999999", "-1"):
        assert vergelijk(client, fout, diensten["lijn"].pk).status_code == 400
    response = vergelijk(client, "abc", diensten["koffie"].pk)
    assert response.status_code == 400
    soup = html(response)
    assert len(soup.select("thead th[scope=col]")) == 1
    assert "geen dienst" in soup.select_one(".utrecht-alert").get_text()

    response = vergelijk(client, diensten["concept"].pk, diensten["koffie"].pk)
    assert response.status_code == 200
    assert "niet (meer) in de sociale kaart" in response.content.decode()

    response = vergelijk(client, diensten["concept"].pk, 999999)
    assert response.status_code == 404
    assert "2 van de gekozen diensten" in response.content.decode()

    # The same service twice is one column.
    soup = html(vergelijk(client, diensten["koffie"].pk, diensten["koffie"].pk))
    assert len(soup.select("thead th[scope=col]")) == 1


def test_vergelijk_haal_weg_en_alleen_verschillen(client, diensten):
    ids = [diensten["koffie"].pk, diensten["rouw"].pk, diensten["maatje"].pk]
    soup = html(vergelijk(client, *ids))
    weg = soup.select("thead .kaart-weghalen")
    assert query(weg[1]["href"])["id"] == [str(ids[0]), str(ids[2])]

    wissel = soup.find("a", string="Toon alleen de verschillen")
    soup = html(client.get(wissel["href"]))
    tabel = rijen(soup)
    assert "Kosten" in tabel and "Samen of alleen" in tabel  # these differ
    assert "Hoe vaak" not in tabel  # the same for all three (not filled in)
    assert "Aanbieder" in tabel  # says which service is which
    assert all(verschilt for label, (verschilt, _) in tabel.items() if label == "Kosten")
    assert soup.find("a", string="Toon alle kenmerken") is not None


def test_vergelijk_terug_naar_de_zoekopdracht(client, diensten):
    soup = html(client.get("/kaart/?doelgroep=ouderen&doelgroep=nabestaanden"))
    formulier = soup.select_one("form#kaart-vergelijk")
    assert formulier["action"] == "/kaart/vergelijk/" and formulier["method"] == "get"
    terug = formulier.select_one("input[name=terug]")["value"]
    soup = html(vergelijk(client, diensten["koffie"].pk, diensten["rouw"].pk, terug=terug))
    link = soup.find("a", string="Terug naar de resultaten")
    assert query(link["href"]) == {"doelgroep": ["ouderen", "nabestaanden"]}
    # Only ever back to the kaart, whatever someone puts in the parameter.
    soup = html(vergelijk(client, diensten["koffie"].pk, terug="//example.com/kwaad"))
    assert soup.find("a", string="Terug naar de resultaten")["href"].startswith("/kaart/?")


def test_vergelijk_aantal_queries(client, diensten, django_assert_max_num_queries):
    ids = [d.pk for key, d in diensten.items() if key != "concept"]
    vergelijk(client, *ids)
    with django_assert_max_num_queries(MAX_QUERIES_VERGELIJK):
        assert vergelijk(client, *ids).status_code == 200


# --- Template helpers ---------------------------------------------------------------------------


def test_euro_op_zijn_nederlands():
    assert euro(Decimal("0")) == "€ 0"
    assert euro(Decimal("2.5")) == "€ 2,50"
    assert euro(Decimal("15.00")) == "€ 15"
    assert euro(Decimal("1250.75")) == "€ 1.250,75"
    assert euro(None) == ""


def test_leeftijd_in_woorden():
    class D:
        def __init__(self, laag, hoog):
            self.leeftijd_min, self.leeftijd_max = laag, hoog

    assert leeftijd(D(None, None)) == "Alle leeftijden"
    assert leeftijd(D(65, None)) == "Vanaf 65 jaar"
    assert leeftijd(D(None, 25)) == "Tot en met 25 jaar"
    assert leeftijd(D(0, 25)) == "Tot en met 25 jaar"
    assert leeftijd(D(18, 64)) == "18 tot en met 64 jaar"
    assert leeftijd(D(50, 50)) == "50 jaar"


def test_opsomming_en_telefoon():
    assert nl_opsomming([]) == ""
    assert nl_opsomming(["a"]) == "a"
    assert nl_opsomming(["a", "b", "c"]) == "a, b en c"
    assert tel_href("030 - 123 45 67") == "tel:0301234567"
    assert tel_href("+31 (0)30 123") == "tel:+31030123"
    assert tel_href("") == ""


def test_waar_kort_bij_veel_gemeenten(diensten):
    from kaart.models import Gemeente

    dienst = diensten["maatje"]
    dienst.gemeenten.set(Gemeente.objects.order_by("naam")[:6])
    namen_ = list(Gemeente.objects.order_by("naam").values_list("naam", flat=True)[:3])
    assert waar(dienst) == f"{', '.join(namen_)} en 3 andere gemeenten"
    dienst.gemeenten.set(Gemeente.objects.order_by("naam")[:4])
    assert waar(dienst).count(",") == 2 and " en " in waar(dienst)
    assert waar(diensten["lijn"]) == "Heel Nederland"


def test_uitleg_van_een_kenmerk_staat_bij_het_vakje(client, diensten):
    from kaart.models import Term

    Term.objects.filter(vocabulaire="doelgroep", slug="nabestaanden").update(
        toelichting="Mensen van wie iemand dierbaars is overleden."
    )
    soup = html(client.get("/kaart/"))
    vakje = soup.select_one("#f-doelgroep-nabestaanden")
    uitleg = soup.select_one("#" + vakje["aria-describedby"])
    assert uitleg.get_text() == "Mensen van wie iemand dierbaars is overleden."
    assert not soup.select_one("#f-doelgroep-ouderen").has_attr("aria-describedby")


def test_gefilterde_pagina_wordt_niet_geindexeerd(client, diensten):
    def robots(url):
        tag = html(client.get(url)).select_one("meta[name=robots]")
        return tag["content"] if tag else None

    assert robots("/kaart/") is None
    assert robots("/kaart/?doelgroep=ouderen") == "noindex, follow"
    assert robots("/kaart/?q=koffie") == "noindex, follow"
    assert robots("/kaart/?page=2&page_size=1") == "noindex, follow"
    # The compare form only carries a way back when there is a search to go back to.
    assert html(client.get("/kaart/")).select_one("form#kaart-vergelijk input") is None
