"""The kaart's JSON API: the contract's answer shape, bad input, pages, one service, never a 500."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaart.factories import DienstFactory, indexeer
from kaart.models import Term
from kaart.queries import FACETS

from .test_queries import BAD_INPUT, MAX_QUERIES

URL = "/api/kaart/diensten/"
CONTRACT_FIELDS = [
    *["naam", "samenvatting", "beschrijving", "aanbieder"],
    *["vorm", "frequentie", "plek", "financiering", "uitvoering", "thema", "activiteit"],
    *["doelgroep", "leeftijd_min", "leeftijd_max", "voorwaarden"],
    *["indicatie_nodig", "verwijzing_nodig", "inkomensgrens"],
    *["kosten_bedrag", "kosten_eenheid", "kosten_toelichting", "website", "email", "telefoon"],
    *["aanbieder", "landelijk", "gemeenten", "adres", "postcode", "plaats", "preventie"],
    *["eenzaamheidsgroep", "erkenning", "laatst_gecontroleerd", "extern_id"],
]


@pytest.fixture
def twee_diensten(db):
    koffie = DienstFactory(
        naam="Koffieochtend De Linde",
        samenvatting="Elke dinsdag koffie en een praatje in het buurthuis.",
        aanbieder="Welzijn Voorbeeld (voorbeeld)",
        kosten_bedrag=Decimal("1.50"),
        kosten_eenheid="per keer",
        website="https://koffie.example.org/",
        email="koffie@example.org",
        telefoon="0800-0000-001",
        laatst_gecontroleerd=datetime.date(2026, 3, 1),
        leeftijd_min=55,
        voorwaarden="Aanmelden is niet nodig.",
        termen={
            "doelgroep": ["ouderen", "alleenstaanden"],
            "vorm": ["groep"],
            "frequentie": ["structureel"],
            "financiering": ["gesubsidieerd"],
            "activiteit": ["ontmoeting"],
        },
        gemeente_codes=["GM0344"],
    )
    lijn = DienstFactory(
        naam="Luisterlijn Voorbeeld",
        samenvatting="Dag en nacht iemand om mee te praten, anoniem.",
        kosten_bedrag=Decimal("0"),
        landelijk=True,
        termen={"doelgroep": ["iedereen"], "plek": ["telefonisch"], "vorm": ["individueel"]},
    )
    indexeer([koffie.pk, lijn.pk])
    return koffie, lijn


def test_answer_has_the_contract_shape(client, twee_diensten):
    koffie, lijn = twee_diensten
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["locatie"] is None
    assert {k: data[k] for k in ("count", "page", "page_size", "num_pages", "backend")} == {
        "count": 2,
        "page": 1,
        "page_size": 20,
        "num_pages": 1,
        "backend": "database",
    }
    names = [r["naam"] for r in data["results"]]
    assert names == ["Koffieochtend De Linde", "Luisterlijn Voorbeeld"]
    first = data["results"][0]
    assert first == {
        "id": koffie.pk,
        "url": f"/kaart/dienst/{koffie.pk}/",
        "naam": "Koffieochtend De Linde",
        "samenvatting": "Elke dinsdag koffie en een praatje in het buurthuis.",
        "aanbieder": "Welzijn Voorbeeld (voorbeeld)",
        "doelgroep": ["ouderen", "alleenstaanden"],
        "thema": [],
        "activiteit": ["ontmoeting"],
        "vorm": ["groep"],
        "frequentie": ["structureel"],
        "plek": [],
        "financiering": ["gesubsidieerd"],
        "uitvoering": [],
        "preventie": [],
        "eenzaamheidsgroep": [],
        "erkenning": [],
        "kosten": ["tot-10"],
        "bereik": ["lokaal"],
        "kosten_bedrag": "1.50",
        "kosten_eenheid": "per keer",
        "landelijk": False,
        "gemeenten": ["GM0344"],
        "lat": None,
        "lon": None,
        "afstand_km": None,
        "website": "https://koffie.example.org/",
        "email": "koffie@example.org",
        "telefoon": "0800-0000-001",
        "laatst_gecontroleerd": "2026-03-01",
        "mogelijk_niet_actueel": False,
    }
    assert data["results"][1]["kosten_bedrag"] == "0.00"
    assert data["results"][1]["laatst_gecontroleerd"] is None
    assert list(data["facets"]) == FACETS
    assert data["facets"]["doelgroep"] == [
        {"value": "iedereen", "label": "Iedereen", "count": 1, "selected": False},
        {"value": "ouderen", "label": "Ouderen (65+)", "count": 1, "selected": False},
        {"value": "alleenstaanden", "label": "Alleenstaanden", "count": 1, "selected": False},
    ]


def test_filters_gemeente_and_age_as_the_contract_says(client, twee_diensten):
    koffie, lijn = twee_diensten
    data = client.get(URL, {"gemeente": "GM0344", "leeftijd": "70"}).json()
    assert {r["id"] for r in data["results"]} == {koffie.pk, lijn.pk}
    data = client.get(URL, {"gemeente": "GM0363"}).json()
    assert [r["id"] for r in data["results"]] == [lijn.pk]
    data = client.get(URL, {"leeftijd": "30"}).json()
    assert [r["id"] for r in data["results"]] == [lijn.pk]
    data = client.get(f"{URL}?doelgroep=ouderen&doelgroep=iedereen&kosten=gratis").json()
    assert [r["id"] for r in data["results"]] == [lijn.pk]
    selected = [w for w in data["facets"]["doelgroep"] if w["selected"]]
    assert {w["value"] for w in selected} == {"ouderen", "iedereen"}
    # Disjunctive: kosten=gratis does not hide the other cost band.
    assert {w["value"]: w["count"] for w in data["facets"]["kosten"]} == {
        "gratis": 1,
        "tot-10": 1,
    }


def test_text_search_and_sort(client, twee_diensten):
    koffie, lijn = twee_diensten
    assert [r["id"] for r in client.get(URL, {"q": "koffie"}).json()["results"]] == [koffie.pk]
    by_cost = client.get(URL, {"sort": "kosten"}).json()["results"]
    assert [r["id"] for r in by_cost] == [lijn.pk, koffie.pk]
    recent = client.get(URL, {"sort": "recent"}).json()["results"]
    assert [r["id"] for r in recent] == [koffie.pk, lijn.pk]


@pytest.mark.parametrize(("query", "parameter"), BAD_INPUT)
def test_bad_input_is_400_with_the_parameter(client, db, query, parameter):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    data = response.json()
    assert data["parameter"] == parameter
    assert isinstance(data["error"], str) and data["error"]
    assert set(data) == {"error", "parameter", "suggesties"}


def test_page_past_the_last_is_empty_not_an_error(client, twee_diensten):
    for page in ("2", "3", "999999999"):
        response = client.get(URL, {"page": page, "page_size": "2"})
        assert response.status_code == 200
        data = response.json()
        assert (data["results"], data["count"], data["num_pages"]) == ([], 2, 1)
        assert data["page"] == int(page)


def test_page_size_limits(client, twee_diensten):
    data = client.get(URL, {"page_size": "1", "page": "2"}).json()
    assert (len(data["results"]), data["num_pages"], data["page_size"]) == (1, 2, 1)
    assert client.get(URL, {"page_size": "100"}).status_code == 200
    assert client.get(URL, {"page_size": "101"}).status_code == 400


def test_one_service_with_every_field(client, twee_diensten):
    koffie, _ = twee_diensten
    response = client.get(f"{URL}{koffie.pk}/")
    assert response.status_code == 200
    data = response.json()
    for field in CONTRACT_FIELDS:
        assert field in data, field
    assert (data["leeftijd_min"], data["leeftijd_max"]) == (55, None)
    assert data["voorwaarden"] == "Aanmelden is niet nodig."
    assert data["labels"]["doelgroep"] == {
        "ouderen": "Ouderen (65+)",
        "alleenstaanden": "Alleenstaanden",
    }
    assert data["extern_id"] == koffie.extern_id


@pytest.mark.parametrize("base", [URL, "/api/kaart/hsds/services/"])
@pytest.mark.parametrize(
    "path",
    ["999999/", "99999999999999999999999/", "abc/", "600.0/", "null%2Cnull/", "%C2%84/", "1/2/"],
)
def test_unknown_service_is_404_json(client, db, base, path):
    response = client.get(f"{base}{path}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["parameter"] == "id"


def test_a_draft_is_not_in_the_api(client, db):
    concept = DienstFactory(naam="Nog niet klaar", live=False)
    assert client.get(f"{URL}{concept.pk}/").status_code == 404
    assert client.get(URL).json()["count"] == 0


def test_only_reading(client, db):
    assert client.post(URL, {}).status_code == 405
    assert client.head(URL).status_code == 200


def test_queries_per_request_are_bounded(client, twee_diensten, django_assert_max_num_queries):
    query = urlencode(
        {"q": "koffie", "gemeente": "GM0344", "leeftijd": "70", "doelgroep": "ouderen"}
    )
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"{URL}?{query}&kosten=gratis&kosten=tot-10").status_code == 200


PARAMETERS = ["q", "gemeente", "leeftijd", "sort", "page", "page_size", *FACETS, "x"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(PARAMETERS),
            st.one_of(
                st.text(max_size=30),
                st.sampled_from(["ouderen", "gratis", "GM0344", "70", "-1", "1e3", "101", "0"]),
                st.integers(min_value=-(10**30), max_value=10**30).map(str),
            ),
        ),
        max_size=6,
    )
)
def test_never_a_server_error(client, db, params):
    response = client.get(f"{URL}?{urlencode(params)}")
    assert response.status_code in (200, 400), response.content
    data = response.json()
    if response.status_code == 400:
        assert data["parameter"] in PARAMETERS
    else:
        assert data["count"] >= 0


def test_cards_are_kept_until_a_service_changes(twee_diensten, django_assert_num_queries):
    import dataclasses

    from django.http import QueryDict

    from kaart.api import kaarten
    from kaart.models import Gemeente, Term
    from kaart.queries import parse_zoekvraag, zoek_diensten

    koffie, _lijn = twee_diensten
    resultaat = zoek_diensten(parse_zoekvraag(QueryDict("")))
    eerste = kaarten(resultaat)
    assert [card["id"] for card in eerste] == [koffie.pk, _lijn.pk]
    with django_assert_num_queries(0):
        # The same page as the engine answers it: ids only, the services not read yet.
        assert kaarten(dataclasses.replace(resultaat, geladen=None)) == eerste

    def kaart():
        vers = zoek_diensten(parse_zoekvraag(QueryDict("")))
        cards = kaarten(dataclasses.replace(vers, geladen=None))
        return next((card for card in cards if card["id"] == koffie.pk), None)

    koffie.naam = "Koffieochtend De Eik"
    koffie.save()
    assert kaart()["naam"] == "Koffieochtend De Eik"
    koffie.gemeenten.add(Gemeente.objects.get(code="GM0363"))
    koffie.save()  # a ParentalManyToManyField writes its links on save
    assert kaart()["gemeenten"] == ["GM0344", "GM0363"]
    koffie.vorm.clear()
    koffie.save()
    assert kaart()["vorm"] == []
    groep = Term.objects.get(vocabulaire="doelgroep", slug="alleenstaanden")
    groep.slug = "alleenwonenden"
    groep.save()
    assert kaart()["doelgroep"] == [
        "alleenwonenden" if slug == "alleenstaanden" else slug for slug in eerste[0]["doelgroep"]
    ]
    utrecht = Gemeente.objects.get(code="GM0344")
    utrecht.code = "GM9344"
    utrecht.save()
    assert kaart()["gemeenten"] == ["GM0363", "GM9344"]
    koffie.live = False
    koffie.save()
    assert kaart() is None


def test_a_suggestion_reads_the_vocabularies_once_per_process(
    client, twee_diensten, django_assert_max_num_queries
):
    """While someone types, each keystroke asks the database for the names only: the labels of
    the vocabularies are kept until a term changes."""
    client.get("/api/kaart/suggest/", {"q": "oud"})
    with django_assert_max_num_queries(1):  # the names' prefix search
        labels = [s["label"] for s in client.get("/api/kaart/suggest/", {"q": "oud"}).json()]
    assert "Ouderen (65+)" in labels
    term = Term.objects.get(vocabulaire="doelgroep", slug="ouderen")
    term.label = "Ouderen (vanaf 65 jaar)"
    term.save()
    labels = [s["label"] for s in client.get("/api/kaart/suggest/", {"q": "oud"}).json()]
    assert "Ouderen (vanaf 65 jaar)" in labels and "Ouderen (65+)" not in labels
