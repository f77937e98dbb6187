"""What the site search at ``/zoeken/`` finds besides pages: sources registered by their apps.

An app whose items are not pages (the hulpmiddelen are snippets) registers a :class:`Source` from
its ``AppConfig.ready()``; the site search lists each source in the order of registration, then
the pages. An app with a search of its own (the kaart's services, with their facets and
ranking) registers a :class:`Highlight` instead: a block above that list with its best matches.
So ``search`` knows no domain app, and the app says how its items are shown.
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


@dataclass(frozen=True)
class Highlight:
    """A block the site search shows above its list: the best matches of an app's own search."""

    name: str
    #: The app's template for the block; it reads ``antwoord``.
    template: str
    #: The answer to a query (what the template reads), or None when nothing matches.
    answer: Callable[[str, HttpRequest], object | None]
    #: A stylesheet (a static path) the block needs, linked in the page's head.
    stylesheet: str = ""


_highlights: dict[str, Highlight] = {}


def register_highlight(highlight: Highlight) -> None:
    """Add (or replace) the highlight named ``highlight.name``; shown in registration order."""
    _highlights[highlight.name] = highlight


def highlights() -> list[Highlight]:
    return list(_highlights.values())
