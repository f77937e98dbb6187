"""Background work of the search: index updates after a change, and the periodic catch-up.

Both run on the portal's one Celery app; without a broker Celery runs them at once (the embedded
default). See :mod:`search.indexing` for the design.
"""

from datetime import timedelta

from portal.celery import app

from . import indexing


@app.task(name="search.werk_zoekindex_bij", acks_late=True, ignore_result=True)
def werk_zoekindex_bij(content_type_id: int, object_id: str) -> bool:
    """Put one changed object in the search indexes (or take it out); then any old backlog."""
    gelukt = indexing.werk_bij(content_type_id, object_id)
    if (
        gelukt
        and indexing.open_opdrachten()
        .filter(aangevraagd__lte=indexing.grens_achterstand())
        .exists()
    ):
        zoekindex_achterstand.delay()
    return gelukt


@app.task(name="search.zoekindex_achterstand", acks_late=True, ignore_result=True)
def zoekindex_achterstand(ouder_dan: float | None = None) -> int:
    """Do the changes the index has not heard about yet (engine or broker were down).

    By default only changes older than half a minute: newer ones have their own task underway.
    """
    if ouder_dan is None:
        gedaan, _open = indexing.werk_achterstand_bij()
    else:
        gedaan, _open = indexing.werk_achterstand_bij(ouder_dan=timedelta(seconds=ouder_dan))
    return gedaan
