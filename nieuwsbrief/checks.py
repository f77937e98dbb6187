"""Deployment checks (``manage.py check --deploy``) for what the nieuwsbrief needs in production."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


@register("nieuwsbrief", deploy=True)
def check_nieuwsbrief(app_configs, **kwargs):
    problems = []
    if urlsplit(settings.SITE_URL).scheme != "https":
        problems.append(
            Warning(
                "SITE_URL is not https: the one-click unsubscribe of RFC 8058 needs https links.",
                id="nieuwsbrief.W001",
            )
        )
    if settings.CELERY_BROKER_URL and "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        problems.append(
            Warning(
                "The cache is per process: the nieuwsbrief's send rate is then counted per worker.",
                hint="Set REDIS_URL so all workers share one rate limit.",
                id="nieuwsbrief.W002",
            )
        )
    if not settings.NIEUWSBRIEF_HASH_KEY:
        problems.append(
            Warning(
                "NIEUWSBRIEF_HASH_KEY is not set: the suppression list is keyed with SECRET_KEY "
                "and would be lost when SECRET_KEY is rotated.",
                id="nieuwsbrief.W003",
            )
        )
    return problems
