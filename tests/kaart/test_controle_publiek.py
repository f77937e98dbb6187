"""What the public sees of the verification cycle: the beheerder never, the stale state always.

The beheerder (``beheerder_naam``, ``beheerder_email``) is in the admin and the admin CSV only:
not on the page, a card, the JSON API or the HSDS feed. "Mogelijk niet meer actueel" shows on the
page, the card, the API and HSDS, and sorts after current services on equal relevance.
"""

import datetime
import io

import pytest

from kaart.csv_io import export_queryset, lees_csv, schrijf_csv, voer_uit
from kaart.factories import DienstFactory, indexeer
from kaart.hsds import NIET_ACTUEEL_ALERT
from kaart.models import Dienst

pytestmark = pytest.mark.django_db

NAAM = "Petronella Geheimhouder"
ADRES = "petronella@beheer.example"


@pytest.fixture
def diensten(db):
    actueel = DienstFactory(
        naam="Zangkoor Bloei",
        samenvatting="Samen zingen in het buurthuis.",
        beheerder_naam=NAAM,
        beheerder_email=ADRES,
        laatst_gecontroleerd=datetime.date(2026, 1, 5),
        gemeente_codes=["GM0344"],
    )
    oud = DienstFactory(
        naam="Zangkoor Aria",
        samenvatting="Samen zingen in de kerk.",
        beheerder_naam=NAAM,
        beheerder_email=ADRES,
        laatst_gecontroleerd=datetime.date(2025, 1, 5),
        niet_actueel_sinds=datetime.date(2026, 2, 20),
        gemeente_codes=["GM0344"],
    )
    indexeer([actueel.pk, oud.pk])
    return actueel, oud


def _geen_beheerder(tekst: str):
    assert NAAM not in tekst
    assert ADRES not in tekst
    assert "beheerder_" not in tekst


def test_the_beheerder_is_not_public(client, diensten):
    for dienst in diensten:
        _geen_beheerder(client.get(dienst.get_absolute_url()).content.decode())
        _geen_beheerder(client.get(f"/api/kaart/diensten/{dienst.pk}/").content.decode())
        _geen_beheerder(client.get(f"/api/kaart/hsds/services/{dienst.pk}/").content.decode())
    _geen_beheerder(client.get("/kaart/", {"q": "zangkoor"}).content.decode())
    _geen_beheerder(client.get("/api/kaart/diensten/", {"q": "zangkoor"}).content.decode())
    _geen_beheerder(client.get("/api/kaart/hsds/services/").content.decode())


def test_the_beheerder_is_not_in_the_open_data(client, diensten, settings, tmp_path):
    """Neither the versioned API, the HSDS API's lists nor the nightly dump's files carry it."""
    from kaart import opendata

    for dienst in diensten:
        _geen_beheerder(client.get(f"/api/v1/diensten/{dienst.pk}").content.decode())
    for pad in ("services", "organizations?full_service=true", "service_at_locations?full=true"):
        _geen_beheerder(client.get(f"/api/hsds/{pad}").content.decode())
    settings.OPENDATA_MAP = tmp_path
    bestanden = [p for p in opendata.schrijf_dump().map.iterdir() if p.is_file()]
    assert {b.name for b in bestanden} >= {"diensten.csv", "datapackage.json"}
    for bestand in bestanden:
        _geen_beheerder(bestand.read_text(encoding="utf-8"))


def test_the_admin_csv_has_the_beheerder_and_imports_it(diensten):
    buffer = io.StringIO()
    schrijf_csv(export_queryset(), buffer)
    tekst = buffer.getvalue()
    kop = tekst.splitlines()[0].split(",")
    assert kop[-2:] == ["beheerder_naam", "beheerder_email"]
    assert NAAM in tekst and ADRES in tekst

    nieuw = tekst.replace(ADRES, "nieuw@beheer.example")
    resultaat = voer_uit(lees_csv(nieuw))
    assert len(resultaat.gewijzigd) == 2
    assert set(Dienst.objects.values_list("beheerder_email", flat=True)) == {"nieuw@beheer.example"}


def test_a_public_csv_has_no_beheerder(diensten):
    buffer = io.StringIO()
    assert schrijf_csv(export_queryset(), buffer, publiek=True) == 2
    _geen_beheerder(buffer.getvalue())
    assert "Zangkoor Aria" in buffer.getvalue()


def test_a_bad_beheerder_address_in_the_csv_is_a_clear_error(diensten):
    buffer = io.StringIO()
    schrijf_csv(export_queryset(), buffer)
    plan = lees_csv(buffer.getvalue().replace(ADRES, "geen-adres"))
    assert not plan.geldig
    assert {fout.kolom for fout in plan.fouten} == {"beheerder_email"}


def test_stale_state_on_page_card_api_and_hsds(client, diensten):
    actueel, oud = diensten
    assert "Mogelijk niet meer actueel" in client.get(oud.get_absolute_url()).content.decode()
    assert "Mogelijk niet meer actueel" not in (
        client.get(actueel.get_absolute_url()).content.decode()
    )
    lijst = client.get("/kaart/", {"q": "zangkoor"}).content.decode()
    assert lijst.count("Mogelijk niet meer actueel") == 1

    kaarten = client.get("/api/kaart/diensten/", {"q": "zangkoor"}).json()["results"]
    assert {k["naam"]: k["mogelijk_niet_actueel"] for k in kaarten} == {
        "Zangkoor Bloei": False,
        "Zangkoor Aria": True,
    }
    assert client.get(f"/api/kaart/diensten/{oud.pk}/").json()["mogelijk_niet_actueel"] is True

    hsds_oud = client.get(f"/api/kaart/hsds/services/{oud.pk}/").json()
    assert hsds_oud["alert"] == NIET_ACTUEEL_ALERT
    assert hsds_oud["assured_date"] == "2025-01-05"
    assert "alert" not in client.get(f"/api/kaart/hsds/services/{actueel.pk}/").json()


def test_stale_sorts_after_current_on_equal_relevance_and_stays_findable(client, diensten):
    # Equal relevance for "zangkoor"; by name "Aria" would come first.
    kaarten = client.get("/api/kaart/diensten/", {"q": "zangkoor"}).json()["results"]
    assert [k["naam"] for k in kaarten] == ["Zangkoor Bloei", "Zangkoor Aria"]
    # More relevant still wins: the stale one is found, and first, on its own name.
    kaarten = client.get("/api/kaart/diensten/", {"q": "aria"}).json()["results"]
    assert [k["naam"] for k in kaarten] == ["Zangkoor Aria"]


def test_publishing_an_older_revision_keeps_the_check_date_and_state(diensten):
    actueel, oud = diensten
    revisie = oud.save_revision()
    Dienst.objects.filter(pk=oud.pk).update(
        laatst_gecontroleerd=datetime.date(2026, 3, 1), niet_actueel_sinds=None
    )
    oud.refresh_from_db()
    revisie.publish()
    oud.refresh_from_db()
    assert oud.laatst_gecontroleerd == datetime.date(2026, 3, 1)
    assert oud.niet_actueel_sinds is None

    revisie = actueel.save_revision()
    Dienst.objects.filter(pk=actueel.pk).update(niet_actueel_sinds=datetime.date(2026, 4, 1))
    actueel.refresh_from_db()
    revisie.publish()
    actueel.refresh_from_db()
    assert actueel.niet_actueel_sinds == datetime.date(2026, 4, 1)
