"""The HSDS 3.0 API at ``/api/hsds/``: every path and parameter of Open Referral's API
specification, each answer valid against the schemas in ``../shared/data/hsds-3.0/``.

Counts are computed here from the services the test made (and, for ``search``, from the kaart's
own search, which ``search`` must equal), never read from the code under test.
"""

import datetime
import json
import math
import uuid

import pytest
from django.utils import timezone

from kaart import hsds
from kaart.factories import DienstFactory, genereer_specs, indexeer, maak_diensten
from kaart.models import Dienst, Term

from .test_hsds import schema, validate, validate_with

PREFIXES = ["/api/hsds", "/api/kaart/hsds"]
LISTS = ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"]
SEED = 20261202
NU = timezone.now()


def page_schema() -> dict:
    """The spec's ``Page`` envelope with the list items left to the item schemas."""
    return schema("openapi.json")["components"]["schemas"]["Page"]


def taxonomy_term_schema() -> dict:
    service = schema("service.json")
    return service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]


def taxonomy_schema() -> dict:
    return taxonomy_term_schema()["properties"]["taxonomy_detail"]


def root_schema() -> dict:
    root = schema("openapi.json")["paths"]["/"]["get"]["responses"]["200"]
    return {**root["content"]["application/json"]["schema"], "required": ["version"]}


def validate_page(data: dict, item_schema: str | dict):
    validate_with(data, page_schema())
    assert set(data) == {*page_schema()["properties"], "contents"}
    for item in data["contents"]:
        if isinstance(item_schema, str):
            validate(item, item_schema)
        else:
            validate_with(item, item_schema)


@pytest.fixture
def kaart(db):
    """A dozen generated services and five of our own, with known words, providers, places."""
    specs = genereer_specs(12, seed=SEED)
    maak_diensten(specs)
    eigen = [
        DienstFactory(
            naam="Zebravinkcafé Noord",
            samenvatting="Koffie drinken en praten over zebravinken.",
            aanbieder="Welzijn Noord",
            adres="Lindeplein 1",
            postcode="3511 AB",
            plaats="Utrecht",
            last_published_at=NU - datetime.timedelta(days=40),
            termen={"doelgroep": ["ouderen"], "thema": ["sociaal-isolement"]},
            gemeente_codes=["GM0344"],
        ),
        DienstFactory(
            naam="Wandelclub De Zebravink",
            samenvatting="Elke week samen wandelen.",
            aanbieder="welzijn  noord",  # the same provider, written otherwise
            plaats="Amersfoort",
            last_published_at=NU - datetime.timedelta(days=5),
            termen={"doelgroep": ["ouderen", "mantelzorgers"]},
        ),
        DienstFactory(
            naam="Belcirkel Oost",
            samenvatting="Elke ochtend een telefoontje.",
            aanbieder="Stichting Bel",
            last_published_at=NU - datetime.timedelta(days=1),
            termen={"doelgroep": ["alleenstaanden"], "financiering": ["gratis"]},
        ),
        DienstFactory(
            naam="Chatlijn Zebravink",
            samenvatting="Anoniem chatten.",
            aanbieder="",
            landelijk=True,
        ),
    ]
    DienstFactory(naam="Zebravink in concept", live=False, plaats="Utrecht")
    indexeer([d.pk for d in eigen])
    return specs, eigen


def _get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, (path, params, response.content[:300])
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def _alle(client, path, **params) -> list[dict]:
    items = []
    for number in range(1, 50):
        data = _get(client, path, page=number, per_page=100, **params)
        items += data["contents"]
        if data["last_page"]:
            return items
    raise AssertionError("more pages than expected")


def test_the_root_answers_at_every_spelling(client, db):
    for prefix in PREFIXES:
        for path in (prefix, prefix + "/"):
            response = client.get(path)
            assert response.status_code == 200, path
            data = response.json()
            validate_with(data, root_schema())
            assert data["version"] == "3.0"
            assert data["openapi_url"].endswith("openapi.json")


