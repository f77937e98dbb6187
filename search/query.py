"""The text part of an engine query: what must match, and what ranks higher.

Matching (the same rule as the database backend): every word of the query, after stop words,
must be in the text, as itself, a synonym, a word with the same stem, or a part of a compound. A
word the search does not know (see :mod:`search.vocabulary`) may also be a typo: it then matches
words within :data:`search.analysis.FUZZINESS` on the lightly analysed ``plain`` copy of the
text, and the closest known words as the database backend takes them. Known words are never fuzzy,
so ``ouders`` never finds ``oudere``.

Ranking is separate (``should`` clauses that add to the score but never decide a match); the kaart
passes its fields and weights, see :mod:`kaart.queries.engine`.
"""

from search.analysis import FUZZINESS, FUZZY_PREFIX, fold, query_words
from search.vocabulary import is_known, typo_alternatives

ALL_TEXT = "_all_text"


def match_clause(q: str, field: str = ALL_TEXT) -> dict | None:
    """The clause that decides which documents match ``q``; ``None`` when nothing can match."""
    typed = query_words(q)
    if not typed:
        return None
    strict = {"match": {field: {"query": q, "operator": "and"}}}
    unknown = [word for word in typed if not is_known(word)]
    if not unknown:
        return strict
    per_word = []
    for word in typed:
        exact = {"match": {field: {"query": word}}}
        if word in unknown:
            fuzzy = {
                "match": {
                    f"{field}.plain": {
                        "query": word,
                        "fuzziness": FUZZINESS,
                        "prefix_length": FUZZY_PREFIX,
                        "max_expansions": 50,
                    }
                }
            }
            # The known words the database backend would take for this typo, and the engine's own
            # fuzzy match over every word in the index.
            corrections = [{"match": {field: {"query": w}}} for w in typo_alternatives(word)]
            per_word.append(
                {"bool": {"should": [exact, fuzzy, *corrections], "minimum_should_match": 1}}
            )
        else:
            per_word.append(exact)
    return {"bool": {"should": [strict, {"bool": {"must": per_word}}], "minimum_should_match": 1}}


def ranking_clauses(
    q: str, fields: dict[str, float], exact_field: str | None, exact_boost: float
) -> list[dict]:
    """Clauses that only add to the score: an exact match of ``exact_field`` first, then the fields
    with their weights (best field counts, the others a little)."""
    clauses = []
    if exact_field:
        clauses.append(
            {"term": {exact_field: {"value": fold(" ".join(q.split())), "boost": exact_boost}}}
        )
    clauses.append(
        {
            "multi_match": {
                "query": q,
                "fields": [f"{name}^{weight:g}" for name, weight in fields.items()],
                "type": "best_fields",
                "tie_breaker": 0.2,
            }
        }
    )
    return clauses
