"""The kaart's background work: the nightly open-data dump (scheduled in CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from . import opendata

logger = logging.getLogger(__name__)


@shared_task(name="kaart.opendata_bijwerken", time_limit=3600, soft_time_limit=3300)
def opendata_bijwerken() -> int:
    """Write the open-data dump anew; returns the number of services in it."""
    dump = opendata.schrijf_dump()
    logger.info(
        "Open data: %s diensten, %s bytes in %.1f s (%s)",
        dump.aantal,
        dump.bytes,
        dump.seconden,
        dump.map.name,
    )
    return dump.aantal
