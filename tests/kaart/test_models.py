"""The kaart's data: vocabularies, gemeenten, and what a Dienst knows about itself."""

import datetime
import filecmp
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Workflow, WorkflowContentType

from kaart.factories import DienstFactory
from kaart.management.commands import refresh_gemeenten
from kaart.models import (
    GEMEENTEN_CSV,
    STANDAARD_TERMEN,
    Dienst,
    Gemeente,
    Term,
    kosten_categorie,
)
from tests.services import missing

# The contract's vocabularies and default values, as docs/kaart-contract.md lists them.
CONTRACT = {
    "doelgroep": "iedereen, jongeren, volwassenen, ouderen, mantelzorgers, nieuwkomers, "
    "beperking, psychische-kwetsbaarheid, lhbtiq, alleenstaanden, nabestaanden",
    "thema": "sociaal-isolement, emotionele-eenzaamheid, verlies-en-rouw, gezondheid, "
    "geldzorgen, taal-en-cultuur, digitale-vaardigheden, zingeving, mantelzorg, levensfase",
    "activiteit": "ontmoeting, een-op-een, cursus-en-gespreksgroep, therapie-en-begeleiding, "
    "praktische-hulp, informatie-en-advies, vrijwilligerswerk",
    "vorm": "groep, individueel",
    "frequentie": "eenmalig, structureel",
    "plek": "aan-huis, buitenshuis, online, telefonisch",
    "financiering": "gratis, gesubsidieerd, commercieel",
    "uitvoering": "vrijwilligers, professionals",
    "preventie": "algemeen, risicogroepen, verergering-voorkomen",
    "eenzaamheidsgroep": "niet-eenzaam, risico, eenzaam, ernstig-eenzaam",
    "erkenning": "effectief, goed-beschreven, goed-onderbouwd, niet-beoordeeld",
}


def test_the_contract_vocabularies_are_seeded_with_labels(db):
    for vocabulaire, values in CONTRACT.items():
        expected = sorted(v.strip() for v in values.split(","))
        terms = Term.objects.filter(vocabulaire=vocabulaire)
        assert sorted(t.slug for t in terms) == expected, vocabulaire
        assert all(t.label and t.label != t.slug for t in terms if "-" in t.slug)
    assert Term.objects.get(vocabulaire="doelgroep", slug="ouderen").label == "Ouderen (65+)"
    assert set(STANDAARD_TERMEN) == set(CONTRACT)


