"""Searching the sociale kaart: parameters, filters, disjunctive facet counts, sort and pages.

The HTML page ``/kaart/`` and the JSON API both call :func:`parse_zoekvraag` and
:func:`zoek_diensten`, so they mean the same thing by the same URL (the contract is
``../shared/design/kaart.md``).

This implementation answers from the database: Wagtail's database search backend finds the text
matches, the ORM does the filters and counts. The number of SQL queries per search is fixed: it does
not grow with the number of services, the number of facet values or the number of selections.
The search-engine work can swap what happens behind :func:`zoek_diensten` and keep the rest.

Facet counts are disjunctive: the count of value *v* of facet *F* is the number of services that
match the text, the gemeente, the age and every *other* facet's selection, with *F* = *v*.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from django.db import connection, connections
from django.db.models import Case, CharField, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.http import QueryDict
from wagtail.search.backends import get_search_backend

from search.facets import zoek_met_engine

from .models import (
    BEREIK,
    ENKELVOUDIG,
    KOSTEN,
    LEEFTIJD_MAX,
    MEERVOUDIG,
    VOCABULAIRES,
    Dienst,
    Gemeente,
    Term,
    term_koppeltabel,
)

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
SEARCH_BACKEND = "database"
MAX_IDS = 20_000  # text matches passed to the database as a list of ids

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


@dataclass
class FacetWaarde:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ActiefFilter:
    """One chosen filter, as a removable chip: its parameter, value, words and removal link."""

    parameter: str
    value: str
    label: str
    facet_label: str
    remove_query: str


@dataclass
class KaartResultaat:
    zoekvraag: Zoekvraag
    count: int
    page: int
    page_size: int
    num_pages: int
    diensten: list[Dienst]
    facets: dict[str, list[FacetWaarde]]
    backend: str
    degraded: bool = False

    @property
    def actieve_filters(self) -> list[ActiefFilter]:
        zv = self.zoekvraag
        chips = []
        for facet in FACETS:
            for value in zv.selected(facet):
                chips.append(
                    ActiefFilter(
                        facet,
                        value,
                        zv.label(facet, value),
                        FACET_LABELS[facet],
                        zv.without_value(facet, value),
                    )
                )
        if zv.gemeente is not None:
            chips.append(
                ActiefFilter(
                    "gemeente",
                    zv.gemeente.code,
                    zv.gemeente.naam,
                    "Gemeente",
                    zv.without_value("gemeente"),
                )
            )
        if zv.leeftijd is not None:
            chips.append(
                ActiefFilter(
                    "leeftijd",
                    str(zv.leeftijd),
                    f"{zv.leeftijd} jaar",
                    "Leeftijd",
                    zv.without_value("leeftijd"),
                )
            )
        return chips


# --- Parameters -------------------------------------------------------------------------------


def alle_termen() -> dict[str, dict[str, Term]]:
    """Every vocabulary's terms by slug, in display order (one query)."""
    termen: dict[str, dict[str, Term]] = {vocabulaire: {} for vocabulaire in VOCABULAIRES}
    for term in Term.objects.order_by("vocabulaire", "volgorde", "label"):
        termen.setdefault(term.vocabulaire, {})[term.slug] = term
    return termen


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


def _schoon_q(raw: str) -> str:
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
        gemeente = Gemeente.objects.filter(code=code).first()
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

    q = _schoon_q(_single(params, "q"))

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


# --- Filters ----------------------------------------------------------------------------------

_KOSTEN_Q = {
    "gratis": Q(kosten_bedrag=0),
    "tot-10": Q(kosten_bedrag__gt=0, kosten_bedrag__lte=10),
    "10-tot-50": Q(kosten_bedrag__gt=10, kosten_bedrag__lte=50),
    "50-of-meer": Q(kosten_bedrag__gt=50),
    "onbekend": Q(kosten_bedrag__isnull=True),
}

_KOSTEN_CASE = Case(
    When(kosten_bedrag__isnull=True, then=Value("onbekend")),
    When(kosten_bedrag=0, then=Value("gratis")),
    When(kosten_bedrag__lte=Decimal("10"), then=Value("tot-10")),
    When(kosten_bedrag__lte=Decimal("50"), then=Value("10-tot-50")),
    default=Value("50-of-meer"),
    output_field=CharField(),
)


