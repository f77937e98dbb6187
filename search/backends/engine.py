"""Wagtail's Elasticsearch-family backends, made Dutch and safe to rebuild.

:func:`dutch_backend` takes one of Wagtail's engine backends (``opensearch2`` …
``elasticsearch9``) and returns a subclass that

* creates every index with the Dutch analysis of :mod:`search.analysis` (as ``default`` and
  ``default_search``, so every text field and the ``_all_text`` catch-all use it);
* adds sub-fields: ``plain`` (lower case, folded, no stems or synonyms) on every text field and on
  ``_all_text`` for typo tolerance, ``exact`` on short text fields for exact name matches, ``sort``
  (lower case) on keyword filter fields, and a numeric ``pk_sort`` for a stable last tie-break;
* folds accents in autocomplete queries too (Wagtail searches its edge n-grams unfolded);
* keeps a model's documents in the order of its ``search_index_sort`` (index sorting), so a
  search in that order does not sort every hit (deep pages of the kaart);
* rebuilds (``update_index``) into a new index and then moves the alias in ONE atomic request,
  so a search never finds an empty or a doubled index (Wagtail's own rebuilder points the alias at
  both indexes for a moment, or deletes the old index before the alias exists);
* creates a missing index with the right mapping before the first document is written, instead of
  letting the engine guess a mapping.

Nothing here is specific to one model: :mod:`kaart.queries.engine` builds the kaart's own query
on top.
"""

import time
from contextlib import contextmanager
from copy import deepcopy

from django.db import models
from django.utils.crypto import get_random_string
from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from modelsearch.index import FilterField, RelatedFields, SearchField, get_indexed_models
from modelsearch.query import PlainText
from modelsearch.utils import deep_update

from search.analysis import (
    EXACT_NORMALIZER,
    FOLDED_ANALYZER,
    PLAIN_ANALYZER,
    SORT_NORMALIZER,
    engine_analysis,
)

PLAIN_SUBFIELD = {"type": "text", "analyzer": PLAIN_ANALYZER}
EXACT_SUBFIELD = {"type": "keyword", "normalizer": EXACT_NORMALIZER, "ignore_above": 256}
SORT_SUBFIELD = {"type": "keyword", "normalizer": SORT_NORMALIZER, "ignore_above": 256}
PK_SORT_FIELD = "pk_sort"
MAX_RESULT_WINDOW = 200_000
OLD_INDEX_GRACE = 2.0  # seconds an old index lives on after the alias has moved
BULK_CHUNK_SIZE = 1000  # documents per bulk request (Wagtail's client helper sends 500)
BULK_TIMEOUT = 60  # seconds for one bulk request; a search keeps the backend's short timeout


def _is_short_text(model, field) -> bool:
    try:
        model_field = field.get_field(model)
    except Exception:  # a callable or a field of another model: not a short text
        return False
    return isinstance(model_field, models.CharField)


def _related_rows(obj, name: str):
    """The rows of the many-valued relation ``name`` of ``obj`` (``None`` when it is none).

    ``.all()`` answers from what ``prefetch_related`` read (and, for a modelcluster relation, from
    the unsaved rows of a draft) without a query; otherwise it asks the database, once.
    """
    try:
        manager = getattr(obj, name)
    except Exception:  # not an attribute (a FilterField may name a method)
        return None
    if not isinstance(manager, models.Manager):
        return None
    return manager.all()


class DutchMappingMixin:
    """The document mapping with the extra sub-fields the portal's queries use."""

    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": FOLDED_ANALYZER,
    }

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, RelatedFields):
            return name, mapping
        if isinstance(field, SearchField) and mapping.get("type") == "text":
            subfields = mapping.setdefault("fields", {})
            subfields.setdefault("plain", dict(PLAIN_SUBFIELD))
            if _is_short_text(self.model, field):
                subfields.setdefault("exact", dict(EXACT_SUBFIELD))
        elif isinstance(field, FilterField) and mapping.get("type") == "keyword":
            mapping.setdefault("fields", {}).setdefault("sort", dict(SORT_SUBFIELD))
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for name, definition in properties.items():
            if name == "_all_text" or name.startswith("_all_text_boost_"):
                definition.setdefault("fields", {})["plain"] = dict(PLAIN_SUBFIELD)
        properties[PK_SORT_FIELD] = {"type": "long"}
        return mapping

    def _get_document_field_data(self, field, obj):
        # A many-valued FilterField: Wagtail asks the database for the ids (one query per field
        # and object) even when the relation is prefetched; take them from the relation's rows.
        # modelsearch has no public hook for one field's value: this override of its private
        # method is pinned by tests/production/test_upstream.py (docs/architecture.md).
        if isinstance(field, FilterField) and not isinstance(field, RelatedFields):
            rows = _related_rows(obj, field.field_name)
            if rows is not None:
                return self.get_field_column_name(field), [item.pk for item in rows], []
        return super()._get_document_field_data(field, obj)

    def get_index_sort(self) -> list[str]:
        """The engine columns of the model's ``search_index_sort`` (``"naam.sort"``: the ``sort``
        sub-field of the ``FilterField`` ``naam``; ``"pk"``: the numeric id)."""
        filter_fields = {
            field.field_name: field
            for field in self.model.get_search_fields()
            if isinstance(field, FilterField)
        }
        columns = []
        for entry in getattr(self.model, "search_index_sort", []):
            name, _, subfield = entry.partition(".")
            column = (
                PK_SORT_FIELD if name == "pk" else self.get_field_column_name(filter_fields[name])
            )
            columns.append(f"{column}.{subfield}" if subfield else column)
        return columns

    def get_document(self, obj):
        document = super().get_document(obj)
        if isinstance(obj.pk, int):
            document[PK_SORT_FIELD] = obj.pk
        return document


