"""The nightly open-data dump: valid files (Frictionless, HSDS 3.0), at stable addresses,
replaced in one step, with the licence stated in the package and on the site."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from frictionless import validate as frictionless_validate

from kaart import hsds, opendata
from kaart.factories import DienstFactory, genereer_specs, maak_diensten
from kaart.models import VOCABULAIRES, Term

from .test_hsds import validate, validate_with
from .test_hsds_api import taxonomy_schema, taxonomy_term_schema

SEED = 20261203


@pytest.fixture
def map(settings, tmp_path):
    settings.OPENDATA_MAP = tmp_path / "opendata"
    return settings.OPENDATA_MAP


@pytest.fixture
def kaart(db):
    specs = genereer_specs(15, seed=SEED)
    maak_diensten(specs, index=False)
    DienstFactory(
        naam="=Formule-achtige naam",  # a spreadsheet formula: the CSV escapes it
        aanbieder="Welzijn Noord",
        kosten_bedrag="2.50",
        leeftijd_min=18,
        verwijzing_nodig=True,
        adres="Lindeplein 1",
        postcode="3511 AB",
        plaats="Utrecht",
        termen={"doelgroep": ["ouderen"]},
        gemeente_codes=["GM0344"],
    )
    DienstFactory(naam="Nog een concept", live=False)
    return len([s for s in specs if s.get("live", True)]) + 1


def _bestand(map, naam):
    return (map / opendata.ACTUEEL / naam).read_text(encoding="utf-8")


def test_the_dump_validates(kaart, map):
    call_command("opendata_bijwerken", verbosity=0)
    report = frictionless_validate(str(map / opendata.ACTUEEL / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    package = json.loads(_bestand(map, "datapackage.json"))
    assert package["licenses"] == [opendata.LICENTIE]
    assert {r["path"] for r in package["resources"]} == set(opendata.BESTANDEN) - {
        "datapackage.json"
    }

    rows = list(csv.DictReader(io.StringIO(_bestand(map, "diensten.csv"))))
    assert len(rows) == kaart
    assert "'=Formule-achtige naam" in {row["naam"] for row in rows}

    services = json.loads(_bestand(map, "hsds-services.json"))
    assert len(services) == kaart
    for service in services:
        validate(service, "service_with_definitions.json")
    organizations = json.loads(_bestand(map, "hsds-organizations.json"))
    assert {o["id"] for o in organizations} == {s["organization_id"] for s in services}
    for organization in organizations:
        validate(organization, "organization_list.json")
    taxonomies = json.loads(_bestand(map, "hsds-taxonomies.json"))
    assert len(taxonomies) == len(VOCABULAIRES)
    for taxonomy in taxonomies:
        validate_with(taxonomy, taxonomy_schema())
    terms = json.loads(_bestand(map, "hsds-taxonomy-terms.json"))
    assert len(terms) == Term.objects.filter(vocabulaire__in=list(VOCABULAIRES)).count()
    for term in terms:
        validate_with(term, taxonomy_term_schema())


def test_a_changed_file_fails_frictionless(kaart, map):
    """The package's sizes and hashes are checked: the test above would see a broken file."""
    opendata.schrijf_dump()
    with (map / opendata.ACTUEEL / "diensten.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra,regel\r\n")
    assert not frictionless_validate(str(map / opendata.ACTUEEL / "datapackage.json")).valid


def test_a_new_dump_replaces_the_current_one_in_one_step(kaart, map, monkeypatch):
    first = opendata.schrijf_dump()
    assert opendata.actuele_map() == first.map.resolve()
    second = opendata.schrijf_dump()
    third = opendata.schrijf_dump()
    assert opendata.actuele_map() == third.map.resolve()
    kept = sorted(p.name for p in map.iterdir() if not p.is_symlink())
    assert kept == sorted([second.map.name, third.map.name])  # the previous one stays

    def kapot(dienst):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(hsds, "service", kapot)
    with pytest.raises(RuntimeError):
        opendata.schrijf_dump()
    assert opendata.actuele_map() == third.map.resolve()  # nothing half-written is current
    assert sorted(p.name for p in map.iterdir() if not p.is_symlink()) == kept


def test_the_files_are_served_at_stable_addresses(client, kaart, map):
    assert client.get("/open-data/diensten.csv").status_code == 404
    page = client.get("/open-data/")
    assert page.status_code == 200 and "vannacht voor het eerst" in page.content.decode()
    opendata.schrijf_dump()
    for naam, (mediatype, _) in opendata.BESTANDEN.items():
        response = client.get(f"/open-data/{naam}")
        assert response.status_code == 200, naam
        assert response["Content-Type"] == f"{mediatype}; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
        body = b"".join(response.streaming_content)
        assert body == (map / opendata.ACTUEEL / naam).read_bytes()
    assert client.get("/open-data/geheim.txt").status_code == 404
    assert client.get("/open-data/..%2Fsettings.py").status_code == 404
    html = client.get("/open-data/").content.decode()
    assert "CC-BY-4.0" in html and opendata.LICENTIE["path"] in html
    assert 'href="/open-data/diensten.csv"' in html


def test_celery_beat_writes_the_dump_every_night(kaart, map):
    from portal.celery import app

    entry = next(
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "kaart.opendata_bijwerken"
    )
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}
    assert app.tasks["kaart.opendata_bijwerken"].apply().get() == kaart
    assert (map / opendata.ACTUEEL / "datapackage.json").exists()
