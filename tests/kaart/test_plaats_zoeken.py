"""'Waar woont u?' on the page and in the API (issue #13): plaats, locatie, afstand, Dichtbij."""

import math
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from kaart import plaatsen
from kaart.factories import DienstFactory
from kaart.plaatsen import los_op

API = "/api/kaart/diensten/"

pytestmark = pytest.mark.django_db


def groot_cirkel_km(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture
def veluwe(db):
    """Services around Lunteren (gemeente Ede), one in Barneveld, one far away, one national."""
    return {
        "lunteren": DienstFactory(
            naam="Soos Lunteren", postcode="6741 AB", gemeente_codes=["GM0228"]
        ),
        "ede": DienstFactory(naam="Inloop Ede", postcode="6711AA", gemeente_codes=["GM0228"]),
        "barneveld": DienstFactory(
            naam="Koffie Barneveld", plaats="Barneveld", gemeente_codes=["GM0203"]
        ),
        "utrecht": DienstFactory(
            naam="Wandelen Utrecht", postcode="3511 AB", gemeente_codes=["GM0344"]
        ),
        "lijn": DienstFactory(naam="Zilverlijn", landelijk=True, postcode="3511 AB"),
        "zonder": DienstFactory(naam="Aan huis Ede", gemeente_codes=["GM0228"]),
    }


def namen(data):
    return [r["naam"] for r in data["results"]]


def test_a_woonplaats_filters_on_its_gemeente_nearest_first(client, veluwe):
    data = client.get(API, {"plaats": "lunteren"}).json()
    hier = los_op("Lunteren")
    assert data["locatie"] == {
        "invoer": "lunteren",
        "gemeente": "GM0228",
        "gemeente_naam": "Ede",
        "woonplaats": "Lunteren",
        "postcode": None,
        "lat": hier.lat,
        "lon": hier.lon,
    }
    # Dichtbij is the default: national first (not "far away"), then by distance, no point last.
    assert namen(data) == ["Zilverlijn", "Soos Lunteren", "Inloop Ede", "Aan huis Ede"]
    afstanden = {r["naam"]: r["afstand_km"] for r in data["results"]}
    assert afstanden["Zilverlijn"] is None and afstanden["Aan huis Ede"] is None
    for naam in ("Soos Lunteren", "Inloop Ede"):
        dienst = veluwe["lunteren" if "Lunteren" in naam else "ede"]
        dienst.refresh_from_db()
        want = groot_cirkel_km((hier.lat, hier.lon), (dienst.lat, dienst.lon))
        assert afstanden[naam] == round(want, 1)
    assert afstanden["Soos Lunteren"] < afstanden["Inloop Ede"]
    # With a text the default stays relevance; the name order is still there on request.
    assert client.get(API, {"plaats": "Lunteren", "sort": "naam"}).json()["results"][0]["naam"] == (
        "Aan huis Ede"
    )


def test_a_distance_widens_to_nearby_gemeenten(client, veluwe):
    data = client.get(API, {"plaats": "Lunteren", "afstand": "10"}).json()
    assert "Koffie Barneveld" in namen(data)
    assert "Wandelen Utrecht" not in namen(data)
    data = client.get(API, {"plaats": "Lunteren", "afstand": "2"}).json()
    assert "Koffie Barneveld" not in namen(data)
    assert "Inloop Ede" in namen(data)  # the gemeente itself stays
    # A postcode and a gemeente name work the same way.
    data = client.get(API, {"plaats": "6741", "afstand": "25"}).json()
    assert data["locatie"]["postcode"] == "6741"
    assert "Koffie Barneveld" in namen(data)


def test_an_ambiguous_name_offers_choices_and_filters_nothing(client, veluwe):
    data = client.get(API, {"plaats": "Hengelo"}).json()
    assert data["count"] == len(veluwe)
    keuzes = data["locatie"]["keuzes"]
    assert {k["gemeente"] for k in keuzes} == {"GM0164", "GM1876"}
    assert {k["provincie"] for k in keuzes} == {"Overijssel", "Gelderland"}
    for keuze in keuzes:
        gekozen = client.get(API, {"plaats": keuze["waarde"]}).json()["locatie"]
        assert gekozen["gemeente"] == keuze["gemeente"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"plaats": "Lunterne"}, "plaats"),
        ({"plaats": "Xyzzyville"}, "plaats"),
        ({"plaats": "351"}, "plaats"),
        ({"plaats": "35111 AB"}, "plaats"),
        ({"plaats": "1000"}, "plaats"),
        ({"plaats": "GM9999"}, "plaats"),
        ({"plaats": "!!!"}, "plaats"),
        ({"gemeente": "Hengelo"}, "gemeente"),
        ({"gemeente": "Utrcht"}, "gemeente"),
        ({"plaats": "Lunteren", "afstand": "3"}, "afstand"),
        ({"plaats": "Lunteren", "afstand": "tien"}, "afstand"),
        ({"plaats": "Lunteren", "afstand": "-5"}, "afstand"),
        ({"afstand": "5"}, "afstand"),
        ({"plaats": "Hengelo", "afstand": "5"}, "afstand"),
        ({"sort": "afstand"}, "sort"),
        ({"gemeente": "GM0228", "sort": "afstand"}, "sort"),
    ],
)
def test_bad_input_is_a_400_with_the_parameter(client, veluwe, params, parameter):
    response = client.get(API, params)
    assert response.status_code == 400
    data = response.json()
    assert data["parameter"] == parameter
    assert "CBS" not in data["error"] and "GM0" not in data["error"]
    if parameter in ("plaats", "gemeente"):
        assert isinstance(data["suggesties"], list)
    page = client.get("/kaart/", params)
    assert page.status_code == 400
    melding = BeautifulSoup(page.content.decode(), "html.parser").select_one(".kaart-melding")
    assert melding is not None and "CBS" not in melding.get_text()


