"""Wagtail's ``elasticsearch9`` backend, in Dutch (see :mod:`search.backends.engine`)."""

from modelsearch.backends import elasticsearch9

from .engine import dutch_backend

SearchBackend = dutch_backend(elasticsearch9)
