"""Handing service mails of the outbox (:mod:`nieuwsbrief.outbox`) to the broker.

The services that write an outbox row (a sign-up, the sweeper) call :func:`enqueue_mail`; the
task is asked for by name (:func:`portal.celery.task`), so this module and ``tasks`` do not
import each other.
"""

import logging

from django.utils import timezone

from portal.background import run_soon, without_broker
from portal.celery import task

from . import outbox
from .models import TransactionalMail

logger = logging.getLogger(__name__)


def enqueue_mail(mail_id: int) -> bool:
    """Hand an outbox row to the broker; when that fails the sweeper does it later. Without a
    broker a background thread sends it once, so no visitor waits on the mail server."""
    if without_broker():
        TransactionalMail.objects.filter(pk=mail_id).update(enqueued_at=timezone.now())
        run_soon(outbox.deliver, mail_id)
        return True
    try:
        task("nieuwsbrief.send_mail").apply_async((mail_id,), retry=False)
    except Exception as exc:  # broker unreachable: the row stays queued for the sweeper
        logger.warning("Nieuwsbrief: could not queue service mail %s (%s)", mail_id, exc)
        return False
    TransactionalMail.objects.filter(pk=mail_id).update(enqueued_at=timezone.now())
    return True
