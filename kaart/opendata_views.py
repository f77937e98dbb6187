"""The open-data page ``/open-data/`` and the files of the current dump (:mod:`kaart.opendata`)."""

from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from . import opendata
from .antwoord import cors, open_data


@require_safe
def pagina(request):
    """What is published, under which licence, and where; works before the first dump too."""
    map = opendata.actuele_map()
    bestanden = []
    for naam, (_, beschrijving) in opendata.BESTANDEN.items():
        path = map / naam if map else None
        bestanden.append(
            {
                "naam": naam,
                "beschrijving": beschrijving,
                "bytes": path.stat().st_size if path and path.exists() else None,
            }
        )
    context = {
        "bestanden": bestanden,
        "licentie": opendata.LICENTIE,
        "naamsvermelding": opendata.NAAMSVERMELDING,
        "bijgewerkt": map.name[:15] if map else "",
    }
    return TemplateResponse(request, "kaart/open_data.html", context)


@open_data()
def bestand(request, naam: str):
    """One file of the current dump, at a stable address, for anyone (CORS)."""
    if naam not in opendata.BESTANDEN:
        raise Http404("Dit bestand hoort niet bij de open data.")
    map = opendata.actuele_map()
    path = map / naam if map else None
    if path is None or not path.exists():
        raise Http404("De open data zijn nog niet geschreven.")
    mediatype, _ = opendata.BESTANDEN[naam]
    response = FileResponse(path.open("rb"), content_type=f"{mediatype}; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = f'inline; filename="{naam}"'
    return cors(response)
