"""A kaart search answered by the database: the text by Wagtail's database backend, the rest by
the ORM.

The number of SQL queries per search is fixed and small: the text matches, ONE statement for the
total and every facet's counts (:func:`_tel_alles`), the page and its characteristics. It does not
grow with the number of services, the number of facet values or the number of selections. Facet
counts are disjunctive: the count of value *v* of facet *F* is the number of services that match
the text, the gemeente, the age and every *other* facet's selection, with *F* = *v*.
"""

from __future__ import annotations

import math
import sqlite3
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from wagtail.search.backends import get_search_backend

from ..models import ENKELVOUDIG, MEERVOUDIG, VOCABULAIRES, Dienst, term_koppeltabel
from .afstand import afstand_sql, kader_q
from .kenmerken import met_kenmerken
from .resultaat import KaartResultaat, facet_waarden
from .zoekvraag import FACETS, Zoekvraag, alle_termen

SEARCH_BACKEND = "database"
MAX_IDS = 20_000  # text matches passed to the database as a list of ids

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
        waar = Q(landelijk=True) | Q(
            pk__in=koppel.objects.filter(gemeente_id=zoekvraag.gemeente.pk).values("dienst_id")
        )
        if zoekvraag.afstand is not None and zoekvraag.punt is not None:
            # Widened: also every local service that near, whichever gemeente it is in.
            lat, lon = zoekvraag.punt
            dichtbij = (
                Dienst.objects.filter(kader_q(lat, lon, zoekvraag.afstand))
                .annotate(_afstand=afstand_sql(lat, lon))
                .filter(_afstand__lte=zoekvraag.afstand)
                .values("pk")
            )
            waar |= Q(pk__in=dichtbij)
        condition &= waar
    if zoekvraag.leeftijd is not None:
        n = zoekvraag.leeftijd
        condition &= Q(leeftijd_min__isnull=True) | Q(leeftijd_min__lte=n)
        condition &= Q(leeftijd_max__isnull=True) | Q(leeftijd_max__gte=n)
    return condition