def test_every_path_answers_without_redirect_with_cors_and_preflight(client, kaart):
    _, eigen = kaart
    lokaal = eigen[0]
    details = {
        "services": hsds.service_id(lokaal),
        "organizations": hsds.organization_id_voor(lokaal.aanbieder),
        "taxonomies": hsds.taxonomy("doelgroep")["id"],
        "taxonomy_terms": hsds.taxonomy_term_id(Term.objects.get(slug="ouderen")),
        "service_at_locations": hsds.service_at_location_id(lokaal),
    }
    paths = [""]
    for name in LISTS:
        paths += [f"/{name}", f"/{name}/{details[name]}", f"/{name}/{details[name].upper()}"]
    for prefix in PREFIXES:
        for path in paths:
            for spelling in (prefix + path, prefix + path + "/"):
                response = client.get(spelling)
                assert response.status_code == 200, spelling
                assert response["Access-Control-Allow-Origin"] == "*", spelling
                preflight = client.options(
                    spelling,
                    headers={
                        "Origin": "https://gemeente.example.nl",
                        "Access-Control-Request-Method": "GET",
                    },
                )
                assert preflight.status_code == 204, spelling
                assert preflight["Access-Control-Allow-Origin"] == "*"
                assert "GET" in preflight["Access-Control-Allow-Methods"]
                refused = client.post(spelling)
                assert refused.status_code == 405, spelling
                assert refused["Access-Control-Allow-Origin"] == "*"


