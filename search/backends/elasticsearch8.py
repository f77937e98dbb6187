"""Wagtail's ``elasticsearch8`` backend, in Dutch (see :mod:`search.backends.engine`)."""

from modelsearch.backends import elasticsearch8

from .engine import dutch_backend

SearchBackend = dutch_backend(elasticsearch8)
