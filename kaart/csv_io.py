"""CSV import and export of services, in the contract's format (``docs/kaart-contract.md``).

Import happens in two steps, so that the admin can show a preview before anything is saved:

1. :func:`lees_csv` reads and checks the whole file and returns an :class:`ImportPlan`: per row
   what would happen (new, changed with which fields, unchanged) and every error with its row
   number and column. It writes nothing.
2. :func:`voer_uit` saves a plan without errors in one transaction: all rows or none. Every new
   or changed service gets a published revision, so its history shows the import.

Rows are matched on ``extern_id``; a row whose values equal the service's changes nothing, so
importing the same file twice changes nothing the second time. The export writes the same
format, so export → import round-trips: a cell a spreadsheet would run as a formula (``=``, ``+``,
``-``, ``@``, tab, CR at the start) is written with a leading apostrophe
(``portal.spreadsheet.escape_formula``), which the import takes off again. The export holds the
live services only, unless drafts are asked for (an import would publish them).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.spreadsheet import escape_formula, unescape_formula

from .models import (
    ENKELVOUDIG,
    LEEFTIJD_MAX,
    MEERVOUDIG,
    VOCABULAIRES,
    Dienst,
    Gemeente,
    Term,
)

# The columns in the order the export writes them.
KOLOMMEN = [
    "extern_id",
    "naam",
    "samenvatting",
    "beschrijving",
    "aanbieder",
    "vorm",
    "frequentie",
    "plek",
    "financiering",
    "uitvoering",
    "thema",
    "activiteit",
    "doelgroep",
    "leeftijd_min",
    "leeftijd_max",
    "voorwaarden",
    "indicatie_nodig",
    "verwijzing_nodig",
    "inkomensgrens",
    "kosten_bedrag",
    "kosten_eenheid",
    "kosten_toelichting",
    "website",
    "email",
    "telefoon",
    "landelijk",
    "gemeenten",
    "adres",
    "postcode",
    "plaats",
    "preventie",
    "eenzaamheidsgroep",
    "erkenning",
    "laatst_gecontroleerd",
    # The beheerder (docs/controle.md): in the admin's CSV only, never in a public export.
    "beheerder_naam",
    "beheerder_email",
]
BEHEERDER_KOLOMMEN = ["beheerder_naam", "beheerder_email"]
#: The columns of a public export (open data): never the beheerder.
PUBLIEKE_KOLOMMEN = [kolom for kolom in KOLOMMEN if kolom not in BEHEERDER_KOLOMMEN]
VERPLICHT = ["extern_id", "naam", "samenvatting"]
TEKST = [
    "naam",
    "samenvatting",
    "aanbieder",
    "voorwaarden",
    "kosten_eenheid",
    "kosten_toelichting",
    "website",
    "email",
    "telefoon",
    "adres",
    "postcode",
    "plaats",
    "beheerder_naam",
    "beheerder_email",
]
JA_NEE = ["indicatie_nodig", "verwijzing_nodig", "inkomensgrens", "landelijk"]
LEEFTIJDEN = ["leeftijd_min", "leeftijd_max"]
SCHEIDER = "|"
MAX_BEDRAG = Decimal("999999.99")

# Rich text in a CSV cell: the tags the editor allows, nothing else.
RICH_TEXT_TAGS = {"p", "h2", "h3", "b", "strong", "i", "em", "ol", "ul", "li", "a", "br"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}


@dataclass
class ImportFout:
    """One problem: the row number as a spreadsheet shows it (header is row 1) and the column."""

    rij: int
    kolom: str
    melding: str

    def __str__(self):
        waar = f"rij {self.rij}" + (f", kolom '{self.kolom}'" if self.kolom else "")
        return f"{waar}: {self.melding}"


@dataclass
class ImportRij:
    """One checked row: its values, the service it updates (if any) and what would change."""

    rij: int
    extern_id: str
    naam: str
    waarden: dict
    dienst: Dienst | None = None
    wijzigingen: list[str] = field(default_factory=list)

    @property
    def actie(self) -> str:
        if self.dienst is None:
            return "nieuw"
        return "gewijzigd" if self.wijzigingen else "ongewijzigd"


@dataclass
class ImportPlan:
    rijen: list[ImportRij] = field(default_factory=list)
    fouten: list[ImportFout] = field(default_factory=list)
    scheidingsteken: str = ","

    @property
    def geldig(self) -> bool:
        return not self.fouten

    def tel(self, actie: str) -> int:
        return sum(1 for rij in self.rijen if rij.actie == actie)

    @property
    def nieuw(self) -> int:
        return self.tel("nieuw")

    @property
    def gewijzigd(self) -> int:
        return self.tel("gewijzigd")

    @property
    def ongewijzigd(self) -> int:
        return self.tel("ongewijzigd")


@dataclass
class ImportResultaat:
    nieuw: list[Dienst]
    gewijzigd: list[Dienst]
    ongewijzigd: int


class ImportOngeldig(Exception):
    """The plan has errors; nothing was saved."""

    def __init__(self, fouten: list[ImportFout]):
        super().__init__(f"{len(fouten)} fouten in het bestand")
        self.fouten = fouten


# --- Reading ----------------------------------------------------------------------------------


def _decodeer(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportOngeldig(
            [
                ImportFout(
                    1,
                    "",
                    "Het bestand is geen UTF-8. Sla het in Excel op als 'CSV UTF-8 "
                    "(door komma's gescheiden)' en probeer het opnieuw.",
                )
            ]
        ) from exc


def _scheidingsteken(tekst: str) -> str:
    """``;`` or ``,``: whichever the header row uses (Dutch Excel writes ``;``)."""
    kop = tekst.split("\n", 1)[0]
    return ";" if kop.count(";") > kop.count(",") else ","


def _bedrag(waarde: str) -> Decimal:
    schoon = waarde.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in schoon and "." in schoon:
        # The last mark is the decimal one: 1.250,50 or 1,250.50
        if schoon.rfind(",") > schoon.rfind("."):
            schoon = schoon.replace(".", "").replace(",", ".")
        else:
            schoon = schoon.replace(",", "")
    else:
        schoon = schoon.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", schoon):
        raise ValueError
    bedrag = Decimal(schoon)
    if bedrag > MAX_BEDRAG:
        raise ValueError
    return bedrag.quantize(Decimal("0.01"))


def _veelwaardig(waarde: str) -> list[str]:
    uniek: dict[str, None] = {}
    for deel in waarde.split(SCHEIDER):
        if deel.strip():
            uniek.setdefault(deel.strip(), None)
    return list(uniek)


def schoon_rich_text(html: str) -> str:
    """Rich text from a cell: allowed tags only; plain text becomes paragraphs."""
    html = html.strip()
    if not html:
        return ""
    if not re.search(r"<[a-zA-Z][^>]*>", html):
        from django.utils.html import escape

        alineas = [a.strip() for a in re.split(r"\n\s*\n", html) if a.strip()]
        return "".join(f"<p>{escape(a).replace(chr(10), '<br/>')}</p>" for a in alineas)
    return nh3.clean(html, tags=RICH_TEXT_TAGS, attributes=RICH_TEXT_ATTRIBUTES, link_rel=None)


class _Lezer:
    """Checks one file's rows against the vocabularies, gemeenten and the model's own rules."""

    def __init__(self):
        self.termen = {(t.vocabulaire, t.slug): t for t in Term.objects.all()}
        self.gemeenten = {g.code: g for g in Gemeente.objects.all()}
        self.fouten: list[ImportFout] = []

    def fout(self, rij: int, kolom: str, melding: str):
        self.fouten.append(ImportFout(rij, kolom, melding))

    def rij(self, nummer: int, ruw: dict[str, str]) -> dict | None:
        fouten_voor = len(self.fouten)
        waarden: dict = {}
        for kolom in VERPLICHT:
            if not ruw.get(kolom, "").strip():
                self.fout(nummer, kolom, "Deze kolom is verplicht.")
        for kolom in TEKST:
            waarden[kolom] = ruw.get(kolom, "").strip()
        waarden["extern_id"] = ruw.get("extern_id", "").strip()
        waarden["beschrijving"] = schoon_rich_text(ruw.get("beschrijving", ""))

        for kolom in JA_NEE:
            waarde = ruw.get(kolom, "").strip().lower()
            if waarde in ("", "nee"):
                waarden[kolom] = False
            elif waarde == "ja":
                waarden[kolom] = True
            else:
                self.fout(nummer, kolom, f"Vul 'ja' of 'nee' in, niet '{waarde}'.")

        for kolom in LEEFTIJDEN:
            waarde = ruw.get(kolom, "").strip()
            if not waarde:
                waarden[kolom] = None
            elif waarde.isdigit() and int(waarde) <= LEEFTIJD_MAX:
                waarden[kolom] = int(waarde)
            else:
                self.fout(nummer, kolom, f"Vul een leeftijd in van 0 tot en met {LEEFTIJD_MAX}.")

        waarde = ruw.get("kosten_bedrag", "").strip()
        if not waarde:
            waarden["kosten_bedrag"] = None
        else:
            try:
                waarden["kosten_bedrag"] = _bedrag(waarde)
            except (ValueError, InvalidOperation):
                self.fout(
                    nummer,
                    "kosten_bedrag",
                    f"'{waarde}' is geen bedrag. Schrijf bijvoorbeeld 0, 2,50 of 12.50 "
                    "(leeg is: onbekend).",
                )

        waarde = ruw.get("laatst_gecontroleerd", "").strip()
        if not waarde:
            waarden["laatst_gecontroleerd"] = None
        else:
            try:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", waarde):
                    raise ValueError
                waarden["laatst_gecontroleerd"] = datetime.date.fromisoformat(waarde)
            except ValueError:
                self.fout(
                    nummer,
                    "laatst_gecontroleerd",
                    f"'{waarde}' is geen datum. Schrijf JJJJ-MM-DD, bijvoorbeeld 2026-05-01.",
                )

        for vocabulaire in VOCABULAIRES:
            slugs = _veelwaardig(ruw.get(vocabulaire, ""))
            onbekend = [s for s in slugs if (vocabulaire, s) not in self.termen]
            if onbekend:
                toegestaan = ", ".join(slug for (v, slug) in self.termen if v == vocabulaire)
                self.fout(
                    nummer,
                    vocabulaire,
                    f"Onbekende waarde {', '.join(repr(s) for s in onbekend)}. "
                    f"Kies uit: {toegestaan}.",
                )
            elif vocabulaire in ENKELVOUDIG and len(slugs) > 1:
                self.fout(nummer, vocabulaire, "Hier past maar één waarde.")
            else:
                waarden[vocabulaire] = slugs

        codes = [c.upper() for c in _veelwaardig(ruw.get("gemeenten", ""))]
        onbekend = [c for c in codes if c not in self.gemeenten]
        if onbekend:
            self.fout(
                nummer,
                "gemeenten",
                f"Onbekende gemeentecode {', '.join(onbekend)}. Gebruik CBS-codes zoals GM0344.",
            )
        else:
            waarden["gemeenten"] = sorted(codes)

        if len(self.fouten) == fouten_voor:
            self._model_regels(nummer, waarden)
        return waarden if len(self.fouten) == fouten_voor else None

    def _model_regels(self, nummer: int, waarden: dict):
        """The model's own field rules (lengths, e-mail, web address, postcode, ages)."""
        dienst = Dienst(**{k: waarden[k] for k in _SCALAIR})
        try:
            dienst.full_clean(
                exclude=["latest_revision", "live_revision", "locked_by"], validate_unique=False
            )
        except ValidationError as exc:
            for kolom, meldingen in exc.message_dict.items():
                kolom = kolom if kolom in KOLOMMEN else ""
                for melding in meldingen:
                    self.fout(nummer, kolom, melding)
        else:
            waarden["postcode"] = dienst.postcode


