"""JSON for the kaart's search box: ``GET /api/kaart/suggest/?q=koff``.

Answers a list of at most eight suggestions, diensten first, then labels of the vocabularies::

    [{"label": "Koffieochtend Noord", "type": "dienst", "value": "12", "url": "/kaart/dienst/12/"},
     {"label": "Ouderen (65+)", "type": "doelgroep", "value": "ouderen",
      "url": "/kaart/?doelgroep=ouderen"}]

Fewer than two letters answer an empty list. The list is the same for everyone, so it may be
cached for a minute.
"""

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .suggest import suggesties


@require_GET
@cache_control(public=True, max_age=60)
def kaart_suggest(request):
    q = request.GET.get("q", "")
    return JsonResponse([s.as_dict() for s in suggesties(q)], safe=False)
