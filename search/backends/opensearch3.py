"""Wagtail's ``opensearch3`` backend, in Dutch (see :mod:`search.backends.engine`)."""

from modelsearch.backends import opensearch3

from .engine import dutch_backend

SearchBackend = dutch_backend(opensearch3)