_SCALAIR = [
    "extern_id",
    *TEKST,
    "beschrijving",
    *JA_NEE,
    *LEEFTIJDEN,
    "kosten_bedrag",
    "laatst_gecontroleerd",
]


def _huidige_waarden(dienst: Dienst) -> dict:
    waarden = {kolom: getattr(dienst, kolom) for kolom in _SCALAIR}
    for vocabulaire in VOCABULAIRES:
        waarden[vocabulaire] = dienst.slugs(vocabulaire)
    waarden["gemeenten"] = sorted(g.code for g in dienst.gemeenten.all())
    return waarden


def _verschillen(oud: dict, nieuw: dict) -> list[str]:
    """The columns whose value would change (rich text compared after the same cleaning)."""
    verschil = []
    for kolom in KOLOMMEN:
        a, b = oud.get(kolom), nieuw.get(kolom)
        if kolom in MEERVOUDIG:
            a, b = sorted(a or []), sorted(b or [])
        elif kolom == "beschrijving":
            a, b = schoon_rich_text(a or ""), schoon_rich_text(b or "")
        if a != b:
            verschil.append(kolom)
    return verschil


def lees_csv(data: bytes | str) -> ImportPlan:
    """Read and check a whole CSV file; nothing is saved. See :class:`ImportPlan`."""
    try:
        tekst = _decodeer(data)
    except ImportOngeldig as exc:
        return ImportPlan(fouten=exc.fouten)
    scheidingsteken = _scheidingsteken(tekst)
    plan = ImportPlan(scheidingsteken=scheidingsteken)
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken)
    try:
        kop = [kolom.strip().lower() for kolom in next(reader)]
    except StopIteration:
        plan.fouten.append(ImportFout(1, "", "Het bestand is leeg."))
        return plan
    except csv.Error as exc:
        plan.fouten.append(ImportFout(1, "", f"Het bestand is geen geldige CSV: {exc}"))
        return plan

    onbekend = [k for k in kop if k and k not in KOLOMMEN]
    for kolom in onbekend:
        plan.fouten.append(
            ImportFout(1, kolom, "Onbekende kolom. Controleer de spelling van de kopregel.")
        )
    for kolom in VERPLICHT:
        if kolom not in kop:
            plan.fouten.append(ImportFout(1, kolom, "Deze kolom ontbreekt in de kopregel."))
    dubbel = {k for k in kop if k and kop.count(k) > 1}
    for kolom in sorted(dubbel):
        plan.fouten.append(ImportFout(1, kolom, "Deze kolom staat twee keer in de kopregel."))
    if plan.fouten:
        return plan

    lezer = _Lezer()

    def genummerde_rijen():
        for nummer, cellen in enumerate(reader, start=2):
            if not any(cel.strip() for cel in cellen):
                continue
            if len(cellen) > len(kop):
                lezer.fout(
                    nummer,
                    "",
                    f"Deze rij heeft {len(cellen)} cellen en de kopregel {len(kop)}. "
                    f"Staat er een '{scheidingsteken}' in een tekst zonder aanhalingstekens?",
                )
                continue
            cellen = [unescape_formula(cel) for cel in cellen]
            yield nummer, dict(zip(kop, cellen + [""] * (len(kop) - len(cellen)), strict=True))

    try:
        rijen = list(genummerde_rijen())
    except csv.Error as exc:
        lezer.fout(reader.line_num, "", f"Het bestand is geen geldige CSV: {exc}")
        rijen = []
    return _maak_plan(plan, lezer, rijen)


