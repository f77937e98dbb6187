"""Helpers of the search tests: the engine under a private index prefix, and data on it.

Engine tests use ``SEARCH_TEST_URL`` (or ``SEARCH_URL``) through ``tests.services``: skipped
locally without an engine, failed in CI. Each test gets indexes under its own prefix, deleted
afterwards, so tests never see each other's documents (nor those of the node's other users).
"""

import os
import uuid
from contextlib import contextmanager, suppress

from django.db import transaction
from django.test import override_settings

from portal.searchconfig import search_backends_from_url
from tests.services import require_search_engine


def engine_prefix() -> str:
    return f"test_{os.getpid()}_{uuid.uuid4().hex[:8]}_"


def drop_indexes(prefix: str) -> None:
    from search.engine import get_backend

    client = get_backend("default").es
    for row in client.cat.indices(index=f"{prefix}*", format="json"):
        client.indices.delete(index=row["index"])


@contextmanager
def engine_settings(url: str, prefix: str):
    """Settings with the engine at ``url`` as the default backend, indexes under ``prefix``."""
    backends = search_backends_from_url(url, prefix)
    with override_settings(SEARCH_URL=url, WAGTAILSEARCH_BACKENDS=backends):
        try:
            yield
        finally:
            # a test that stopped its engine leaves nothing to clean
            with suppress(Exception):
                drop_indexes(prefix)


def index_in(backend, model, objects) -> None:
    """Put ``objects`` in ``backend``'s index of ``model`` now, and make them searchable."""
    objects = list(objects)
    if objects:
        backend.add_bulk(model, objects)
    if hasattr(backend, "es"):
        backend.es.indices.refresh(index=backend.get_index_for_model(model).name)


def index_diensten(backend, pks=None) -> None:
    from kaart.models import ENKELVOUDIG, MEERVOUDIG, Dienst

    queryset = Dienst.objects.select_related(*ENKELVOUDIG).prefetch_related(*MEERVOUDIG)
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    index_in(backend, Dienst, queryset)


@contextmanager
def dataset_on(backend: str, specs_factory):
    """Rows from ``specs_factory()`` in a transaction rolled back at the end, indexed in
    ``backend`` (and in the database index, which the kaart's database path uses)."""
    from kaart.factories import maak_diensten
    from kaart.models import zorg_voor_basisgegevens

    with transaction.atomic():
        zorg_voor_basisgegevens()
        specs = specs_factory()
        diensten = maak_diensten(specs)
        for spec, dienst in zip(specs, diensten, strict=True):
            spec["pk"] = dienst.pk
        if backend == "engine":
            from search.engine import get_backend

            index_diensten(get_backend("default"), [d.pk for d in diensten])
        yield specs
        transaction.set_rollback(True)


@contextmanager
def backend_context(backend: str):
    """Settings for ``backend``: nothing to change for the database, a private index otherwise."""
    if backend == "database":
        yield
        return
    url = require_search_engine()
    with engine_settings(url, engine_prefix()):
        yield