def test_a_near_miss_suggests_the_place(client, veluwe):
    data = client.get(API, {"plaats": "Lunterne"}).json()
    assert data["suggesties"] == ["Lunteren"]
    page = client.get("/kaart/", {"plaats": "Lunterne"})
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    link = soup.select_one(".kaart-melding a")
    assert link.get_text() == "Lunteren"
    assert parse_qs(urlsplit(link["href"]).query)["plaats"] == ["Lunteren"]
    assert client.get(link["href"]).status_code == 200


def test_the_page_says_where_and_how_far(client, veluwe):
    response = client.get("/kaart/", {"plaats": "Lunteren"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert "Diensten in en rond Lunteren (gemeente Ede)" in soup.select_one(".kaart-locatie").text
    assert soup.select_one("#kaart-plaats")["value"] == "Lunteren"
    # The data's credit line, as its licence asks (kaart.plaatsen.BRON), in the site's footer.
    assert plaatsen.BRON in soup.find("footer").get_text(" ", strip=True)
    kaartjes = {
        k.select_one("h3").get_text(strip=True): k.get_text(" ", strip=True)
        for k in soup.select(".kaart-dienst")
    }
    assert "Overal beschikbaar" in kaartjes["Zilverlijn"]
    assert "± 1 km" in kaartjes["Soos Lunteren"] or "± 0 km" in kaartjes["Soos Lunteren"]
    sort = soup.select_one("#kaart-sort option[selected]")
    assert sort.get_text() == "Dichtbij"
    assert [o["value"] for o in soup.select("#kaart-afstand option")] == ["", "2", "5", "10", "25"]
    # Ambiguous: the choices, each a link that resolves.
    soup = BeautifulSoup(
        client.get("/kaart/", {"plaats": "Hengelo"}).content.decode(), "html.parser"
    )
    links = [
        a["href"]
        for a in soup.find("h3", string="Welke Hengelo bedoelt u?").find_next("ul").select("a")
    ]
    assert len(links) == 2
    for href in links:
        assert "Diensten in en rond" in client.get(href).content.decode()
    # No message anywhere asks for a CBS code.
    for params in ({"plaats": "Lunterne"}, {"gemeente": "Den Haag"}, {"gemeente": "GM9999"}):
        assert "CBS-code" not in client.get("/kaart/", params).content.decode()


def test_den_haag_bussum_and_a_postcode(client, veluwe):
    for invoer, code in (("Den Haag", "GM0518"), ("Bussum", "GM1942"), ("3511 ab", "GM0344")):
        data = client.get(API, {"plaats": invoer}).json()
        assert data["locatie"]["gemeente"] == code
    # gemeente= keeps working, by code and by any name plaats takes.
    assert client.get(API, {"gemeente": "Den Haag"}).status_code == 200


def test_place_suggestions_endpoint(client, db):
    data = client.get("/api/kaart/plaatsen/", {"q": "lunt"}).json()
    assert data[0]["naam"] == "Lunteren" and data[0]["gemeente"] == "GM0228"
    assert data[0]["label"] == "Lunteren (gemeente Ede, Gelderland)"
    assert client.get("/api/kaart/plaatsen/", {"q": "l"}).json() == []
    assert client.get("/api/kaart/plaatsen/", {"q": "x" * 5000}).status_code == 200
    # The search box's suggestions end with places.
    suggesties = client.get("/api/kaart/suggest/", {"q": "lunteren"}).json()
    assert suggesties[-1]["type"] == "plaats" and suggesties[-1]["value"] == "Lunteren"
    assert suggesties[-1]["url"] == "/kaart/?plaats=Lunteren"


def test_place_suggestions_are_fast(client, db):
    client.get("/api/kaart/plaatsen/", {"q": "be"})  # the index is read once per process
    tijden = []
    for q in ["be", "den", "lunt", "35", "s-her", "amster", "ha", "zuid"] * 10:
        start = time.perf_counter()
        assert client.get("/api/kaart/plaatsen/", {"q": q}).status_code == 200
        tijden.append(time.perf_counter() - start)
    tijden.sort()
    assert tijden[int(len(tijden) * 0.95)] < 0.020
