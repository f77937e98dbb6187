"""Dutch text analysis for search, defined once for the engine and for the database backend.

The same steps run in two places. The engine (OpenSearch or Elasticsearch) gets them as index
settings (:func:`engine_analysis`); the database backend (SQLite, PostgreSQL) runs them in Python
(:func:`index_terms` on the indexed text, :func:`query_groups` on what people type). So both find
the same things, and ``tests/search/test_analysis.py`` checks that the two agree token for token.

Index side, for every word of a text:

1. ``65+``, ``65-plus`` and ``65 plus`` become ``65plus`` (the tokenizer would drop the ``+``);
2. split into words, lower case, accents folded (``één`` → ``een``, ``geïnteresseerd``);
3. stop words dropped (``data/stopwoorden.txt``, Snowball's Dutch list);
4. compounds split against a curated word list (``data/samenstellingen.txt``): ``koffieochtend``
   is indexed as ``koffieochtend``, ``koffie`` and ``ochtend``;
5. fixed stems for words the stemmer confuses (``data/stamregels.txt``: ``ouderen`` is not
   ``ouders``), then Dutch Snowball stemming (the classic algorithm, as the engine's ``dutch``).

Query side: steps 1–3, then synonyms (``data/synoniemen.txt``: ``senioren`` also finds
``ouderen``), then step 5. Compounds in a query are not split, so ``koffieochtend`` does not find
every text about coffee.

Typo tolerance: the engine matches words within a small edit distance (:data:`FUZZINESS`) on a
lightly analysed copy of the text; the database backend replaces a word it does not know by the
closest known words (:func:`close_words`) under the same rule. Either way ``eenzaamheit`` finds
``eenzaamheid`` and ``ouders`` does not find ``ouderen``.

This module imports nothing from Django, so settings can use it.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

DATA_DIR = Path(__file__).resolve().parent / "data"
STOPWORDS_FILE = DATA_DIR / "stopwoorden.txt"
COMPOUNDS_FILE = DATA_DIR / "samenstellingen.txt"
SYNONYMS_FILE = DATA_DIR / "synoniemen.txt"
STEM_RULES_FILE = DATA_DIR / "stamregels.txt"

# Compound splitting: only words of at least this length are split, into parts of 4 to 15 letters.
COMPOUND_MIN_WORD = 5
COMPOUND_MIN_PART = 4
COMPOUND_MAX_PART = 15

# Typo tolerance, as the engine's ``fuzziness`` "AUTO:low,high": words shorter than ``low`` must
# match exactly, shorter than ``high`` may differ in one edit, longer ones in two. The first
# ``FUZZY_PREFIX`` letters must be right. With these, ``ouders`` (6 letters, one edit) can never
# become ``ouderen`` (two edits away), while ``eenzaamheit`` (11 letters) finds ``eenzaamheid``.
FUZZY_LOW = 4
FUZZY_HIGH = 8
FUZZINESS = f"AUTO:{FUZZY_LOW},{FUZZY_HIGH}"
FUZZY_PREFIX = 2

# "65+", "65 +", "65-plus", "65 Plussers" -> "65plus…" (the engine has the same pattern).
PLUS_PATTERN = r"([0-9]+)[- ]?(?:\+|[pP][lL][uU][sS])"
PLUS_REPLACEMENT = "plus"
_PLUS = re.compile(PLUS_PATTERN)

# Words as Unicode's word-break rules (UAX #29, the engine's standard tokenizer) see them, near
# enough: letters and digits, with an apostrophe or full stop inside a word ("zo'n", "e.v.a.") and
# a decimal comma or point inside a number ("3,50") keeping it together.
TOKEN = re.compile(r"[^\W_]+(?:(?:['’.]|(?<=[0-9]),(?=[0-9]))[^\W_]+)*")

_FOLD_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "’": "'"}
)


def _read_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def fold(text: str) -> str:
    """Lower case without accents: ``Één Geïnteresseerde`` → ``een geinteresseerde``."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of a text, before stop words, compounds and stems."""
    return TOKEN.findall(fold(_PLUS.sub(r"\1" + PLUS_REPLACEMENT, text)))


@cache
def stopwords() -> frozenset[str]:
    return frozenset(fold(word) for word in _read_lines(STOPWORDS_FILE))


@cache
def compound_parts() -> frozenset[str]:
    return frozenset(fold(word) for word in _read_lines(COMPOUNDS_FILE))


