"""The OpenAPI description of the kaart's API: served, complete, and true of the real answers.

Every route of ``kaart/api_urls.py`` (and the search box's suggestions) must be described, so a
new endpoint without a description fails here; real answers must have exactly the described
fields, so a new field without a description fails too.

Schemathesis reads the description served at ``/api/kaart/openapi.json`` through Django's WSGI
application, generates requests from it (valid and invalid ones) and sends them there; every
answer must be no server error and have a documented status code, content type and shape. It
also follows the description's links, from a page of results to its services.
"""

import datetime
import json
import re
from decimal import Decimal

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.urls import resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator, FormatChecker

from kaart import api, api_urls, hsds
from kaart.factories import DienstFactory, genereer_specs, indexeer, maak_diensten
from kaart.openapi import beschrijving

URL = "/api/kaart/openapi.json"
SEED = 20260601

# Only the settings written here (no schemathesis.toml is read): these four checks, valid and
# invalid requests, the same examples on every run.
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"mode": "all", "deterministic": True},
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
        },
    }
)
# Loaded once, at collection: serving the description needs no database.
schema = schemathesis.openapi.from_wsgi(URL, get_wsgi_application(), config=CONFIG)
HYPOTHESIS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def volledig(db):
    """A service with every field filled in, and one with as little as possible.

    The tests do not count on an otherwise empty kaart.
    """
    vol = DienstFactory(
        naam="Ypsilonkoffie De Linde",
        samenvatting="Elke dinsdag koffie en een praatje in het buurthuis.",
        beschrijving="<p>Koffie &amp; thee.</p>",
        aanbieder="Welzijn Voorbeeld (voorbeeld)",
        kosten_bedrag=Decimal("1.50"),
        kosten_eenheid="per keer",
        kosten_toelichting="Koffie inbegrepen.",
        website="https://koffie.example.org/",
        email="koffie@example.org",
        telefoon="0800-0000-001",
        leeftijd_min=55,
        leeftijd_max=99,
        voorwaarden="Aanmelden is niet nodig.",
        adres="Lindeplein 1",
        postcode="3511 AB",
        plaats="Utrecht",
        laatst_gecontroleerd=datetime.date(2026, 3, 1),
        last_published_at=timezone.now(),
        termen={
            "doelgroep": ["ouderen", "alleenstaanden"],
            "vorm": ["groep"],
            "frequentie": ["structureel"],
            "financiering": ["gesubsidieerd"],
            "erkenning": ["goed-beschreven"],
        },
        gemeente_codes=["GM0344"],
    )
    kaal = DienstFactory(naam="Ypsilonlijn", aanbieder="", landelijk=True)
    indexeer([vol.pk, kaal.pk])
    return vol, kaal


def _template(path: str) -> str:
    """A path with ``{}`` for each parameter, whatever its name."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)


def _routes() -> dict[str, str]:
    """Every route of the API (path template → view name), from the URL configuration."""
    prefix = reverse("kaart_api:diensten").removesuffix("diensten/")
    routes = {}
    for pattern in api_urls.urlpatterns:
        if pattern.callback in (api.openapi, api.geen_id):
            continue  # the description itself; the 404 for what is no id
        routes[_template(prefix + str(pattern.pattern))] = pattern.callback.__name__
    suggest = reverse("kaart_api:suggest")
    routes[suggest] = resolve(suggest).func.__name__
    # The first address of the HSDS feed (kaart.hsds_urls, also at /api/hsds/): its services.
    routes[reverse("kaart-hsds:services") + "/"] = "hsds_services"
    routes[reverse("kaart-hsds:services") + "/{}/"] = "hsds_service"
    return routes


def _validator(schema: dict) -> Draft202012Validator:
    """A validator for ``schema``, whose ``$ref`` point into the description's components."""
    root = {**schema, "components": beschrijving()["components"]}
    return Draft202012Validator(root, format_checker=FormatChecker())


def _answer_schema(path: str, status: str = "200") -> dict:
    return beschrijving()["paths"][path]["get"]["responses"][status]["content"]["application/json"][
        "schema"
    ]


