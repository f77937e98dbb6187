"""The portal's search backends: Wagtail's own, with Dutch analysis and a safe index rebuild.

``portal.searchconfig`` points ``WAGTAILSEARCH_BACKENDS`` at these modules:

* ``search.backends.opensearch2``, ``…opensearch3``, ``…elasticsearch7``, ``…elasticsearch8``,
  ``…elasticsearch9``: Wagtail's engine backends with the Dutch analyzers of
  :mod:`search.analysis`, extra sub-fields for typo tolerance, exact names and sorting, and an
  ``update_index`` that swaps an alias atomically (see :mod:`search.backends.engine`);
* ``search.backends.database``: Wagtail's database backend (SQLite or PostgreSQL) that indexes
  and searches the same Dutch terms in Python (see :mod:`search.backends.database`).
"""
