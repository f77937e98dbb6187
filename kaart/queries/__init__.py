"""Searching the sociale kaart: parameters, filters, disjunctive facet counts, sort and pages.

The HTML page ``/kaart/`` and the JSON API both call :func:`parse_zoekvraag` and
:func:`zoek_diensten`, so they mean the same thing by the same URL (the contract is
``docs/kaart-contract.md``). One module per responsibility:

* :mod:`.zoekvraag` — the parameters, their limits and errors (:class:`Zoekvraag`);
* :mod:`.database` — the answer from the database (Wagtail's database backend and the ORM);
* :mod:`.engine` — the answer from the search engine, in one request;
* :mod:`.resultaat` — what both answer (:class:`KaartResultaat`, :func:`facet_waarden`);
* :mod:`.kenmerken` — the terms and gemeenten of a page of services, in one query.
"""

from __future__ import annotations

from search.engine import engine_configured, engine_ok, log_fallback

from .database import SEARCH_BACKEND, tekst_treffers, zoek_in_database
from .engine import zoek_in_engine
from .kenmerken import met_kenmerken
from .resultaat import ActiefFilter, FacetWaarde, KaartResultaat, facet_waarden
from .zoekvraag import (
    AFSTANDEN,
    DEFAULT_PAGE_SIZE,
    FACET_LABELS,
    FACETS,
    MAX_PAGE_SIZE,
    MAX_Q_LENGTH,
    SORTS,
    KaartParamError,
    Zoekvraag,
    alle_termen,
    parse_zoekvraag,
    schoon_q,
)

__all__ = [
    "AFSTANDEN",
    "DEFAULT_PAGE_SIZE",
    "FACETS",
    "FACET_LABELS",
    "MAX_PAGE_SIZE",
    "MAX_Q_LENGTH",
    "SEARCH_BACKEND",
    "SORTS",
    "ActiefFilter",
    "FacetWaarde",
    "KaartParamError",
    "KaartResultaat",
    "Zoekvraag",
    "alle_termen",
    "facet_waarden",
    "met_kenmerken",
    "parse_zoekvraag",
    "schoon_q",
    "tekst_treffers",
    "zoek_diensten",
]


def zoek_diensten(zoekvraag: Zoekvraag) -> KaartResultaat:
    """Answer a search: one page of live services, the total and every facet's counts.

    From the engine when one is configured; without one the database answers, and when the
    engine fails in any way the database answers too, with ``degraded`` set and a warning logged.
    """
    if not engine_configured():
        return zoek_in_database(zoekvraag)
    try:
        resultaat = zoek_in_engine(zoekvraag)
    except Exception as exc:  # whatever the engine does, the kaart answers
        log_fallback(exc)
        resultaat = zoek_in_database(zoekvraag)
        resultaat.degraded = True
        return resultaat
    engine_ok()
    return resultaat
