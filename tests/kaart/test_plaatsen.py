"""'Waar woont u?' (issue #13): the place resolver, table-driven from the data files themselves.

The table is built here from ``kaart/data/`` (real gemeenten, woonplaatsen, districts,
postcodes and ambiguous names, picked by rules written in this file) plus hand-written cases
from the issue and typos. Each row says what must come out: one gemeente, choices, or an error.
"""

import csv
import unicodedata
from pathlib import Path

import pytest

from kaart import plaatsen
from kaart.plaatsen import Keuzes, Locatie, PlaatsOnbekend, los_op

DATA = Path(__file__).resolve().parents[2] / "kaart" / "data"


def rows(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def simpel(naam):
    """This test's own normaliser: lower case, no accents, letters and digits only."""
    folded = unicodedata.normalize("NFKD", naam.lower())
    return "".join(ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch))


GEMEENTEN = {r["code"]: r for r in rows("gemeenten.csv")}
WOONPLAATSEN = rows("woonplaatsen.csv")
POSTCODES = rows("postcodes_pc4.csv")
EXTRA = rows("plaatsnamen_extra.csv")
ALIASSEN = rows("gemeenten_aliassen.csv")
OPVOLGERS = rows("gemeente_opvolgers.csv")

# Every gemeente a name may mean, by any name in the data (official, alias, other, district).
ALLE_NAMEN: dict[str, set[str]] = {}
for _r in WOONPLAATSEN:
    for _naam in [_r["woonplaats"], *_r["andere_namen"].split("|")]:
        if _naam:
            ALLE_NAMEN.setdefault(simpel(_naam), set()).add(_r["gemeente_code"])
for _r in EXTRA:
    ALLE_NAMEN.setdefault(simpel(_r["naam"]), set()).add(_r["gemeente_code"])
for _r in ALIASSEN:
    ALLE_NAMEN.setdefault(simpel(_r["naam"]), set()).add(_r["gemeente_code"])
for _code, _r in GEMEENTEN.items():
    ALLE_NAMEN.setdefault(simpel(_r["naam"]), set()).add(_code)
for _r in OPVOLGERS:
    ALLE_NAMEN.setdefault(simpel(_r["oude_naam"]), set()).add(_r["nieuwe_code"])


def eenduidig(naam):
    return len(ALLE_NAMEN.get(simpel(naam), ())) == 1


