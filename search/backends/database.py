"""Wagtail's database search backend (SQLite FTS5 or PostgreSQL), searching in Dutch.

SQLite's full-text index and PostgreSQL's ``simple`` configuration know no Dutch: they would not
find ``koffieochtend`` for ``koffie``, ``ouderen`` for ``senioren`` or ``eenzaamheid`` for
``eenzaam``. This backend runs :mod:`search.analysis` in Python on both sides:

* indexing: every text value goes into the index as its Dutch index terms (stems, compound parts,
  folded accents); autocomplete values are only folded;
* searching: the query becomes groups of alternatives (synonyms, stems), and a word the search does
  not know gets its closest known words as alternatives (:mod:`search.vocabulary`).

So SQLite and PostgreSQL answer the same, and as the engine does as far as a database can.
PostgreSQL must then use the ``simple`` configuration (``portal.searchconfig`` sets it), or it would
stem the stems again.
"""

import re

from django.db import connection
from django.utils.encoding import force_str
from modelsearch.backends.database import SearchBackend as _modelsearch_database_backend
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import MATCH_NONE, And, Or, PlainText, SearchQuery

from search.analysis import fold, index_terms, query_groups, query_words, stem
from search.vocabulary import typo_alternatives

_NOT_WORD = re.compile(r"[\W_]+")


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return force_str(value)


def _db_words(terms) -> str:
    """Terms as plain words the database tokenizers keep whole (``zo'n`` → ``zo n``)."""
    return " ".join(part for term in terms for part in _NOT_WORD.split(term) if part)


def dutch_index_text(value) -> str:
    """What the database indexes for one field value: its Dutch index terms."""
    return _db_words(index_terms(_as_text(value)))


def _unwrap(obj):
    return obj._original if isinstance(obj, _DutchDocument) else obj


class _DutchSearchField(SearchField):
    def __init__(self, original: SearchField):
        super().__init__(original.field_name, boost=original.boost, **original.kwargs)
        self.original = original

    def get_value(self, obj):
        return dutch_index_text(self.original.get_value(_unwrap(obj)))


class _FoldedAutocompleteField(AutocompleteField):
    def __init__(self, original: AutocompleteField):
        super().__init__(original.field_name, **original.kwargs)
        self.original = original

    def get_value(self, obj):
        return fold(_as_text(self.original.get_value(_unwrap(obj))))


class _DutchRelatedFields(RelatedFields):
    def __init__(self, original: RelatedFields):
        super().__init__(original.field_name, [_dutch_field(f) for f in original.fields])
        self.original = original

    def get_value(self, obj):
        return self.original.get_value(_unwrap(obj))


def _dutch_field(field):
    if isinstance(field, SearchField):
        return _DutchSearchField(field)
    if isinstance(field, AutocompleteField):
        return _FoldedAutocompleteField(field)
    if isinstance(field, RelatedFields):
        return _DutchRelatedFields(field)
    return field


_fields_by_model: dict[type, list] = {}


def _dutch_fields(model) -> list:
    fields = _fields_by_model.get(model)
    if fields is None:
        fields = [_dutch_field(field) for field in model.get_search_fields()]
        _fields_by_model[model] = fields
    return fields


class _DutchDocument:
    """An object as the database indexer sees it: the same, with Dutch search fields."""

    def __init__(self, original):
        self._original = original
        self._fields = _dutch_fields(type(original))

    def get_search_fields(self):
        return self._fields

    def __getattr__(self, name):
        return getattr(self._original, name)


def _dutch_index(index_class):
    class DutchIndex(index_class):
        def add_items(self, model, items):
            super().add_items(model, [_DutchDocument(item) for item in items])

    DutchIndex.__name__ = f"Dutch{index_class.__name__}"
    return DutchIndex


def dutch_query(query, operator=None):
    """A query string as Wagtail query objects over the Dutch index terms.

    ``"koffie voor senioren"`` → ``And(koffie, Or(senior, ouderen, 65plusser, …))``; every group
    must match (the kaart's rule), whatever ``operator`` says for separate words.
    """
    if not isinstance(query, str):
        return query
    groups = query_groups(query)
    if not groups:
        return MATCH_NONE if query.strip() else ""
    typed = query_words(query)
    parts: list[SearchQuery] = []
    for group in groups:
        alternatives = [" ".join(stems) for stems in group]
        if len(group) == 1 and len(group[0]) == 1:
            # One typed word without synonyms: add the known words it may be a typo of.
            word = next((w for w in typed if stem(w) == group[0][0]), None)
            if word is not None:
                for close in typo_alternatives(word):
                    candidate = " ".join(index_terms(close)[:1])
                    if candidate and candidate not in alternatives:
                        alternatives.append(candidate)
        options = [PlainText(_db_words([text]), operator="and") for text in alternatives]
        parts.append(options[0] if len(options) == 1 else Or(options))
    return parts[0] if len(parts) == 1 else And(parts)


class _DutchSearchMixin:
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return super().search(
            dutch_query(query, operator),
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
        )

    def autocomplete(
        self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True
    ):
        if isinstance(query, str):
            # Every word may be the start of a word (the backends only let the last one be).
            words = _db_words([fold(query)]).split()
            if not words:
                return super().autocomplete("", model_or_queryset)
            query = words[0] if len(words) == 1 else And([PlainText(w) for w in words])
        return super().autocomplete(
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
        )


_classes: dict[type, type] = {}


def _dutch_backend_class(base: type) -> type:
    cls = _classes.get(base)
    if cls is None:
        cls = type(
            f"Dutch{base.__name__}",
            (_DutchSearchMixin, base),
            {"index_class": _dutch_index(base.index_class)},
        )
        _classes[base] = cls
    return cls


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    """The Dutch variant of the backend Wagtail picks for this database (SQLite or PostgreSQL)."""
    params = dict(params)
    if connection.vendor == "postgresql":
        params.setdefault("SEARCH_CONFIG", "simple")
    base_backend = _modelsearch_database_backend(dict(params))
    return _dutch_backend_class(type(base_backend))(params)
