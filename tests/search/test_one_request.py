"""One engine request per kaart search: the results, the total and every facet's counts.

The requests are counted where they leave the client (its transport's ``perform_request``).
"""

import json

import pytest
from django.http import QueryDict

from kaart.factories import genereer_specs, maak_diensten
from kaart.queries import FACETS, parse_zoekvraag, zoek_diensten
from kaart.queries.engine import SHARED, KaartEngineQuery
from search.engine import engine_name

from .support import index_diensten

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

# The SQL around the engine request: terms, the gemeente, the page's services and their terms.
MAX_QUERIES = 14

SEARCHES = [
    "",
    "q=koffie",
    "q=senioren&doelgroep=ouderen&doelgroep=jongeren&kosten=gratis",
    "thema=verlies-en-rouw&plek=aan-huis&plek=telefonisch&vorm=groep&bereik=lokaal",
    "gemeente=GM0344&leeftijd=70&sort=kosten",
    "q=eenzaamheit&sort=recent&page=2&page_size=5",
    "q=onvindbaarwoord",
]


@pytest.fixture
def data(engine):
    diensten = maak_diensten(genereer_specs(60, seed=99))
    index_diensten(engine, [d.pk for d in diensten])
    return engine


@pytest.fixture
def requests_to(data):
    sent = []
    transport = data.es.transport
    original = transport.perform_request

    def counting(method, url, *args, **kwargs):
        sent.append((method, url, kwargs.get("body")))
        return original(method, url, *args, **kwargs)

    transport.perform_request = counting
    yield sent
    transport.perform_request = original


@pytest.mark.parametrize("params", SEARCHES)
def test_one_request_per_search(requests_to, params, django_assert_max_num_queries):
    zoekvraag = parse_zoekvraag(QueryDict(params))
    with django_assert_max_num_queries(MAX_QUERIES):
        result = zoek_diensten(zoekvraag)
    assert result.backend == engine_name() and not result.degraded
    assert len(requests_to) == 1
    method, url, _body = requests_to[0]
    assert method in ("GET", "POST") and url.endswith("/_search")


def test_the_request_has_a_post_filter_and_disjunctive_aggregations(data):
    zoekvraag = parse_zoekvraag(QueryDict("doelgroep=ouderen&doelgroep=jongeren&kosten=gratis"))
    body = KaartEngineQuery(zoekvraag, FACETS, data).body()
    # One aggregation for the facets without a selection, one for each selected facet.
    assert set(body["aggs"]) == {SHARED, "doelgroep", "kosten"}
    selections = body["post_filter"]["bool"]["filter"]
    assert len(selections) == 2
    ouderen = f"doelgroep:{zoekvraag.termen['doelgroep']['ouderen'].pk}"
    assert {"terms": {"facet_waarden_filter": ["kosten:gratis"]}} in selections
    # Each facet is counted on the hits narrowed by the OTHER facets' selections only.
    doelgroep = json.dumps(body["aggs"]["doelgroep"]["filter"])
    assert ouderen not in doelgroep and "kosten:gratis" in doelgroep
    assert body["aggs"]["doelgroep"]["aggs"]["v"]["terms"]["include"] == "doelgroep:.*"
    kosten = json.dumps(body["aggs"]["kosten"]["filter"])
    assert ouderen in kosten and "kosten:gratis" not in kosten
    shared = json.dumps(body["aggs"][SHARED]["filter"])
    assert ouderen in shared and "kosten:gratis" in shared
    # The selections narrow the hits (post_filter), not the query the counts come from; that
    # only leaves out the documents that fail two selections (the last filter, tested below).
    assert ouderen not in json.dumps(body["query"]["bool"]["filter"][:-1])


def test_a_search_without_selections_counts_every_facet_in_one_aggregation(data):
    body = KaartEngineQuery(parse_zoekvraag(QueryDict("q=koffie")), FACETS, data).body()
    assert body["aggs"] == {SHARED: {"terms": body["aggs"][SHARED]["terms"]}}
    assert "post_filter" not in body


def test_documents_that_fail_two_selections_are_left_out_of_the_query(data):
    two = KaartEngineQuery(
        parse_zoekvraag(QueryDict("doelgroep=ouderen&kosten=gratis&plek=aan-huis")), FACETS, data
    ).body()
    sideways = two["query"]["bool"]["filter"][-1]["bool"]
    assert sideways["minimum_should_match"] == 2
    assert sideways["should"] == two["post_filter"]["bool"]["filter"]
    one = KaartEngineQuery(parse_zoekvraag(QueryDict("kosten=gratis")), FACETS, data).body()
    assert "minimum_should_match" not in json.dumps(one["query"])


def test_the_index_keeps_the_services_in_the_default_order(data):
    from kaart.models import Dienst

    index = data.get_index_for_model(Dienst).name
    settings = data.es.indices.get_settings(index=index)
    (index_settings,) = [value["settings"]["index"] for value in settings.values()]
    assert index_settings["sort"]["field"] == ["naam_filter.sort", "naam_filter", "pk_sort"]
    assert index_settings["sort"]["order"] == ["asc", "asc", "asc"]


def test_an_index_without_the_facet_values_is_not_trusted(engine, monkeypatch, caplog):
    """An index built before ``facet_waarden`` existed (no ``update_index`` after a deploy) would
    give empty counts; the kaart answers from the database instead and says so."""
    from kaart.models import Dienst

    diensten = maak_diensten(genereer_specs(12, seed=7))
    monkeypatch.setattr(Dienst, "facet_waarden", lambda self: [])
    index_diensten(engine, [d.pk for d in diensten])
    monkeypatch.undo()
    result = zoek_diensten(parse_zoekvraag(QueryDict("")))
    assert result.degraded and result.backend == "database" and result.count == 12
    assert "run update_index" in caplog.text