def _properties(schema: dict) -> set[str]:
    """The property names of an object schema, through ``$ref`` and ``allOf``."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = beschrijving()["components"]["schemas"][name]
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _properties(part)
    return names


def _assert_described(data, schema: dict, every_field: bool = True):
    errors = list(_validator(schema).iter_errors(data))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    if every_field:
        assert set(data) == _properties(schema)


def test_the_description_is_served_public_and_cacheable(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response.has_header("ETag")
    assert response.json() == json.loads(json.dumps(beschrijving()))
    assert response.json()["openapi"] == "3.1.0"
    again = client.get(URL, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_every_url_of_the_api_is_described():
    described = {
        _template(path): operations["get"]["operationId"]
        for path, operations in beschrijving()["paths"].items()
    }
    assert described == _routes()


def test_every_operation_reads_and_documents_its_answers():
    for path, operations in beschrijving()["paths"].items():
        assert list(operations) == ["get"], path
        responses = operations["get"]["responses"]
        assert "200" in responses, path
        if "{" in path:
            assert _answer_schema(path, "404") == {"$ref": "#/components/schemas/Fout"}
        elif path not in (reverse("kaart_api:suggest"), reverse("kaart_api:plaatsen")):
            assert _answer_schema(path, "400") == {"$ref": "#/components/schemas/Fout"}


def test_every_schema_is_valid_json_schema():
    description = beschrijving()
    for name, schema in description["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
    for operations in description["paths"].values():
        for parameter in operations["get"]["parameters"]:
            Draft202012Validator.check_schema(parameter["schema"])
            for example in parameter["schema"].get("examples", []):
                assert _validator(parameter["schema"]).is_valid(example), parameter["name"]


def test_search_answers_are_described(client, volledig):
    vol, kaal = volledig
    data = client.get("/api/kaart/diensten/", {"doelgroep": "ouderen", "q": "ypsilonkoffie"}).json()
    _assert_described(data, _answer_schema("/api/kaart/diensten/"))
    assert set(data["facets"]) == _properties(
        beschrijving()["components"]["schemas"]["Diensten"]["properties"]["facets"]
    )
    assert [r["id"] for r in data["results"]] == [vol.pk]
    for result in client.get("/api/kaart/diensten/", {"q": "ypsilon"}).json()["results"]:
        assert set(result) == _properties({"$ref": "#/components/schemas/DienstKort"})


def test_service_answers_are_described(client, volledig):
    for dienst in volledig:
        data = client.get(f"/api/kaart/diensten/{dienst.pk}/").json()
        _assert_described(data, _answer_schema("/api/kaart/diensten/{id}/"))


def test_hsds_answers_are_described(client, volledig):
    vol, kaal = volledig
    schema = _answer_schema("/api/kaart/hsds/services/{id}/")
    for key in (vol.pk, hsds.service_id(vol)):
        data = client.get(f"/api/kaart/hsds/services/{key}/").json()
        _assert_described(data, schema)  # every optional field is there
    bare = client.get(f"/api/kaart/hsds/services/{kaal.pk}/").json()
    _assert_described(bare, schema, every_field=False)
    items = {}
    for number in range(1, 100):
        page = client.get("/api/kaart/hsds/services/", {"page": number}).json()
        _assert_described(page, _answer_schema("/api/kaart/hsds/services/"))
        items.update((item["id"], item) for item in page["contents"])
        if page["last_page"]:
            break
    full_item = items[hsds.service_id(vol)]
    assert set(full_item) == _properties({"$ref": "#/components/schemas/HsdsServiceBasis"})


def test_suggestions_and_errors_are_described(client, volledig):
    vol, kaal = volledig
    data = client.get("/api/kaart/suggest/", {"q": "ypsil"}).json()
    assert {s["value"] for s in data} == {str(vol.pk), str(kaal.pk)}
    _assert_described(data, _answer_schema("/api/kaart/suggest/"), every_field=False)
    for item in data:
        assert set(item) == _properties({"$ref": "#/components/schemas/Suggestie"})
    fout = client.get("/api/kaart/diensten/", {"sort": "prijs"}).json()
    _assert_described(fout, _answer_schema("/api/kaart/diensten/", "400"))
    weg = client.get("/api/kaart/diensten/0/").json()
    _assert_described(weg, _answer_schema("/api/kaart/diensten/{id}/", "404"))


@pytest.fixture
def kaart_met_diensten(volledig):
    """The two services of ``volledig`` and a dozen generated ones, for Schemathesis to find;
    the WSGI handler keeps the test's database connection open, as Django's test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    maak_diensten(genereer_specs(12, seed=SEED))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_description_is_valid_openapi():
    schema.validate()


@schema.parametrize()
@HYPOTHESIS
def test_schemathesis_finds_nothing(case, kaart_met_diensten):
    case.call_and_validate()


def test_schemathesis_follows_the_links(kaart_met_diensten):
    schema.as_state_machine().run(
        settings=settings(HYPOTHESIS, max_examples=10, stateful_step_count=4)
    )
