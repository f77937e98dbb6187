"""What the site search at ``/zoeken/`` finds besides pages: sources registered by their apps.

An app whose items are not pages (the hulpmiddelen are snippets) registers a :class:`Source` from
its ``AppConfig.ready()``; the site search lists the pages first, then each source in the order
of registration. So ``search`` knows no domain app, and the app says how its items are shown.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class Source:
    """One kind of item the site search finds."""

    model: type
    #: The items to search in (live ones, with what ``describe`` reads loaded).
    queryset: Callable[[], QuerySet]
    #: Sets ``result_url``, ``result_kind`` and ``result_summary`` on one found item.
    describe: Callable[[object, HttpRequest], None]


_sources: dict[type, Source] = {}


def register(source: Source) -> None:
    """Add (or replace) the source of ``source.model``."""
    _sources[source.model] = source


def sources() -> list[Source]:
    return list(_sources.values())
