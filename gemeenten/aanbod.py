"""The local offer of a gemeente, counted by the kaart itself: each count is the total of the
kaart URL it links to (``kaart.queries``, the same search the kaart and its API answer)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import QueryDict

from kaart.models import Dienst, Gemeente
from kaart.queries import parse_zoekvraag, zoek_diensten
from kaart.views import kaart_url

RECENT = 5


@dataclass
class Telling:
    label: str
    aantal: int
    url: str


@dataclass
class Aanbod:
    totaal: Telling
    bereik: list[Telling]  # local and national
    activiteiten: list[Telling]
    doelgroepen: list[Telling]
    recent: list[Dienst]  # the most recently verified local services


def aanbod_voor(gemeente: Gemeente) -> Aanbod:
    """The kaart's counts for the gemeente (its local services plus the national ones): the
    total, and per value of ``bereik``, ``activiteit`` and ``doelgroep`` (the kaart's
    disjunctive facet counts, so each is the total of the search with that value chosen)."""
    zoekvraag = parse_zoekvraag(QueryDict(f"gemeente={gemeente.code}"))
    resultaat = zoek_diensten(replace(zoekvraag, page_size=1))

    def tellingen(facet: str) -> list[Telling]:
        return [
            Telling(w.label, w.count, kaart_url(zoekvraag.with_value(facet, w.value)))
            for w in resultaat.facets.get(facet, [])
            if w.count > 0
        ]

    recent_vraag = parse_zoekvraag(
        QueryDict(f"gemeente={gemeente.code}&bereik=lokaal&sort=recent&page_size={RECENT}")
    )
    recent = [d for d in zoek_diensten(recent_vraag).diensten if d.laatst_gecontroleerd]
    return Aanbod(
        totaal=Telling(
            "Alle diensten", resultaat.count, kaart_url(zoekvraag.to_querydict().urlencode())
        ),
        bereik=tellingen("bereik"),
        activiteiten=tellingen("activiteit"),
        doelgroepen=tellingen("doelgroep"),
        recent=recent,
    )