@cache
def stem_rules() -> dict[str, str]:
    """Words with a fixed stem: ``{"ouderen": "ouderen", "oudere": "ouderen", ...}``."""
    rules = {}
    for line in _read_lines(STEM_RULES_FILE):
        left, _, right = line.partition("=>")
        for word in left.split(","):
            rules[fold(word.strip())] = fold(right.strip())
    return rules


_stemmer = snowballstemmer.stemmer("dutch_porter")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one folded word: a fixed stem from the rules, else Dutch Snowball."""
    fixed = stem_rules().get(word)
    if fixed is not None:
        return fixed
    return _stemmer.stemWord(word)


def split_compound(word: str) -> list[str]:
    """The known parts inside a word (``koffieochtend`` → ``koffie``, ``ochtend``).

    The same search as the engine's ``dictionary_decompounder``: every part of the word list that
    occurs anywhere in the word, overlapping parts included (and the word itself when it is on the
    list, as the engine does).
    """
    if len(word) < COMPOUND_MIN_WORD:
        return []
    parts = compound_parts()
    found = []
    for start in range(len(word) - COMPOUND_MIN_PART + 1):
        for size in range(COMPOUND_MIN_PART, COMPOUND_MAX_PART + 1):
            if start + size > len(word):
                break
            piece = word[start : start + size]
            if piece in parts:
                found.append(piece)
    return found


@lru_cache(maxsize=100_000)
def _word_terms(word: str) -> tuple[str, ...]:
    return (stem(word), *(stem(part) for part in split_compound(word)))


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed under: stems of its words and of their compound parts."""
    terms = []
    skip = stopwords()
    for word in words(text):
        if word not in skip:
            terms.extend(_word_terms(word))
    return terms


# Synonyms -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynonymRule:
    """One line of the synonyms file: equivalent phrases, or ``left => right``."""

    left: tuple[tuple[str, ...], ...]
    right: tuple[tuple[str, ...], ...]
    line: str


def _phrase(text: str) -> tuple[str, ...]:
    skip = stopwords()
    return tuple(word for word in words(text) if word not in skip)


def parse_synonyms(lines: Iterable[str]) -> list[SynonymRule]:
    """Rules from lines in the Solr format the engine reads (``a, b, c`` or ``a, b => c``)."""
    rules = []
    for line in lines:
        left_text, arrow, right_text = line.partition("=>")
        left = tuple(p for p in (_phrase(item) for item in left_text.split(",")) if p)
        if arrow:
            right = tuple(p for p in (_phrase(item) for item in right_text.split(",")) if p)
        else:
            right = left
        if left and right:
            rules.append(SynonymRule(left, right, line))
    return rules


def synonym_lines() -> list[str]:
    """The lines of the synonyms file, as the engine gets them."""
    return _read_lines(SYNONYMS_FILE)


