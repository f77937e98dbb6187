"""The kaart's search semantics, checked against answers computed here from the generated rows.

The expected counts come from the plain specs of ``kaart.factories.genereer_specs`` with plain
Python written from the contract's words (``docs/kaart-contract.md``), not from the code under
test.
"""

import re
from decimal import Decimal

import pytest
from django.http import QueryDict

from kaart.factories import DienstFactory, indexeer
from kaart.models import STANDAARD_TERMEN
from kaart.queries import (
    FACETS,
    MAX_PAGE_SIZE,
    SORTS,
    KaartParamError,
    parse_zoekvraag,
    zoek_diensten,
)
from search.analysis import index_terms, query_groups

# A search answers with a fixed number of queries, whatever the data or the selection.
MAX_QUERIES = 27


ALL_VOCABULARY_VALUES = {
    facet: [slug for slug, _ in values] for facet, values in STANDAARD_TERMEN.items()
}


ALL_VOCABULARY_VALUES["kosten"] = ["gratis", "tot-10", "10-tot-50", "50-of-meer", "onbekend"]


ALL_VOCABULARY_VALUES["bereik"] = ["landelijk", "lokaal"]


def kosten_of(bedrag):
    """The contract's bands: gratis (0), tot-10 (0 < b <= 10), 10-tot-50, 50-of-meer, onbekend."""
    if bedrag is None:
        return "onbekend"
    if bedrag == Decimal(0):
        return "gratis"
    if Decimal(0) < bedrag <= Decimal(10):
        return "tot-10"
    if Decimal(10) < bedrag <= Decimal(50):
        return "10-tot-50"
    return "50-of-meer"


def values_of(spec, facet):
    if facet == "kosten":
        return {kosten_of(spec["kosten_bedrag"])}
    if facet == "bereik":
        return {"landelijk" if spec["landelijk"] else "lokaal"}
    return set(spec[facet])


def words_of(spec):
    """The Dutch index terms of a service's text: stems, compound parts (``search.analysis``)."""
    labels = {slug: label for values in STANDAARD_TERMEN.values() for slug, label in values}
    text = " ".join(
        [spec["naam"], spec["samenvatting"], re.sub("<[^>]+>", " ", spec["beschrijving"])]
        + [spec["aanbieder"]]
        + [labels[slug] for facet in STANDAARD_TERMEN for slug in spec[facet]]
    )
    return set(index_terms(text))


def matches_base(spec, q, gemeente, leeftijd):
    # Every word of the query, as one of its synonyms, must be among the text's terms.
    terms = words_of(spec)
    if q and not all(any(set(alt) <= terms for alt in group) for group in query_groups(q)):
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
    return all(
        values_of(spec, facet) & set(chosen) for facet, chosen in filters.items() if facet != skip
    )


def expected(specs, filters=None, q="", gemeente=None, leeftijd=None):
    """(matching specs, {facet: {value: disjunctive count}})."""
    filters = filters or {}
    base = [s for s in specs if matches_base(s, q, gemeente, leeftijd)]
    hits = [s for s in base if matches_facets(s, filters)]
    counts = {}
    for facet in FACETS:
        pool = [s for s in base if matches_facets(s, filters, skip=facet)]
        counts[facet] = {
            value: sum(1 for s in pool if value in values_of(s, facet))
            for value in ALL_VOCABULARY_VALUES[facet]
        }
    return hits, counts


def build_params(filters=None, **single):
    params = QueryDict(mutable=True)
    for facet, values in (filters or {}).items():
        params.setlist(facet, values)
    for key, value in single.items():
        if value is not None:
            params[key] = str(value)
    return params


def search(filters=None, **single):
    return zoek_diensten(parse_zoekvraag(build_params(filters, **single)))


def assert_same_answer(result, specs, filters=None, q="", gemeente=None, leeftijd=None):
    hits, counts = expected(specs, filters, q, gemeente, leeftijd)
    assert result.count == len(hits)
    for facet in FACETS:
        got = {w.value: w.count for w in result.facets[facet]}
        want = {value: n for value, n in counts[facet].items() if n}
        for value in (filters or {}).get(facet, []):
            want.setdefault(value, 0)
        assert got == want, facet
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
]


def _gemeente_met_diensten(specs):
    counts = {}
    for spec in specs:
        for code in spec["gemeenten"]:
            counts[code] = counts.get(code, 0) + 1
    return max(counts, key=counts.get)


