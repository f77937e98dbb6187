"""The words the portal's search knows, for typo tolerance and "Bedoelde u …?".

A word someone types is *known* when it is in the curated lists of :mod:`search.analysis`
(compound parts, synonyms, fixed stems), in the title of a live page, or in a text an app
registers with :func:`register_texts` (the kaart: its vocabularies' labels, the names and
providers of live diensten). Known words are searched as they are
(with stems, synonyms and compounds). An unknown word is probably a typo: the engine then also
accepts words within a small edit distance (its ``fuzziness``), and the database backend adds the
closest known words (:func:`typo_alternatives`), so ``eenzaamheit`` finds ``eenzaamheid`` on both.

The list is built from the database at most once every :data:`VOCABULARY_TTL` seconds per process
(a few hundred milliseconds at 100,000 diensten), and at once after :func:`invalidate`.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from search.analysis import FUZZY_PREFIX, close_words, known_words, words

VOCABULARY_TTL = 300

_lock = threading.Lock()
_state: dict = {"words": None, "by_prefix": None, "built_at": 0.0}
_text_sources: dict[str, Callable[[], Iterable[str]]] = {}


def register_texts(name: str, source: Callable[[], Iterable[str]]) -> None:
    """Add the words of ``source()`` (texts: names, labels …) to the known words.

    Apps call this from their ``AppConfig.ready()``; ``name`` makes a second call replace the
    first. ``source`` is called each time the list is built.
    """
    _text_sources[name] = source
    invalidate()


def _collect() -> set[str]:
    from wagtail.models import Page

    found: set[str] = set(known_words())

    def add(*texts):
        for text in texts:
            if text:
                found.update(words(text))

    for (title,) in Page.objects.live().values_list("title").iterator(chunk_size=2000):
        add(title)
    for source in list(_text_sources.values()):
        for text in source():
            add(text)
    return found


def _build() -> None:
    collected = frozenset(_collect())
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for word in collected:
        by_prefix[word[:FUZZY_PREFIX]].append(word)
    _state.update(words=collected, by_prefix=dict(by_prefix), built_at=time.monotonic())


def vocabulary() -> frozenset[str]:
    """Every known word (folded, lower case)."""
    if _state["words"] is None or time.monotonic() - _state["built_at"] > VOCABULARY_TTL:
        with _lock:
            if _state["words"] is None or time.monotonic() - _state["built_at"] > VOCABULARY_TTL:
                _build()
    return _state["words"]


def invalidate() -> None:
    """Forget the list; the next search builds it again."""
    with _lock:
        _state.update(words=None, by_prefix=None, built_at=0.0)


def is_known(word: str) -> bool:
    return word in vocabulary() or not word.isalpha()


def starting_like(word: str) -> tuple[str, ...] | list[str]:
    """The known words that start with the same letters as ``word`` (the typo candidates)."""
    vocabulary()
    return _state["by_prefix"].get(word[:FUZZY_PREFIX], ())


def typo_alternatives(word: str) -> list[str]:
    """Known words close enough to an unknown ``word`` to be what was meant (closest first)."""
    if is_known(word):
        return []
    return close_words(word, starting_like(word))
