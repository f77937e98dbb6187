"""Which search engine the portal uses, chosen by one environment variable, ``SEARCH_URL``.

The scheme names the engine (and so Wagtail's backend); ``+https`` asks for TLS:

=======================================  =====================================================
``SEARCH_URL``                           backend
=======================================  =====================================================
(unset)                                  the database (SQLite or PostgreSQL; embedded default)
``opensearch://host:9200``               ``opensearch2`` (opensearch-py 2.x)
``opensearch3://host:9200``              ``opensearch3`` (needs opensearch-py 3.x)
``elasticsearch://host:9200``            ``elasticsearch8`` (needs elasticsearch-py 8.x)
``elasticsearch7://``, ``…9://``         ``elasticsearch7`` / ``elasticsearch9``
``opensearch+https://user:pw@host:443``  TLS, with credentials
=======================================  =====================================================

Each is Wagtail's backend of that name with the portal's Dutch analysis (``search.backends``).

This module imports nothing from Django, so settings can use it.
"""

from urllib.parse import urlsplit, urlunsplit

ENGINE_BACKENDS = {
    "opensearch": "search.backends.opensearch2",
    "opensearch2": "search.backends.opensearch2",
    "opensearch3": "search.backends.opensearch3",
    "elasticsearch": "search.backends.elasticsearch8",
    "elasticsearch7": "search.backends.elasticsearch7",
    "elasticsearch8": "search.backends.elasticsearch8",
    "elasticsearch9": "search.backends.elasticsearch9",
}

DATABASE_BACKEND = {"BACKEND": "search.backends.database"}


def search_backends_from_url(url: str, index_prefix: str = "portal_") -> dict:
    """Build ``WAGTAILSEARCH_BACKENDS`` from ``SEARCH_URL``.

    The engine, when there is one, is ``default``; the database backend is always there as
    ``database``, the fallback the portal answers from when the engine is unreachable.
    """
    if not url:
        return {"default": dict(DATABASE_BACKEND), "database": dict(DATABASE_BACKEND)}
    parts = urlsplit(url)
    engine, _, transport = parts.scheme.partition("+")
    if engine not in ENGINE_BACKENDS:
        known = ", ".join(sorted(ENGINE_BACKENDS))
        raise ValueError(f"SEARCH_URL scheme {engine!r} is not one of: {known}")
    http_url = urlunsplit((transport or "http", parts.netloc, parts.path, "", ""))
    engine_config = {
        "BACKEND": ENGINE_BACKENDS[engine],
        "URLS": [http_url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 5,
        "OPTIONS": {"max_retries": 0},
        "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}},
    }
    return {"default": engine_config, "database": dict(DATABASE_BACKEND)}
