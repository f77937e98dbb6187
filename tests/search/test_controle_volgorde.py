"""On both backends: a service "mogelijk niet meer actueel" sorts after current ones on equal
relevance, and stays findable (inzendingen.controle, docs/controle.md)."""

import datetime

import pytest
from django.http import QueryDict

from kaart.factories import DienstFactory, indexeer
from kaart.queries import parse_zoekvraag, zoek_diensten

from .support import index_diensten

pytestmark = pytest.mark.django_db


def _namen(query: str) -> list[str]:
    return [d.naam for d in zoek_diensten(parse_zoekvraag(QueryDict(query))).diensten]


def test_stale_after_current_on_equal_relevance(backend_name):
    oud = DienstFactory(
        naam="Zangkoor Aria",
        samenvatting="Samen zingen.",
        niet_actueel_sinds=datetime.date(2026, 2, 20),
    )
    actueel = DienstFactory(naam="Zangkoor Bloei", samenvatting="Samen zingen.")
    indexeer([oud.pk, actueel.pk])
    if backend_name == "engine":
        from search.engine import get_backend

        index_diensten(get_backend("default"), [oud.pk, actueel.pk])
    assert _namen("q=zangkoor") == ["Zangkoor Bloei", "Zangkoor Aria"]
    assert _namen("q=aria") == ["Zangkoor Aria"]