def _facet_q(zoekvraag: Zoekvraag, facet: str) -> Q:
    """The condition of one facet's selection: its values OR-ed."""
    values = zoekvraag.filters[facet]
    if facet == "kosten":
        condition = Q()
        for value in values:
            condition |= _KOSTEN_Q[value]
        return condition
    if facet == "bereik":
        return Q(landelijk__in=[value == "landelijk" for value in values])
    term_ids = [zoekvraag.termen[facet][value].pk for value in values]
    if facet in ENKELVOUDIG:
        return Q(**{f"{facet}_id__in": term_ids})
    koppel = term_koppeltabel(facet)
    return Q(pk__in=koppel.objects.filter(term_id__in=term_ids).values("dienst_id"))


def _basis_q(zoekvraag: Zoekvraag) -> Q:
    """The conditions besides the facets: gemeente (plus landelijk) and age."""
    condition = Q()
    if zoekvraag.gemeente is not None:
        koppel = Dienst.gemeenten.through
        condition &= Q(landelijk=True) | Q(
            pk__in=koppel.objects.filter(gemeente_id=zoekvraag.gemeente.pk).values("dienst_id")
        )
    if zoekvraag.leeftijd is not None:
        n = zoekvraag.leeftijd
        condition &= Q(leeftijd_min__isnull=True) | Q(leeftijd_min__lte=n)
        condition &= Q(leeftijd_max__isnull=True) | Q(leeftijd_max__gte=n)
    return condition


def _tekst_treffers(q: str) -> QuerySet:
    """The live services that match every word of the text (Wagtail's database backend).

    The matches are read once, as ids (one query); the filters, counts and the page then use
    that list instead of repeating the full-text match in every statement. A very large list
    (more than the database takes as parameters) stays a subquery instead.
    """
    backend = get_search_backend(SEARCH_BACKEND)
    results = backend.search(
        q, Dienst.objects.filter(live=True), operator="and", order_by_relevance=False
    )
    matches = results.get_queryset().order_by().values("pk")
    limit = _max_ids()
    ids = list(matches[: limit + 1].values_list("pk", flat=True))
    if len(ids) > limit:
        return Dienst.objects.filter(pk__in=matches)
    return Dienst.objects.filter(pk__in=ids)


def _max_ids() -> int:
    """How many ids one statement may carry, leaving room for the other parameters."""
    limit = connection.features.max_query_params or MAX_IDS
    if connection.vendor == "sqlite":
        # Django assumes SQLite's old limit of 999; ask the library for the real one.
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(0, min(MAX_IDS, limit - 200))


