"""One engine request per kaart search: the results, the total and every facet's counts.

The requests are counted where they leave the client (its transport's ``perform_request``).
"""

import json

import pytest
from django.http import QueryDict

from kaart.factories import genereer_specs, maak_diensten
from kaart.queries import FACETS, parse_zoekvraag, zoek_diensten
from search.engine import engine_name
from search.facets import KaartEngineQuery

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


def test_the_request_has_a_post_filter_and_an_aggregation_per_facet(data):
    zoekvraag = parse_zoekvraag(QueryDict("doelgroep=ouderen&doelgroep=jongeren&kosten=gratis"))
    body = KaartEngineQuery(zoekvraag, FACETS, data).body()
    assert set(body["aggs"]) == set(FACETS)
    selections = body["post_filter"]["bool"]["filter"]
    assert len(selections) == 2
    # Each facet's count is filtered by the OTHER facets' selections only.
    doelgroep_filter = json.dumps(body["aggs"]["doelgroep"]["filter"])
    assert "doelgroep_filter" not in doelgroep_filter and "kosten_bedrag_filter" in doelgroep_filter
    kosten_filter = json.dumps(body["aggs"]["kosten"]["filter"])
    assert "doelgroep_filter" in kosten_filter and "kosten_bedrag_filter" not in kosten_filter
    thema_filter = json.dumps(body["aggs"]["thema"]["filter"])
    assert "doelgroep_filter" in thema_filter and "kosten_bedrag_filter" in thema_filter
    # The selections narrow the hits (post_filter), never the query the counts come from.
    assert "doelgroep_filter" not in json.dumps(body["query"])
