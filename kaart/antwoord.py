"""How the kaart's open APIs answer: JSON for anyone (CORS), preflights, and errors.

Three APIs share these answers: the kaart's contract at ``/api/kaart/`` (errors as
``{"error": ..., "parameter": ...}``), the versioned ``/api/v1/`` under the Dutch API Design
Rules and HSDS 3.0 at ``/api/hsds/`` (errors as RFC 9457 ``application/problem+json`` with the
ADR's ``invalidParams``). Everything is open data: every answer, errors and preflights
included, allows any origin.
"""

import functools
import json

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
PREFLIGHT_MAX_AGE = 86400
PROBLEM_TYPE = "application/problem+json"

#: The kinds of error: (HTTP status, the problem's title in Dutch).
PROBLEMEN = {
    400: "Ongeldige invoer",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
}


def cors(response: HttpResponse) -> HttpResponse:
    """Allow any origin to read the answer, and the headers a client may want to read."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "API-Version, Content-Type, ETag"
    return response


def json_antwoord(data, status: int = 200, content_type: str = "application/json"):
    response = JsonResponse(
        data,
        status=status,
        safe=False,
        content_type=content_type,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60" if status == 200 else "no-store"
    return cors(response)


def probleem(status: int, detail: str, parameter: str | None = None, instance: str = ""):
    """An RFC 9457 problem; with ``parameter``, the ADR's ``invalidParams`` names it."""
    data = {
        "type": "about:blank",
        "title": PROBLEMEN[status],
        "status": status,
        "detail": detail,
    }
    if instance:
        data["instance"] = instance
    if parameter is not None:
        data["invalidParams"] = [{"type": "about:blank", "name": parameter, "reason": detail}]
    return json_antwoord(data, status=status, content_type=PROBLEM_TYPE)


def preflight() -> HttpResponse:
    """The answer to a CORS preflight: any origin may GET, with any request header."""
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = "*"
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    response["Allow"] = ALLOWED_METHODS
    return cors(response)


def open_data(fout=None):
    """A read-only view for anyone: OPTIONS answers the preflight, GET and HEAD the view, every
    other method 405, each with CORS. ``fout(status, message)`` builds the 405's body."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "OPTIONS":
                return preflight()
            if request.method not in ("GET", "HEAD"):
                message = "Deze API kan alleen lezen: gebruik GET."
                if fout is None:
                    response = cors(HttpResponse(message, status=405))
                else:
                    response = fout(405, message)
                response["Allow"] = ALLOWED_METHODS
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def ndjson(regels) -> HttpResponse:
    """Every item on a line of its own (``format=ndjson``), streamed."""
    response = StreamingHttpResponse(
        (json.dumps(regel, ensure_ascii=False) + "\n" for regel in regels),
        content_type="application/x-ndjson",
    )
    response["Cache-Control"] = "public, max-age=60"
    return cors(response)
