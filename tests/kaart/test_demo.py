"""The kaart's demo content: about sixty clearly marked examples, loaded idempotently."""

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from wagtail.models import Revision

from kaart import demo
from kaart.api import dienst_volledig, live_diensten
from kaart.csv_io import KOLOMMEN
from kaart.models import STANDAARD_TERMEN, Dienst
from kaart.queries import parse_zoekvraag, zoek_diensten
from tests.conftest import rolled_back


def rijen_in_bestand():
    """The example file's rows, read with the plain csv module, not with the kaart's importer."""
    tekst = demo.BESTAND.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(tekst, newline=""), delimiter=";"))


def snapshot():
    return {d.extern_id: dienst_volledig(d) for d in live_diensten()}


def test_loading_twice_changes_nothing(db):
    first = demo.load()
    assert 55 <= len(first) <= 70
    before = snapshot()
    second = demo.load()
    assert sorted(d.pk for d in second) == sorted(d.pk for d in first)
    assert snapshot() == before
    assert Dienst.objects.count() == len(first)
    assert Revision.objects.filter(object_id__in=[str(d.pk) for d in first]).count() == 0


@pytest.fixture(scope="class")
def voorbeelden_klasse(django_db_setup, django_db_blocker):
    """The example services, loaded once for the tests of a class that only read them; rolled
    back after the class, so the other tests of the module do not see them."""
    with rolled_back(django_db_blocker):
        demo.load()
        yield


@pytest.fixture
def voorbeelden(voorbeelden_klasse, db):
    """The example services of ``voorbeelden_klasse``, for a test that reads them."""


class TestDeVoorbeelden:
    def test_every_service_is_clearly_an_example(self, voorbeelden):
        for dienst in Dienst.objects.all():
            # Marked once, by the site-wide notice (home.SiteSettings.demo_content), not in names.
            assert dienst.aanbieder and "voorbeeld" not in dienst.aanbieder.lower(), dienst.naam
            assert re.fullmatch(r"https://[a-z0-9-]+\.example\.org/", dienst.website), dienst.naam
            assert dienst.email.endswith(".example.org"), dienst.naam
            assert dienst.telefoon == "" or re.fullmatch(r"0800-0000-\d{3}", dienst.telefoon)
            assert dienst.adres == "" and dienst.postcode == ""
            assert dienst.live and dienst.extern_id.startswith("demo-")
        phones = [d.telefoon for d in Dienst.objects.exclude(telefoon="")]
        assert len(phones) == len(set(phones))

    def test_the_examples_cover_the_whole_kaart(self, voorbeelden):
        diensten = list(live_diensten().filter(extern_id__startswith="demo-"))
        used = {(v, slug) for d in diensten for v in STANDAARD_TERMEN for slug in d.slugs(v)}
        for vocabulaire, values in STANDAARD_TERMEN.items():
            for slug, _ in values:
                assert (vocabulaire, slug) in used, (vocabulaire, slug)
        assert set(Counter(d.kosten_categorie() for d in diensten)) == {
            "gratis",
            "tot-10",
            "10-tot-50",
            "50-of-meer",
            "onbekend",
        }
        bereik = Counter(d.bereik() for d in diensten)
        assert bereik["landelijk"] >= 10 and bereik["lokaal"] >= 40
        gemeenten = {g.code for d in diensten for g in d.gemeenten.all()}
        assert len(gemeenten) >= 25
        verouderd = [d.is_verouderd() for d in diensten]
        assert any(verouderd) and not all(verouderd)

    def test_examples_are_findable_at_once(self, voorbeelden):
        """Findable by text at once after loading, before any commit (the database backends)."""
        result = zoek_diensten(parse_zoekvraag(QueryDict("q=rouwgroep")))
        assert {d.extern_id for d in result.diensten} >= {
            "demo-online-rouwgroep",
            "demo-rouwgroep-nijmegen",
        }
        utrecht = zoek_diensten(parse_zoekvraag(QueryDict("gemeente=GM0344&page_size=100")))
        gevonden = {d.extern_id for d in utrecht.diensten}
        assert gevonden >= {"demo-koffie-utrecht", "demo-luisterlijn"}


def test_the_demo_loader_of_the_site_includes_the_kaart(client, demo_site):
    data = client.get("/api/kaart/diensten/").json()
    assert data["count"] == len(rijen_in_bestand())
    assert client.get("/kaart/").status_code == 200


def test_the_example_file_is_in_the_import_format_and_in_the_package():
    rijen = rijen_in_bestand()
    assert list(rijen[0]) == KOLOMMEN
    assert demo.BESTAND.is_relative_to(Path(demo.__file__).parent)
    assert all(rij["extern_id"].startswith("demo-") for rij in rijen)


def test_the_admin_offers_the_demo_file_and_its_import_reads_it(admin_client, db):
    """The download is the loader's own file, and the admin's import takes it as it is."""
    importeren = reverse("wagtailsnippets_kaart_dienst:import")
    voorbeeld = reverse("wagtailsnippets_kaart_dienst:import_voorbeeld")
    assert f'href="{voorbeeld}"' in admin_client.get(importeren).content.decode()
    response = admin_client.get(voorbeeld)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == demo.BESTAND.read_bytes()

    def upload():
        bestand = SimpleUploadedFile("voorbeeld-diensten.csv", response.content)
        return admin_client.post(importeren, {"bestand": bestand}).context["plan"]

    plan = upload()
    assert plan.geldig and plan.nieuw == len(rijen_in_bestand()) and not plan.gewijzigd
    demo.load()
    plan = upload()
    assert plan.geldig and plan.ongewijzigd == len(rijen_in_bestand())


def test_only_who_may_import_gets_the_example_file(client, django_user_model, db):
    editor = django_user_model.objects.create_user("redacteur", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_kaart_dienst:import_voorbeeld"))
    assert response.status_code == 302 and b"extern_id" not in response.content
