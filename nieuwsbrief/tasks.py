"""Celery tasks of the nieuwsbrief: thin wrappers around the service modules, all idempotent.

Sending tasks acknowledge late and are handed back when their worker dies; their retry countdowns
stay far below the broker's visibility timeout (see ``transport.backoff``). The periodic ones are in
``CELERY_BEAT_SCHEDULE`` (one beat process only).
"""

import logging
from collections import Counter

from celery import shared_task
from celery.exceptions import MaxRetriesExceededError

from . import bounces, digest, outbox, retention, sending

logger = logging.getLogger(__name__)

SENDING = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(
    name="nieuwsbrief.send_batch",
    bind=True,
    max_retries=20,
    soft_time_limit=900,
    time_limit=960,
    **SENDING,
)
def send_batch(self, issue_id: int, first_id: int, last_id: int) -> int:
    result = sending.send_batch(issue_id, first_id, last_id)
    if result.retry_in is not None:
        try:
            raise self.retry(countdown=result.retry_in)
        except MaxRetriesExceededError:
            logger.warning("Nieuwsbrief: batch of issue %s left to the sweeper", issue_id)
    return result.sent


@shared_task(name="nieuwsbrief.send_mail", bind=True, max_retries=10, time_limit=120, **SENDING)
def send_mail(self, mail_id: int) -> None:
    delay = outbox.deliver(mail_id)
    if delay is not None:
        try:
            raise self.retry(countdown=delay)
        except MaxRetriesExceededError:
            logger.warning("Nieuwsbrief: service mail %s left to the sweeper", mail_id)


@shared_task(name="nieuwsbrief.sweep", ignore_result=True)
def sweep() -> dict:
    return sending.sweep()


@shared_task(name="nieuwsbrief.dispatch_due_issues", ignore_result=True)
def dispatch_due_issues() -> list:
    return sending.dispatch_due()


@shared_task(name="nieuwsbrief.draft_next_issue", ignore_result=True)
def draft_next_issue() -> int | None:
    issue = digest.draft_next_issue()
    return issue.pk if issue else None


@shared_task(name="nieuwsbrief.purge", ignore_result=True)
def purge() -> dict:
    return retention.purge()


@shared_task(name="nieuwsbrief.process_mail_event", bind=True, max_retries=5, **SENDING)
def process_mail_event(self, event_id: int) -> None:
    bounces.process(event_id)


def send_everything_waiting() -> Counter:
    """What beat does, here and now (``manage.py mails_versturen``): start the issues whose time
    has come, pick up the ones that stalled (each delivery is claimed, so nobody gets an issue
    twice), and send every due service mail of the outbox. Counted in the words of every outbox
    in ``settings.MAIL_WACHTRIJEN``: "verzonden", "wacht", "mislukt", and a phrase of its own
    for each other count (mails skipped or claimed by another process are not counted)."""
    started = sending.dispatch_due()
    restarted = sending.sweep()["restarted"]
    delivered = outbox.deliver_waiting()
    return Counter(
        {
            "verzonden": delivered["sent"],
            "wacht": delivered["waiting"],
            "mislukt": delivered["failed"],
            "edities gestart": len(started),
            "edities weer opgepakt": len(restarted),
        }
    )
