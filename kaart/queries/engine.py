"""A kaart search answered by the engine: one request for a page of results and every facet.

With an engine configured, :func:`kaart.queries.zoek_diensten` answers through
:func:`zoek_in_engine`. One search request carries:

* ``query``: the text (:mod:`search.query`), live only, the gemeente (or landelijk) and the age;
* ``post_filter``: every facet's selection (values of one facet OR-ed, facets AND-ed), so it
  narrows the hits but not the counts;
* the disjunctive counts of the contract (``docs/kaart-contract.md``): a facet is counted on
  the hits narrowed by every *other* facet's selection. All facets without a selection share that
  filter (every selection), so ONE terms aggregation counts them all; a facet with a selection
  gets an aggregation of its own. So a search without selections has one aggregation, not 13;
* with two or more selections, the query leaves out the documents that fail two of them: they
  count for no facet;
* the sort of the contract (ties on the name, then the id) and the page.

The answer is the same as the database implementation's on the same data (the suite in
``tests/search/test_kaart_backends.py`` runs on both).

The engine columns come from the fields ``kaart.Dienst`` declares in ``search_fields`` (Wagtail's
``FilterField`` names, ``<field>_filter``). Every facet value of a service is in one keyword column,
``facet_waarden`` (``doelgroep:<term id>``, ``kosten:gratis``, ``bereik:lokaal``), with eager global
ordinals, so counting all facets costs one pass over the hits.
"""

from __future__ import annotations

import math

from modelsearch.index import FilterField

from search.backends.engine import PK_SORT_FIELD
from search.engine import engine_name, get_backend
from search.query import match_clause, ranking_clauses

from ..models import BEREIK, KOSTEN, Dienst, facet_waarde
from .resultaat import KaartResultaat, facet_waarden
from .zoekvraag import FACETS, Zoekvraag, alle_termen

# Relevance weights, tuned on the queries of tests/search/relevance.py.
EXACT_NAME_BOOST = 50.0
FIELD_WEIGHTS = {
    "naam": 8.0,
    "samenvatting": 3.0,
    "beschrijving": 1.5,
    "aanbieder": 1.0,
    "_all_text": 0.5,  # everything, the labels of the vocabularies included
}
SEARCH_TIMEOUT = 3  # seconds; the database answers after that

# The facets derived from a service's own fields: their values are their slugs.
DERIVED_FACETS = {"kosten": KOSTEN, "bereik": BEREIK}
FACET_FIELD = "facet_waarden"  # every facet value of a service, as ``facet:value``
SHARED = "facetten"  # the aggregation that counts every facet without a selection


class EngineAnswerError(RuntimeError):
    """The engine answered something the kaart cannot use."""


def _columns(model, mapping) -> dict[str, str]:
    """Field name → engine column, for every ``FilterField`` of ``model``."""
    return {
        field.field_name: mapping.get_field_column_name(field)
        for field in model.get_search_fields()
        if isinstance(field, FilterField)
    }


def _any_of(clauses: list[dict]) -> dict:
    return (
        clauses[0]
        if len(clauses) == 1
        else {"bool": {"should": clauses, "minimum_should_match": 1}}
    )


def _inner(aggregation: dict) -> dict:
    """A facet's counts: inside its filter aggregation (``v``), or the aggregation itself."""
    return aggregation.get("v", aggregation)


def _all_of(clauses: list[dict]) -> dict:
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


