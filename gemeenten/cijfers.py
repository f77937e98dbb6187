"""RIVM's loneliness figures per gemeente (Gezondheidsmonitor 2020, adults 18+, 2020 division).

The figures live in ``gemeenten/data/eenzaamheid_gemeenten.csv`` (``manage.py
eenzaamheid_bijwerken`` copies a new export in); ``gemeenten/data/gemeente_opvolgers.csv`` says
which 2020 gemeenten have merged into which current ones since. A current gemeente without a row
of its own gets the rows of its former gemeenten, labelled as theirs: no figure is ever combined or
estimated here.

Comparisons, as the page says too:

* **Nederland**: RIVM's own national estimate from the same table (row NL01 of StatLine 50090NED,
  ``eenzaamheid_nederland.csv``), not a mean of the gemeenten;
* **provincie**: the unweighted mean of the 2020 gemeenten that lie in the province now (this data
  has no population counts, so a small gemeente weighs as much as a large one);
* **plaats**: the rank among all gemeenten of the file (1 = the highest share), ties sharing a rank.

Everything is read once per process and kept (the files change only with a deploy).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from kaart.models import lees_gemeenten_csv

DATA = Path(__file__).resolve().parent / "data"
EENZAAMHEID_CSV = DATA / "eenzaamheid_gemeenten.csv"
OPVOLGERS_CSV = DATA / "gemeente_opvolgers.csv"
NEDERLAND_CSV = DATA / "eenzaamheid_nederland.csv"

# The four measures in reading order: CSV column -> what people read.
MATEN = {
    "eenzaam_pct": "Eenzaam",
    "ernstig_eenzaam_pct": "Ernstig eenzaam",
    "emotioneel_eenzaam_pct": "Emotioneel eenzaam",
    "sociaal_eenzaam_pct": "Sociaal eenzaam",
}
MAAT_UITLEG = {
    "eenzaam_pct": "Matig of (zeer) ernstig eenzaam.",
    "ernstig_eenzaam_pct": "(Zeer) ernstig eenzaam.",
    "emotioneel_eenzaam_pct": "Mist een hechte, intieme band met iemand.",
    "sociaal_eenzaam_pct": "Mist contact met een bredere kring van mensen.",
}

BRON = "RIVM, Gezondheidsmonitor Volwassenen en Ouderen 2020 (GGD'en, CBS en RIVM)"
BRON_TABEL = "StatLine 50090NED, Gezondheid per wijk en buurt (indeling 2020)"
# RIVM's figures per wijk and buurt, where a gemeente finds its own neighbourhoods.
RIVM_WIJK_BUURT_URL = "https://statline.rivm.nl/#/RIVM/nl/dataset/50090NED/table"


@dataclass(frozen=True)
class Rij:
    """One gemeente's row of the file, as published."""

    code: str
    naam: str
    jaar: int
    waarden: dict[str, Decimal]


@dataclass(frozen=True)
class Vergelijking:
    """One measure of one gemeente beside its province and the Netherlands."""

    maat: str
    label: str
    uitleg: str
    waarde: Decimal
    provincie: Decimal
    nederland: Decimal
    plaats: int
    van: int


@dataclass(frozen=True)
class Cijfers:
    """What a gemeente page shows: the rows (its own, or its former gemeenten'), compared."""

    code: str
    eigen: bool  # False: these are the former gemeenten's figures (a merger after 2020)
    rijen: list[Rij]
    vergelijkingen: dict[str, list[Vergelijking]]  # per row's code
    provincie: str
    jaar: int
    # Gemeenten (wholly, or a part: False) that joined it after the figures' year, so they
    # are not in its own row: (naam, volledig).
    sindsdien: list[tuple[str, bool]]

    @property
    def aantal_gemeenten(self) -> int:
        return len(_alle_rijen())


def _decimal(value: str) -> Decimal:
    return Decimal(value.strip())


def lees_eenzaamheid_csv(path: Path | str = EENZAAMHEID_CSV) -> list[Rij]:
    """The rows of an export (``code,naam,jaar`` and the four measures), checked."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"code", "naam", "jaar", *MATEN} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"kolommen ontbreken: {', '.join(sorted(missing))}")
        rijen = []
        for number, row in enumerate(reader, start=2):
            code = (row["code"] or "").strip()
            if not (code.startswith(("GM", "NL")) and row["naam"].strip()):
                raise ValueError(f"regel {number} is geen gemeente: {row}")
            try:
                waarden = {maat: _decimal(row[maat]) for maat in MATEN}
                jaar = int(row["jaar"])
            except (ArithmeticError, ValueError, AttributeError) as exc:
                raise ValueError(f"regel {number} heeft een ongeldig getal: {row}") from exc
            rijen.append(Rij(code, row["naam"].strip(), jaar, waarden))
    return rijen


def lees_opvolgers_csv(path: Path | str = OPVOLGERS_CSV) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@cache
def _alle_rijen() -> dict[str, Rij]:
    return {rij.code: rij for rij in lees_eenzaamheid_csv()}


@cache
def nederland() -> Rij:
    """RIVM's national estimate of the same table and year."""
    return lees_eenzaamheid_csv(NEDERLAND_CSV)[0]


