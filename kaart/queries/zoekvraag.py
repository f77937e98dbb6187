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
}

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

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class Zoekvraag:
    """A checked search: what a URL of ``/kaart/`` or ``/api/kaart/diensten/`` asks for."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    gemeente: Gemeente | None = None
    leeftijd: int | None = None
    sort: str = "naam"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    termen: dict[str, dict[str, Term]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def default_sort(self) -> str:
        return "relevantie" if self.q else "naam"

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
        if self.gemeente is not None:
            params["gemeente"] = self.gemeente.code
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

        Also takes ``q``, ``gemeente`` and ``leeftijd`` (``value`` is then ignored).
        """
        if facet == "q":
            return self._variant(q="", sort="naam" if self.sort == "relevantie" else self.sort)
        if facet == "gemeente":
            return self._variant(gemeente=None)
        if facet == "leeftijd":
            return self._variant(leeftijd=None)
        rest = [v for v in self.filters.get(facet, []) if value is not None and v != value]
        filters = {f: v for f, v in self.filters.items() if f != facet}
        if rest:
            filters[facet] = rest
        return self._variant(filters=filters)

    def without_all(self) -> str:
        """Query string without any filter (facets, gemeente, age); keeps the text and sort."""
        return self._variant(filters={}, gemeente=None, leeftijd=None)

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


def _parse_gemeente(raw: str) -> Gemeente:
    code = raw.strip().upper()
    gemeente = None
    if re.fullmatch(r"GM\d{4}", code):
        gemeente = _gemeenten.get().get(code)
    if gemeente is None:
        # People type names; a name that is exactly one gemeente's is as good as its code.
        gemeente = Gemeente.objects.filter(naam__iexact=raw.strip()).first()
    if gemeente is None:
        raise KaartParamError(
            "gemeente",
            f"Wij kennen geen gemeente '{raw.strip()[:60]}'. Kies een gemeente uit de lijst, "
            "of gebruik de CBS-code, zoals GM0344 voor Utrecht.",
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

    gemeente_raw = _single(params, "gemeente")
    gemeente = _parse_gemeente(gemeente_raw) if gemeente_raw else None

    leeftijd = _int(
        params, "leeftijd", f"Vul bij leeftijd een getal in van 0 tot en met {LEEFTIJD_MAX}."
    )
    if leeftijd is not None and leeftijd > LEEFTIJD_MAX:
        raise KaartParamError(
            "leeftijd", f"Vul bij leeftijd een getal in van 0 tot en met {LEEFTIJD_MAX}."
        )

    q = schoon_q(_single(params, "q"))

    sort = _single(params, "sort") or ("relevantie" if q else "naam")
    if sort not in SORTS:
        raise KaartParamError(
            "sort", f"Sorteren kan op: {', '.join(SORTS)}. '{sort[:30]}' kennen wij niet."
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
        sort=sort,
        page=page or 1,
        page_size=page_size or DEFAULT_PAGE_SIZE,
        termen=termen,
    )
