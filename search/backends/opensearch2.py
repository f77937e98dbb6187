"""Wagtail's ``opensearch2`` backend, in Dutch (see :mod:`search.backends.engine`)."""

from modelsearch.backends import opensearch2

from .engine import dutch_backend

SearchBackend = dutch_backend(opensearch2)
