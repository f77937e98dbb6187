"""The kaart's block at the top of the site search (``search.site.Highlight``): how many services
match the words, the best few as cards, and a link to the kaart with the same words.

The kaart's own search answers (engine or database, with its ranking), so the site search and
``/kaart/?q=…`` agree on what matches.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from .queries import KaartParamError, parse_zoekvraag, zoek_diensten

#: Cards shown in the site search; the rest is one click away on the kaart.
AANTAL_KAARTEN = 4


@dataclass
class KaartAntwoord:
    count: int
    diensten: list
    url: str
    degraded: bool


def kaart_antwoord(tekst: str, request=None) -> KaartAntwoord | None:
    """The services matching ``tekst``, or None when there are none (or the text is no search)."""
    params = QueryDict(mutable=True)
    params["q"] = tekst
    params["page_size"] = str(AANTAL_KAARTEN)
    try:
        zoekvraag = parse_zoekvraag(params)
    except KaartParamError:
        return None
    if not zoekvraag.q:
        return None
    resultaat = zoek_diensten(zoekvraag)
    if not resultaat.count:
        return None
    query = QueryDict(mutable=True)
    query["q"] = zoekvraag.q
    return KaartAntwoord(
        count=resultaat.count,
        diensten=list(resultaat.diensten),
        url=f"{reverse('kaart:zoeken')}?{query.urlencode()}",
        degraded=resultaat.degraded,
    )