def tekst_treffers(q: str) -> QuerySet:
    """The live services that match every word of the text (Wagtail's database backend).

    On SQLite the matches are read once, as ids (one query); the counts and the page then use
    that list instead of repeating the full-text match in each statement. A very large list
    (more than the database takes as parameters) stays a subquery instead, as on PostgreSQL.
    """
    backend = get_search_backend(SEARCH_BACKEND)
    results = backend.search(
        q, Dienst.objects.filter(live=True), operator="and", order_by_relevance=False
    )
    matches = results.get_queryset().order_by().values("pk")
    if connection.vendor == "postgresql":
        # PostgreSQL joins the match as a subquery well (its GIN index answers it, see
        # search/migrations/0002); thousands of ids in every statement cost more.
        return Dienst.objects.filter(pk__in=matches)
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
    # On equal relevance, a service whose beheerder did not confirm it sorts after current ones.
    niet_actueel = Case(
        When(niet_actueel_sinds__isnull=False, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return queryset.annotate(_relevantie=score, _niet_actueel=niet_actueel).order_by(
        "-_relevantie", "_niet_actueel", Lower("naam"), "naam", "pk"
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
    elif zoekvraag.sort == "afstand" and zoekvraag.punt is not None:
        # Available everywhere first (they are where you are), then the nearest; no point last.
        queryset = Dienst.objects.filter(*filters, live=True).annotate(
            _afstand=afstand_sql(*zoekvraag.punt)
        )
        queryset = queryset.order_by(
            F("landelijk").desc(), F("_afstand").asc(nulls_last=True), *_SORT_ORDER["naam"]
        )
    else:
        queryset = Dienst.objects.filter(*filters, live=True)
        queryset = queryset.order_by(*_SORT_ORDER[zoekvraag.sort])
    return queryset.select_related(*ENKELVOUDIG)


def _waarde_kolom(facet: str) -> str:
    return f"w_{facet}"


def _tel_alles(
    zoekvraag: Zoekvraag, kandidaten: QuerySet, facet_filters: dict[str, Q]
) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and every facet's disjunctive counts, in ONE statement.

    ``kandidaten`` are the live services that match the text, gemeente and age. For each, the
    statement knows how many facet selections it fails, and which one when it is one: a service
    that fails none counts for every facet's values (and the total), one that fails only the
    selection of facet *F* counts for *F*'s values alone, one that fails two counts nowhere.
    The values come from the link tables (``UNION ALL``), the single-valued terms, the cost band
    and the reach of the candidates themselves.
    """
    selecties = list(facet_filters)
    faalt = Value(0)
    for facet in selecties:
        faalt = faalt + Case(
            When(facet_filters[facet], then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    welke = Case(
        *[When(~facet_filters[facet], then=Value(facet)) for facet in selecties],
        default=Value(""),
        output_field=CharField(),
    )
    velden = ["pk", "landelijk", *[f"{facet}_id" for facet in ENKELVOUDIG]]
    kandidaten = kandidaten.order_by().annotate(k_kosten=_KOSTEN_CASE, k_faalt=faalt, k_welke=welke)
    try:
        kandidaat_sql, params = kandidaten.values(
            *velden, "k_kosten", "k_faalt", "k_welke"
        ).query.sql_with_params()
    except EmptyResultSet:  # no text matches: nothing to count
        return 0, {facet: {} for facet in FACETS}
    kolommen = ["id", "landelijk", *[_waarde_kolom(facet) for facet in ENKELVOUDIG]]
    kolommen += ["kosten", "faalt", "welke"]

    quote = connection.ops.quote_name
    geen_term, geen_slug = "CAST(NULL AS BIGINT)", "CAST(NULL AS TEXT)"  # typed for PostgreSQL

    def telling(facet: str, term: str, slug: str, bron: str, voorwaarde: str = "") -> str:
        """One facet's counts: the candidates that fail no selection, or only this facet's."""
        return (
            f"SELECT '{facet}', {term}, {slug}, COUNT(*) FROM {bron} "  # noqa: S608
            f"WHERE {voorwaarde}(k.faalt = 0 OR (k.faalt = 1 AND k.welke = '{facet}')) "
            f"GROUP BY {term if term != geen_term else slug}"
        )

    delen = [
        f"SELECT '', {geen_term}, {geen_slug}, COUNT(*) FROM k WHERE k.faalt = 0",  # noqa: S608
        telling("kosten", geen_term, "k.kosten", "k"),
        telling(
            "bereik", geen_term, "CASE WHEN k.landelijk THEN 'landelijk' ELSE 'lokaal' END", "k"
        ),
    ]
    for facet in ENKELVOUDIG:
        kolom = f"k.{_waarde_kolom(facet)}"
        delen.append(telling(facet, kolom, geen_slug, "k", f"{kolom} IS NOT NULL AND "))
    for facet in MEERVOUDIG:
        koppel = term_koppeltabel(facet)
        tabel = quote(koppel._meta.db_table)
        dienst = quote(koppel._meta.get_field("dienst").column)
        term = quote(koppel._meta.get_field("term").column)
        delen.append(
            telling(facet, f"l.{term}", geen_slug, f"{tabel} l JOIN k ON k.id = l.{dienst}")
        )
    # Only names of the models' tables and columns and the facets' own names go into the text.
    sql = f"WITH k({', '.join(kolommen)}) AS ({kandidaat_sql}) " + " UNION ALL ".join(delen)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rijen = cursor.fetchall()

    slug_by_id = {
        facet: {term.pk: slug for slug, term in zoekvraag.termen.get(facet, {}).items()}
        for facet in VOCABULAIRES
    }
    count = 0
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for facet, term_id, slug, n in rijen:
        if facet == "":
            count = n
        elif term_id is None:
            counts[facet][slug] = n
        elif term_id in slug_by_id[facet]:
            counts[facet][slug_by_id[facet][term_id]] = n
    return count, counts


def zoek_in_database(zoekvraag: Zoekvraag) -> KaartResultaat:
    if not zoekvraag.termen:
        zoekvraag.termen = alle_termen()
    treffers = tekst_treffers(zoekvraag.q) if zoekvraag.q else None

    basis = [_basis_q(zoekvraag)]
    if treffers is not None:
        basis.append(Q(pk__in=treffers.values("pk")))
    facet_filters = {facet: _facet_q(zoekvraag, facet) for facet in zoekvraag.filters}
    alle_filters = basis + list(facet_filters.values())

    kandidaten = Dienst.objects.filter(*basis, live=True)
    count, counts = _tel_alles(zoekvraag, kandidaten, facet_filters)
    num_pages = max(1, math.ceil(count / zoekvraag.page_size))

    diensten: list[Dienst] = []
    if zoekvraag.page <= num_pages and count:
        start = (zoekvraag.page - 1) * zoekvraag.page_size
        page_qs = _pagina(zoekvraag, treffers, alle_filters)
        diensten = met_kenmerken(
            list(page_qs[start : start + zoekvraag.page_size]), zoekvraag.termen
        )

    facets = {facet: facet_waarden(zoekvraag, facet, counts[facet]) for facet in FACETS}

    return KaartResultaat(
        zoekvraag=zoekvraag,
        count=count,
        page=zoekvraag.page,
        page_size=zoekvraag.page_size,
        num_pages=num_pages,
        ids=[dienst.pk for dienst in diensten],
        facets=facets,
        backend=SEARCH_BACKEND,
        degraded=False,
        geladen=diensten,
    )
