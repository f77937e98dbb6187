"""Where someone lives: a place name, postcode or CBS code resolved to one gemeente and a point.

"Waar woont u?" takes what residents type: a gemeente by its official or common name ('s-Gravenhage,
Den Haag), a woonplaats (Lunteren → Ede), a district or hamlet (Scheveningen), a four-digit
postcode with or without its letters (3511, 3511AB, 3511 ab), a CBS code (GM0344) or a former
gemeente (Bussum, Weesp → their successors). :func:`los_op` answers a :class:`Locatie`, the choices
when a name is a woonplaats in more than one gemeente, or raises :class:`PlaatsOnbekend` with
"Bedoelt u …?" suggestions. :func:`suggesties` answers the place field's suggestions while typing.

The data are the five files in ``kaart/data/`` (``refresh_plaatsen`` copies them from the shared
sources, see ``SOURCES-plaatsen.md``). They are read once per process into memory: about 12,000
names and 4,000 postcodes, a few megabytes, looked up without a database query, so suggestions
answer in well under a millisecond. They change once a year and are not edited on the site, so a
table would only add queries and a migration per refresh.

Matching (:func:`normaal`): case, accents, apostrophes, hyphens, dots and spaces do not count, so
"'s-Hertogenbosch", "s hertogenbosch" and "SHertogenbosch" are the same name. A name is looked up
in three tiers; the first tier that knows it decides:

1. official names: gemeenten and their curated aliases (Den Haag, Den Bosch, former gemeenten),
   woonplaatsen with and without their BAG suffix (Hengelo (Gld) is also Hengelo);
2. the other names of woonplaatsen (Snits for Sneek; GeoNames, used for matching only);
3. districts and hamlets that are not a woonplaats (Scheveningen, Kralingen).

When the tier names one gemeente, that is the answer; when it names several, they are the
choices (with province). "Naam, gemeente" or "Naam (provincie)" picks one of them.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from search.analysis import close_words, fold

DATA_DIR = Path(__file__).resolve().parent / "data"
GEMEENTEN = "gemeenten.csv"  # the same file as kaart.models.GEMEENTEN_CSV
WOONPLAATSEN = "woonplaatsen.csv"
POSTCODES = "postcodes_pc4.csv"
PLAATSNAMEN = "plaatsnamen_extra.csv"
ALIASSEN = "gemeenten_aliassen.csv"
OPVOLGERS = "gemeente_opvolgers.csv"

# The columns kept in kaart/data/ (refresh_plaatsen writes only these): what the resolver reads.
KOLOMMEN = {
    WOONPLAATSEN: ["woonplaats", "gemeente_code", "lat", "lon", "andere_namen"],
    POSTCODES: ["pc4", "gemeente_code", "lat", "lon", "woonplaatsen"],
    PLAATSNAMEN: ["naam", "gemeente_code", "lat", "lon"],
    ALIASSEN: ["naam", "gemeente_code"],
    OPVOLGERS: ["oude_code", "oude_naam", "nieuwe_code", "nieuwe_naam", "volledig_opgegaan"],
}

BRON = "Bron plaatsen en postcodes: CBS (CC BY 4.0) en GeoNames (geonames.org, CC BY 4.0)"

MAX_INVOER = 100
MAX_SUGGESTIES = 8

OFFICIEEL, ANDERE_NAAM, WIJK = 1, 2, 3
SOORT = {OFFICIEEL: "woonplaats", ANDERE_NAAM: "woonplaats", WIJK: "wijk of buurtschap"}

_POSTCODE = re.compile(r"([1-9][0-9]{3}) ?([a-z]{2})?")
_LIJKT_POSTCODE = re.compile(r"[0-9]{2,}[0-9 a-z]*")
_CBS_CODE = re.compile(r"gm ?([0-9]{4})")
_NIET_LETTER = re.compile(r"[^a-z0-9]+")
_APOSTROF = re.compile(r"['`´‘’]")
_VOORVOEGSEL = re.compile(r"^(gemeente|gem|plaats|woonplaats|dorp|stad) ")
_HAAKJES = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def normaal(tekst: str) -> str:
    """A name as it is matched: lower case, no accents, no punctuation, words by one space."""
    tekst = _APOSTROF.sub("", fold(tekst))
    tekst = " ".join(_NIET_LETTER.sub(" ", tekst).split())
    return tekst.replace("st ", "sint ", 1) if tekst.startswith("st ") else tekst


def sleutel(tekst: str) -> str:
    """The look-up key of a name: :func:`normaal` without spaces ("Den  Haag" = "denhaag")."""
    return normaal(tekst).replace(" ", "")


@dataclass(frozen=True)
class Locatie:
    """Where someone lives, resolved: one gemeente, and a point when one is known."""

    invoer: str
    gemeente: str
    gemeente_naam: str
    woonplaats: str | None = None
    postcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    keuzes: tuple[Keuze, ...] = ()

    @property
    def naam(self) -> str:
        """What the page says: "Lunteren", "3511", or the gemeente."""
        return self.postcode or self.woonplaats or self.gemeente_naam

    @property
    def heeft_punt(self) -> bool:
        return self.lat is not None and self.lon is not None

    def as_dict(self) -> dict:
        return {
            "invoer": self.invoer,
            "gemeente": self.gemeente,
            "gemeente_naam": self.gemeente_naam,
            "woonplaats": self.woonplaats,
            "postcode": self.postcode,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True)
class Keuze:
    """One of the gemeenten an ambiguous name may mean; ``waarde`` resolves to it alone."""

    gemeente: str
    gemeente_naam: str
    provincie: str
    waarde: str

    def as_dict(self) -> dict:
        return {
            "gemeente": self.gemeente,
            "gemeente_naam": self.gemeente_naam,
            "provincie": self.provincie,
            "waarde": self.waarde,
        }


@dataclass(frozen=True)
class Keuzes:
    """A name that is a place in more than one gemeente: the resident chooses."""

    invoer: str
    keuzes: tuple[Keuze, ...]

    def as_dict(self) -> dict:
        return {"invoer": self.invoer, "keuzes": [k.as_dict() for k in self.keuzes]}


class PlaatsOnbekend(ValueError):
    """What was typed is no place we know; ``suggesties`` are names close to it."""

    def __init__(self, message: str, suggesties: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.suggesties = suggesties or []


@dataclass(frozen=True)
class _Plek:
    """One name of a place in the index."""

    naam: str  # as shown
    gemeente: str
    laag: int  # OFFICIEEL, ANDERE_NAAM or WIJK; 0 for a gemeente's own name
    woonplaats: str | None  # the official woonplaats (None for a gemeente name or a district)
    lat: float | None
    lon: float | None


@dataclass
class _Index:
    gemeenten: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → naam, provincie
    namen: dict[str, list[_Plek]] = field(default_factory=dict)  # key → places of that name
    postcodes: dict[str, tuple[str, float, float, str]] = field(default_factory=dict)
    opvolgers: dict[str, list[str]] = field(default_factory=dict)  # old code → new codes
    middelpunt: dict[str, tuple[float, float]] = field(default_factory=dict)  # gemeente → point
    gemeente_sleutels: dict[str, set[str]] = field(default_factory=dict)  # key → gemeenten
    provincies: dict[str, set[str]] = field(default_factory=dict)  # key → gemeenten
    voorvoegsels: list[tuple[str, int, str]] = field(default_factory=list)  # for suggestions
    toon: list[tuple[str, str, int]] = field(default_factory=list)  # naam, gemeente, soort

    def voeg_toe(self, naam: str, plek: _Plek) -> None:
        key = sleutel(naam)
        if not key:
            return
        plekken = self.namen.setdefault(key, [])
        if plek not in plekken:
            plekken.append(plek)


def _lees(naam: str) -> list[dict[str, str]]:
    with open(DATA_DIR / naam, encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _zonder_achtervoegsel(woonplaats: str, andere: list[str]) -> str | None:
    """The name without its BAG suffix ("Hengelo (Gld)" → "Hengelo"), if the data give it."""
    for naam in andere:
        if woonplaats.startswith(naam + " ") and len(naam) < len(woonplaats):
            return naam
    return None


@cache
def index() -> _Index:
    """The place index, read from ``kaart/data/`` once per process."""
    ix = _Index()
    for row in _lees(GEMEENTEN):
        ix.gemeenten[row["code"]] = (row["naam"], row["provincie"])
        ix.provincies.setdefault(sleutel(row["provincie"]), set()).add(row["code"])

    for row in _lees(POSTCODES):
        ix.postcodes[row["pc4"]] = (
            row["gemeente_code"],
            float(row["lat"]),
            float(row["lon"]),
            row["woonplaatsen"].split("|")[0],
        )
    punten: dict[str, list[tuple[float, float]]] = {}
    for code, lat, lon, _ in ix.postcodes.values():
        punten.setdefault(code, []).append((lat, lon))
    for code, lijst in punten.items():
        ix.middelpunt[code] = (
            round(sum(p[0] for p in lijst) / len(lijst), 5),
            round(sum(p[1] for p in lijst) / len(lijst), 5),
        )

    def gemeente_naam(naam: str, code: str) -> None:
        lat, lon = ix.middelpunt.get(code, (None, None))
        ix.voeg_toe(naam, _Plek(naam, code, 0, None, lat, lon))
        ix.gemeente_sleutels.setdefault(sleutel(naam), set()).add(code)

    for code, (naam, _) in ix.gemeenten.items():
        gemeente_naam(naam, code)
        ix.toon.append((naam, code, 0))
    for row in _lees(ALIASSEN):
        if row["gemeente_code"] in ix.gemeenten:
            gemeente_naam(row["naam"], row["gemeente_code"])
            ix.toon.append((row["naam"], row["gemeente_code"], 0))
    for row in _lees(OPVOLGERS):
        ix.opvolgers.setdefault(row["oude_code"], []).append(row["nieuwe_code"])
        gemeente_naam(row["oude_naam"], row["nieuwe_code"])

    for row in _lees(WOONPLAATSEN):
        naam, code = row["woonplaats"], row["gemeente_code"]
        lat, lon = float(row["lat"]), float(row["lon"])
        andere = [n for n in row["andere_namen"].split("|") if n]
        kort = _zonder_achtervoegsel(naam, andere)
        ix.voeg_toe(naam, _Plek(naam, code, OFFICIEEL, naam, lat, lon))
        if kort:
            ix.voeg_toe(kort, _Plek(kort, code, OFFICIEEL, naam, lat, lon))
        for ander in andere:
            if ander != kort:
                ix.voeg_toe(ander, _Plek(ander, code, ANDERE_NAAM, naam, lat, lon))
        ix.toon.append((kort or naam, code, OFFICIEEL))
    for row in _lees(PLAATSNAMEN):
        if row["gemeente_code"] in ix.gemeenten:
            plek = _Plek(
                row["naam"], row["gemeente_code"], WIJK, None, float(row["lat"]), float(row["lon"])
            )
            ix.voeg_toe(row["naam"], plek)
            ix.toon.append((row["naam"], row["gemeente_code"], WIJK))

    # Suggestions: every shown name by the key of each of its words onwards ("den haag" is
    # found by "den" and by "haag"), sorted for a binary search on the typed prefix.
    gezien = set()
    toon = []
    for naam, code, soort in ix.toon:
        key = (sleutel(naam), code)
        if key in gezien:
            continue
        gezien.add(key)
        toon.append((naam, code, soort))
        woorden = normaal(naam).split()
        for i in range(len(woorden)):
            ix.voorvoegsels.append(("".join(woorden[i:]), i, str(len(toon) - 1)))
    ix.toon = toon
    ix.voorvoegsels.sort()
    return ix


def _locatie_van_gemeente(invoer: str, code: str) -> Locatie:
    ix = index()
    lat, lon = ix.middelpunt.get(code, (None, None))
    return Locatie(invoer, code, ix.gemeenten[code][0], lat=lat, lon=lon)


def _keuze_waarde(naam: str, code: str, codes: set[str] | list[str]) -> str:
    """What to type to mean this place alone, among the gemeenten ``codes`` the name may mean:
    the name; with more than one, "Naam, provincie" where the province tells them apart, else
    "Naam, gemeente"."""
    ix = index()
    if len(set(codes)) < 2:
        return naam
    gemeente_naam, provincie = ix.gemeenten[code]
    if [ix.gemeenten[c][1] for c in set(codes)].count(provincie) == 1:
        return f"{naam}, {provincie}"
    return f"{naam}, {gemeente_naam}"


def _keuzes(invoer: str, naam: str, codes: list[str]) -> Keuzes:
    """The choices, by province, each with the text that means it alone."""
    ix = index()
    keuzes = [Keuze(code, *ix.gemeenten[code], _keuze_waarde(naam, code, codes)) for code in codes]
    keuzes.sort(key=lambda k: (k.provincie, k.gemeente_naam))
    return Keuzes(invoer, tuple(keuzes))


def _uit_postcode(invoer: str, compact: str) -> Locatie:
    match = _POSTCODE.fullmatch(compact)
    if match is None:
        raise PlaatsOnbekend(
            "Een postcode heeft vier cijfers en soms twee letters, zoals 3511 of 3511 AB."
        )
    pc4 = match.group(1)
    gevonden = index().postcodes.get(pc4)
    if gevonden is None:
        raise PlaatsOnbekend(
            f"Postcode {pc4} kennen wij niet. Kijk of de cijfers kloppen, "
            "of typ de naam van uw woonplaats."
        )
    code, lat, lon, woonplaats = gevonden
    return Locatie(invoer, code, index().gemeenten[code][0], woonplaats, pc4, lat, lon)


def _uit_cbs_code(invoer: str, cijfers: str) -> Locatie | Keuzes:
    ix = index()
    code = f"GM{cijfers}"
    if code in ix.gemeenten:
        return _locatie_van_gemeente(invoer, code)
    opvolgers = [c for c in ix.opvolgers.get(code, []) if c in ix.gemeenten]
    if len(opvolgers) == 1:
        return _locatie_van_gemeente(invoer, opvolgers[0])
    if opvolgers:
        return Keuzes(
            invoer,
            tuple(
                Keuze(c, ix.gemeenten[c][0], ix.gemeenten[c][1], ix.gemeenten[c][0])
                for c in opvolgers
            ),
        )
    raise PlaatsOnbekend(
        "Deze gemeente bestaat niet (meer). Typ de naam van uw woonplaats of uw postcode."
    )


def _binnen(naam: str, kwalificatie: str) -> set[str]:
    """The gemeenten "Naam, kwalificatie" may mean: those of that name, those in that province
    ("Achterveld, Utrecht" is the one in the province), or the usual suffix ("Bergen (NH)")."""
    ix = index()
    key = sleutel(kwalificatie)
    binnen = ix.gemeente_sleutels.get(key, set()) | ix.provincies.get(key, set())
    binnen |= {p.gemeente for p in ix.namen.get(sleutel(f"{naam} {kwalificatie}"), [])}
    return binnen


def _uit_naam(invoer: str) -> Locatie | Keuzes | None:
    ix = index()
    plekken = ix.namen.get(sleutel(_VOORVOEGSEL.sub("", normaal(invoer))))
    if not plekken:
        # "Hengelo, Bronckhorst", "Bergen (Limburg)": a name and where it is.
        naam, kwalificatie = "", ""
        if "," in invoer:
            naam, _, kwalificatie = invoer.rpartition(",")
        elif match := _HAAKJES.match(invoer):
            naam, kwalificatie = match.groups()
        if naam.strip() and kwalificatie.strip():
            binnen = _binnen(naam, kwalificatie)
            plekken = [p for p in ix.namen.get(sleutel(naam), []) if p.gemeente in binnen]
        if not plekken:
            return None
    laag = min(p.laag or OFFICIEEL for p in plekken)
    beste = [p for p in plekken if (p.laag or OFFICIEEL) == laag]
    codes = list(dict.fromkeys(p.gemeente for p in beste))
    if len(codes) > 1:
        toon = next((p.naam for p in beste if p.laag != ANDERE_NAAM), beste[0].naam)
        return _keuzes(invoer, toon, codes)
    code = codes[0]
    # The point: the woonplaats or district of that name in that gemeente, else the gemeente's.
    punt = min(
        (p for p in plekken if p.gemeente == code and p.laag),
        key=lambda p: p.laag,
        default=None,
    )
    if punt is None:
        return _locatie_van_gemeente(invoer, code)
    return Locatie(
        invoer,
        code,
        ix.gemeenten[code][0],
        punt.woonplaats or punt.naam,
        None,
        punt.lat,
        punt.lon,
    )


def bedoelt_u(tekst: str, limit: int = 3) -> list[str]:
    """Names close to what was typed, over every gemeente and place name, closest first."""
    ix = index()
    key = sleutel(tekst)
    if len(key) < 3:
        return []
    namen = []
    for gevonden in close_words(key, ix.namen, limit=limit * 3):
        plek = min(ix.namen[gevonden], key=lambda p: p.laag)
        naam = plek.naam if plek.laag != ANDERE_NAAM else plek.woonplaats
        codes = {p.gemeente for p in ix.namen[sleutel(naam)] if p.laag != ANDERE_NAAM}
        waarde = _keuze_waarde(naam, plek.gemeente, codes)
        if waarde not in namen:
            namen.append(waarde)
    return namen[:limit]


def los_op(invoer: str) -> Locatie | Keuzes:
    """What someone typed as where they live, resolved (see the module docstring).

    Raises :class:`PlaatsOnbekend` with a message in plain Dutch and, for a near miss, names.
    """
    invoer = " ".join(invoer.split())[:MAX_INVOER]
    tekst = _VOORVOEGSEL.sub("", normaal(invoer))
    if not tekst:
        raise PlaatsOnbekend("Typ de naam van uw gemeente of woonplaats, of uw postcode.")
    if match := _CBS_CODE.fullmatch(tekst):
        return _uit_cbs_code(invoer, match.group(1))
    if tekst[0].isdigit() and _LIJKT_POSTCODE.fullmatch(tekst):
        return _uit_postcode(invoer, tekst.replace(" ", ""))
    gevonden = _uit_naam(invoer)
    if gevonden is not None:
        return gevonden
    namen = bedoelt_u(tekst)
    raise PlaatsOnbekend(
        f"Wij kennen geen plaats '{invoer[:60]}'. "
        "Typ de naam van uw gemeente of woonplaats, of uw postcode.",
        namen,
    )


# --- Suggestions while typing -------------------------------------------------------------


@dataclass(frozen=True)
class PlaatsSuggestie:
    naam: str
    waarde: str  # what the field gets; resolves to this place alone
    soort: str  # gemeente, woonplaats, wijk of buurtschap, postcode
    gemeente: str
    gemeente_naam: str
    provincie: str

    @property
    def label(self) -> str:
        if self.soort == "gemeente" and self.naam == self.gemeente_naam:
            return f"{self.naam} (gemeente, {self.provincie})"
        if self.soort == "postcode":
            return f"{self.naam} (gemeente {self.gemeente_naam})"
        return f"{self.naam} (gemeente {self.gemeente_naam}, {self.provincie})"

    def as_dict(self) -> dict:
        return {
            "naam": self.naam,
            "waarde": self.waarde,
            "label": self.label,
            "soort": self.soort,
            "gemeente": self.gemeente,
            "gemeente_naam": self.gemeente_naam,
            "provincie": self.provincie,
        }


def suggesties(q: str, limit: int = MAX_SUGGESTIES) -> list[PlaatsSuggestie]:
    """Places whose name (or a later word of it) starts with what was typed, or postcodes.

    The rule, in order: a name that is exactly what was typed; then gemeenten before
    woonplaatsen before districts; a match at the start of the name before one at a later
    word; shorter names first; then alphabetical. Fewer than two characters answer nothing.
    """
    ix = index()
    tekst = normaal(q[:MAX_INVOER])
    key = tekst.replace(" ", "")
    if len(key) < 2:
        return []
    if key[0].isdigit():
        cijfers = key[:4]
        if not cijfers.isdigit():
            return []
        treffers = sorted(pc for pc in ix.postcodes if pc.startswith(cijfers))[:limit]
        return [
            PlaatsSuggestie(
                f"{pc} {ix.postcodes[pc][3]}",
                pc,
                "postcode",
                ix.postcodes[pc][0],
                *ix.gemeenten[ix.postcodes[pc][0]],
            )
            for pc in treffers
        ]
    start = bisect_left(ix.voorvoegsels, (key,))
    kandidaten: dict[int, tuple] = {}
    for prefix, woord, nummer in ix.voorvoegsels[start:]:
        if not prefix.startswith(key):
            break
        i = int(nummer)
        naam, code, soort = ix.toon[i]
        rang = (sleutel(naam) != key, soort, woord > 0, len(naam), fold(naam))
        if i not in kandidaten or rang < kandidaten[i]:
            kandidaten[i] = rang
    beste = sorted(kandidaten, key=kandidaten.__getitem__)[:limit]
    uit = []
    for i in beste:
        naam, code, soort = ix.toon[i]
        codes = {p.gemeente for p in ix.namen[sleutel(naam)] if p.laag != ANDERE_NAAM}
        gemeente_naam, provincie = ix.gemeenten[code]
        uit.append(
            PlaatsSuggestie(
                naam,
                _keuze_waarde(naam, code, codes),
                "gemeente" if soort == 0 else SOORT[soort],
                code,
                gemeente_naam,
                provincie,
            )
        )
    return uit


# --- The point of a service ---------------------------------------------------------------


def punt_van_dienst(postcode: str, plaats: str, gemeenten: list[str] = ()) -> tuple | None:
    """(lat, lon) of a service: its postcode's PC4 centroid, else its place's point.

    A place name that is a woonplaats in several gemeenten counts only when one of them is
    among the service's ``gemeenten`` (CBS codes). ``None`` when neither says where it is.
    """
    ix = index()
    pc4 = _POSTCODE.match(postcode.strip().lower()) if postcode else None
    if pc4 is not None and pc4.group(1) in ix.postcodes:
        _, lat, lon, _ = ix.postcodes[pc4.group(1)]
        return lat, lon
    if not plaats.strip():
        return None
    try:
        gevonden = los_op(plaats)
    except PlaatsOnbekend:
        return None
    if isinstance(gevonden, Keuzes):
        binnen = [k.waarde for k in gevonden.keuzes if k.gemeente in gemeenten]
        if len(binnen) != 1:
            return None
        gevonden = los_op(binnen[0])
    return (gevonden.lat, gevonden.lon) if gevonden.heeft_punt else None
