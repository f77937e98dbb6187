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
    """Every dependency answers; 503 names the ones that do not."""
    checks = {}
    healthy = True
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
            healthy = False
    search = engine_status()
    checks["search"] = search
    if search == "error":
        healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