def plan_voor_rijen(rijen: list[dict[str, str]]) -> ImportPlan:
    """Check rows given as cell texts by column name, as if they were rows 2, 3, ... of a file."""
    for rij in rijen:
        onbekend = set(rij) - set(KOLOMMEN)
        if onbekend:
            raise ValueError(f"Onbekende kolommen: {sorted(onbekend)}")
    return _maak_plan(ImportPlan(), _Lezer(), list(enumerate(rijen, start=2)))


def _maak_plan(plan: ImportPlan, lezer: _Lezer, rijen: list[tuple[int, dict]]) -> ImportPlan:
    gelezen: list[tuple[int, dict]] = []
    gezien: dict[str, int] = {}
    for nummer, ruw in rijen:
        waarden = lezer.rij(nummer, ruw)
        extern_id = ruw.get("extern_id", "").strip()
        if extern_id in gezien:
            lezer.fout(
                nummer, "extern_id", f"Dit extern_id staat ook al op rij {gezien[extern_id]}."
            )
            continue
        if extern_id:
            gezien[extern_id] = nummer
        if waarden is not None:
            gelezen.append((nummer, waarden))

    plan.fouten.extend(sorted(lezer.fouten, key=lambda f: f.rij))
    if plan.fouten:
        return plan

    bestaand = {
        d.extern_id: d
        for d in Dienst.objects.filter(extern_id__in=[w["extern_id"] for _, w in gelezen])
        .select_related(*ENKELVOUDIG)
        .prefetch_related(*MEERVOUDIG, "gemeenten")
    }
    for nummer, waarden in gelezen:
        dienst = bestaand.get(waarden["extern_id"])
        rij = ImportRij(nummer, waarden["extern_id"], waarden["naam"], waarden, dienst)
        if dienst is not None:
            rij.wijzigingen = _verschillen(_huidige_waarden(dienst), waarden)
            if not dienst.live and not rij.wijzigingen:
                rij.wijzigingen = ["live"]  # imported services are live
            if dienst.locked and rij.wijzigingen:
                plan.fouten.append(
                    ImportFout(
                        nummer,
                        "extern_id",
                        f"De dienst '{dienst.naam}' is vergrendeld door een redacteur. "
                        "Ontgrendel hem eerst.",
                    )
                )
        plan.rijen.append(rij)
    return plan


