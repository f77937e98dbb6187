"""Suggestions under the kaart's search box while someone types (``/api/kaart/suggest/?q=``).

Names of live diensten that start with what was typed (every word a prefix; the engine's edge
n-grams, or the database's prefix search when there is no engine or it fails), and labels of the
kaart's vocabularies whose words start with it (the same on every backend), then at most
:data:`MAX_PLAATSEN` places (:func:`kaart.plaatsen.suggesties`) that lead to the search there.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.urls import reverse

from search.analysis import fold
from search.engine import run_search

from . import plaatsen
from .models import Dienst, Term
from .queries import alle_termen

MAX_SUGGESTIES = 8
MAX_PLAATSEN = 2
MIN_LENGTE = 2


@dataclass
class Suggestie:
    label: str
    type: str  # "dienst", or the vocabulary of a label ("doelgroep", "thema", …)
    value: str  # the dienst's id, or the label's slug
    url: str

    def as_dict(self) -> dict:
        return asdict(self)


def _prefix_words(text: str) -> list[str]:
    return [word for word in re.findall(r"\w+", fold(text)) if word]


def _labels(q: str, limit: int) -> list[Suggestie]:
    typed = _prefix_words(q)
    found = []
    termen = alle_termen()  # kept per process until a term changes: no query per keystroke
    for term in (t for vocabulaire in sorted(termen) for t in termen[vocabulaire].values()):
        words = _prefix_words(term.label)
        if all(any(word.startswith(t) for word in words) for t in typed):
            url = f"{reverse('kaart:zoeken')}?{term.vocabulaire}={term.slug}"
            found.append(Suggestie(term.label, term.vocabulaire, term.slug, url))
            if len(found) >= limit:
                break
    return found


def _diensten(q: str, limit: int) -> list[Suggestie]:
    def namen(backend):
        results = backend.autocomplete(q, Dienst.objects.filter(live=True), operator="and")
        return list(results[: limit * 4])

    suggesties, seen = [], set()
    for dienst in run_search(namen).value:
        key = fold(dienst.naam)
        if key in seen:
            continue
        seen.add(key)
        suggesties.append(
            Suggestie(dienst.naam, "dienst", str(dienst.pk), dienst.get_absolute_url())
        )
        if len(suggesties) >= limit:
            break
    return suggesties


def suggesties(q: str, limit: int = MAX_SUGGESTIES) -> list[Suggestie]:
    """What to offer under the kaart's search box for ``q`` (nothing below two letters)."""
    q = " ".join(q.split())[:100]
    if len(q) < MIN_LENGTE or not _prefix_words(q):
        return []
    basis = reverse("kaart:zoeken")
    plekken = [
        Suggestie(p.label, "plaats", p.waarde, f"{basis}?{urlencode({'plaats': p.waarde})}")
        for p in plaatsen.suggesties(q, min(MAX_PLAATSEN, limit))
    ]
    limit -= len(plekken)
    labels = _labels(q, limit)
    diensten = _diensten(q, limit - min(len(labels), limit // 2))
    return (diensten + labels)[:limit] + plekken


def bekende_teksten():
    """The kaart's texts whose words the search knows (:mod:`search.vocabulary`): every label of
    the vocabularies, and the name and provider of every live dienst."""
    for (label,) in Term.objects.values_list("label"):
        yield label
    rows = Dienst.objects.filter(live=True).values_list("naam", "aanbieder")
    for naam, aanbieder in rows.iterator(chunk_size=5000):
        yield naam
        yield aanbieder
