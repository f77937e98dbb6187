"""Version 1 of the kaart's JSON API, at ``/api/v1/``, under the Dutch API Design Rules (ADR).

The same answers as ``/api/kaart/`` (:mod:`kaart.api`'s serialisers, the same search), with
what the ADR asks: the major version in the path, the full version in an ``API-Version``
header on every answer, paths without a trailing slash (one with a slash answers the same, no
redirect), query keys in lowerCamelCase (``pageSize``), and errors as RFC 9457
``application/problem+json`` whose ``invalidParams`` name the parameter. Its description is
``/api/v1/openapi.json`` (:func:`kaart.openapi.beschrijving_v1`).
"""

import functools

from django.http import QueryDict

from .antwoord import json_antwoord, open_data, probleem
from .api import dienst_volledig, gepubliceerde_dienst, zoekantwoord
from .openapi import API_V1_VERSION, beschrijving_v1
from .queries import MAX_Q_LENGTH, KaartParamError
from .suggesties import suggesties as kaart_suggesties

#: The query keys of version 1 that are spelled differently from the kaart's own.
SLEUTELS_V1 = {"pageSize": "page_size"}
NIET_GEVONDEN = "Deze dienst bestaat niet of is niet (meer) gepubliceerd."


def _versie(response):
    response["API-Version"] = API_V1_VERSION
    return response


def _probleem(status: int, detail: str):
    return probleem(status, detail)


def v1_view(view):
    """CORS, preflight, read-only, and the ``API-Version`` header on every answer."""
    open_view = open_data(fout=_probleem)(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return _versie(open_view(request, *args, **kwargs))

    return wrapped


def kaart_parameters(params: QueryDict) -> QueryDict:
    """Version 1's query keys as the kaart's search reads them (``pageSize`` → ``page_size``);
    the kaart's own spelling is unknown here, and so ignored, like every unknown key."""
    vertaald = QueryDict(mutable=True)
    for key in params:
        if key in SLEUTELS_V1.values():
            continue
        vertaald.setlist(SLEUTELS_V1.get(key, key), params.getlist(key))
    return vertaald


def v1_parameter(parameter: str) -> str:
    return {kaart: v1 for v1, kaart in SLEUTELS_V1.items()}.get(parameter, parameter)


@v1_view
def diensten(request):
    """``/api/v1/diensten``: a search, as ``/kaart/`` and ``/api/kaart/diensten/`` answer it."""
    try:
        return json_antwoord(zoekantwoord(kaart_parameters(request.GET)))
    except KaartParamError as fout:
        return probleem(400, fout.message, v1_parameter(fout.parameter), request.path)


@v1_view
def dienst(request, pk: str):
    """``/api/v1/diensten/{id}``: one live service with every field."""
    found = gepubliceerde_dienst(int(pk)) if len(pk) <= 19 else None
    if found is None:
        return probleem(404, NIET_GEVONDEN, instance=request.path)
    return json_antwoord(dienst_volledig(found))


@v1_view
def suggesties(request):
    """``/api/v1/suggesties``: the search box's suggestions (fewer than two letters: none)."""
    q = request.GET.get("q", "")
    if len(q) > MAX_Q_LENGTH:
        return probleem(
            400, f"'q' mag hooguit {MAX_Q_LENGTH} tekens zijn.", "q", instance=request.path
        )
    return json_antwoord([s.as_dict() for s in kaart_suggesties(q)])


@v1_view
def openapi(request):
    """The OpenAPI 3.1 description of version 1."""
    return json_antwoord(beschrijving_v1())


@v1_view
def niet_gevonden(request, rest: str = ""):
    """Anything else under ``/api/v1/``: a problem, not the site's HTML page."""
    return probleem(
        404, "Dit adres bestaat niet in deze API; zie /api/v1/openapi.json.", instance=request.path
    )