def elke(lijst, n):
    """``n`` items spread over the whole list (not only the first letters of the alphabet)."""
    stap = max(1, len(lijst) // n)
    return lijst[::stap][:n]


def table():
    cases = []  # (invoer, expected): a code, ("keuzes", {codes}), or ("fout", suggestion)
    # Official gemeente names, also in capitals and without punctuation.
    officieel = elke([g for g in GEMEENTEN.values() if eenduidig(g["naam"])], 12)
    for g in officieel:
        cases.append((g["naam"], g["code"]))
    for g in officieel[:4]:
        cases.append((g["naam"].upper().replace("-", " "), g["code"]))
    # Common names of gemeenten (aliases) that only mean one gemeente.
    for a in elke([a for a in ALIASSEN if eenduidig(a["naam"])], 8):
        cases.append((a["naam"], a["gemeente_code"]))
    # Woonplaatsen whose name is theirs alone.
    for w in elke([w for w in WOONPLAATSEN if eenduidig(w["woonplaats"])], 15):
        cases.append((w["woonplaats"], w["gemeente_code"]))
    # Districts and hamlets that are not a woonplaats.
    for e in elke([e for e in EXTRA if eenduidig(e["naam"]) and e["naam"][0].isalpha()], 6):
        cases.append((e["naam"], e["gemeente_code"]))
    # Postcodes in every spelling.
    for i, p in enumerate(elke(POSTCODES, 8)):
        spelling = [p["pc4"], f"{p['pc4']}AB", f"{p['pc4']} ab", f" {p['pc4']}  Xy "][i % 4]
        cases.append((spelling, p["gemeente_code"]))
    # CBS codes, and former gemeenten that merged into one.
    for code in elke(sorted(GEMEENTEN), 3):
        cases.append((code, code))
    for o in elke([o for o in OPVOLGERS if o["volledig_opgegaan"] == "True"], 3):
        cases.append((o["oude_code"].lower(), o["nieuwe_code"]))
    # Names that are an official woonplaats in more than one gemeente: the choices.
    dubbel: dict[str, set[str]] = {}
    for w in WOONPLAATSEN:
        dubbel.setdefault(w["woonplaats"], set()).add(w["gemeente_code"])
    for naam in elke(sorted(n for n, codes in dubbel.items() if len(codes) > 1), 8):
        cases.append((naam, ("keuzes", dubbel[naam])))
    # From the issue, by hand.
    cases += [
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("s gravenhage", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("s hertogenbosch", "GM0796"),
        ("Bussum", "GM1942"),
        ("Lunteren", "GM0228"),
        ("Scheveningen", "GM0518"),
        ("Snits", "GM1900"),
        ("Weesp", "GM0363"),
        ("Hellevoetsluis", "GM1992"),
        ("3511", "GM0344"),
        ("3511AB", "GM0344"),
        ("3511 ab", "GM0344"),
        ("GM0344", "GM0344"),
        ("Hengelo", ("keuzes", {"GM0164", "GM1876"})),
        ("Bergen", ("keuzes", {"GM0373", "GM0893"})),
        ("Hengelo, Gelderland", "GM1876"),
        ("Bergen (Limburg)", "GM0893"),
        # Typos: "Bedoelt u …?"
        ("Lunterne", ("fout", "Lunteren")),
        ("Amsterdm", ("fout", "Amsterdam")),
        ("Rotterdm", ("fout", "Rotterdam")),
        ("Apledoorn", ("fout", "Apeldoorn")),
        ("Grnoingen", ("fout", "Groningen")),
        # Unknown, and postcodes that cannot be one.
        ("Xyzzyville", ("fout", None)),
        ("351", ("fout", None)),
        ("35111", ("fout", None)),
        ("0123", ("fout", None)),
        ("1000", ("fout", None)),  # PO boxes only: no address, not in the data
    ]
    return cases


TABLE = table()


def test_the_table_is_large_and_varied():
    assert len(TABLE) >= 60
    kinds = {type(want).__name__ if not isinstance(want, tuple) else want[0] for _, want in TABLE}
    assert kinds == {"str", "keuzes", "fout"}


@pytest.mark.parametrize("invoer,want", TABLE, ids=[c[0] for c in TABLE])
def test_resolves(invoer, want):
    if isinstance(want, str):
        gevonden = los_op(invoer)
        assert isinstance(gevonden, Locatie), gevonden
        assert gevonden.gemeente == want
        assert gevonden.gemeente_naam == GEMEENTEN[want]["naam"]
        assert gevonden.heeft_punt
    elif want[0] == "keuzes":
        gevonden = los_op(invoer)
        assert isinstance(gevonden, Keuzes), gevonden
        assert {k.gemeente for k in gevonden.keuzes} >= want[1]
        for keuze in gevonden.keuzes:
            assert keuze.provincie == GEMEENTEN[keuze.gemeente]["provincie"]
            # Each choice's own text resolves to that gemeente alone.
            assert los_op(keuze.waarde).gemeente == keuze.gemeente
    else:
        with pytest.raises(PlaatsOnbekend) as fout:
            los_op(invoer)
        assert "CBS" not in fout.value.message
        if want[1] is None:
            assert fout.value.suggesties == []
        else:
            assert fout.value.suggesties[0] == want[1]


def test_a_woonplaats_and_a_postcode_say_where():
    lunteren = los_op("Lunteren")
    assert (lunteren.woonplaats, lunteren.postcode) == ("Lunteren", None)
    row = next(w for w in WOONPLAATSEN if w["woonplaats"] == "Lunteren")
    assert (lunteren.lat, lunteren.lon) == (float(row["lat"]), float(row["lon"]))
    pc = los_op("3511 AB")
    assert pc.postcode == "3511" and pc.woonplaats == "Utrecht"


@pytest.mark.parametrize(
    "a,b",
    [
        ("'s-Hertogenbosch", "S HERTOGENBOSCH"),
        ("Súdwest-Fryslân", "sudwest fryslan"),
        ("Nuenen, Gerwen en Nederwetten", "nuenen gerwen en nederwetten"),
        ("’t Harde", "t harde"),
        ("St. Michielsgestel", "Sint-Michielsgestel"),
    ],
)
def test_normaliser(a, b):
    assert plaatsen.sleutel(a) == plaatsen.sleutel(b)


def test_suggestions_rank_by_the_documented_rule():
    namen = [s.naam for s in plaatsen.suggesties("lunt")]
    assert namen[0] == "Lunteren"
    # A gemeente before woonplaatsen; an exact name first.
    assert plaatsen.suggesties("ede")[0].soort == "gemeente"
    assert [s.naam for s in plaatsen.suggesties("haag")][:1] == ["Haag"]
    assert "Den Haag" in [s.naam for s in plaatsen.suggesties("den haa")]
    assert [s.waarde for s in plaatsen.suggesties("3511")] == ["3511"]
    assert plaatsen.suggesties("a") == []
    # Every suggestion's value resolves to its own gemeente.
    for q in ["hengelo", "bergen", "beek", "den", "35", "sch"]:
        for s in plaatsen.suggesties(q):
            assert los_op(s.waarde).gemeente == s.gemeente, s


def test_a_service_gets_its_point_from_postcode_or_place():
    pc = next(p for p in POSTCODES if p["pc4"] == "3511")
    assert plaatsen.punt_van_dienst("3511 AB", "", []) == (float(pc["lat"]), float(pc["lon"]))
    lunteren = los_op("Lunteren")
    assert plaatsen.punt_van_dienst("", "Lunteren", []) == (lunteren.lat, lunteren.lon)
    # An ambiguous place counts only with the gemeente that says which.
    assert plaatsen.punt_van_dienst("", "Hengelo", []) is None
    hengelo = los_op("Hengelo, Gelderland")
    assert plaatsen.punt_van_dienst("", "Hengelo", ["GM1876"]) == (hengelo.lat, hengelo.lon)
    assert plaatsen.punt_van_dienst("", "", []) is None


@pytest.mark.django_db
def test_a_saved_service_gets_its_point_and_keeps_it_current():
    from kaart.factories import DienstFactory

    dienst = DienstFactory(naam="Soos", postcode="3511AB")
    dienst.refresh_from_db()
    pc = next(p for p in POSTCODES if p["pc4"] == "3511")
    assert (dienst.lat, dienst.lon) == (float(pc["lat"]), float(pc["lon"]))
    dienst.postcode, dienst.plaats = "", "Lunteren"
    dienst.save(update_fields=["postcode", "plaats"])
    dienst.refresh_from_db()
    assert (dienst.lat, dienst.lon) == (los_op("Lunteren").lat, los_op("Lunteren").lon)
    dienst.plaats = ""
    dienst.save()
    dienst.refresh_from_db()
    assert dienst.lat is None and dienst.lon is None


def test_refresh_plaatsen_keeps_the_used_columns_and_checks_first(tmp_path, monkeypatch):
    from django.core.management import CommandError, call_command

    doel = tmp_path / "data"
    doel.mkdir()
    (doel / "gemeenten.csv").write_text((DATA / "gemeenten.csv").read_text(encoding="utf-8"))
    monkeypatch.setattr(plaatsen, "DATA_DIR", doel)
    bron = Path(__file__).resolve().parents[3] / "shared" / "data"
    if not (bron / "woonplaatsen.csv").exists():
        bron = DATA  # the project's own copies are a valid source too
    kapot = tmp_path / "kapot"
    kapot.mkdir()
    with pytest.raises(CommandError):
        call_command("refresh_plaatsen", source=str(kapot))
    assert not (doel / "woonplaatsen.csv").exists()  # nothing written on a bad source
    try:
        call_command("refresh_plaatsen", source=str(bron))
        with open(doel / "woonplaatsen.csv", encoding="utf-8") as handle:
            kop = handle.readline().strip().split(",")
        assert kop == plaatsen.KOLOMMEN["woonplaatsen.csv"]
        assert len(rows_in(doel / "postcodes_pc4.csv")) == len(POSTCODES)
    finally:
        plaatsen.index.cache_clear()


def rows_in(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