@cache
def synonym_map() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Phrase → the phrases it also finds (itself included for equivalences)."""
    mapping: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for rule in parse_synonyms(synonym_lines()):
        for phrase in rule.left:
            targets = mapping.setdefault(phrase, [])
            for other in rule.right:
                if other not in targets:
                    targets.append(other)
    return {phrase: tuple(targets) for phrase, targets in mapping.items()}


def query_groups(text: str) -> list[tuple[tuple[str, ...], ...]]:
    """What a query asks for: a list of groups that must all match.

    Each group holds alternatives (one of them must match); an alternative is a sequence of
    stems that must all be in the text. ``"koffie voor senioren"`` gives
    ``[(("koffie",),), (("senior",), ("ouderen",), ("65plusser",), ...)]``.
    """
    skip = stopwords()
    tokens = [word for word in words(text) if word not in skip]
    synonyms = synonym_map()
    longest = max((len(phrase) for phrase in synonyms), default=1)
    groups = []
    position = 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            phrase = tuple(tokens[position : position + size])
            if phrase in synonyms:
                alternatives = synonyms[phrase]
                position += size
                break
        else:
            alternatives = ((tokens[position],),)
            position += 1
        stemmed = []
        for alternative in alternatives:
            stems = tuple(stem(word) for word in alternative)
            if stems not in stemmed:
                stemmed.append(stems)
        groups.append(tuple(stemmed))
    return groups


def query_words(text: str) -> list[str]:
    """The folded words of a query without stop words, as typed (no synonyms, no stems)."""
    skip = stopwords()
    return [word for word in words(text) if word not in skip]


# Typo tolerance -------------------------------------------------------------------------------


def allowed_edits(word: str) -> int:
    """How many edits a word of this length may differ by (the engine's ``AUTO:4,8``)."""
    if len(word) < FUZZY_LOW:
        return 0
    if len(word) < FUZZY_HIGH:
        return 1
    return 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count once), or ``limit + 1`` if larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def close_words(word: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Known words within the allowed edits of ``word`` (same first letters), closest first."""
    edits = allowed_edits(word)
    if edits == 0:
        return []
    prefix = word[:FUZZY_PREFIX]
    scored = []
    for candidate in known:
        if candidate == word or not candidate.startswith(prefix):
            continue
        distance = edit_distance(word, candidate, edits)
        if distance <= edits:
            scored.append((distance, abs(len(candidate) - len(word)), candidate))
    scored.sort()
    return [candidate for _, _, candidate in scored[:limit]]


def known_words() -> frozenset[str]:
    """Words the analysis itself knows: the compound parts and every word of the synonyms."""
    vocabulary = set(compound_parts())
    for phrase, targets in synonym_map().items():
        vocabulary.update(phrase)
        for target in targets:
            vocabulary.update(target)
    vocabulary.update(stem_rules())
    return frozenset(vocabulary)


# The engine ----------------------------------------------------------------------------------

INDEX_ANALYZER = "nl_index"
SEARCH_ANALYZER = "nl_search"
PLAIN_ANALYZER = "nl_plain"
FOLDED_ANALYZER = "nl_folded"
EXACT_NORMALIZER = "nl_exact"
SORT_NORMALIZER = "nl_lower"


def engine_analysis() -> dict:
    """The ``analysis`` index settings that do in the engine what this module does in Python.

    ``default`` and ``default_search`` make them the analyzers of every text field that does not
    name its own, so the whole site (pages, hulpmiddelen, diensten) is searched in Dutch.
    """
    stem_rule_lines = []
    for line in _read_lines(STEM_RULES_FILE):
        left, _, right = line.partition("=>")
        stem_rule_lines.append(
            ", ".join(fold(w.strip()) for w in left.split(",")) + " => " + fold(right.strip())
        )
    plain_chain = ["lowercase", "asciifolding", "nl_fixed_stems"]
    index_chain = [
        "lowercase",
        "asciifolding",
        "nl_stop",
        "nl_compounds",
        "nl_fixed_stems",
        "nl_stemmer",
    ]
    search_chain = [
        "lowercase",
        "asciifolding",
        "nl_stop",
        "nl_synonyms",
        "nl_fixed_stems",
        "nl_stemmer",
    ]
    return {
        "char_filter": {
            "nl_plus": {
                "type": "pattern_replace",
                "pattern": PLUS_PATTERN,
                "replacement": "$1" + PLUS_REPLACEMENT,
            }
        },
        "filter": {
            "nl_stop": {"type": "stop", "stopwords": sorted(stopwords())},
            "nl_compounds": {
                "type": "dictionary_decompounder",
                "word_list": sorted(compound_parts()),
                "min_word_size": COMPOUND_MIN_WORD,
                "min_subword_size": COMPOUND_MIN_PART,
                "max_subword_size": COMPOUND_MAX_PART,
                "only_longest_match": False,
            },
            "nl_fixed_stems": {"type": "stemmer_override", "rules": stem_rule_lines},
            "nl_stemmer": {"type": "stemmer", "language": "dutch"},
            "nl_synonyms": {
                "type": "synonym_graph",
                "synonyms": synonym_lines(),
                "lenient": True,
            },
        },
        "normalizer": {
            EXACT_NORMALIZER: {"type": "custom", "filter": ["lowercase", "asciifolding"]},
            SORT_NORMALIZER: {"type": "custom", "filter": ["lowercase"]},
        },
        "analyzer": {
            INDEX_ANALYZER: {
                "type": "custom",
                "char_filter": ["nl_plus"],
                "tokenizer": "standard",
                "filter": index_chain,
            },
            SEARCH_ANALYZER: {
                "type": "custom",
                "char_filter": ["nl_plus"],
                "tokenizer": "standard",
                "filter": search_chain,
            },
            PLAIN_ANALYZER: {
                "type": "custom",
                "char_filter": ["nl_plus"],
                "tokenizer": "standard",
                "filter": plain_chain,
            },
            FOLDED_ANALYZER: {
                "type": "custom",
                "char_filter": ["nl_plus"],
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
            "default": {
                "type": "custom",
                "char_filter": ["nl_plus"],
                "tokenizer": "standard",
                "filter": index_chain,
            },
            "default_search": {
                "type": "custom",
                "char_filter": ["nl_plus"],
                "tokenizer": "standard",
                "filter": search_chain,
            },
        },
    }
