"""The kaart's search on both backends: the same counts and the same filter results.

One generated data set (``kaart.factories``, fixed seed) is loaded once per backend; every test runs
on the database and on the engine, and checks the answer against one computed here in plain Python
from the generated rows and the contract's words (``docs/kaart-contract.md``). Text matching in
that oracle uses ``search.analysis`` (stems, compounds, synonyms), whose own tests are in
``test_analysis.py``; everything else is computed from the rows alone.
"""

import re
from decimal import Decimal

import pytest
from django.http import QueryDict

from kaart.models import STANDAARD_TERMEN
from kaart.queries import FACETS, MAX_PAGE_SIZE, parse_zoekvraag, zoek_diensten
from search.analysis import index_terms, query_groups
from search.engine import engine_name

from .support import backend_context, dataset_on

DATASET_SIZE = 300
DATASET_SEED = 8086

VALUES = {facet: [slug for slug, _ in values] for facet, values in STANDAARD_TERMEN.items()}
VALUES["kosten"] = ["gratis", "tot-10", "10-tot-50", "50-of-meer", "onbekend"]
VALUES["bereik"] = ["landelijk", "lokaal"]
LABELS = {slug: label for values in STANDAARD_TERMEN.values() for slug, label in values}


def kosten_of(bedrag):
    if bedrag is None:
        return "onbekend"
    if bedrag == 0:
        return "gratis"
    if bedrag <= Decimal(10):
        return "tot-10"
    if bedrag <= Decimal(50):
        return "10-tot-50"
    return "50-of-meer"


def values_of(spec, facet):
    if facet == "kosten":
        return {kosten_of(spec["kosten_bedrag"])}
    if facet == "bereik":
        return {"landelijk" if spec["landelijk"] else "lokaal"}
    return set(spec[facet])


def text_of(spec):
    labels = [LABELS[slug] for facet in STANDAARD_TERMEN for slug in spec[facet]]
    beschrijving = re.sub("<[^>]+>", " ", spec["beschrijving"])
    return " ".join([spec["naam"], spec["samenvatting"], beschrijving, spec["aanbieder"], *labels])


def matches_text(spec, q):
    terms = set(index_terms(text_of(spec)))
    return all(any(set(alt) <= terms for alt in group) for group in query_groups(q))


def matches_base(spec, q, gemeente, leeftijd):
    if q and not matches_text(spec, q):
        return False
    if gemeente and not (spec["landelijk"] or gemeente in spec["gemeenten"]):
        return False
    if leeftijd is not None:
        if spec["leeftijd_min"] is not None and spec["leeftijd_min"] > leeftijd:
            return False
        if spec["leeftijd_max"] is not None and spec["leeftijd_max"] < leeftijd:
            return False
    return True


def matches_facets(spec, filters, skip=None):
    return all(values_of(spec, f) & set(chosen) for f, chosen in filters.items() if f != skip)


def expected(specs, filters, q="", gemeente=None, leeftijd=None):
    base = [s for s in specs if matches_base(s, q, gemeente, leeftijd)]
    hits = [s for s in base if matches_facets(s, filters)]
    counts = {}
    for facet in FACETS:
        pool = [s for s in base if matches_facets(s, filters, skip=facet)]
        counts[facet] = {v: sum(1 for s in pool if v in values_of(s, facet)) for v in VALUES[facet]}
    return hits, counts


def search(filters=None, **single):
    params = QueryDict(mutable=True)
    for facet, values in (filters or {}).items():
        params.setlist(facet, values)
    for key, value in single.items():
        if value is not None:
            params[key] = str(value)
    return zoek_diensten(parse_zoekvraag(params))


@pytest.fixture(
    scope="class", params=["database", pytest.param("engine", marks=pytest.mark.engine)]
)
def kaart(request, django_db_setup, django_db_blocker):
    """(backend, specs): the data set, indexed in that backend, which answers the kaart."""
    from kaart.factories import genereer_specs

    with (
        django_db_blocker.unblock(),
        backend_context(request.param),
        dataset_on(request.param, lambda: genereer_specs(DATASET_SIZE, seed=DATASET_SEED)) as specs,
    ):
        yield request.param, specs


