"""Public questions about the gemeentelijke voorbeelden: only live, public pages, ever.

``voorbeelden_voor_gemeente`` and ``voorbeelden_url`` are the interface for the sociale kaart: its
gemeente filter links to ``/voorbeelden/?gemeente=GM0344`` when that gemeente has examples.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page as Paginapagina
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from kaart.models import Gemeente, Term

from .models import ONDERDELEN, VoorbeeldenIndexPage, VoorbeeldPage

PER_PAGINA = 12
PROVINCIES = [
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]


def openbare_voorbeelden() -> QuerySet:
    """Every published example anyone may see, with what a card shows."""
    return (
        VoorbeeldPage.objects.live()
        .public()
        .select_related("gemeente")
        .prefetch_related("doelgroepen")
        .order_by("gemeente__naam", "title")
    )


def voorbeelden_voor_gemeente(code: str) -> QuerySet:
    """The published examples of one gemeente (CBS code such as ``GM0344``)."""
    return openbare_voorbeelden().filter(gemeente__code=(code or "").strip().upper())


def voorbeelden_url(code: str = "") -> str:
    """The collection's address, filtered on a gemeente when a code is given; '' without one."""
    index = VoorbeeldenIndexPage.objects.live().public().order_by("path").first()
    if index is None:
        return ""
    url = index.url or ""
    return f"{url}?{urlencode({'gemeente': code.strip().upper()})}" if code else url


@dataclass
class Filter:
    naam: str
    label: str
    keuzes: list[tuple[str, str]]
    gekozen: str = ""


@dataclass
class Zoekresultaat:
    pagina: Paginapagina
    filters: list[Filter]
    gemeente: Gemeente | None = None
    actief: list[tuple[str, str]] = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return self.pagina.paginator.count

    def zoekparameters(self) -> dict[str, str]:
        return {f.naam: f.gekozen for f in self.filters if f.gekozen} | (
            {"gemeente": self.gemeente.code} if self.gemeente else {}
        )


def _waarde(params, naam: str, toegestaan) -> str:
    waarde = (params.get(naam) or "").strip()
    return waarde if waarde in toegestaan else ""


def zoek_voorbeelden(index: VoorbeeldenIndexPage, params) -> Zoekresultaat:
    """The examples under ``index`` matching the filters in ``params``; unknown values ignored."""
    doelgroepen = list(
        Term.objects.filter(vocabulaire="doelgroep")
        .order_by("volgorde", "label")
        .values_list("slug", "label")
    )
    provincie = _waarde(params, "provincie", PROVINCIES)
    onderdeel = _waarde(params, "onderdeel", ONDERDELEN)
    doelgroep = _waarde(params, "doelgroep", dict(doelgroepen))
    code = (params.get("gemeente") or "").strip().upper()
    gemeente = Gemeente.objects.filter(code=code).first() if code else None

    voorbeelden = openbare_voorbeelden().child_of(index)
    if gemeente is not None:
        voorbeelden = voorbeelden.filter(gemeente=gemeente)
    if provincie:
        voorbeelden = voorbeelden.filter(gemeente__provincie=provincie)
    if onderdeel:
        voorbeelden = voorbeelden.exclude(
            Q(**{onderdeel: ""}) | Q(**{f"{onderdeel}__isnull": True})
        )
    if doelgroep:
        voorbeelden = voorbeelden.filter(doelgroepen__slug=doelgroep).distinct()

    paginator = Paginator(voorbeelden, PER_PAGINA)
    pagina = paginator.get_page(params.get("page"))
    filters = [
        Filter("provincie", "Provincie", [(p, p) for p in PROVINCIES], provincie),
        Filter("onderdeel", "Onderdeel van de aanpak", list(ONDERDELEN.items()), onderdeel),
        Filter("doelgroep", "Voor wie", doelgroepen, doelgroep),
    ]
    actief = [(f.label, dict(f.keuzes)[f.gekozen]) for f in filters if f.gekozen]
    return Zoekresultaat(pagina=pagina, filters=filters, gemeente=gemeente, actief=actief)