def test_a_term_slug_is_unique_within_its_vocabulary(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(vocabulaire="plek", slug="online", label="Nog eens online")
    Term.objects.create(vocabulaire="thema", slug="online", label="Online leven")


def test_all_342_gemeenten_with_their_provinces(db):
    assert Gemeente.objects.count() == 342
    per_provincie = Counter(Gemeente.objects.values_list("provincie", flat=True))
    assert per_provincie == {
        "Noord-Brabant": 56,
        "Gelderland": 51,
        "Zuid-Holland": 50,
        "Noord-Holland": 44,
        "Limburg": 31,
        "Utrecht": 26,
        "Overijssel": 25,
        "Fryslân": 18,
        "Zeeland": 13,
        "Drenthe": 12,
        "Groningen": 10,
        "Flevoland": 6,
    }
    assert Gemeente.objects.get(code="GM0344").naam == "Utrecht"
    assert Gemeente.objects.filter(code="GM1992", naam="Voorne aan Zee").exists()


def test_the_project_copy_matches_the_team_data():
    shared = Path(settings.BASE_DIR).parent / "shared" / "data" / "gemeenten.csv"
    if not shared.exists():
        missing("The shared gemeenten.csv", f"expected it at {shared}")
    assert filecmp.cmp(shared, GEMEENTEN_CSV, shallow=False)


def test_refresh_gemeenten_copies_and_updates(db, tmp_path, monkeypatch, capsys):
    target = tmp_path / "gemeenten.csv"
    monkeypatch.setattr(refresh_gemeenten, "GEMEENTEN_CSV", target)
    rows = GEMEENTEN_CSV.read_text(encoding="utf-8").replace(
        "GM0344,Utrecht,Utrecht", "GM0344,Utrecht (stad),Utrecht"
    )
    source = tmp_path / "bron.csv"
    source.write_text(rows + "GM9998,Nieuwe Gemeente,Utrecht\n", encoding="utf-8")
    call_command("refresh_gemeenten", source=str(source))
    assert target.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert "1 nieuw, 1 bijgewerkt" in capsys.readouterr().out
    assert Gemeente.objects.get(code="GM0344").naam == "Utrecht (stad)"
    assert Gemeente.objects.count() == 343
    call_command("refresh_gemeenten", source=str(source))
    assert "0 nieuw, 0 bijgewerkt" in capsys.readouterr().out


def test_refresh_gemeenten_refuses_a_wrong_file(db, tmp_path, monkeypatch):
    monkeypatch.setattr(refresh_gemeenten, "GEMEENTEN_CSV", tmp_path / "gemeenten.csv")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("refresh_gemeenten", source=str(tmp_path / "nergens.csv"))
    wrong = tmp_path / "fout.csv"
    wrong.write_text("code,naam,provincie\n0344,Utrecht,Utrecht\n", encoding="utf-8")
    with pytest.raises(CommandError, match="geen lijst met gemeenten"):
        call_command("refresh_gemeenten", source=str(wrong))
    assert not (tmp_path / "gemeenten.csv").exists()


@pytest.mark.parametrize(
    ("bedrag", "categorie"),
    [
        (None, "onbekend"),
        ("0", "gratis"),
        ("0.00", "gratis"),
        ("0.01", "tot-10"),
        ("10", "tot-10"),
        ("10.01", "10-tot-50"),
        ("50", "10-tot-50"),
        ("50.01", "50-of-meer"),
        ("1000", "50-of-meer"),
    ],
)
def test_kosten_categorie_follows_the_contract_bands(bedrag, categorie):
    amount = None if bedrag is None else Decimal(bedrag)
    assert kosten_categorie(amount) == categorie
    assert Dienst(kosten_bedrag=amount).kosten_categorie() == categorie


def test_what_a_dienst_knows(db):
    dienst = DienstFactory(
        termen={"doelgroep": ["nabestaanden", "iedereen", "ouderen"], "erkenning": ["effectief"]}
    )
    assert dienst.get_absolute_url() == f"/kaart/dienst/{dienst.pk}/"
    assert dienst.bereik() == "lokaal"
    assert Dienst(landelijk=True).bereik() == "landelijk"
    # In display order, not in the order they were chosen.
    assert dienst.slugs("doelgroep") == ["iedereen", "ouderen", "nabestaanden"]
    assert dienst.slugs("erkenning") == ["effectief"]
    assert dienst.terms("frequentie") == []
    with pytest.raises(ValueError):
        dienst.terms("kleur")


def test_verification_older_than_a_year(db):
    today = datetime.date(2026, 5, 1)
    assert Dienst(laatst_gecontroleerd=datetime.date(2025, 5, 1)).is_verouderd(today) is False
    assert Dienst(laatst_gecontroleerd=datetime.date(2025, 4, 30)).is_verouderd(today) is True
    assert Dienst(laatst_gecontroleerd=None).is_verouderd(today) is True


def test_validation_of_ages_postcode_and_extern_id(db):
    dienst = Dienst(naam="X", samenvatting="Y", leeftijd_min=70, leeftijd_max=60)
    with pytest.raises(ValidationError) as info:
        dienst.full_clean()
    assert "leeftijd_max" in info.value.message_dict
    dienst = Dienst(naam="X", samenvatting="Y", postcode="1234ab", leeftijd_max=121)
    with pytest.raises(ValidationError) as info:
        dienst.full_clean()
    assert set(info.value.message_dict) == {"leeftijd_max"}
    dienst.leeftijd_max = 120
    dienst.full_clean()
    assert dienst.postcode == "1234 AB"
    assert dienst.extern_id.startswith("kaart-") and Dienst().extern_id != dienst.extern_id
    with pytest.raises(ValidationError):
        Dienst(naam="X", samenvatting="Y", extern_id="met spatie").full_clean()


def test_a_draft_keeps_the_live_version_and_publishing_brings_the_terms(db):
    dienst = DienstFactory(naam="Eerste versie", termen={"plek": ["online"]})
    draft = dienst.get_latest_revision_as_object()
    draft.naam = "Tweede versie"
    draft.plek.set([Term.objects.get(vocabulaire="plek", slug="telefonisch")])
    revision = draft.save_revision()
    live = Dienst.objects.get(pk=dienst.pk)
    assert (live.naam, live.slugs("plek")) == ("Eerste versie", ["online"])
    assert live.has_unpublished_changes
    revision.publish()
    live = Dienst.objects.get(pk=dienst.pk)
    assert (live.naam, live.slugs("plek")) == ("Tweede versie", ["telefonisch"])


def test_services_go_through_a_moderation_workflow(db, django_user_model):
    workflow = Workflow.objects.get(name="Moderators approval")
    WorkflowContentType.objects.create(
        content_type=ContentType.objects.get_for_model(Dienst), workflow=workflow
    )
    editor = django_user_model.objects.create_user("redacteur")
    dienst = DienstFactory(live=False)
    assert dienst.get_workflow() == workflow
    dienst.save_revision(user=editor)
    workflow.start(dienst, editor)
    dienst.refresh_from_db()
    assert dienst.workflow_in_progress
    assert not dienst.live


def test_the_engine_document_has_the_facet_values_and_the_term_labels(db):
    dienst = DienstFactory(
        kosten_bedrag=Decimal("7.50"),
        landelijk=True,
        termen={"doelgroep": ["ouderen", "mantelzorgers"], "frequentie": ["structureel"]},
    )
    ouderen, mantelzorgers = (
        Term.objects.get(vocabulaire="doelgroep", slug=s) for s in ("ouderen", "mantelzorgers")
    )
    structureel = Term.objects.get(vocabulaire="frequentie", slug="structureel")
    assert sorted(dienst.facet_waarden()) == sorted(
        [
            "kosten:tot-10",
            "bereik:landelijk",
            f"frequentie:{structureel.pk}",
            f"doelgroep:{ouderen.pk}",
            f"doelgroep:{mantelzorgers.pk}",
        ]
    )
    assert sorted(dienst.kenmerk_labels()) == sorted(
        [ouderen.label, mantelzorgers.label, structureel.label]
    )