def _op_relevantie(queryset: QuerySet, q: str) -> QuerySet:
    """Best first, by where the words are: the name counts most, then the summary, then the
    provider; a match only in the description or the characteristics still counts.

    Every database backend ranks the same way (the SQLite backend does not weigh fields, and a
    per-row score would be read once for every match). Ties break on the name, then the id.
    """
    score = Value(0)
    for word in q.split():
        for veld, weight in (("naam", 4), ("samenvatting", 2), ("aanbieder", 1)):
            score = score + Case(
                When(**{f"{veld}__icontains": word}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return queryset.annotate(_relevantie=score).order_by(
        "-_relevantie", Lower("naam"), "naam", "pk"
    )


_SORT_ORDER = {
    "naam": [Lower("naam"), "naam", "pk"],
    "relevantie": [Lower("naam"), "naam", "pk"],
    "kosten": [F("kosten_bedrag").asc(nulls_last=True), Lower("naam"), "naam", "pk"],
    "recent": [F("laatst_gecontroleerd").desc(nulls_last=True), Lower("naam"), "naam", "pk"],
}


def _pagina(zoekvraag: Zoekvraag, treffers: QuerySet | None, filters: list[Q]) -> QuerySet:
    if treffers is not None and zoekvraag.sort == "relevantie":
        queryset = _op_relevantie(treffers.filter(*filters), zoekvraag.q)
    else:
        queryset = Dienst.objects.filter(*filters, live=True)
        queryset = queryset.order_by(*_SORT_ORDER[zoekvraag.sort])
    return queryset.select_related(*ENKELVOUDIG)


# --- The services of a page, with their characteristics -------------------------------------------

_GEMEENTE_VELDEN = ["code", "naam", "provincie"]


@lru_cache(maxsize=32)
def _kenmerken_sql(db: str, aantal: int) -> str:
    """The one statement behind :func:`met_kenmerken`: every link of ``aantal`` services.

    Plain SQL that SQLite and PostgreSQL both run, and that stays the same for a page size, so
    the database driver reuses its parsed form; the ORM would build nine queries for it first.
    """
    quote = connections[db].ops.quote_name

    def kolom(model, veld: str) -> str:
        return quote(model._meta.get_field(veld).column)

    ids = ", ".join(["(%s)"] * aantal)
    # Only names of tables and columns of the models go into the text; the ids are parameters.
    delen = []
    for vocabulaire in MEERVOUDIG:
        koppel = term_koppeltabel(vocabulaire)
        tabel, dienst, term = (
            quote(koppel._meta.db_table),
            kolom(koppel, "dienst"),
            kolom(koppel, "term"),
        )
        delen.append(
            f"SELECT '{vocabulaire}', k.{dienst}, k.{term}, NULL, NULL, NULL "  # noqa: S608
            f"FROM {tabel} k JOIN ids ON k.{dienst} = ids.id"
        )
    koppel = Dienst.gemeenten.through
    tabel, dienst, gemeente = (
        quote(koppel._meta.db_table),
        kolom(koppel, "dienst"),
        kolom(koppel, "gemeente"),
    )
    gemeente_id = kolom(Gemeente, "id")
    velden = ", ".join(f"g.{kolom(Gemeente, veld)}" for veld in _GEMEENTE_VELDEN)
    delen.append(
        f"SELECT 'gemeenten', k.{dienst}, g.{gemeente_id}, {velden} "  # noqa: S608
        f"FROM {tabel} k JOIN ids ON k.{dienst} = ids.id "
        f"JOIN {quote(Gemeente._meta.db_table)} g ON g.{gemeente_id} = k.{gemeente}"
    )
    return f"WITH ids(id) AS (VALUES {ids}) " + " UNION ALL ".join(delen)


def met_kenmerken(diensten: list[Dienst], termen: dict[str, dict[str, Term]]) -> list[Dienst]:
    """Load the terms of every vocabulary and the gemeenten of ``diensten``.

    What ``prefetch_related(*MEERVOUDIG, "gemeenten")`` does, in one query instead of nine: the
    link tables are read together (``UNION ALL``), the terms are the ones the search has already
    read (``termen``). Each service keeps them in the plain attribute
    :attr:`Dienst.geladen_kenmerken`, so ``dienst.terms(...)`` and ``dienst.gekoppeld(...)`` ask
    the database nothing, while the relations themselves (``dienst.doelgroep``) stay untouched.
    A term that is not in ``termen`` (added since) is read in a second query.
    """
    if not diensten:
        return diensten
    db = diensten[0]._state.db
    ids = [dienst.pk for dienst in diensten]
    with connections[db].cursor() as cursor:
        cursor.execute(_kenmerken_sql(db, len(ids)), ids)
        rijen = cursor.fetchall()

    term_by_id = {term.pk: term for terms in termen.values() for term in terms.values()}
    missing = {row[2] for row in rijen if row[0] != "gemeenten" and row[2] not in term_by_id}
    if missing:
        term_by_id.update(Term.objects.in_bulk(missing))
    # In the order of the models: terms as Term, gemeenten by name.
    volgorde = sorted(term_by_id.values(), key=lambda t: (t.vocabulaire, t.volgorde, t.label))
    positie = {term.pk: index for index, term in enumerate(volgorde)}
    gekoppeld: dict[tuple[str, int], list] = {}
    for relatie, dienst_id, doel_id, *gemeente in rijen:
        if relatie == "gemeenten":
            doel = Gemeente.from_db(db, ["id", *_GEMEENTE_VELDEN], [doel_id, *gemeente])
        else:
            doel = term_by_id[doel_id]
        gekoppeld.setdefault((relatie, dienst_id), []).append(doel)
    enkelvoudig = [Dienst._meta.get_field(relatie) for relatie in ENKELVOUDIG]
    for dienst in diensten:
        for veld in enkelvoudig:  # the single-valued terms too, through the foreign key
            term_id = getattr(dienst, veld.attname)
            if term_id in term_by_id:
                setattr(dienst, veld.name, term_by_id[term_id])
        geladen = {}
        for relatie in [*MEERVOUDIG, "gemeenten"]:
            waarden = gekoppeld.get((relatie, dienst.pk), [])
            if relatie == "gemeenten":
                waarden.sort(key=lambda gemeente: gemeente.naam)
            else:
                waarden.sort(key=lambda term: positie.get(term.pk, len(positie)))
            geladen[relatie] = waarden
        dienst.geladen_kenmerken = geladen
    return diensten


# --- Facet counts -----------------------------------------------------------------------------


def _tel(zoekvraag: Zoekvraag, facet: str, ids: QuerySet) -> dict[str, int]:
    """Count per value of ``facet`` among the services ``ids`` (one query)."""
    if facet == "kosten":
        rows = (
            Dienst.objects.filter(pk__in=ids)
            .annotate(_kosten=_KOSTEN_CASE)
            .values("_kosten")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {row["_kosten"]: row["n"] for row in rows}
    if facet == "bereik":
        rows = Dienst.objects.filter(pk__in=ids).values("landelijk").annotate(n=Count("pk"))
        return {
            ("landelijk" if row["landelijk"] else "lokaal"): row["n"] for row in rows.order_by()
        }
    slug_by_id = {term.pk: slug for slug, term in zoekvraag.termen.get(facet, {}).items()}
    if facet in ENKELVOUDIG:
        rows = (
            Dienst.objects.filter(pk__in=ids, **{f"{facet}__isnull": False})
            .values(f"{facet}_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        key = f"{facet}_id"
    else:
        rows = (
            term_koppeltabel(facet)
            .objects.filter(dienst_id__in=ids)
            .values("term_id")
            .annotate(n=Count("dienst_id"))
            .order_by()
        )
        key = "term_id"
    return {slug_by_id[row[key]]: row["n"] for row in rows if row[key] in slug_by_id}


def _facet_waarden(zoekvraag: Zoekvraag, facet: str, counts: dict[str, int]) -> list[FacetWaarde]:
    """Every value with a count, and every selected value, in display order."""
    if facet == "kosten":
        labels = KOSTEN
    elif facet == "bereik":
        labels = BEREIK
    else:
        labels = {slug: term.label for slug, term in zoekvraag.termen.get(facet, {}).items()}
    selected = set(zoekvraag.selected(facet))
    return [
        FacetWaarde(slug, label, counts.get(slug, 0), slug in selected)
        for slug, label in labels.items()
        if counts.get(slug, 0) > 0 or slug in selected
    ]


# --- The search -------------------------------------------------------------------------------


def zoek_diensten(zoekvraag: Zoekvraag) -> KaartResultaat:
    """Answer a search: one page of live services, the total and every facet's counts.

    With a search engine configured the engine answers (one request, ``search.facets``); without
    one, or when it fails, the database does (``degraded`` says so after a failure).
    """
    return zoek_met_engine(zoekvraag, database=_zoek_in_database)


def _zoek_in_database(zoekvraag: Zoekvraag) -> KaartResultaat:
    if not zoekvraag.termen:
        zoekvraag.termen = alle_termen()
    treffers = _tekst_treffers(zoekvraag.q) if zoekvraag.q else None

    basis = [_basis_q(zoekvraag)]
    if treffers is not None:
        basis.append(Q(pk__in=treffers.values("pk")))
    facet_filters = {facet: _facet_q(zoekvraag, facet) for facet in zoekvraag.filters}
    alle_filters = basis + list(facet_filters.values())

    live = Dienst.objects.filter(live=True)
    count = live.filter(*alle_filters).count()
    num_pages = max(1, math.ceil(count / zoekvraag.page_size))

    diensten: list[Dienst] = []
    if zoekvraag.page <= num_pages and count:
        start = (zoekvraag.page - 1) * zoekvraag.page_size
        page_qs = _pagina(zoekvraag, treffers, alle_filters)
        diensten = met_kenmerken(
            list(page_qs[start : start + zoekvraag.page_size]), zoekvraag.termen
        )

    facets = {}
    for facet in FACETS:
        andere = [condition for other, condition in facet_filters.items() if other != facet]
        ids = live.filter(*basis, *andere).values("pk")
        facets[facet] = _facet_waarden(zoekvraag, facet, _tel(zoekvraag, facet, ids))

    return KaartResultaat(
        zoekvraag=zoekvraag,
        count=count,
        page=zoekvraag.page,
        page_size=zoekvraag.page_size,
        num_pages=num_pages,
        diensten=diensten,
        facets=facets,
        backend=SEARCH_BACKEND,
        degraded=False,
    )