def _order(specs, key):
    return [s["pk"] for s in sorted(specs, key=key)]


def _all_pages(**params):
    first = search(page_size=MAX_PAGE_SIZE, **params)
    pks = [d.pk for d in first.diensten]
    for page in range(2, first.num_pages + 1):
        pks += [d.pk for d in search(page_size=MAX_PAGE_SIZE, page=page, **params).diensten]
    return pks


BAD_INPUT = [
    ("doelgroep=marsmannetjes", "doelgroep"),
    ("thema=ouderen", "thema"),
    ("kosten=goedkoop", "kosten"),
    ("bereik=overal", "bereik"),
    ("erkenning=effectief&erkenning=heel-goed", "erkenning"),
    ("leeftijd=oud", "leeftijd"),
    ("leeftijd=-1", "leeftijd"),
    ("leeftijd=121", "leeftijd"),
    ("leeftijd=6.5", "leeftijd"),
    ("sort=prijs", "sort"),
    ("page_size=101", "page_size"),
    ("page_size=0", "page_size"),
    ("page_size=veel", "page_size"),
    ("gemeente=GM9999", "gemeente"),
    ("gemeente=Atlantis", "gemeente"),
    ("page=0", "page"),
    ("page=een", "page"),
]


NASTY_TEXT = [
    '"',
    "'",
    "*",
    "AND",
    "OR NOT",
    "NEAR(a b)",
    "(",
    ":",
    "^",
    "-",
    'a"b',
    "naam:koffie",
    "wandel*",
    "😀",
    "x" * 500,
    "it's",
    "'s-Hertogenbosch",
    "\x00",
    "%",
    "_",
    "\\",
    "koffie OR 1=1",
    "<script>",
]


