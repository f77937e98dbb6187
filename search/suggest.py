"""Help with typing a search: suggestions while typing, and "Bedoelde u …?" after a miss.

* :func:`suggesties` — for the kaart's search box (``/api/kaart/suggest/?q=``): names of live
  diensten that start with what was typed (every word a prefix; the engine's edge n-grams, or the
  database's prefix search when there is no engine or it fails), and labels of the kaart's
  vocabularies whose words start with it (the same on every backend).
* :func:`bedoelde_u` — a corrected query when a search finds nothing: each word the search does
  not know is replaced by the closest known word (:mod:`search.vocabulary`), typed case and the
  other words kept. ``None`` when there is nothing to correct.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass

from search.analysis import TOKEN, close_words, fold, stopwords
from search.engine import run_search
from search.vocabulary import is_known, starting_like, vocabulary

MAX_SUGGESTIES = 8
MIN_LENGTE = 2
BEDOELDE_U_CUTOFF = 0.75


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
    from django.urls import reverse

    from kaart.models import Term

    typed = _prefix_words(q)
    found = []
    for term in Term.objects.order_by("vocabulaire", "volgorde", "label"):
        words = _prefix_words(term.label)
        if all(any(word.startswith(t) for word in words) for t in typed):
            url = f"{reverse('kaart:zoeken')}?{term.vocabulaire}={term.slug}"
            found.append(Suggestie(term.label, term.vocabulaire, term.slug, url))
            if len(found) >= limit:
                break
    return found


def _diensten(q: str, limit: int) -> list[Suggestie]:
    from kaart.models import Dienst

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
    labels = _labels(q, limit)
    diensten = _diensten(q, limit - min(len(labels), limit // 2))
    return (diensten + labels)[:limit]


def _correctie(word: str) -> str | None:
    close = close_words(word, starting_like(word), limit=1)
    if close:
        return close[0]
    same_start = [candidate for candidate in vocabulary() if candidate[:1] == word[:1]]
    matches = difflib.get_close_matches(word, same_start, n=1, cutoff=BEDOELDE_U_CUTOFF)
    return matches[0] if matches else None


def bedoelde_u(q: str) -> str | None:
    """The query with its unknown words corrected, or ``None`` (see the module docstring)."""
    pieces, last, changed = [], 0, False
    for match in TOKEN.finditer(q):
        word = fold(match.group())
        if len(word) < 3 or word in stopwords() or is_known(word):
            continue
        correction = _correctie(word)
        if correction is None:
            continue
        pieces.append(q[last : match.start()])
        pieces.append(correction)
        last = match.end()
        changed = True
    if not changed:
        return None
    pieces.append(q[last:])
    return " ".join("".join(pieces).split())
