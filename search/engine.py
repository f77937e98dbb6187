"""The engine choice at run time: which backend answers, and the fallback to the database.

Every search in the portal goes through :func:`run_search`, which tries the configured engine and,
when it is unreachable or errors, answers from Wagtail's database backend instead, logs a warning
and says so (``degraded``). A search that builds its own engine request (the kaart's) does the same
with :func:`engine_configured`, :func:`log_fallback` and :func:`engine_ok`.
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

from portal.celery import task

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


_engine_failed = threading.Event()


def log_fallback(exc: Exception) -> None:
    """Say that the engine failed and the database answers; remember it for :func:`engine_ok`."""
    _engine_failed.set()
    logger.warning(
        "Search engine failed (%s: %s); answering from the database",
        exc.__class__.__name__,
        str(exc)[:200],
    )


def engine_ok() -> None:
    """The engine answered. If it had failed before, have the index changes it missed done."""
    if _engine_failed.is_set():
        _engine_failed.clear()
        logger.info("Search engine answers again; catching up on index changes")
        try:
            task("search.zoekindex_achterstand").delay(ouder_dan=0)
        except Exception as exc:  # the broker is down too: the periodic task will do it
            logger.warning("Could not queue the index catch-up (%s)", exc)


def run_search(fn: Callable[[Any], Any]) -> SearchOutcome:
    """Call ``fn(backend)`` on the engine; on any engine failure, call it on the database backend.

    ``fn`` must evaluate its results (slice, count, list), so that errors surface here.
    """
    if engine_configured():
        try:
            outcome = SearchOutcome(fn(get_backend("default")), engine_name())
        except Exception as exc:  # the engine may fail in many ways; the page must not
            log_fallback(exc)
            return SearchOutcome(fn(get_backend("database")), "database", degraded=True)
        engine_ok()
        return outcome
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