def check(result, kaart, filters=None, q="", gemeente=None, leeftijd=None):
    backend, specs = kaart
    assert result.backend == ("database" if backend == "database" else engine_name())
    assert not result.degraded
    hits, counts = expected(specs, filters or {}, q, gemeente, leeftijd)
    assert result.count == len(hits)
    for facet in FACETS:
        got = {w.value: w.count for w in result.facets[facet]}
        want = {value: n for value, n in counts[facet].items() if n}
        for value in (filters or {}).get(facet, []):
            want.setdefault(value, 0)
        assert got == want, facet
        assert [w.value for w in result.facets[facet]] == [v for v in VALUES[facet] if v in want], (
            f"{facet}: display order"
        )
        assert {w.value for w in result.facets[facet] if w.selected} == set(
            (filters or {}).get(facet, [])
        )
    return hits


COMBINATIONS = [
    {"doelgroep": ["ouderen", "jongeren"], "kosten": ["gratis"]},
    {"thema": ["verlies-en-rouw"], "plek": ["aan-huis", "telefonisch"], "vorm": ["groep"]},
    {"financiering": ["gratis", "gesubsidieerd"], "bereik": ["lokaal"], "erkenning": ["effectief"]},
    {
        "activiteit": ["ontmoeting", "een-op-een"],
        "uitvoering": ["vrijwilligers"],
        "kosten": ["tot-10", "10-tot-50", "onbekend"],
        "frequentie": ["structureel"],
    },
    {"preventie": ["algemeen"], "eenzaamheidsgroep": ["eenzaam", "ernstig-eenzaam"]},
    {"kosten": ["50-of-meer"], "bereik": ["landelijk"]},
]

TEXTS = [
    "koffie",
    "wandelen",
    "senioren",
    "computer",
    "vrijwilliger langs",
    "rouwgroep",
    "taalcafe",
]


def _busiest_gemeente(specs):
    counts = {}
    for spec in specs:
        for code in spec["gemeenten"]:
            counts[code] = counts.get(code, 0) + 1
    return max(counts, key=counts.get)


@pytest.mark.django_db
@pytest.mark.slow
class TestSameAnswerOnBothBackends:
    def test_everything(self, kaart):
        check(search(), kaart)

    @pytest.mark.parametrize("facet", FACETS)
    def test_each_facet_one_and_two_values(self, kaart, facet):
        first, second = VALUES[facet][0], VALUES[facet][-1]
        check(search({facet: [first]}), kaart, {facet: [first]})
        check(search({facet: [first, second]}), kaart, {facet: [first, second]})

    @pytest.mark.parametrize("filters", COMBINATIONS)
    def test_combinations(self, kaart, filters):
        check(search(filters), kaart, filters)

    @pytest.mark.parametrize("leeftijd", [0, 17, 30, 65, 70, 120])
    def test_gemeente_and_age(self, kaart, leeftijd):
        gemeente = _busiest_gemeente(kaart[1])
        check(
            search(gemeente=gemeente, leeftijd=leeftijd),
            kaart,
            gemeente=gemeente,
            leeftijd=leeftijd,
        )
        filters = COMBINATIONS[0]
        check(
            search(filters, gemeente=gemeente, leeftijd=leeftijd),
            kaart,
            filters,
            gemeente=gemeente,
            leeftijd=leeftijd,
        )

    @pytest.mark.parametrize("q", TEXTS)
    def test_text_alone_and_with_filters(self, kaart, q):
        hits = check(search(q=q), kaart, q=q)
        assert hits, f"the data set should have services for {q!r}"
        for filters in COMBINATIONS[:3]:
            check(search(filters, q=q), kaart, filters, q=q)

    def test_text_that_finds_nothing(self, kaart):
        result = search(q="onvindbaarwoord")
        check(result, kaart, q="onvindbaarwoord")
        assert result.diensten == [] and result.num_pages == 1

    @pytest.mark.parametrize(
        "sort,key",
        [
            ("naam", lambda s: (s["naam"].lower(), s["naam"], s["pk"])),
            (
                "kosten",
                lambda s: (
                    s["kosten_bedrag"] is None,
                    s["kosten_bedrag"] or 0,
                    s["naam"].lower(),
                    s["naam"],
                    s["pk"],
                ),
            ),
            (
                "recent",
                lambda s: (
                    s["laatst_gecontroleerd"] is None,
                    -(s["laatst_gecontroleerd"].toordinal() if s["laatst_gecontroleerd"] else 0),
                    s["naam"].lower(),
                    s["naam"],
                    s["pk"],
                ),
            ),
        ],
    )
    def test_sort_orders_every_page(self, kaart, sort, key):
        specs = kaart[1]
        want = [s["pk"] for s in sorted(specs, key=key)]
        got = []
        page = 1
        while True:
            result = search(sort=sort, page=page, page_size=MAX_PAGE_SIZE)
            got += [d.pk for d in result.diensten]
            if page >= result.num_pages:
                break
            page += 1
        assert got == want

    def test_same_results_on_a_filtered_page(self, kaart):
        filters = COMBINATIONS[1]
        hits, _ = expected(kaart[1], filters)
        want = [
            s["pk"] for s in sorted(hits, key=lambda s: (s["naam"].lower(), s["naam"], s["pk"]))
        ]
        result = search(filters, page_size=MAX_PAGE_SIZE)
        assert [d.pk for d in result.diensten] == want

    def test_relevance_puts_every_hit_on_some_page_once(self, kaart):
        hits, _ = expected(kaart[1], {}, q="koffie")
        seen = []
        for page in (1, 2, 3, 4):
            seen += [d.pk for d in search(q="koffie", page=page, page_size=50).diensten]
        assert sorted(seen) == sorted(s["pk"] for s in hits)

    def test_a_page_past_the_end_is_empty(self, kaart):
        result = search(page=99)
        assert result.diensten == [] and result.count == len(kaart[1])


