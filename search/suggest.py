""" "Bedoelde u …?" after a search that finds nothing: a corrected query.

:func:`bedoelde_u` replaces each word the search does not know by the closest known word
(:mod:`search.vocabulary`), typed case and the other words kept. ``None`` when there is nothing to
correct. The kaart offers it under a search without results.
"""

from __future__ import annotations

import difflib

from search.analysis import TOKEN, close_words, fold, stopwords
from search.vocabulary import is_known, starting_like, vocabulary

BEDOELDE_U_CUTOFF = 0.75


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