class DutchQueryCompilerMixin:
    """Plain-text searches match as the database backend does (:mod:`search.query`).

    Every word must match (Wagtail's engine default is any word), as a synonym, stem or compound
    part too, and an unknown word also by its typos; the weighted fields only rank.
    """

    DEFAULT_OPERATOR = "and"

    def get_inner_query(self):
        if isinstance(self.query, PlainText) and self.query.operator == "and" and not self.fields:
            from search.query import match_clause, ranking_clauses

            match = match_clause(self.query.query_string)
            if match is None:
                return {"match_none": {}}
            weights = {field.field_name: field.boost for field in self.remapped_fields}
            return {
                "bool": {
                    "must": [match],
                    "should": ranking_clauses(
                        self.query.query_string, weights, exact_field=None, exact_boost=0
                    ),
                }
            }
        return super().get_inner_query()


_deferred_deletes: list | None = None


@contextmanager
def old_indexes_deleted_at_the_end():
    """Within this block, an index the alias has moved away from is deleted at the end, after
    one grace period for all of them, instead of after a grace period each (``update_index``
    rebuilds every model's index in turn)."""
    global _deferred_deletes
    outer, _deferred_deletes = _deferred_deletes, []
    try:
        yield
    finally:
        pending, _deferred_deletes = _deferred_deletes, outer
        if pending:
            time.sleep(OLD_INDEX_GRACE)
        for backend, name in pending:
            backend.index_class(backend, name).delete()


class AliasSwapRebuilder(ElasticsearchAtomicIndexRebuilder):
    """Build a new index, then point the alias at it and drop the old one in one request.

    The alias answers from the old index until the very moment it answers from the new, complete
    one: no empty results and no doubled results while ``update_index`` runs.
    """

    def __init__(self, index):
        self.alias = index
        self.index = index.backend.index_class(
            index.backend, f"{index.name}_{get_random_string(7).lower()}"
        )

    def start(self):
        backend = self.index.backend
        body = deepcopy(backend.settings)
        mappings = [backend.mapping_class(model) for model in backend.models_of(self.alias.name)]
        sort = [column for mapping in mappings for column in mapping.get_index_sort()]
        if sort:
            # The engine keeps the documents in this order (index sorting): a search in that
            # order reads them in order, which makes deep pages cheap. It needs the mapping at
            # creation; Wagtail adds it afterwards (add_model does so again, harmlessly).
            body.setdefault("settings", {}).setdefault("index", {}).update(
                {"sort.field": sort, "sort.order": ["asc"] * len(sort)}
            )
            body["mappings"] = {}
            for mapping in mappings:
                body["mappings"] = deep_update(body["mappings"], mapping.get_mapping())
        if backend.use_new_elasticsearch_api:
            backend.es.indices.create(index=self.index.name, **body)
        else:
            backend.es.indices.create(index=self.index.name, body=body)
        # Nobody searches the new index before the alias moves: no refreshes while it fills.
        backend.put_index_settings(self.index.name, {"refresh_interval": "-1"})
        return self.index

    def finish(self):
        backend = self.index.backend
        configured = backend.settings.get("settings", {}).get("index", {})
        backend.put_index_settings(
            self.index.name, {"refresh_interval": configured.get("refresh_interval")}
        )
        # The first refresh writes (and, with index sorting, sorts) everything: give it time.
        backend.refresh_index(self.index.name, timeout=BULK_TIMEOUT)
        alias = self.alias.name
        if backend.es.indices.exists_alias(name=alias):
            old = [i.name for i in self.alias.aliased_indices() if i.name != self.index.name]
            actions = [{"remove": {"index": name, "alias": alias}} for name in old]
            actions.append({"add": {"index": self.index.name, "alias": alias}})
            backend.update_aliases(actions)
            if old and _deferred_deletes is not None:
                _deferred_deletes.extend((backend, name) for name in old)
                return
            if old:
                # Searches that started on the old index a moment ago may still be reading it.
                time.sleep(OLD_INDEX_GRACE)
            for name in old:
                backend.index_class(backend, name).delete()
        elif backend.index_exists(alias):
            # A plain index carries the alias's name (made before aliases were used): replace it
            # by the alias and remove it in the same atomic request.
            backend.update_aliases(
                [
                    {"add": {"index": self.index.name, "alias": alias}},
                    {"remove_index": {"index": alias}},
                ]
            )
        else:
            backend.update_aliases([{"add": {"index": self.index.name, "alias": alias}}])