def test_unknown_paths_and_ids_answer_404_with_cors(client, kaart):
    for path in (
        "/api/hsds/services/abc",
        f"/api/hsds/services/{uuid.uuid4()}",
        f"/api/hsds/organizations/{uuid.uuid4()}",
        "/api/hsds/taxonomies/nee",
        f"/api/hsds/taxonomy_terms/{uuid.uuid4()}",
        f"/api/hsds/service_at_locations/{uuid.uuid4()}/",
        "/api/hsds/locations",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404
    old = client.get("/api/kaart/hsds/services/abc")
    assert old.status_code == 404 and old.json()["parameter"] == "id"


def test_services_lists_every_live_service_and_each_validates(client, kaart):
    specs, eigen = kaart
    live = len([s for s in specs if s.get("live", True)]) + len(eigen)
    data = _get(client, "/api/hsds/services", per_page=5)
    validate_page(data, "service_list.json")
    assert data["total_items"] == live
    assert data["total_pages"] == -(-live // 5)
    items = _alle(client, "/api/hsds/services")
    assert len({item["id"] for item in items}) == live
    for item in items:
        validate(item, "service_list.json")


def test_full_and_minimal(client, kaart):
    full = _get(client, "/api/hsds/services", full="true", per_page=100)
    validate_page(full, "service.json")
    assert all("attributes" in item for item in full["contents"])
    minimal = _get(client, "/api/hsds/services", minimal="true", per_page=100)
    validate_page(minimal, "service_list.json")
    assert all(
        set(item) <= {"id", "name", "status", "last_modified"} for item in minimal["contents"]
    )


def test_one_service_in_any_case_validates(client, kaart):
    _, eigen = kaart
    for dienst in eigen:
        sid = hsds.service_id(dienst)
        for key in (sid, sid.upper(), str(dienst.pk)):
            data = _get(client, f"/api/hsds/services/{key}")
            validate(data, "service.json")
            validate(data, "service_with_definitions.json")
            assert data["id"] == sid


def _totaal(client, **params) -> int:
    return _get(client, "/api/hsds/services", **params)["total_items"]


@pytest.mark.parametrize("woord", ["zebravink", "zebravinken", "koffie", "wandelen", "ouderen"])
def test_search_is_the_kaarts_own_search(client, kaart, woord):
    kaart_count = client.get("/api/kaart/diensten/", {"q": woord}).json()["count"]
    assert _totaal(client, search=woord) == kaart_count
    assert kaart_count > 0


def test_search_counts_the_services_with_the_word(client, kaart):
    _, eigen = kaart
    expected = [d for d in eigen if "zebravink" in f"{d.naam} {d.samenvatting}".lower()]
    items = _alle(client, "/api/hsds/services", search="Zebravink")
    assert sorted(item["name"] for item in items) == sorted(d.naam for d in expected)
    assert _totaal(client, search="zebravink ochtend") == 0  # every word must match


def test_taxonomy_filters(client, kaart):
    specs, eigen = kaart
    ouderen = Term.objects.get(vocabulaire="doelgroep", slug="ouderen")
    expected = sum("ouderen" in s.get("doelgroep", []) for s in specs) + 2
    items = _alle(client, "/api/hsds/services", taxonomy_term_id=hsds.taxonomy_term_id(ouderen))
    assert len(items) == expected
    upper = hsds.taxonomy_term_id(ouderen).upper()
    assert _totaal(client, taxonomy_term_id=upper) == expected

    gratis = Term.objects.get(vocabulaire="financiering", slug="gratis")  # single-valued
    expected_gratis = sum(s.get("financiering") == ["gratis"] for s in specs) + 1
    assert _totaal(client, taxonomy_term_id=hsds.taxonomy_term_id(gratis)) == expected_gratis

    thema = hsds.taxonomy("thema")["id"]
    expected_thema = sum(bool(s.get("thema")) for s in specs) + 1
    assert _totaal(client, taxonomy_id=thema) == expected_thema
    financiering = hsds.taxonomy("financiering")["id"]
    expected_fin = sum(bool(s.get("financiering")) for s in specs) + 1
    assert _totaal(client, taxonomy_id=financiering) == expected_fin
    assert _totaal(client, taxonomy_id=str(uuid.uuid4())) == 0
    assert _totaal(client, taxonomy_term_id=str(uuid.uuid4())) == 0


def test_organization_filter_and_organizations(client, kaart):
    specs, eigen = kaart
    noord = hsds.organization_id_voor("Welzijn Noord")
    assert noord == hsds.organization_id_voor("welzijn  noord")
    assert _totaal(client, organization_id=noord) == 2
    assert _totaal(client, organization_id=noord.upper()) == 2

    providers = {" ".join(s.get("aanbieder", "").split()).casefold() for s in specs}
    providers |= {hsds.aanbieder_sleutel(d.aanbieder) for d in eigen}
    providers = {p or hsds.aanbieder_sleutel("") for p in providers}
    organizations = _alle(client, "/api/hsds/organizations")
    assert len(organizations) == len(providers)
    for item in organizations:
        validate(item, "organization_list.json")
    for item in organizations:
        services = _alle(client, "/api/hsds/services", organization_id=item["id"])
        assert services and all(s["organization_id"] == item["id"] for s in services)

    one = _get(client, f"/api/hsds/organizations/{noord}")
    validate(one, "organization.json")
    assert one["name"] == "Welzijn Noord"
    assert sorted(s["name"] for s in one["services"]) == [
        "Wandelclub De Zebravink",
        "Zebravinkcafé Noord",
    ]
    full = _get(client, f"/api/hsds/organizations/{noord}", full_service="true")
    validate(full, "organization.json")
    assert all("attributes" in s for s in full["services"])
    found = _get(client, "/api/hsds/organizations", search="welzijn noord", full="true")
    validate_page(found, "organization.json")
    assert [o["id"] for o in found["contents"]] == [noord]


def test_modified_after(client, kaart):
    _, eigen = kaart
    week = (NU - datetime.timedelta(days=7)).isoformat()
    expected = sorted(
        d.naam
        for d in eigen
        if d.last_published_at and d.last_published_at >= NU - datetime.timedelta(days=7)
    )
    items = _alle(client, "/api/hsds/services", modified_after=week)
    assert (
        sorted(item["name"] for item in items)
        == expected
        == [
            "Belcirkel Oost",
            "Wandelclub De Zebravink",
        ]
    )
    day = (NU - datetime.timedelta(days=3)).date().isoformat()
    assert _totaal(client, modified_after=day) == 1
    zulu = (NU - datetime.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _totaal(client, modified_after=zulu) == 3


def test_ndjson_streams_every_result(client, kaart):
    specs, eigen = kaart
    response = client.get("/api/hsds/services", {"format": "ndjson", "per_page": 2})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    assert response["Access-Control-Allow-Origin"] == "*"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == len(specs) + len(eigen)
    for line in lines:
        validate(json.loads(line), "service_list.json")


def test_taxonomies_and_terms(client, kaart):
    from kaart.models import VOCABULAIRES

    taxonomies = _alle(client, "/api/hsds/taxonomies")
    assert [t["name"] for t in taxonomies] == [f"aanpak-eenzaamheid-{v}" for v in VOCABULAIRES]
    for item in taxonomies:
        validate_with(item, taxonomy_schema())
        assert _get(client, f"/api/hsds/taxonomies/{item['id']}") == item
    terms = _alle(client, "/api/hsds/taxonomy_terms")
    assert len(terms) == Term.objects.filter(vocabulaire__in=list(VOCABULAIRES)).count()
    for item in terms:
        validate_with(item, taxonomy_term_schema())
    doelgroep = hsds.taxonomy("doelgroep")["id"]
    only = _alle(client, "/api/hsds/taxonomy_terms", taxonomy_id=doelgroep)
    assert {t["code"] for t in only} == set(
        Term.objects.filter(vocabulaire="doelgroep").values_list("slug", flat=True)
    )
    assert [t["code"] for t in _alle(client, "/api/hsds/taxonomy_terms", search="mantelzorg")] == [
        "mantelzorgers",
        "mantelzorg",
    ]
    ouderen = next(t for t in only if t["code"] == "ouderen")
    assert _get(client, f"/api/hsds/taxonomy_terms/{ouderen['id'].upper()}") == ouderen


def test_service_at_locations(client, kaart):
    _, eigen = kaart
    items = _alle(client, "/api/hsds/service_at_locations")
    # Every live service with a place of its own: an address, postcode or plaats (generated
    # services have a postcode in their gemeente), computed here from the rows.
    met_plaats = sorted(
        d.naam
        for d in Dienst.objects.filter(live=True)
        if d.adres or d.postcode or d.plaats or d.lat is not None
    )
    assert {"Wandelclub De Zebravink", "Zebravinkcafé Noord"} <= set(met_plaats)
    assert "Belcirkel Oost" not in met_plaats
    assert sorted(i["service"]["name"] for i in items) == met_plaats
    for item in items:
        validate(item, "service_at_location_list.json")
        one = _get(client, f"/api/hsds/service_at_locations/{item['id']}")
        validate(one, "service_at_location.json")
        assert one["location"] == item["location"]
    full = _get(client, "/api/hsds/service_at_locations", full="true")
    validate_page(full, "service_at_location.json")
    utrecht = _alle(client, "/api/hsds/service_at_locations", postcode="3511")
    assert [i["service"]["name"] for i in utrecht] == sorted(
        d.naam for d in Dienst.objects.filter(live=True, postcode__startswith="3511")
    )
    assert "Zebravinkcafé Noord" in [i["service"]["name"] for i in utrecht]
    ouderen = hsds.taxonomy_term_id(Term.objects.get(slug="mantelzorgers"))
    met = _alle(client, "/api/hsds/service_at_locations", taxonomy_term_id=ouderen)
    assert sorted(i["service"]["name"] for i in met) == sorted(
        naam
        for naam in met_plaats
        if "mantelzorgers" in [t.slug for t in Dienst.objects.get(naam=naam).terms("doelgroep")]
    )
    assert "Wandelclub De Zebravink" in [i["service"]["name"] for i in met]
    gevonden = [
        i["service"]["name"]
        for i in _alle(client, "/api/hsds/service_at_locations", search="wandelen")
    ]
    diensten = [d["name"] for d in _alle(client, "/api/hsds/services", search="wandelen")]
    assert "Wandelclub De Zebravink" in gevonden
    assert sorted(gevonden) == sorted(n for n in diensten if n in met_plaats)
    service = _get(client, f"/api/hsds/services/{hsds.service_id(eigen[0])}")
    assert [s["id"] for s in service["service_at_locations"]] == [
        hsds.service_at_location_id(eigen[0])
    ]


def test_proximity_is_metres_from_the_postcodes_centroid_nearest_first(client, kaart):
    """``postcode`` + ``proximity``: the services with a point within so many metres of the
    postcode's centroid (read here from the kaart's own data file), nearest first."""
    import csv

    from django.conf import settings as django_settings

    with open(
        django_settings.BASE_DIR / "kaart" / "data" / "postcodes_pc4.csv", encoding="utf-8"
    ) as handle:
        rij = next(r for r in csv.DictReader(handle) if r["pc4"] == "3511")
    lat, lon = float(rij["lat"]), float(rij["lon"])

    def km(d):
        return (
            2
            * 6371.0088
            * math.asin(
                math.sqrt(
                    math.sin(math.radians(d.lat - lat) / 2) ** 2
                    + math.cos(math.radians(lat))
                    * math.cos(math.radians(d.lat))
                    * math.sin(math.radians(d.lon - lon) / 2) ** 2
                )
            )
        )

    for meters in (2000, 30000):
        items = _alle(client, "/api/hsds/service_at_locations", postcode="3511", proximity=meters)
        verwacht = sorted(
            (
                d
                for d in Dienst.objects.filter(live=True, lat__isnull=False)
                if km(d) <= meters / 1000
            ),
            key=lambda d: (km(d), d.naam),
        )
        assert [i["service"]["name"] for i in items] == [d.naam for d in verwacht]
    assert "Zebravinkcafé Noord" in [i["service"]["name"] for i in items]
    assert len(items) < Dienst.objects.filter(live=True, lat__isnull=False).count()


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("services", "page=0", "page"),
        ("services", "per_page=101", "per_page"),
        ("services", "page=%C2%B2", "page"),
        ("services", "format=xml", "format"),
        ("services", "full=misschien", "full"),
        ("services", "minimal=2", "minimal"),
        ("services", "taxonomy_term_id=ouderen", "taxonomy_term_id"),
        ("services", "taxonomy_id=12", "taxonomy_id"),
        ("services", "organization_id=welzijn", "organization_id"),
        ("services", "modified_after=gisteren", "modified_after"),
        ("services", "modified_after=2026-13-01", "modified_after"),
        ("organizations", "full_service=ja%20graag", "full_service"),
        ("organizations", "per_page=0", "per_page"),
        ("taxonomies", "page=-1", "page"),
        ("taxonomy_terms", "taxonomy_id=doelgroep", "taxonomy_id"),
        ("taxonomy_terms", "top_only=soms", "top_only"),
        ("service_at_locations", "postcode=ABCD", "postcode"),
        ("service_at_locations", "proximity=500", "proximity"),
        ("service_at_locations", "postcode=3511&proximity=veel", "proximity"),
        ("service_at_locations", "postcode=3511&proximity=100001", "proximity"),
        ("service_at_locations", "postcode=1000&proximity=500", "postcode"),
    ],
)
def test_bad_parameters_answer_a_problem_naming_them(client, db, path, query, parameter):
    response = client.get(f"/api/hsds/{path}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] and problem["detail"]
    assert [p["name"] for p in problem["invalidParams"]] == [parameter]
    old = client.get(f"/api/kaart/hsds/{path}?{query}")
    assert old.status_code == 400
    assert old.json() == {
        "error": problem["detail"],
        "parameter": parameter,
        "suggesties": [],
    }


@pytest.mark.parametrize("params", [{}, {"full": "true"}, {"search": "zebravink"}])
def test_queries_per_page_do_not_grow_with_the_page(client, kaart, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client, "/api/hsds/services", per_page=1, **params)  # what each process reads once
    counts = []
    for per_page in (2, 15):
        with CaptureQueriesContext(connection) as queries:
            _get(client, "/api/hsds/services", per_page=per_page, **params)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 16, counts


HSDS_PARAMS = [
    *["search", "page", "per_page", "format", "full", "minimal", "full_service"],
    *["taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"],
    *["top_only", "parent_id", "postcode", "proximity"],
]


def test_no_input_makes_a_server_error(client, kaart):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    values = st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            ["0001-01-01", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-12:00", "true",
             "1e309", "-1", "999999999999", str(uuid.uuid4()).upper(),
             "{" + str(uuid.uuid4()) + "}", "%00", "\x00", "😀" * 10, "a" * 500, "2026-02-30",
             "ndjson"]
        ),
    )  # fmt: skip
    pairs = st.lists(st.tuples(st.sampled_from(HSDS_PARAMS), values), max_size=6)
    paths = st.sampled_from([f"/api/hsds/{name}" for name in LISTS])

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(path=paths, pairs=pairs)
    def check(path, pairs):
        query = [(k, v.replace("\x00", "")) for k, v in pairs]
        response = client.get(path, query)
        assert response.status_code in (200, 400), (path, query, response.status_code)
        assert response["Access-Control-Allow-Origin"] == "*"

    check()


@pytest.mark.parametrize(
    "moment",
    ["0001-01-01", "0001-01-01T00:00:00-12:00", "9999-12-31", "9999-12-31T23:59:59+14:00"],
)
def test_dates_at_the_ends_of_the_calendar(client, kaart, moment):
    response = client.get("/api/hsds/services", {"modified_after": moment})
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert response.json()["invalidParams"][0]["name"] == "modified_after"
