"""Putting services in the database search backends' index at once (runtime code, no test tools).

Used by the demo loader, the test factories and the benchmark alike.
"""

from __future__ import annotations

from django.conf import settings
from wagtail.search.backends import get_search_backend

from .models import ENKELVOUDIG, MEERVOUDIG, Dienst


def indexeer(pks: list[int], batch_size: int = 1000) -> None:
    """Put services in the index of every database search backend now, not after a commit.

    Search engines (OpenSearch, Elasticsearch) are left to the normal indexing after a save; the
    database backends answer the kaart's text search and must see new rows at once.
    """
    # Database backends of one class share their index tables: index into each class once.
    backends = {}
    for alias in settings.WAGTAILSEARCH_BACKENDS:
        backend = get_search_backend(alias)
        if any(".database" in cls.__module__ for cls in type(backend).__mro__):
            backends.setdefault(type(backend), backend)
    for start in range(0, len(pks), batch_size):
        batch = list(
            Dienst.objects.filter(pk__in=pks[start : start + batch_size])
            .select_related(*ENKELVOUDIG)
            .prefetch_related(*MEERVOUDIG)
        )
        for backend in backends.values():
            backend.add_bulk(Dienst, batch)