# --- Distance from a place (issue #13): the same on both backends, against a great circle -----


def _pc4_punten():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "kaart" / "data" / "postcodes_pc4.csv"
    with open(path, encoding="utf-8") as handle:
        return {
            r["pc4"]: (float(r["lat"]), float(r["lon"]), r["gemeente_code"])
            for r in csv.DictReader(handle)
        }


def _groot_cirkel_km(a, b):
    import math

    (lat1, lon1), (lat2, lon2) = a[:2], b[:2]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.mark.django_db
@pytest.mark.slow
class TestDistanceOnBothBackends:
    """``plaats`` + ``sort=afstand`` + ``afstand``: order and widening as computed here."""

    @pytest.mark.parametrize("afstand", [None, 10, 25])
    def test_distance_order_and_widening(self, kaart, afstand):
        specs = kaart[1]
        punten = _pc4_punten()
        gemeente = _busiest_gemeente(specs)
        postcode = next(
            s["postcode"][:4] for s in specs if s["postcode"] and s["gemeenten"][0] == gemeente
        )
        if afstand:
            # The place: the postcode nearest to a local service that lies in another gemeente,
            # so the widening has something to add.
            ver = next(s for s in specs if s["postcode"] and not s["landelijk"])
            postcode = min(
                (pc for pc, punt in punten.items() if punt[2] not in ver["gemeenten"]),
                key=lambda pc: _groot_cirkel_km(punten[pc], punten[ver["postcode"][:4]]),
            )
            gemeente = punten[postcode][2]
        hier = punten[postcode]

        def km(spec):
            return (
                _groot_cirkel_km(hier, punten[spec["postcode"][:4]]) if spec["postcode"] else None
            )

        def erin(spec):
            if spec["landelijk"] or gemeente in spec["gemeenten"]:
                return True
            return afstand is not None and km(spec) is not None and km(spec) <= afstand

        def volgorde(spec):
            d = km(spec)
            return (
                not spec["landelijk"],
                spec["landelijk"] or d is None,
                0 if spec["landelijk"] or d is None else d,
                spec["naam"].lower(),
                spec["naam"],
                spec["pk"],
            )

        want = [s["pk"] for s in sorted(filter(erin, specs), key=volgorde)]
        if afstand:
            buiten = [s for s in specs if erin(s) and gemeente not in s["gemeenten"]]
            assert any(not s["landelijk"] for s in buiten), "the widening should add services"
        got, page = [], 1
        while True:
            result = search(plaats=postcode, afstand=afstand, page=page, page_size=MAX_PAGE_SIZE)
            assert result.zoekvraag.sort == "afstand"  # the default with a postcode
            got += [d.pk for d in result.diensten]
            if page >= result.num_pages:
                break
            page += 1
        assert got == want