class DutchEngineBackendMixin:
    """Dutch index settings, the safe rebuild, and small helpers the portal's queries use."""

    atomic_rebuilder_class = AliasSwapRebuilder

    def __init__(self, params):
        params = dict(params)
        user_settings = params.pop("INDEX_SETTINGS", {})
        super().__init__(params)
        dutch = {
            "settings": {
                "analysis": engine_analysis(),
                # the kaart pages through every result, also at 100,000 services
                "index": {"max_result_window": MAX_RESULT_WINDOW},
            }
        }
        self.settings = deep_update(deep_update(deepcopy(self.settings), dutch), user_settings)
        if self.rebuilder_class is not self.basic_rebuilder_class:
            self.rebuilder_class = self.atomic_rebuilder_class
        self._checked_indexes: set[str] = set()

    # Client calls that differ between the client libraries ------------------------------------

    def engine_search(self, index: str, body: dict, **params) -> dict:
        """One search request; the answer as a dict."""
        if self.use_new_elasticsearch_api:
            response = self.es.search(index=index, **body, **params)
        else:
            response = self.es.search(index=index, body=body, **params)
        return getattr(response, "body", response)

    def update_aliases(self, actions: list[dict]) -> None:
        if self.use_new_elasticsearch_api:
            self.es.indices.update_aliases(actions=actions)
        else:
            self.es.indices.update_aliases(body={"actions": actions})

    def index_exists(self, name: str) -> bool:
        return bool(self.es.indices.exists(index=name))

    def put_index_settings(self, name: str, index_settings: dict) -> None:
        """Change dynamic settings of one index (``None`` restores the engine's default)."""
        if self.use_new_elasticsearch_api:
            self.es.indices.put_settings(index=name, settings={"index": index_settings})
        else:
            self.es.indices.put_settings(index=name, body={"index": index_settings})

    def refresh_index(self, name: str, timeout: float) -> None:
        if hasattr(self.es, "options"):  # elasticsearch-py 8 and later: per-request options
            self.es.options(request_timeout=timeout).indices.refresh(index=name)
        else:
            self.es.indices.refresh(index=name, request_timeout=timeout)

    def bulk(self, client, actions, **kwargs):
        """Wagtail's bulk write, in larger requests with time for them (``update_index``)."""
        kwargs.setdefault("chunk_size", BULK_CHUNK_SIZE)
        if hasattr(client, "options"):  # elasticsearch-py 8 and later: per-request options
            client = client.options(request_timeout=BULK_TIMEOUT)
        else:
            kwargs.setdefault("request_timeout", BULK_TIMEOUT)
        return super().bulk(client, actions, **kwargs)

    # The index of a model ----------------------------------------------------------------------

    def models_of(self, index_name: str) -> list:
        """The indexed models whose documents go into the index (alias) ``index_name``."""
        return [
            model
            for model in get_indexed_models()
            if self.get_index_for_model(model).name == index_name
        ]

    def ensure_index(self, model) -> None:
        """Create the model's index (behind its alias, with every model's mapping) if missing."""
        index = self.get_index_for_model(model)
        if index.name in self._checked_indexes:
            return
        if not self.index_exists(index.name):
            rebuilder = AliasSwapRebuilder(index)
            new_index = rebuilder.start()
            for indexed_model in self.models_of(index.name):
                new_index.add_model(indexed_model)
            try:
                rebuilder.finish()
            except Exception:
                # Another process created it at the same moment: keep theirs.
                new_index.delete()
                if not self.index_exists(index.name):
                    raise
        self._checked_indexes.add(index.name)

    def add(self, obj):
        self.ensure_index(type(obj))
        super().add(obj)

    def add_bulk(self, model, obj_list):
        self.ensure_index(model)
        super().add_bulk(model, obj_list)


def dutch_backend(base_module):
    """The Dutch subclass of the ``SearchBackend`` of one of Wagtail's engine backend modules."""
    base = base_module.SearchBackend

    mapping_class = type(
        f"Dutch{base.mapping_class.__name__}", (DutchMappingMixin, base.mapping_class), {}
    )
    query_compiler_class = type(
        f"Dutch{base.query_compiler_class.__name__}",
        (DutchQueryCompilerMixin, base.query_compiler_class),
        {"mapping_class": mapping_class},
    )
    autocomplete_query_compiler_class = type(
        f"Dutch{base.autocomplete_query_compiler_class.__name__}",
        (base.autocomplete_query_compiler_class,),
        {"mapping_class": mapping_class},
    )
    return type(
        f"Dutch{base.__name__}",
        (DutchEngineBackendMixin, base),
        {
            "mapping_class": mapping_class,
            "query_compiler_class": query_compiler_class,
            "autocomplete_query_compiler_class": autocomplete_query_compiler_class,
        },
    )