# --- Saving -----------------------------------------------------------------------------------


def _zet_waarden(dienst: Dienst, waarden: dict, termen: dict, gemeenten: dict):
    for kolom in _SCALAIR:
        setattr(dienst, kolom, waarden[kolom])
    for vocabulaire in ENKELVOUDIG:
        slugs = waarden[vocabulaire]
        setattr(dienst, vocabulaire, termen[(vocabulaire, slugs[0])] if slugs else None)
    for vocabulaire in MEERVOUDIG:
        getattr(dienst, vocabulaire).set([termen[(vocabulaire, s)] for s in waarden[vocabulaire]])
    dienst.gemeenten.set([gemeenten[c] for c in waarden["gemeenten"]])


def voer_uit(plan: ImportPlan, user=None, revisies: bool = True) -> ImportResultaat:
    """Save every new or changed row, all in one transaction.

    Each save is a published revision, so the service's history shows the import. Demo content
    passes ``revisies=False``: the rows are then saved as live without a revision, which is much
    faster and leaves editors a clean history to start from.
    """
    if not plan.geldig:
        raise ImportOngeldig(plan.fouten)
    termen = {(t.vocabulaire, t.slug): t for t in Term.objects.all()}
    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    nieuw, gewijzigd = [], []
    with transaction.atomic():
        for rij in plan.rijen:
            if rij.actie == "ongewijzigd":
                continue
            dienst = rij.dienst or Dienst()
            _zet_waarden(dienst, rij.waarden, termen, gemeenten)
            if not revisies:
                nu = timezone.now()
                dienst.live, dienst.has_unpublished_changes = True, False
                dienst.first_published_at = dienst.first_published_at or nu
                dienst.last_published_at = nu
                dienst.save()
            else:
                if dienst.pk is None:
                    dienst.save()  # a revision needs the object's id
                revision = dienst.save_revision(user=user, log_action=True)
                revision.publish(user=user)
            (nieuw if rij.dienst is None else gewijzigd).append(dienst)
    return ImportResultaat(nieuw, gewijzigd, plan.ongewijzigd)


