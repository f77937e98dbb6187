"""Service mails from the outbox table: claimed, sent, retried; never lost when the broker is down.

A sign-up writes its mail row in the same transaction as the subscription, so an SMTP or Redis
outage never loses a confirmation and never turns a sign-up into an error page. A duplicate here is
harmless (a second confirmation link), so a mail whose worker died is simply sent again.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

from . import emails
from .models import Subscriber, TransactionalMail
from .transport import Outcome, backoff, classify

logger = logging.getLogger(__name__)

M = TransactionalMail.Status
K = TransactionalMail.Kind


def _due(now) -> Q:
    """Queued and past its retry time, or held by a sender whose lease ran out."""
    ready = Q(status=M.QUEUED) & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))
    expired = Q(status=M.SENDING, lease_until__lt=now)
    return ready | expired


def _claim(mail_id: int, now) -> bool:
    lease = now + timedelta(seconds=settings.NIEUWSBRIEF_LEASE_SECONDS)
    return (
        TransactionalMail.objects.filter(pk=mail_id)
        .filter(_due(now))
        .update(status=M.SENDING, lease_until=lease, attempts=F("attempts") + 1)
        == 1
    )


def build(mail: TransactionalMail):
    """The message for an outbox row, or None when it is no longer needed."""
    subscriber = mail.subscriber
    if mail.kind == K.CONFIRM:
        if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
            return None
        return emails.confirm_message(subscriber)
    if mail.kind == K.ALREADY:
        if subscriber is None or subscriber.status not in (
            Subscriber.Status.CONFIRMED,
            Subscriber.Status.PAUSED,
        ):
            return None
        return emails.already_subscribed_message(subscriber)
    if mail.kind == K.TEST_ISSUE:
        return emails.test_issue_message(mail.to_email, mail.context["revision"])
    if mail.kind == K.ALERT:
        return emails.alert_message(mail.to_email, mail.context)
    return None


def deliver(mail_id: int) -> float | None:
    """Send one outbox mail; returns seconds until a retry is due, or None when done."""
    now = timezone.now()
    if not _claim(mail_id, now):
        return None
    mail = TransactionalMail.objects.select_related("subscriber").get(pk=mail_id)
    message = build(mail)
    if message is None:
        TransactionalMail.objects.filter(pk=mail_id).update(status=M.SKIPPED, lease_until=None)
        return None
    try:
        get_connection(fail_silently=False).send_messages([message])
    except Exception as exc:  # every backend has its own errors; classify() sorts them
        outcome = classify(exc)
        error = f"{type(exc).__name__}: {exc}"[:290]
        logger.warning("Nieuwsbrief: service mail %s failed (%s)", mail_id, outcome.value)
        if outcome is not Outcome.PERMANENT and mail.attempts < settings.NIEUWSBRIEF_MAX_ATTEMPTS:
            delay = backoff(mail.attempts)
            TransactionalMail.objects.filter(pk=mail_id).update(
                status=M.QUEUED,
                lease_until=None,
                retry_at=now + timedelta(seconds=delay),
                last_error=error,
            )
            return delay
        TransactionalMail.objects.filter(pk=mail_id).update(
            status=M.FAILED, lease_until=None, last_error=error
        )
        return None
    TransactionalMail.objects.filter(pk=mail_id).update(
        status=M.SENT, lease_until=None, sent_at=timezone.now(), last_error=""
    )
    return None


def deliver_waiting(limit: int = 500, max_transient: int = 3) -> Counter:
    """Send every due outbox mail here and now (``manage.py mails_versturen``); stops after
    ``max_transient`` retryable failures in a row, when the mail server is down."""
    outcomes: Counter = Counter()
    in_a_row = 0
    due = TransactionalMail.objects.filter(_due(timezone.now())).order_by("created_at", "pk")
    for mail_id in list(due.values_list("pk", flat=True)[:limit]):
        retry_in = deliver(mail_id)
        status = TransactionalMail.objects.filter(pk=mail_id).values_list("status", flat=True)
        outcome = {M.SENT: "sent", M.FAILED: "failed", M.SKIPPED: "skipped"}.get(
            status.first(), "waiting" if retry_in is not None else "busy"
        )
        outcomes[outcome] += 1
        in_a_row = in_a_row + 1 if outcome == "waiting" else 0
        if in_a_row >= max_transient:
            break
    return outcomes