@cache
def _provincies() -> dict[str, str]:
    """The province of every code of the figures: a current gemeente's own, a former one's
    through the gemeente it became (all its successors lie in one province)."""
    huidig = {row["code"]: row["provincie"] for row in lees_gemeenten_csv()}
    provincies = dict(huidig)
    for row in lees_opvolgers_gecached():
        if row["oude_code"] not in provincies and row["nieuwe_code"] in huidig:
            provincies[row["oude_code"]] = huidig[row["nieuwe_code"]]
    return provincies


@cache
def lees_opvolgers_gecached() -> list[dict[str, str]]:
    return lees_opvolgers_csv()


@cache
def voorgangers() -> dict[str, list[tuple[str, str]]]:
    """Per current code, the former gemeenten that wholly merged into it: (code, naam)."""
    result: dict[str, list[tuple[str, str]]] = {}
    for row in lees_opvolgers_gecached():
        if row["volledig_opgegaan"] == "True":
            result.setdefault(row["nieuwe_code"], []).append((row["oude_code"], row["oude_naam"]))
    return result


def _gemiddelde(waarden: list[Decimal]) -> Decimal:
    return (sum(waarden) / len(waarden)).quantize(Decimal("0.1"))


@cache
def provincie_gemiddelden() -> dict[str, dict[str, Decimal]]:
    """Per province, per measure: the unweighted mean of its gemeenten in the file."""
    provincies = _provincies()
    per: dict[str, list[Rij]] = {}
    for rij in _alle_rijen().values():
        provincie = provincies.get(rij.code)
        if provincie:
            per.setdefault(provincie, []).append(rij)
    return {
        provincie: {maat: _gemiddelde([r.waarden[maat] for r in rijen]) for maat in MATEN}
        for provincie, rijen in per.items()
    }


@cache
def _rangen() -> dict[str, dict[str, int]]:
    """Per measure, per code: 1 + the number of gemeenten with a higher share."""
    rijen = list(_alle_rijen().values())
    rangen: dict[str, dict[str, int]] = {}
    for maat in MATEN:
        waarden = sorted((r.waarden[maat] for r in rijen), reverse=True)
        eerste = {}
        for index, waarde in enumerate(waarden, start=1):
            eerste.setdefault(waarde, index)
        rangen[maat] = {r.code: eerste[r.waarden[maat]] for r in rijen}
    return rangen


def _vergelijk(rij: Rij, provincie: str) -> list[Vergelijking]:
    gemiddeld = provincie_gemiddelden().get(provincie, {})
    land = nederland()
    rangen = _rangen()
    return [
        Vergelijking(
            maat,
            label,
            MAAT_UITLEG[maat],
            rij.waarden[maat],
            gemiddeld[maat],
            land.waarden[maat],
            rangen[maat][rij.code],
            len(_alle_rijen()),
        )
        for maat, label in MATEN.items()
    ]


def cijfers_voor(code: str) -> Cijfers | None:
    """The figures of a current gemeente: its own row, else its former gemeenten' rows (labelled
    by ``eigen=False``); None when neither exists."""
    alle = _alle_rijen()
    provincie = _provincies().get(code, "")
    if code in alle:
        rijen, eigen = [alle[code]], True
    else:
        rijen = [alle[oud] for oud, _ in voorgangers().get(code, []) if oud in alle]
        eigen = False
        if not rijen:
            return None
    sindsdien = [
        (row["oude_naam"], row["volledig_opgegaan"] == "True")
        for row in lees_opvolgers_gecached()
        if row["nieuwe_code"] == code and row["oude_code"] in alle and eigen
    ]
    return Cijfers(
        sindsdien=sindsdien,
        code=code,
        eigen=eigen,
        rijen=rijen,
        vergelijkingen={rij.code: _vergelijk(rij, provincie) for rij in rijen},
        provincie=provincie,
        jaar=rijen[0].jaar,
    )


def vergeet() -> None:
    """Read the files again on next use (after ``eenzaamheid_bijwerken``)."""
    for functie in (
        _alle_rijen,
        nederland,
        _provincies,
        voorgangers,
        provincie_gemiddelden,
        _rangen,
    ):
        functie.cache_clear()