def importeer(data: bytes | str, user=None) -> ImportResultaat:
    """Check and save a file in one go; raises :class:`ImportOngeldig` with every error."""
    return voer_uit(lees_csv(data), user=user)


# --- Writing ----------------------------------------------------------------------------------


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}"
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, list):
        return SCHEIDER.join(waarde)
    return str(waarde)


def _cel(waarde) -> str:
    """One cell as the export writes it: never a formula when a spreadsheet opens the file."""
    return escape_formula(_tekst(waarde))


def schrijf_csv(diensten, handle, scheidingsteken: str = ",", publiek: bool = False) -> int:
    """Write services in the import format to a text handle; returns the number of rows.

    Pass services with their terms and gemeenten prefetched (see :func:`export_queryset`).
    ``publiek`` leaves out the beheerder's columns, for anything the public may download.
    """
    kolommen = PUBLIEKE_KOLOMMEN if publiek else KOLOMMEN
    writer = csv.writer(handle, delimiter=scheidingsteken, lineterminator="\r\n")
    writer.writerow(kolommen)
    aantal = 0
    for dienst in diensten:
        waarden = _huidige_waarden(dienst)
        writer.writerow([_cel(waarden[kolom]) for kolom in kolommen])
        aantal += 1
    return aantal


def export_queryset(queryset=None, met_concepten: bool = False):
    """Services ready for :func:`schrijf_csv` (all, or those of ``queryset``), prefetched.

    Only live ones unless ``met_concepten``: a draft (such as a service sent in through the
    public form and not yet approved) is left out of an export unless someone asks for it.
    """
    queryset = Dienst.objects.all() if queryset is None else queryset
    if not met_concepten:
        queryset = queryset.filter(live=True)
    return (
        queryset.select_related(*ENKELVOUDIG)
        .prefetch_related(*MEERVOUDIG, "gemeenten")
        .order_by("naam", "pk")
    )
