"""The engine choice at run time: which backend answers, and the fallback to the database.

Every search in the portal goes through :func:`run_search` (or, for the kaart, through
:mod:`search.facets`), which tries the configured engine and, when it is unreachable or errors,
answers from Wagtail's database backend instead, logs a warning and says so (``degraded``).
"""

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

_backends: dict[tuple, Any] = {}
_lock = threading.Lock()


def engine_configured() -> bool:
    return bool(getattr(settings, "SEARCH_URL", ""))


def engine_name() -> str:
    """``database``, ``opensearch`` or ``elasticsearch``: the name the API reports."""
    if not engine_configured():
        return "database"
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "opensearch" if "opensearch" in backend else "elasticsearch"


def get_backend(name: str = "default"):
    """The search backend ``name`` of ``WAGTAILSEARCH_BACKENDS``, made once per process.

    Wagtail's ``get_search_backend`` builds a new backend, and so a new engine client with its
    own connection pool, on every call; a search should reuse one.
    """
    key = (name, os.getpid())
    backend = _backends.get(key)
    if backend is None:
        with _lock:
            backend = _backends.get(key)
            if backend is None:
                backend = get_search_backend(name)
                _backends[key] = backend
    return backend


@receiver(setting_changed)
def _forget_backends(setting, **kwargs):
    if setting in ("WAGTAILSEARCH_BACKENDS", "SEARCH_URL"):
        _backends.clear()


@dataclass
class SearchOutcome:
    value: Any
    backend: str
    degraded: bool = False


def log_fallback(exc: Exception) -> None:
    logger.warning(
        "Search engine failed (%s: %s); answering from the database",
        exc.__class__.__name__,
        str(exc)[:200],
    )


def run_search(fn: Callable[[Any], Any]) -> SearchOutcome:
    """Call ``fn(backend)`` on the engine; on any engine failure, call it on the database backend.

    ``fn`` must evaluate its results (slice, count, list), so that errors surface here.
    """
    if engine_configured():
        try:
            return SearchOutcome(fn(get_backend("default")), engine_name())
        except Exception as exc:  # the engine may fail in many ways; the page must not
            log_fallback(exc)
            return SearchOutcome(fn(get_backend("database")), "database", degraded=True)
    return SearchOutcome(fn(get_backend("default")), "database")


def engine_status() -> str:
    """``database`` when no engine is configured, else ``ok`` or ``error``."""
    if not engine_configured():
        return "database"
    try:
        backend = get_backend("default")
        client = getattr(backend, "es", None) or getattr(backend, "client", None)
        return "ok" if client is not None and client.ping() else "error"
    except Exception:  # reported, never raised
        return "error"
