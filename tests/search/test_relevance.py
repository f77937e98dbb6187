"""Relevance on both backends: the set of ``relevance.py`` with its pass bar."""

import pytest
from django.db import transaction
from django.http import QueryDict

from kaart.factories import DienstFactory
from kaart.queries import parse_zoekvraag, zoek_diensten
from search.engine import engine_name

from .relevance import DIENSTEN, PASS_BAR, QUERIES, TOP
from .support import backend_context


@pytest.fixture(
    scope="module", params=["database", pytest.param("engine", marks=pytest.mark.engine)]
)
def relevance_set(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), backend_context(request.param), transaction.atomic():
        from kaart.models import Dienst, zorg_voor_basisgegevens

        zorg_voor_basisgegevens()
        for naam, samenvatting, beschrijving, termen in DIENSTEN:
            DienstFactory(
                naam=naam,
                samenvatting=samenvatting,
                beschrijving=f"<p>{beschrijving}</p>",
                aanbieder="",
                termen=termen,
            )
        if request.param == "engine":
            from search.engine import get_backend

            backend = get_backend("default")
            backend.es.indices.refresh(index=backend.get_index_for_model(Dienst).name)
        yield request.param
        transaction.set_rollback(True)


def top(q, n=TOP):
    params = QueryDict(mutable=True)
    params["q"] = q
    result = zoek_diensten(parse_zoekvraag(params))
    return [d.naam for d in result.diensten[:n]], result


@pytest.mark.django_db
def test_expected_results_are_in_the_top_three(relevance_set):
    misses = []
    for q, wanted, case in QUERIES:
        names, result = top(q)
        assert result.backend == ("database" if relevance_set == "database" else engine_name())
        if not wanted & set(names):
            misses.append(f"{q!r} ({case}): {names}, wanted one of {sorted(wanted)}")
    rate = 1 - len(misses) / len(QUERIES)
    assert len(QUERIES) >= 30
    assert rate >= PASS_BAR, f"{rate:.0%} in the top {TOP}; misses:\n" + "\n".join(misses)


@pytest.mark.django_db
def test_an_exact_name_comes_first(relevance_set):
    for naam, *_ in DIENSTEN:
        names, _ = top(naam, n=1)
        assert names == [naam]


@pytest.mark.django_db
def test_ouders_never_brings_services_for_ouderen(relevance_set):
    names, result = top("ouders", n=100)
    assert names == ["Gezinscoach"]
