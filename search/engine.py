"""The engine choice at run time: which backend answers, and the fallback to the database.

Every search in the portal goes through :func:`run_search`, which tries the configured engine and,
when it is unreachable or errors, answers from Wagtail's database backend instead and says so.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def engine_configured() -> bool:
    return bool(getattr(settings, "SEARCH_URL", ""))


def engine_name() -> str:
    """``database``, ``opensearch`` or ``elasticsearch``: the name the API reports."""
    if not engine_configured():
        return "database"
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "opensearch" if "opensearch" in backend else "elasticsearch"


@dataclass
class SearchOutcome:
    value: Any
    backend: str
    degraded: bool = False


def run_search(fn: Callable[[Any], Any]) -> SearchOutcome:
    """Call ``fn(backend)`` on the engine; on any engine failure, call it on the database backend.

    ``fn`` must evaluate its results (slice, count, list), so that errors surface here.
    """
    if engine_configured():
        try:
            return SearchOutcome(fn(get_search_backend("default")), engine_name())
        except Exception as exc:  # the engine may fail in many ways; the page must not
            logger.warning("Search engine failed (%s); answering from the database", exc)
            return SearchOutcome(fn(get_search_backend("database")), "database", degraded=True)
    return SearchOutcome(fn(get_search_backend("default")), "database")


def engine_status() -> str:
    """``database`` when no engine is configured, else ``ok`` or ``error``."""
    if not engine_configured():
        return "database"
    try:
        backend = get_search_backend("default")
        client = getattr(backend, "es", None) or getattr(backend, "client", None)
        return "ok" if client is not None and client.ping() else "error"
    except Exception:  # reported, never raised
        return "error"
