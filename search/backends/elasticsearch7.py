"""Wagtail's ``elasticsearch7`` backend, in Dutch (see :mod:`search.backends.engine`)."""

from modelsearch.backends import elasticsearch7

from .engine import dutch_backend

SearchBackend = dutch_backend(elasticsearch7)
