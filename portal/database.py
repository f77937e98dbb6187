"""An honest answer when the database is too busy to take a write, instead of an error page.

On SQLite (the embedded default) every write waits up to ``SQLITE_TIMEOUT`` seconds for the write
lock (see the database settings); ``DatabaseBusyMiddleware`` catches the rare write that still
finds the database locked. Its transaction was rolled back, so nothing half is stored; the visitor
gets status 503 with ``Retry-After`` and a Dutch page that holds what they sent, with one button
that sends it again. Passwords are never written back into a page, and files cannot be (the page
says so).
"""

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")
SECRET_FIELD_PARTS = ("password", "wachtwoord", "otp_token")


def is_database_busy(exc: BaseException) -> bool:
    """True for SQLite's "locked"/"busy" errors: a passing state, not a fault of the request."""
    return isinstance(exc, OperationalError) and any(
        message in str(exc).lower() for message in BUSY_MESSAGES
    )


def kept_fields(request) -> list[tuple[str, str]]:
    """The fields of a POST that the busy page sends back, in their order (no secrets)."""
    if request.method != "POST":
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not any(part in name.lower() for part in SECRET_FIELD_PARTS)
        for value in values
    ]


class DatabaseBusyMiddleware:
    """Turns "database is locked" into a 503 page that keeps the visitor's input."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning("Database busy: %s %s answered with 503", request.method, request.path)
        context = {
            "fields": kept_fields(request),
            "action": request.get_full_path(),
            "with_files": bool(request.method == "POST" and request.FILES),
            "retry_after": RETRY_AFTER_SECONDS,
        }
        try:
            html = render_to_string("portal/bezig.html", context, request)
        except Exception:  # the layout's own lookups failed too: the same page without it
            logger.exception("Database busy page could not use the site layout")
            html = render_to_string("portal/bezig_kaal.html", context)
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store, private"
        return response
