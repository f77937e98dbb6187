"""The HSDS 3.0 export validates against Open Referral's own JSON schemas.

The schemas are read from ``../shared/data/hsds-3.0/`` (beside the clone in CI); they are not
copied into the project.
"""

import datetime
import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

from kaart import hsds
from kaart.factories import DienstFactory
from tests.services import missing

HSDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "hsds-3.0"


def schema(name):
    path = HSDS_DIR / name
    if not path.exists():
        missing("The HSDS 3.0 schemas", f"expected them in {HSDS_DIR}")
    return json.loads(path.read_text(encoding="utf-8"))


def validate(instance, schema_name):
    validate_with(instance, schema(schema_name))


def validate_with(instance, loaded: dict):
    """Validate against a schema (or a part of one) of ``../shared/data/hsds-3.0/``."""
    validator_class = validator_for(loaded)
    validator = validator_class(loaded, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def diensten(db):
    lokaal = DienstFactory(
        naam="Rouwcafé Zuid",
        samenvatting="Praten over verlies met mensen die het ook meemaken.",
        beschrijving="<p>Elke eerste maandag.</p><ul><li>Koffie &amp; thee</li></ul>",
        aanbieder="Stichting Verder (voorbeeld)",
        kosten_bedrag=Decimal("2.50"),
        kosten_eenheid="per keer",
        kosten_toelichting="Koffie en thee inbegrepen.",
        website="https://rouwcafe.example.org/",
        email="rouwcafe@example.org",
        telefoon="0800-0000-002",
        leeftijd_min=18,
        leeftijd_max=99,
        verwijzing_nodig=True,
        voorwaarden="Graag vooraf aanmelden.",
        laatst_gecontroleerd=datetime.date(2026, 4, 1),
        termen={
            "doelgroep": ["nabestaanden"],
            "thema": ["verlies-en-rouw"],
            "erkenning": ["goed-beschreven"],
            "financiering": ["gesubsidieerd"],
        },
        gemeente_codes=["GM0344", "GM0363"],
    )
    landelijk = DienstFactory(
        naam="Chatlijn (voorbeeld)",
        samenvatting="Anoniem chatten met een vrijwilliger.",
        aanbieder="",
        landelijk=True,
        termen={"plek": ["online"]},
    )
    return lokaal, landelijk


def test_every_service_validates_against_service_with_definitions(client, diensten):
    for dienst in diensten:
        response = client.get(f"/api/kaart/hsds/services/{dienst.pk}/")
        assert response.status_code == 200
        validate(response.json(), "service_with_definitions.json")


def test_the_mapping_of_each_object(client, diensten):
    lokaal, landelijk = diensten
    data = client.get(f"/api/kaart/hsds/services/{lokaal.pk}/").json()
    assert data["name"] == "Rouwcafé Zuid"
    assert data["status"] == "active"
    assert data["description"] == (
        "Praten over verlies met mensen die het ook meemaken.\nElke eerste maandag.\nKoffie & thee"
    )
    assert data["organization"]["name"] == "Stichting Verder (voorbeeld)"
    assert data["organization_id"] == data["organization"]["id"]
    assert (data["minimum_age"], data["maximum_age"]) == (18, 99)
    assert data["eligibility_description"] == (
        "Voor: Nabestaanden. Leeftijd 18 tot en met 99 jaar. U heeft een verwijzing nodig. "
        "Graag vooraf aanmelden."
    )
    assert data["cost_options"] == [
        {
            "id": data["cost_options"][0]["id"],
            "service_id": data["id"],
            "option": "per keer",
            "currency": "EUR",
            "amount": 2.5,
            "amount_description": "Koffie en thee inbegrepen.",
        }
    ]
    assert data["fees_description"] == "€ 2,50 per keer. Koffie en thee inbegrepen."
    assert [p["number"] for p in data["phones"]] == ["0800-0000-002"]
    assert data["contacts"][0]["email"] == "rouwcafe@example.org"
    assert [a["name"] for a in data["service_areas"]] == ["Utrecht", "Amsterdam"]
    assert data["assured_date"] == "2026-04-01"
    assert data["accreditations"] == "Erkenning: Goed beschreven"
    links = {(a["link_type"], a["taxonomy_term"]["code"]) for a in data["attributes"]}
    assert links == {
        ("doelgroep", "nabestaanden"),
        ("thema", "verlies-en-rouw"),
        ("erkenning", "goed-beschreven"),
        ("financiering", "gesubsidieerd"),
    }

    national = client.get(f"/api/kaart/hsds/services/{landelijk.pk}/").json()
    assert [a["name"] for a in national["service_areas"]] == ["Nederland"]
    assert national["cost_options"] == [] and national["phones"] == []
    assert national["organization"]["name"] == "Aanbieder onbekend"


def test_identifiers_are_stable_uuids(client, diensten):
    lokaal, _ = diensten
    first = client.get(f"/api/kaart/hsds/services/{lokaal.pk}/").json()
    again = client.get(f"/api/kaart/hsds/services/{lokaal.pk}/").json()
    assert first == again
    assert uuid.UUID(first["id"]).version == 5
    assert first["id"] == hsds.service_id_voor(lokaal.extern_id)
    by_uuid = client.get(f"/api/kaart/hsds/services/{first['id']}/")
    assert by_uuid.status_code == 200 and by_uuid.json() == first
    assert client.get(f"/api/kaart/hsds/services/{uuid.uuid4()}/").status_code == 404


def test_the_list_pages_and_each_item_validates(client, diensten):
    data = client.get("/api/kaart/hsds/services/", {"per_page": 1}).json()
    assert {k: data[k] for k in ("total_items", "total_pages", "page_number", "size")} == {
        "total_items": 2,
        "total_pages": 2,
        "page_number": 1,
        "size": 1,
    }
    assert (data["first_page"], data["last_page"], data["empty"]) == (True, False, False)
    second = client.get("/api/kaart/hsds/services/", {"per_page": 1, "page": 2}).json()
    assert second["last_page"] is True
    for item in data["contents"] + second["contents"]:
        validate(item, "service_list.json")
    past = client.get("/api/kaart/hsds/services/", {"page": 3, "per_page": 1}).json()
    assert (past["contents"], past["empty"]) == ([], True)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("per_page=101", "per_page"),
        ("page=%C2%B2", "page"),  # "²" is a digit to str.isdigit(), not to int()
        ("per_page=1000000000", "per_page"),
    ],
)
def test_bad_list_parameters(client, db, query, parameter):
    response = client.get(f"/api/kaart/hsds/services/?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_drafts_are_not_published(client, db):
    concept = DienstFactory(live=False)
    assert client.get(f"/api/kaart/hsds/services/{concept.pk}/").status_code == 404
    assert client.get("/api/kaart/hsds/services/").json()["total_items"] == 0


def test_export_command_writes_valid_services(diensten, tmp_path):
    target = tmp_path / "hsds.json"
    call_command("export_hsds", str(target), verbosity=0)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported) == 2
    for service in exported:
        validate(service, "service_with_definitions.json")


def test_a_service_with_an_address_has_a_location_with_coordinates(client, db):
    dienst = DienstFactory(
        naam="Buurthuis De Linde",
        adres="Lindelaan 1",
        postcode="3511 AB",
        plaats="Utrecht",
        gemeente_codes=["GM0344"],
    )
    zonder = DienstFactory(naam="Telefooncirkel", landelijk=True)
    data = client.get(f"/api/kaart/hsds/services/{dienst.pk}/").json()
    validate(data, "service_with_definitions.json")
    (sal,) = data["service_at_locations"]
    location = sal["location"]
    assert sal["location_id"] == location["id"] and sal["service_id"] == data["id"]
    assert (location["latitude"], location["longitude"]) == (dienst.lat, dienst.lon)
    assert 52.0 < location["latitude"] < 52.2 and 5.0 < location["longitude"] < 5.2
    (adres,) = location["addresses"]
    assert adres["address_1"] == "Lindelaan 1" and adres["postal_code"] == "3511 AB"
    assert (adres["city"], adres["state_province"], adres["country"]) == (
        "Utrecht",
        "Utrecht",
        "NL",
    )
    assert client.get(f"/api/kaart/hsds/services/{zonder.pk}/").json()["service_at_locations"] == []
