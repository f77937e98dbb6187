"""Fixtures for the search tests (helpers in ``support.py``)."""

import pytest

from tests.services import require_search_engine

from .support import engine_prefix, engine_settings


@pytest.fixture(autouse=True)
def kaart_basisgegevens(request):
    """The kaart's default terms and the gemeenten, also after a flush by a transactional test."""
    for name in ("db", "transactional_db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            from kaart.models import zorg_voor_basisgegevens

            zorg_voor_basisgegevens()
            break


@pytest.fixture(autouse=True)
def _fresh_search_state():
    """No word list and no remembered engine failure carried over from another test."""
    from search import engine, vocabulary

    vocabulary.invalidate()
    engine._engine_failed.clear()
    yield
    vocabulary.invalidate()
    engine._engine_failed.clear()


@pytest.fixture
def engine():
    """The engine as default search backend (the database stays as fallback); its backend."""
    url = require_search_engine()
    with engine_settings(url, engine_prefix()):
        from modelsearch.index import get_indexed_models

        from search.engine import get_backend

        backend = get_backend("default")
        # As after ``update_index`` on a new site: every model's index exists, if empty.
        for model in get_indexed_models():
            backend.ensure_index(model)
        yield backend


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def backend_name(request):
    """Run a test once on the database backend and once on the engine."""
    if request.param == "engine":
        request.getfixturevalue("engine")
    return request.param
