"""What a kaart search asks: its parameters checked, with their limits and plain-Dutch errors.

The HTML page ``/kaart/`` and the JSON API both call :func:`parse_zoekvraag`, so they mean the
same thing by the same URL (the contract is ``docs/kaart-contract.md``). A :class:`Zoekvraag`
also writes its own canonical URL and the URLs of its variants (one filter more or less, another
sort or page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from django.http import QueryDict

from .. import plaatsen
from ..models import BEREIK, KOSTEN, LEEFTIJD_MAX, VOCABULAIRES, Gemeente, Term
from ..versies import GEMEENTEN, TERMEN, PerVersie

FACETS: list[str] = [
    "doelgroep",
    "thema",
    "activiteit",
    "vorm",
    "frequentie",
    "plek",
    "financiering",
    "uitvoering",
    "preventie",
    "eenzaamheidsgroep",
    "erkenning",
    "kosten",
    "bereik",
]

FACET_LABELS: dict[str, str] = {
    **{vocabulaire: label for vocabulaire, (label, _) in VOCABULAIRES.items()},
    "kosten": "Kosten",
    "bereik": "Landelijk of in de gemeente",
}

SORTS: dict[str, str] = {
    "relevantie": "Beste match",
    "naam": "Naam (A tot Z)",
    "kosten": "Kosten (laagste eerst)",
    "recent": "Laatst gecontroleerd",
    "afstand": "Dichtbij",
}

# The distances (km) a place's search may widen to: every local service that near.
AFSTANDEN = (2, 5, 10, 25)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_Q_LENGTH = 200

_DIGITS = re.compile(r"^\d{1,9}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters the text search treats as operators; people mean them as spaces. A "+" stays: the
# search reads "65+" as 65-plussers (ouderen).
_Q_NOISE = re.compile(r"[^\w\s'+-]+", re.UNICODE)


class KaartParamError(ValueError):
    """One parameter of a search is wrong; ``message`` says so in plain Dutch."""

    def __init__(self, parameter: str, message: str, suggesties: list[str] | None = None):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.suggesties = suggesties or []


@dataclass
class Zoekvraag:
    """A checked search: what a URL of ``/kaart/`` or ``/api/kaart/diensten/`` asks for."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    gemeente: Gemeente | None = None
    leeftijd: int | None = None
    # Where the visitor lives (``plaats=``): resolved, or the choices of an ambiguous name.
    locatie: plaatsen.Locatie | None = None
    keuzes: plaatsen.Keuzes | None = None
    afstand: int | None = None
    sort: str = "naam"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    termen: dict[str, dict[str, Term]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def default_sort(self) -> str:
        if self.q:
            return "relevantie"
        return "afstand" if self.punt is not None else "naam"

    @property
    def punt(self) -> tuple[float, float] | None:
        """(lat, lon) of the given place, when it has one: distances are measured from it."""
        if self.locatie is not None and self.locatie.heeft_punt:
            return (self.locatie.lat, self.locatie.lon)
        return None

    @property
    def heeft_filters(self) -> bool:
        """True when anything narrows the list besides the text: a facet, gemeente or age."""
        return bool(self.filters) or self.gemeente is not None or self.leeftijd is not None

    def selected(self, facet: str) -> list[str]:
        return self.filters.get(facet, [])

    def to_querydict(self) -> QueryDict:
        """The canonical URL parameters: contract names, facets in contract order."""
        params = QueryDict(mutable=True)
        if self.q:
            params["q"] = self.q
        for facet in FACETS:
            for value in self.filters.get(facet, []):
                params.appendlist(facet, value)
        if self.locatie is not None or self.keuzes is not None:
            params["plaats"] = (self.locatie or self.keuzes).invoer
        elif self.gemeente is not None:
            params["gemeente"] = self.gemeente.code
        if self.afstand is not None:
            params["afstand"] = str(self.afstand)
        if self.leeftijd is not None:
            params["leeftijd"] = str(self.leeftijd)
        if self.sort != self.default_sort:
            params["sort"] = self.sort
        if self.page != 1:
            params["page"] = str(self.page)
        if self.page_size != DEFAULT_PAGE_SIZE:
            params["page_size"] = str(self.page_size)
        return params

    def _variant(self, **changes) -> str:
        """The canonical query string (no ``?``) of this search with some fields changed."""
        changes.setdefault("page", 1)
        return replace(self, **changes).to_querydict().urlencode()

    def with_value(self, facet: str, value: str) -> str:
        """Query string (no ``?``) with one more value of a facet, back on page 1."""
        chosen = self.filters.get(facet, [])
        filters = {**self.filters, facet: chosen if value in chosen else [*chosen, value]}
        return self._variant(filters=filters)

    def without_value(self, facet: str, value: str | None = None) -> str:
        """Query string without one value of a facet (or all of it), back on page 1.

        Also takes ``q``, ``gemeente`` (or ``plaats``), ``afstand`` and ``leeftijd`` (``value`` is
        then ignored).
        """
        if facet == "q":
            sort = self.sort if self.sort != "relevantie" else ("afstand" if self.punt else "naam")
            return self._variant(q="", sort=sort)
        if facet in ("gemeente", "plaats"):
            sort = "naam" if self.sort == "afstand" else self.sort
            return self._variant(gemeente=None, locatie=None, keuzes=None, afstand=None, sort=sort)
        if facet == "afstand":
            return self._variant(afstand=None)
        if facet == "leeftijd":
            return self._variant(leeftijd=None)
        rest = [v for v in self.filters.get(facet, []) if value is not None and v != value]
        filters = {f: v for f, v in self.filters.items() if f != facet}
        if rest:
            filters[facet] = rest
        return self._variant(filters=filters)

    def without_all(self) -> str:
        """Query string without any filter (facets, gemeente, age); keeps the text and sort."""
        sort = "naam" if self.sort == "afstand" else self.sort
        return self._variant(
            filters={},
            gemeente=None,
            locatie=None,
            keuzes=None,
            afstand=None,
            leeftijd=None,
            sort=sort,
        )

    def with_sort(self, sort: str) -> str:
        return self._variant(sort=sort)

    def with_page(self, page: int) -> str:
        return self._variant(page=page)

    def label(self, facet: str, value: str) -> str:
        """What people read for a facet value (the slug when the term is unknown)."""
        if facet == "kosten":
            return KOSTEN.get(value, value)
        if facet == "bereik":
            return BEREIK.get(value, value)
        term = self.termen.get(facet, {}).get(value)
        return term.label if term else value

    def waarden(self, facet: str) -> list[str]:
        """Every value of a facet, in display order: the bands of kosten and bereik as the
        contract lists them, the terms of a vocabulary by their order."""
        if facet == "kosten":
            return list(KOSTEN)
        if facet == "bereik":
            return list(BEREIK)
        return list(self.termen.get(facet, {}))


# --- Parameters -------------------------------------------------------------------------------


def lees_termen() -> dict[str, dict[str, Term]]:
    """Every vocabulary's terms by slug, in display order, from the database (one query)."""
    termen: dict[str, dict[str, Term]] = {vocabulaire: {} for vocabulaire in VOCABULAIRES}
    for term in Term.objects.order_by("vocabulaire", "volgorde", "label"):
        termen.setdefault(term.vocabulaire, {})[term.slug] = term
    return termen


_termen = PerVersie(TERMEN, lees_termen)


def alle_termen() -> dict[str, dict[str, Term]]:
    """Every vocabulary's terms by slug, in display order: kept per process, read again when
    a term has changed (:mod:`kaart.versies`). Shared between searches: read only."""
    return _termen.get()


_gemeenten = PerVersie(GEMEENTEN, lambda: {g.code: g for g in Gemeente.objects.all()})


def _values(params: QueryDict, name: str) -> list[str]:
    """The non-empty values of a parameter, stripped, without repeats, in the given order."""
    seen: dict[str, None] = {}
    for raw in params.getlist(name):
        value = _CONTROL.sub(" ", raw).strip()
        if value:
            seen.setdefault(value, None)
    return list(seen)


def _single(params: QueryDict, name: str) -> str:
    values = _values(params, name)
    return values[-1] if values else ""


def schoon_q(raw: str) -> str:
    """The words of a search text: operators and stray punctuation become spaces."""
    text = _Q_NOISE.sub(" ", raw[: MAX_Q_LENGTH * 2])
    words = [word.strip("'-") for word in text.split()]
    return " ".join(word for word in words if word)[:MAX_Q_LENGTH].strip()


def _int(params: QueryDict, name: str, message: str) -> int | None:
    raw = _single(params, name)
    if not raw:
        return None
    if not _DIGITS.match(raw):
        raise KaartParamError(name, message)
    return int(raw)


def _parse_plaats(
    raw: str, parameter: str
) -> tuple[Gemeente | None, plaatsen.Locatie | None, plaatsen.Keuzes | None]:
    """Where someone lives (:mod:`kaart.plaatsen`): the gemeente to filter on and the place,
    or the choices of an ambiguous name (then no filter)."""
    try:
        gevonden = plaatsen.los_op(raw)
    except plaatsen.PlaatsOnbekend as fout:
        raise KaartParamError(parameter, fout.message, fout.suggesties) from None
    if isinstance(gevonden, plaatsen.Keuzes):
        return None, None, gevonden
    gemeente = _gemeenten.get().get(gevonden.gemeente)
    if gemeente is None:  # the gemeenten table lags behind the data files
        raise KaartParamError(
            parameter,
            f"Voor {gevonden.naam} (gemeente {gevonden.gemeente_naam}) hebben wij nog geen "
            "gegevens. Kies een gemeente in de buurt.",
        )
    return gemeente, gevonden, None


def _parse_gemeente(raw: str) -> Gemeente:
    """``gemeente=``: a CBS code, or any name or postcode ``plaats=`` takes (its gemeente)."""
    code = raw.strip().upper()
    if re.fullmatch(r"GM\d{4}", code) and code in _gemeenten.get():
        return _gemeenten.get()[code]
    gemeente, _, keuzes = _parse_plaats(raw, "gemeente")
    if keuzes is not None:
        namen = [k.waarde for k in keuzes.keuzes]
        raise KaartParamError(
            "gemeente",
            f"'{raw.strip()[:60]}' ligt in meer dan één gemeente. Welke bedoelt u?",
            namen,
        )
    return gemeente


def parse_zoekvraag(params: QueryDict) -> Zoekvraag:
    """Check the parameters of a search; raises :class:`KaartParamError` on the first bad one.

    Empty values count as absent (a plain HTML form sends empty fields); unknown parameters are
    ignored; a repeated single-valued parameter takes its last value.
    """
    termen = alle_termen()
    filters: dict[str, list[str]] = {}
    for facet in FACETS:
        values = _values(params, facet)
        if not values:
            continue
        if facet == "kosten":
            known = KOSTEN
        elif facet == "bereik":
            known = BEREIK
        else:
            known = termen.get(facet, {})
        for value in values:
            if value not in known:
                raise KaartParamError(
                    facet,
                    f"'{value[:60]}' is geen keuze bij '{FACET_LABELS[facet]}'. "
                    f"Kies uit: {', '.join(known)}.",
                )
        filters[facet] = values

    locatie = keuzes = None
    plaats_raw = _single(params, "plaats")
    gemeente_raw = _single(params, "gemeente")
    if plaats_raw:
        gemeente, locatie, keuzes = _parse_plaats(plaats_raw, "plaats")
    else:
        gemeente = _parse_gemeente(gemeente_raw) if gemeente_raw else None
    punt = locatie is not None and locatie.heeft_punt

    afstand_raw = _single(params, "afstand")
    afstand = None
    if afstand_raw:
        keuze = ", ".join(map(str, AFSTANDEN))
        if afstand_raw not in {str(a) for a in AFSTANDEN}:
            raise KaartParamError(
                "afstand", f"Kies als afstand {keuze} kilometer. '{afstand_raw[:30]}' kan niet."
            )
        if not punt:
            raise KaartParamError(
                "afstand",
                "Een afstand kiest u bij een woonplaats of postcode. Vul eerst in waar u woont.",
            )
        afstand = int(afstand_raw)

    leeftijd = _int(
        params, "leeftijd", f"Vul bij leeftijd een getal in van 0 tot en met {LEEFTIJD_MAX}."
    )
    if leeftijd is not None and leeftijd > LEEFTIJD_MAX:
        raise KaartParamError(
            "leeftijd", f"Vul bij leeftijd een getal in van 0 tot en met {LEEFTIJD_MAX}."
        )

    q = schoon_q(_single(params, "q"))

    sort = _single(params, "sort") or ("relevantie" if q else ("afstand" if punt else "naam"))
    if sort not in SORTS:
        raise KaartParamError(
            "sort", f"Sorteren kan op: {', '.join(SORTS)}. '{sort[:30]}' kennen wij niet."
        )
    if sort == "afstand" and not punt:
        raise KaartParamError(
            "sort",
            "Sorteren op afstand kan bij een woonplaats of postcode. Vul eerst in waar u woont.",
        )

    page = _int(params, "page", "Het paginanummer moet een heel getal zijn, vanaf 1.")
    if page is not None and page < 1:
        raise KaartParamError("page", "Het paginanummer moet een heel getal zijn, vanaf 1.")

    page_size_message = (
        f"Het aantal per pagina moet een getal zijn van 1 tot en met {MAX_PAGE_SIZE}."
    )
    page_size = _int(params, "page_size", page_size_message)
    if page_size is not None and not 1 <= page_size <= MAX_PAGE_SIZE:
        raise KaartParamError("page_size", page_size_message)

    return Zoekvraag(
        q=q,
        filters=filters,
        gemeente=gemeente,
        leeftijd=leeftijd,
        locatie=locatie,
        keuzes=keuzes,
        afstand=afstand,
        sort=sort,
        page=page or 1,
        page_size=page_size or DEFAULT_PAGE_SIZE,
        termen=termen,
    )