class TestOnGeneratedData:
    """Facets, sort, pages and query bounds on one generated data set (made once)."""

    def test_without_filters_every_live_service_and_plain_counts(self, db, kaart_dataset):
        result = search(page_size=100)
        assert_same_answer(result, kaart_dataset)
        assert result.count == len(kaart_dataset)
        assert result.backend == "database"
        assert set(result.facets) == set(FACETS)

    @pytest.mark.parametrize("facet", FACETS)
    def test_one_value_of_each_facet(self, db, kaart_dataset, facet):
        value = ALL_VOCABULARY_VALUES[facet][1]
        filters = {facet: [value]}
        result = search(filters)
        hits = assert_same_answer(result, kaart_dataset, filters)
        assert hits, "the data set should have services for this value"
        # Disjunctive: choosing a value keeps the other values of the same facet in view.
        assert len([w for w in result.facets[facet] if w.count]) > 1

    @pytest.mark.parametrize("facet", FACETS)
    def test_two_values_of_one_facet_are_or(self, db, kaart_dataset, facet):
        first, second = ALL_VOCABULARY_VALUES[facet][:2]
        one = search({facet: [first]}).count
        two = search({facet: [first, second]})
        assert_same_answer(two, kaart_dataset, {facet: [first, second]})
        assert two.count >= one

    @pytest.mark.parametrize("filters", COMBINATIONS)
    def test_across_facets_and_within_or(self, db, kaart_dataset, filters):
        result = search(filters, page_size=100)
        hits = assert_same_answer(result, kaart_dataset, filters)
        if result.count <= 100:
            assert {d.pk for d in result.diensten} == {s["pk"] for s in hits}

    @pytest.mark.parametrize(
        "filters",
        [{}, {"doelgroep": ["ouderen"]}, {"bereik": ["lokaal"], "kosten": ["gratis", "onbekend"]}],
    )
    @pytest.mark.parametrize("leeftijd", [None, 0, 15, 65, 120])
    def test_gemeente_and_leeftijd(self, db, kaart_dataset, filters, leeftijd):
        gemeente = _gemeente_met_diensten(kaart_dataset)
        result = search(filters, gemeente=gemeente, leeftijd=leeftijd, page_size=100)
        hits = assert_same_answer(
            result, kaart_dataset, filters, gemeente=gemeente, leeftijd=leeftijd
        )
        if "bereik" not in filters:
            assert any(s["landelijk"] for s in hits), "landelijke services count in every gemeente"

    def test_leeftijd_alone_respects_open_bounds(self, db, kaart_dataset):
        for leeftijd in (12, 27, 64, 99):
            assert_same_answer(search(leeftijd=leeftijd), kaart_dataset, leeftijd=leeftijd)

    @pytest.mark.parametrize("q", ["rouwgroep", "wandelgroep", "koffie", "vrijwilliger langs"])
    def test_text_with_and_without_filters(self, db, kaart_dataset, q):
        result = search(q=q)
        hits = assert_same_answer(result, kaart_dataset, q=q)
        assert hits
        filters = {"doelgroep": ["ouderen", "mantelzorgers"], "bereik": ["landelijk", "lokaal"]}
        assert_same_answer(search(filters, q=q), kaart_dataset, filters, q=q)

    def test_a_selected_value_without_services_is_still_listed(self, db, kaart_dataset):
        gemeente = _gemeente_met_diensten(kaart_dataset)
        result = search(
            {"kosten": ["gratis"], "bereik": ["lokaal"]}, q="rouwgroep", gemeente=gemeente
        )
        for facet, value in (("kosten", "gratis"), ("bereik", "lokaal")):
            waarde = next(w for w in result.facets[facet] if w.value == value)
            assert waarde.selected
        # Values without services (and not chosen) are left out.
        assert all(w.count or w.selected for ws in result.facets.values() for w in ws)

    def test_sort_naam_is_default_without_text(self, db, kaart_dataset):
        want = _order(kaart_dataset, lambda s: (s["naam"].lower(), s["naam"], s["pk"]))
        assert _all_pages() == want
        assert _all_pages(sort="naam") == want
        names = [s["naam"] for s in kaart_dataset]
        assert len(names) > len(set(names)), "the data set should have equal names (ties)"

    def test_sort_kosten_low_to_high_unknown_last_ties_on_naam(self, db, kaart_dataset):
        def key(s):
            unknown = s["kosten_bedrag"] is None
            return (unknown, s["kosten_bedrag"] or 0, s["naam"].lower(), s["naam"], s["pk"])

        got = _all_pages(sort="kosten")
        assert got == _order(kaart_dataset, key)
        by_pk = {s["pk"]: s for s in kaart_dataset}
        assert by_pk[got[-1]]["kosten_bedrag"] is None
        assert by_pk[got[0]]["kosten_bedrag"] == 0

    def test_sort_recent_newest_first_ties_on_naam(self, db, kaart_dataset):
        def key(s):
            date = s["laatst_gecontroleerd"]
            return (date is None, -(date.toordinal() if date else 0), s["naam"].lower(), s["pk"])

        assert _all_pages(sort="recent") == _order(kaart_dataset, key)

    def test_relevance_without_text_is_by_name(self, db, kaart_dataset):
        assert _all_pages(sort="relevantie")[:50] == _all_pages()[:50]

    def test_pages_cover_everything_once(self, db, kaart_dataset):
        size = 37
        first = search(page_size=size)
        assert first.num_pages == -(-len(kaart_dataset) // size)
        seen = []
        for page in range(1, first.num_pages + 1):
            result = search(page_size=size, page=page)
            assert result.page == page
            expected_len = (
                size if page < first.num_pages else len(kaart_dataset) - size * (page - 1)
            )
            assert len(result.diensten) == expected_len
            seen += [d.pk for d in result.diensten]
        assert sorted(seen) == sorted(s["pk"] for s in kaart_dataset)

    def test_page_edges(self, db, kaart_dataset):
        total = len(kaart_dataset)
        assert search().page_size == 20
        assert len(search().diensten) == 20
        assert len(search(page_size=1).diensten) == 1
        assert search(page_size=1).num_pages == total
        assert len(search(page_size=MAX_PAGE_SIZE).diensten) == MAX_PAGE_SIZE
        exact = search(page_size=80)  # the data set is 400: five full pages
        assert (exact.num_pages, len(search(page_size=80, page=5).diensten)) == (total // 80, 80)
        assert search(page_size=80, page=6).diensten == []
        past = search(page=search().num_pages + 1)
        assert past.diensten == [] and past.count == total
        far = search(page=999999999)
        assert far.diensten == [] and far.count == total

    def test_no_results_is_one_empty_page(self, db, kaart_dataset):
        result = search(q="onvindbaarwoord")
        assert (result.count, result.num_pages, result.diensten) == (0, 1, [])

    def test_number_of_queries_is_bounded(self, db, kaart_dataset, django_assert_max_num_queries):
        heaviest = {facet: ALL_VOCABULARY_VALUES[facet][:2] for facet in FACETS}
        params = build_params(
            heaviest, q="koffie", gemeente="GM0344", leeftijd=70, sort="relevantie"
        )
        with django_assert_max_num_queries(MAX_QUERIES):
            zoek_diensten(parse_zoekvraag(params))
        with django_assert_max_num_queries(MAX_QUERIES):
            result = search(page_size=100)
        # Reading every card's characteristics needs no more queries.
        with django_assert_max_num_queries(0):
            for dienst in result.diensten:
                for facet in STANDAARD_TERMEN:
                    dienst.terms(facet)
                dienst.gekoppeld("gemeenten")

    def test_queries_do_not_grow_with_selections(self, db, kaart_dataset):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from kaart.queries import alle_termen

        alle_termen()  # the terms are read once per process, not per search
        sizes = []
        for filters in ({}, COMBINATIONS[0], COMBINATIONS[3]):
            with CaptureQueriesContext(connection) as ctx:
                search(filters)
            sizes.append(len(ctx.captured_queries))
        assert len(set(sizes)) == 1, sizes


# --- Small, hand-made cases ---------------------------------------------------------------


def test_text_finds_vocabulary_labels(db):
    dienst = DienstFactory(naam="Zonnebloemmiddag", termen={"thema": ["verlies-en-rouw"]})
    DienstFactory(naam="Iets anders")
    indexeer([dienst.pk, dienst.pk + 1])
    result = search(q="rouw")
    assert [d.pk for d in result.diensten] == [dienst.pk]


def test_drafts_are_not_found(db):
    live = DienstFactory(naam="Gepubliceerd")
    DienstFactory(naam="Concept", live=False)
    result = search()
    assert [d.pk for d in result.diensten] == [live.pk]
    assert sum(w.count for w in result.facets["bereik"]) == 1


def test_relevance_is_default_with_text_and_name_matches_first(db):
    in_text = DienstFactory(naam="Buurthuis", samenvatting="Ook een wandelclub op dinsdag.")
    in_name = DienstFactory(naam="Wandelclub De Stap", samenvatting="Samen lopen in het park.")
    DienstFactory(naam="Zwemmen", samenvatting="Baantjes trekken.")
    indexeer([in_text.pk, in_name.pk])
    result = search(q="wandelclub")
    assert result.zoekvraag.sort == "relevantie"
    assert [d.pk for d in result.diensten] == [in_name.pk, in_text.pk]
    # Explicitly sorted by name, the same two in A-Z order.
    assert [d.pk for d in search(q="wandelclub", sort="naam").diensten] == [in_text.pk, in_name.pk]


def test_relevance_ties_break_on_naam(db):
    alfa = DienstFactory(naam="Alfa", samenvatting="Een gezellige soepmiddag.")
    bravo = DienstFactory(naam="Bravo", samenvatting="Een gezellige soepmiddag.")
    charlie = DienstFactory(naam="Charlie", samenvatting="Een gezellige soepmiddag.")
    indexeer([alfa.pk, bravo.pk, charlie.pk])
    result = search(q="soepmiddag")
    assert [d.naam for d in result.diensten] == ["Alfa", "Bravo", "Charlie"]


@pytest.mark.parametrize(("query", "parameter"), BAD_INPUT)
def test_bad_input_names_the_parameter(db, query, parameter):
    with pytest.raises(KaartParamError) as info:
        parse_zoekvraag(QueryDict(query))
    assert info.value.parameter == parameter
    assert info.value.message


def test_empty_values_are_absent_and_repeats_fold(db):
    zv = parse_zoekvraag(
        QueryDict(
            "q=&gemeente=&leeftijd=&sort=&page=&page_size=&doelgroep=&doelgroep=ouderen"
            "&doelgroep=ouderen&bereik= lokaal "
        )
    )
    assert zv.q == "" and zv.gemeente is None and zv.leeftijd is None
    assert (zv.sort, zv.page, zv.page_size) == ("naam", 1, 20)
    assert zv.filters == {"doelgroep": ["ouderen"], "bereik": ["lokaal"]}


def test_gemeente_by_code_in_any_case_or_by_exact_name(db):
    assert parse_zoekvraag(QueryDict("gemeente=gm0344")).gemeente.naam == "Utrecht"
    assert parse_zoekvraag(QueryDict("gemeente=utrecht")).gemeente.code == "GM0344"
    assert parse_zoekvraag(QueryDict("gemeente=%27s-Hertogenbosch")).gemeente.code == "GM0796"


def test_limits_that_are_allowed(db):
    zv = parse_zoekvraag(QueryDict("leeftijd=0&page_size=100&page=7&sort=recent"))
    assert (zv.leeftijd, zv.page_size, zv.page, zv.sort) == (0, 100, 7, "recent")
    assert parse_zoekvraag(QueryDict("leeftijd=120")).leeftijd == 120
    assert parse_zoekvraag(QueryDict("q=koffie")).sort == "relevantie"
    assert set(SORTS) == {"relevantie", "naam", "kosten", "recent", "afstand"}


def test_querydict_is_canonical_and_round_trips(db):
    zv = parse_zoekvraag(
        QueryDict(
            "page=2&kosten=gratis&doelgroep=ouderen&q=koffie&gemeente=gm0344&leeftijd=70"
            "&doelgroep=jongeren&sort=naam&utm_source=poster"
        )
    )
    canonical = zv.to_querydict()
    assert canonical.urlencode() == (
        "q=koffie&doelgroep=ouderen&doelgroep=jongeren&kosten=gratis&gemeente=GM0344"
        "&leeftijd=70&sort=naam&page=2"
    )
    again = parse_zoekvraag(canonical)
    assert (again.q, again.filters, again.gemeente, again.leeftijd, again.sort, again.page) == (
        zv.q,
        zv.filters,
        zv.gemeente,
        zv.leeftijd,
        zv.sort,
        zv.page,
    )
    assert zv.with_value("plek", "online") == (
        "q=koffie&doelgroep=ouderen&doelgroep=jongeren&plek=online&kosten=gratis"
        "&gemeente=GM0344&leeftijd=70&sort=naam"
    )
    assert "page=" not in zv.with_value("plek", "online")
    assert zv.without_value("doelgroep", "ouderen") == (
        "q=koffie&doelgroep=jongeren&kosten=gratis&gemeente=GM0344&leeftijd=70&sort=naam"
    )
    assert "gemeente" not in zv.without_value("gemeente")
    assert zv.without_all() == "q=koffie&sort=naam"
    assert zv.with_sort("relevantie") == (
        "q=koffie&doelgroep=ouderen&doelgroep=jongeren&kosten=gratis&gemeente=GM0344&leeftijd=70"
    )
    assert zv.with_page(3).endswith("page=3")


def test_active_filters_are_chips_with_labels(db):
    result = zoek_diensten(
        parse_zoekvraag(QueryDict("doelgroep=ouderen&kosten=gratis&gemeente=GM0344&leeftijd=70"))
    )
    chips = [(c.parameter, c.label) for c in result.actieve_filters]
    assert chips == [
        ("doelgroep", "Ouderen (65+)"),
        ("kosten", "Gratis"),
        ("gemeente", "Utrecht"),
        ("leeftijd", "70 jaar"),
    ]
    assert result.actieve_filters[0].remove_query == "kosten=gratis&gemeente=GM0344&leeftijd=70"


@pytest.mark.parametrize("text", NASTY_TEXT)
def test_any_text_is_safe(db, text):
    DienstFactory(naam="Koffie in het buurthuis")
    result = search(q=text)
    assert result.count >= 0
    assert len(result.zoekvraag.q) <= 200


def test_punctuation_only_is_no_text(db):
    assert parse_zoekvraag(QueryDict("q=%27+-+%22")).q == ""


def test_many_text_matches_stay_a_subquery(db, monkeypatch):
    from django.db import connection

    from kaart.queries import database

    if connection.vendor != "sqlite":
        pytest.skip("the parameter limit is SQLite's; PostgreSQL has no such list limit here")

    soep = [DienstFactory(naam=f"Soepmiddag {i}", samenvatting="Soep eten.") for i in range(6)]
    indexeer([d.pk for d in soep])
    as_list = search(q="soepmiddag", sort="naam")
    assert database._max_ids() > 999  # more than Django's old SQLite assumption, or no limit
    monkeypatch.setattr(database, "MAX_IDS", 3)  # the 6 matches do not fit in a list
    assert database._max_ids() == 3
    as_subquery = search(q="soepmiddag", sort="naam")
    assert as_subquery.count == as_list.count == 6
    assert [d.pk for d in as_subquery.diensten] == [d.pk for d in as_list.diensten]
    assert [d.naam for d in as_list.diensten] == [f"Soepmiddag {i}" for i in range(6)]


def test_loaded_characteristics_leave_the_relations_as_they_are(db):
    """The terms a search loads for its page are only read from; the relations still answer
    every query as the database does (once, the loader's querysets yielded every term of the
    vocabulary to ``iterator()`` and updated them all with ``update()``)."""
    from kaart.models import Term

    dienst = DienstFactory(
        naam="Koffie-ochtend", termen={"doelgroep": ["ouderen"]}, gemeente_codes=["GM0344"]
    )
    DienstFactory(naam="Iets anders", termen={"doelgroep": ["mantelzorgers"]})
    (gevonden,) = [d for d in search().diensten if d.pk == dienst.pk]

    assert [term.slug for term in gevonden.terms("doelgroep")] == ["ouderen"]
    assert [term.slug for term in gevonden.doelgroep.iterator()] == ["ouderen"]
    assert [term.slug for term in gevonden.doelgroep.filter(slug__startswith="o")] == ["ouderen"]
    assert gevonden.doelgroep.count() == 1
    assert [g.code for g in gevonden.gekoppeld("gemeenten")] == ["GM0344"]
    assert [g.code for g in gevonden.gemeenten.iterator()] == ["GM0344"]

    assert gevonden.doelgroep.update(label="Ouderen en senioren") == 1
    assert Term.objects.filter(label="Ouderen en senioren").count() == 1


def test_terms_are_kept_until_a_term_changes(db, django_assert_num_queries):
    from kaart.models import Term, laad_standaard_termen
    from kaart.queries import KaartParamError, alle_termen

    eerste = alle_termen()
    with django_assert_num_queries(0):
        assert alle_termen() is eerste
    ouderen = Term.objects.get(vocabulaire="doelgroep", slug="ouderen")
    ouderen.label = "Senioren"
    ouderen.save()
    assert alle_termen()["doelgroep"]["ouderen"].label == "Senioren"
    buren = Term.objects.create(vocabulaire="doelgroep", slug="buren", label="Buren")
    assert parse_zoekvraag(QueryDict("doelgroep=buren")).filters == {"doelgroep": ["buren"]}
    buren.delete()
    with pytest.raises(KaartParamError):
        parse_zoekvraag(QueryDict("doelgroep=buren"))
    # The default terms come back in one bulk insert, which sends no signals.
    Term.objects.filter(vocabulaire="doelgroep", slug="ouderen").delete()
    assert "ouderen" not in alle_termen()["doelgroep"]
    assert laad_standaard_termen() == 1
    assert "ouderen" in alle_termen()["doelgroep"]


def test_terms_are_read_each_time_without_a_cache(db, settings, django_assert_num_queries):
    from kaart.queries import alle_termen

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    alle_termen()
    with django_assert_num_queries(1):
        alle_termen()


def test_terms_are_read_each_time_when_the_cache_is_not_shared(
    db, settings, django_assert_num_queries
):
    """Without Redis each gunicorn worker has its own cache: a term saved in one would go
    unseen by the others, so nothing is kept per process."""
    from kaart.queries import alle_termen

    settings.KAART_VERSIES_GEDEELD = False
    alle_termen()
    with django_assert_num_queries(1):
        alle_termen()


def test_a_database_search_takes_four_queries_at_most(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kaart.queries import alle_termen
    from search.vocabulary import vocabulary

    dienst = DienstFactory(
        naam="Koffieochtend", termen={"doelgroep": ["ouderen"], "plek": ["aan-huis"]}
    )
    indexeer([dienst.pk])
    alle_termen(), vocabulary()  # the terms and the known words: read once per process
    params = QueryDict("q=koffie&doelgroep=iedereen&doelgroep=jongeren&plek=aan-huis")
    with CaptureQueriesContext(connection) as ctx:
        result = zoek_diensten(parse_zoekvraag(params))
    # The text matches, the total with every facet's counts, the page and its characteristics.
    assert len(ctx.captured_queries) <= 4, [q["sql"][:120] for q in ctx.captured_queries]
    # It fails only the doelgroep: it counts for the doelgroep's values alone.
    doelgroep = {w.value: w.count for w in result.facets["doelgroep"]}
    plek = [(w.value, w.count) for w in result.facets["plek"]]
    assert (result.count, doelgroep["ouderen"], plek) == (0, 1, [("aan-huis", 0)])