class KaartEngineQuery:
    """The engine request for one :class:`Zoekvraag`, and how to read its answer."""

    def __init__(self, zoekvraag: Zoekvraag, facets: list[str], backend):
        self.zoekvraag = zoekvraag
        self.facets = facets
        self.backend = backend
        self.mapping = backend.mapping_class(Dienst)
        self.index = backend.get_index_for_model(Dienst).name
        self.columns = _columns(Dienst, self.mapping)

    def column(self, field: str) -> str:
        try:
            return self.columns[field]
        except KeyError:
            raise EngineAnswerError(f"kaart.Dienst has no FilterField {field!r}") from None

    # Conditions ---------------------------------------------------------------------------------

    def facet_key(self, facet: str, value: str) -> str:
        """The ``facet_waarden`` value of one facet value: a term by its id, else the slug."""
        if facet in DERIVED_FACETS:
            return facet_waarde(facet, value)
        return facet_waarde(facet, self.zoekvraag.termen[facet][value].pk)

    def facet_filter(self, facet: str) -> dict:
        keys = [self.facet_key(facet, value) for value in self.zoekvraag.filters[facet]]
        return {"terms": {self.column(FACET_FIELD): keys}}

    def base_filters(self) -> list[dict]:
        zv = self.zoekvraag
        filters = [{"term": {self.column("live"): True}}]
        if zv.gemeente is not None:
            waar = [
                {"term": {self.column("landelijk"): True}},
                {"term": {self.column("gemeenten"): zv.gemeente.pk}},
            ]
            if zv.afstand is not None and zv.punt is not None:
                # Widened: also every local service that near, whichever gemeente it is in.
                waar.append(
                    {
                        "geo_distance": {
                            "distance": f"{zv.afstand}km",
                            "distance_type": "arc",
                            self.column("punt"): {"lat": zv.punt[0], "lon": zv.punt[1]},
                        }
                    }
                )
            filters.append(_any_of(waar))
        if zv.leeftijd is not None:
            # An empty bound is open: only a bound that excludes the age excludes the service.
            filters.append(
                {
                    "bool": {
                        "must_not": [
                            {"range": {self.column("leeftijd_min"): {"gt": zv.leeftijd}}},
                            {"range": {self.column("leeftijd_max"): {"lt": zv.leeftijd}}},
                        ]
                    }
                }
            )
        return filters

    def counts(self, filters: list[dict], include: str | None = None) -> dict:
        """One terms aggregation over ``facet_waarden``, on the hits narrowed by ``filters``."""
        size = sum(map(len, self.zoekvraag.termen.values())) + sum(
            map(len, DERIVED_FACETS.values())
        )
        terms = {"field": self.column(FACET_FIELD), "size": size + 100}
        if include is not None:
            terms["include"] = include
        if not filters:
            # On the query's own hits: a filter aggregation around it would only cost time.
            return {"terms": terms}
        return {"filter": _all_of(filters), "aggs": {"v": {"terms": terms}}}

    def aggregations(self, selections: dict[str, dict]) -> dict:
        """The disjunctive counts: a facet is counted on the hits narrowed by every *other*
        facet's selection. Every facet without a selection shares one filter (all selections),
        so one aggregation counts them all; a facet with a selection gets one of its own."""
        aggregations = {}
        if any(facet not in selections for facet in self.facets):
            aggregations[SHARED] = self.counts(list(selections.values()))
        for facet in self.facets:
            if facet in selections:
                others = [condition for other, condition in selections.items() if other != facet]
                aggregations[facet] = self.counts(others, include=f"{facet}:.*")
        return aggregations

    def sort(self) -> list:
        naam = self.column("naam")
        ties = [{f"{naam}.sort": "asc"}, {naam: "asc"}, {PK_SORT_FIELD: "asc"}]
        sort = self.zoekvraag.sort
        if sort == "relevantie" and self.zoekvraag.q:
            # on equal score, services not confirmed by their beheerder after current ones
            return [{"_score": "desc"}, {self.column("niet_actueel"): "asc"}, *ties]
        if sort == "kosten":
            return [{self.column("kosten_bedrag"): {"order": "asc", "missing": "_last"}}, *ties]
        if sort == "afstand" and self.zoekvraag.punt is not None:
            # Available everywhere first (they are where you are), then the nearest.
            lat, lon = self.zoekvraag.punt
            nabij = {
                self.column("punt"): {"lat": lat, "lon": lon},
                "order": "asc",
                "unit": "km",
                "distance_type": "arc",
            }
            return [{self.column("landelijk"): "desc"}, {"_geo_distance": nabij}, *ties]
        if sort == "recent":
            column = self.column("laatst_gecontroleerd")
            return [{column: {"order": "desc", "missing": "_last"}}, *ties]
        return ties

    # The request --------------------------------------------------------------------------------

    def body(self) -> dict:
        zv = self.zoekvraag
        query: dict = {"bool": {"filter": self.base_filters()}}
        if zv.q:
            match = match_clause(zv.q)
            query["bool"]["must"] = [match if match is not None else {"match_none": {}}]
            query["bool"]["should"] = ranking_clauses(
                zv.q, FIELD_WEIGHTS, exact_field="naam.exact", exact_boost=EXACT_NAME_BOOST
            )
        selections = {facet: self.facet_filter(facet) for facet in zv.filters}
        body = {
            "query": query,
            "aggs": self.aggregations(selections),
            "sort": self.sort(),
            "from": (zv.page - 1) * zv.page_size,
            "size": zv.page_size,
            "track_total_hits": True,
            "_source": False,
        }
        if selections:
            body["post_filter"] = _all_of(list(selections.values()))
        if len(selections) > 1:
            # A document that fails two selections counts nowhere (every facet's count keeps all
            # selections but its own): leave those out of the query, so the aggregations step
            # over fewer documents ("drill sideways"). A filter, so the scores stay the same.
            query["bool"]["filter"].append(
                {
                    "bool": {
                        "should": list(selections.values()),
                        "minimum_should_match": len(selections) - 1,
                    }
                }
            )
        return body

    def run(self) -> tuple[int, list[int], dict[str, dict[str, int]], int]:
        """(count, ids of the page in order, {facet: {value: count}}, the engine's ``took``)."""
        answer = self.backend.engine_search(self.index, self.body(), request_timeout=SEARCH_TIMEOUT)
        if answer.get("timed_out") or answer.get("_shards", {}).get("failed"):
            raise EngineAnswerError("the engine answered only in part")
        try:
            count = int(answer["hits"]["total"]["value"])
            ids = [int(hit["_id"]) for hit in answer["hits"]["hits"]]
            aggregations = answer["aggregations"]
            counts = {
                facet: self.read_counts(
                    facet,
                    _inner(aggregations[facet if facet in self.zoekvraag.filters else SHARED]),
                )
                for facet in self.facets
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise EngineAnswerError(f"unexpected answer from the engine: {exc!r}") from exc
        for facet in DERIVED_FACETS:
            # Every service has one value of these, so without a selection of its own the counts
            # add up to the hits. If not, the index predates its mapping: the database answers.
            if (
                facet in self.facets
                and facet not in self.zoekvraag.filters
                and sum(counts[facet].values()) != count
            ):
                raise EngineAnswerError(
                    f"the index does not have the {facet} of every service; run update_index"
                )
        return count, ids, counts, int(answer.get("took", 0))

    def read_counts(self, facet: str, aggregation: dict) -> dict[str, int]:
        """{value: count} of one facet, from the buckets of a ``facet_waarden`` aggregation."""
        prefix = facet_waarde(facet, "")
        if facet in DERIVED_FACETS:
            slug_by_key = {key: key for key in DERIVED_FACETS[facet]}
        else:
            slug_by_key = {
                str(term.pk): slug for slug, term in self.zoekvraag.termen.get(facet, {}).items()
            }
        counts = {}
        for bucket in aggregation["buckets"]:
            key = bucket["key"]
            if key.startswith(prefix) and key[len(prefix) :] in slug_by_key:
                counts[slug_by_key[key[len(prefix) :]]] = bucket["doc_count"]
        return counts


def zoek_in_engine(zoekvraag: Zoekvraag, backend=None) -> KaartResultaat:
    """Answer a kaart search from the engine (raises on any engine failure)."""
    if not zoekvraag.termen:
        zoekvraag.termen = alle_termen()
    backend = backend or get_backend("default")
    request = KaartEngineQuery(zoekvraag, FACETS, backend)
    count, ids, counts, _took = request.run()
    # The page's rows and their characteristics are read when they are used
    # (KaartResultaat.diensten, .kenmerken.laad_diensten): the API's cards may all be kept.
    resultaat = KaartResultaat(
        zoekvraag=zoekvraag,
        count=count,
        page=zoekvraag.page,
        page_size=zoekvraag.page_size,
        num_pages=max(1, math.ceil(count / zoekvraag.page_size)),
        ids=ids,
        facets={facet: facet_waarden(zoekvraag, facet, counts[facet]) for facet in FACETS},
        backend=engine_name(),
        degraded=False,
    )
    return resultaat
