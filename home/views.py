"""Health checks for the process manager and the load balancer."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.engine import engine_status

logger = logging.getLogger(__name__)


@never_cache
def health_live(request):
    """The process answers: nothing else is checked."""
    return JsonResponse({"status": "ok"})


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache():
    cache.set("health-check", "ok", 5)
    if cache.get("health-check") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_broker():
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        return "eager"
    from portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
def health_ready(request):
    """Whether this process can serve visitors, and how every dependency answers.

    Without the database nothing works: 503 ``error``. Without the cache, the broker or the search
    engine the site still serves pages (uncached, tasks run at once, the kaart searches the
    database), so the answer is 200 ``degraded`` with the failing ones named ``error``.
    """
    checks = {}
    for name, check in (
        ("database", _check_database),
        ("cache", _check_cache),
        ("broker", _check_broker),
    ):
        try:
            checks[name] = check() or "ok"
        except Exception as exc:  # a health check reports, it never raises
            logger.warning("health check %s failed: %s", name, exc.__class__.__name__)
            checks[name] = "error"
    checks["search"] = engine_status()
    if checks["database"] == "error":
        status = "error"
    elif "error" in checks.values():
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "error" else 200
    )
