"""Sending an issue exactly once to every confirmed subscriber, whatever fails along the way.

The issue moves through ``draft → approved → scheduled → sending → sent`` (or ``paused``,
``failed``, ``cancelled``). Every move is one conditional UPDATE on the issue row, so two clicks,
two admins or two schedulers cannot start the same send twice.

Starting a send writes, in the same transaction, one ``Delivery`` row per eligible subscriber (the
recipient snapshot; unique per issue and subscriber). Workers then send in batches of
``NIEUWSBRIEF_CHUNK_SIZE``; each delivery is *claimed* (a conditional UPDATE with a lease and a
claim token) before its mail goes out, so a redelivered task or a second worker can never send it
again. Just before the mail server can keep a message, the delivery is marked *committing* (see
``transport``): after a crash, deliveries that never got there are sent again, the others are marked
*unknown* rather than risking a second copy.

A sweeper (every ``NIEUWSBRIEF_SWEEP_SECONDS``) returns expired leases, re-queues work that made no
progress for ``NIEUWSBRIEF_REQUEUE_SECONDS`` (a lost task, a dead worker, a broker outage) and marks
an issue sent when nothing is left. Transient errors are retried with backoff; a spike of errors
pauses the issue and mails the editors; a send more than ``NIEUWSBRIEF_MAX_LATENESS_HOURS`` late
waits for a person.
"""

import logging
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone
from wagtail.log_actions import log

from portal.cache import purge_after_commit
from portal.celery import task

from . import emails, queueing, throttle
from .models import Delivery, Issue, Subscriber, Suppression, TransactionalMail
from .transport import DeliveryError, Outcome, Transport, backoff

logger = logging.getLogger(__name__)

S = Issue.SendStatus
D = Delivery.Status
STALE = "Meer dan {hours} uur te laat: verstuur alleen als iemand dat bevestigt."
ERROR_SPIKE = "Gestopt: {errors} van de laatste {window} pogingen mislukten."


class ClaimLost(Exception):
    """Another worker owns this delivery now (our lease ran out): stop without sending."""


def _transition(issue_id: int, sources, target: str, **fields) -> bool:
    updated = Issue.objects.filter(pk=issue_id, send_status__in=list(sources)).update(
        send_status=target, **fields
    )
    return updated == 1


def _log(issue, action: str, user=None, **data):
    log(instance=issue, action=action, user=user, data=data or None)


# --- Approval and scheduling ------------------------------------------------------------------


def on_publish(issue, now=None) -> None:
    """Publishing (after moderation, if a workflow is set) is the editors' approval."""
    now = now or timezone.now()
    planned = issue.planned_send_at
    if planned is not None and planned > now:
        _transition(issue.pk, [S.DRAFT, S.APPROVED], S.SCHEDULED, send_at=planned)
    else:
        _transition(issue.pk, [S.DRAFT], S.APPROVED)


def on_unpublish(issue) -> None:
    _transition(issue.pk, [S.APPROVED, S.SCHEDULED], S.DRAFT, send_at=None)


def schedule(issue, when, user=None) -> bool:
    """Plan an approved issue for ``when``; only a live (approved) issue can be planned."""
    if not issue.live:
        return False
    done = _transition(
        issue.pk, [S.APPROVED, S.SCHEDULED], S.SCHEDULED, send_at=when, scheduled_by=user
    )
    if done:
        _log(issue, "nieuwsbrief.schedule", user, send_at=when.isoformat())
    return done


def unschedule(issue, user=None) -> bool:
    done = _transition(issue.pk, [S.SCHEDULED], S.APPROVED, send_at=None)
    if done:
        _log(issue, "nieuwsbrief.unschedule", user)
    return done


def dispatch_due(now=None) -> list[int]:
    """Start every scheduled issue whose time has come; a stale one waits for a person."""
    now = now or timezone.now()
    started = []
    max_late = timedelta(hours=settings.NIEUWSBRIEF_MAX_LATENESS_HOURS)
    for issue in Issue.objects.filter(send_status=S.SCHEDULED, send_at__lte=now):
        if now - issue.send_at > max_late:
            reason = STALE.format(hours=settings.NIEUWSBRIEF_MAX_LATENESS_HOURS)
            if _transition(issue.pk, [S.SCHEDULED], S.PAUSED, status_reason=reason):
                logger.warning("Nieuwsbrief: issue %s is stale, not sent", issue.pk)
                _log(issue, "nieuwsbrief.stale")
                alert_editors(issue, "niet verstuurd: te laat", reason)
            continue
        if start_send(issue.pk, [S.SCHEDULED], now=now):
            started.append(issue.pk)
    return started


# --- Starting, pausing, resuming, cancelling --------------------------------------------------


def start_send(issue_id: int, sources=(S.APPROVED, S.SCHEDULED), user=None, now=None) -> bool:
    """Move the issue to ``sending`` and write its recipient snapshot, in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = (
            Issue.objects.filter(
                pk=issue_id, send_status__in=list(sources), live=True, live_revision__isnull=False
            )
            .filter(Q(sent_revision__isnull=True) | Q(sending_started_at__isnull=True))
            .update(
                send_status=S.SENDING,
                sent_revision=F("live_revision"),
                sending_started_at=now,
                resumed_at=now,
                last_progress_at=now,
                status_reason="",
            )
        )
        if updated != 1:
            return False
        recipients = Subscriber.objects.eligible().order_by("id").values_list("id", flat=True)
        Delivery.objects.bulk_create(
            (Delivery(issue_id=issue_id, subscriber_id=sid, queued_at=now) for sid in recipients),
            batch_size=1000,
            ignore_conflicts=True,
        )
        total = Delivery.objects.filter(issue_id=issue_id).count()
        Issue.objects.filter(pk=issue_id).update(recipients_count=total)
        issue = Issue.objects.get(pk=issue_id)
        _log(issue, "nieuwsbrief.send", user, recipients=total)
        transaction.on_commit(lambda: enqueue_batches(issue_id))
        purge_after_commit()  # the issue is in the public archive from now on
    logger.info("Nieuwsbrief: issue %s sending to %s recipients", issue_id, total)
    return True


def pause(issue_id: int, user=None, reason: str = "Gepauzeerd door de redactie.") -> bool:
    done = _transition(issue_id, [S.SENDING], S.PAUSED, status_reason=reason)
    if done:
        _log(Issue.objects.get(pk=issue_id), "nieuwsbrief.pause", user, reason=reason)
    return done


def resume(issue_id: int, user=None, now=None) -> bool:
    """Continue a paused issue: only what is not sent yet goes out; a stale one starts now."""
    now = now or timezone.now()
    if not Delivery.objects.filter(issue_id=issue_id).exists():
        return start_send(issue_id, [S.PAUSED], user=user, now=now)
    with transaction.atomic():
        done = _transition(
            issue_id,
            [S.PAUSED],
            S.SENDING,
            resumed_at=now,
            last_progress_at=now,
            status_reason="",
        )
        if done:
            _log(Issue.objects.get(pk=issue_id), "nieuwsbrief.resume", user)
            transaction.on_commit(lambda: enqueue_batches(issue_id))
    return done


def cancel(issue_id: int, user=None) -> bool:
    """Stop for good: what has not gone out yet is skipped."""
    with transaction.atomic():
        done = _transition(
            issue_id, [S.DRAFT, S.APPROVED, S.SCHEDULED, S.PAUSED], S.CANCELLED, send_at=None
        )
        if done:
            Delivery.objects.filter(issue_id=issue_id, status=D.QUEUED).update(
                status=D.SKIPPED, skip_reason="Editie geannuleerd"
            )
            refresh_counts(issue_id)
            _log(Issue.objects.get(pk=issue_id), "nieuwsbrief.cancel", user)
    return done


def retry(issue_id: int, statuses=(D.FAILED,), user=None, now=None) -> int:
    """Send failed (or, explicitly, unknown) deliveries again; never touches sent or skipped."""
    now = now or timezone.now()
    with transaction.atomic():
        count = Delivery.objects.filter(issue_id=issue_id, status__in=list(statuses)).update(
            status=D.QUEUED, attempts=0, retry_at=None, phase="", claim="", last_error=""
        )
        if count:
            Issue.objects.filter(
                pk=issue_id, send_status__in=[S.SENT, S.FAILED, S.PAUSED, S.SENDING]
            ).update(send_status=S.SENDING, resumed_at=now, last_progress_at=now, sent_at=None)
            _log(Issue.objects.get(pk=issue_id), "nieuwsbrief.retry", user, deliveries=count)
            transaction.on_commit(lambda: enqueue_batches(issue_id))
    return count


# --- Queueing ---------------------------------------------------------------------------------


def batches(issue_id: int) -> list[tuple[int, int]]:
    """The queued deliveries of an issue as (first id, last id) ranges of one chunk each."""
    ids = list(
        Delivery.objects.filter(issue_id=issue_id, status=D.QUEUED)
        .order_by("id")
        .values_list("id", flat=True)
    )
    size = max(1, settings.NIEUWSBRIEF_CHUNK_SIZE)
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


def enqueue_batches(issue_id: int) -> int:
    """Hand every chunk to the broker; when it is down, the sweeper tries again later."""
    ranges = batches(issue_id)
    for number, (first, last) in enumerate(ranges):
        try:
            task("nieuwsbrief.send_batch").apply_async((issue_id, first, last), retry=False)
        except Exception as exc:  # broker unreachable: nothing is lost, the sweeper re-queues
            logger.warning(
                "Nieuwsbrief: could not queue batch %s of issue %s (%s)", number, issue_id, exc
            )
            return number
    return len(ranges)


# --- Sending one batch ------------------------------------------------------------------------


@dataclass
class BatchResult:
    sent: int = 0
    retry_in: float | None = None


def _claim(delivery_id: int, token: str, now) -> bool:
    lease = now + timedelta(seconds=settings.NIEUWSBRIEF_LEASE_SECONDS)
    ready = Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    claimed = Delivery.objects.filter(ready, pk=delivery_id, status=D.QUEUED).update(
        status=D.SENDING,
        phase=Delivery.Phase.PREPARED,
        claim=token,
        lease_until=lease,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
    )
    return claimed == 1


def _owned(delivery_id: int, token: str, *statuses):
    return Delivery.objects.filter(pk=delivery_id, claim=token, status__in=statuses or [D.SENDING])


def _mark_committing(delivery_id: int, token: str) -> None:
    if not _owned(delivery_id, token).update(phase=Delivery.Phase.COMMITTING):
        raise ClaimLost


def _record_failure(
    delivery_id: int, attempts: int, token: str, error: DeliveryError, now
) -> float | None:
    """Store the outcome of a failed attempt; returns the seconds until a retry is due, if any."""
    owned = _owned(delivery_id, token)
    delay = None
    if error.outcome is Outcome.TRANSIENT and attempts < settings.NIEUWSBRIEF_MAX_ATTEMPTS:
        delay = backoff(attempts)
        owned.update(
            status=D.QUEUED,
            phase="",
            claim="",
            lease_until=None,
            retry_at=now + timedelta(seconds=delay),
            last_error=error.message,
        )
    elif error.outcome is Outcome.AMBIGUOUS:
        owned.update(status=D.UNKNOWN, phase="", lease_until=None, last_error=error.message)
    else:
        owned.update(status=D.FAILED, phase="", lease_until=None, last_error=error.message)
    logger.warning(
        "Nieuwsbrief: delivery %s failed (%s): %s", delivery_id, error.outcome.value, error.message
    )
    return delay


def _recipient(delivery_id: int) -> dict:
    """Who a claimed delivery goes to, read just before sending (so a late unsubscribe counts)."""
    suppressed = Suppression.objects.filter(email_hash=OuterRef("subscriber__email_hash"))
    return (
        Delivery.objects.filter(pk=delivery_id)
        .annotate(suppressed=Exists(suppressed))
        .values(
            "attempts",
            "suppressed",
            "subscriber_id",
            "subscriber__email",
            "subscriber__key",
            "subscriber__status",
        )
        .get()
    )


def _skip_reason(recipient: dict) -> str:
    if recipient["subscriber_id"] is None:
        return "Gegevens gewist"
    status = recipient["subscriber__status"]
    if status != Subscriber.Status.CONFIRMED:
        label = Subscriber.Status(status).label.lower()
        return f"Niet meer ingeschreven ({label})"
    if recipient["suppressed"]:
        return "Op de blokkadelijst"
    return ""


def error_spike(issue_id: int) -> tuple[int, int] | None:
    """``(errors, window)`` when too many of the latest attempts since (re)start failed."""
    issue = Issue.objects.only("resumed_at").get(pk=issue_id)
    window = settings.NIEUWSBRIEF_PAUSE_WINDOW
    recent = Delivery.objects.filter(issue_id=issue_id, last_attempt_at__isnull=False)
    if issue.resumed_at:
        recent = recent.filter(last_attempt_at__gte=issue.resumed_at)
    latest = list(
        recent.order_by("-last_attempt_at", "-id").values_list("last_error", flat=True)[:window]
    )
    errors = sum(1 for message in latest if message)
    return (errors, window) if errors >= settings.NIEUWSBRIEF_PAUSE_ERRORS else None


def _trip_breaker(issue_id: int) -> bool:
    spike = error_spike(issue_id)
    if spike is None:
        return False
    reason = ERROR_SPIKE.format(errors=spike[0], window=spike[1])
    if pause(issue_id, reason=reason):
        logger.error("Nieuwsbrief: issue %s paused after an error spike", issue_id)
        alert_editors(Issue.objects.get(pk=issue_id), "gepauzeerd na fouten", reason)
    return True


def _touch(issue_id: int) -> None:
    Issue.objects.filter(pk=issue_id, send_status=S.SENDING).update(last_progress_at=timezone.now())


def _still_sending(issue_id: int) -> bool:
    return Issue.objects.filter(pk=issue_id, send_status=S.SENDING).exists()


def send_batch(issue_id: int, first_id: int, last_id: int) -> BatchResult:
    """Send the queued deliveries with ids in ``[first_id, last_id]``; safe to run twice."""
    result = BatchResult()
    issue = Issue.objects.select_related("sent_revision").filter(pk=issue_id).first()
    if issue is None or issue.send_status != S.SENDING or issue.sent_revision is None:
        return result
    rendered = emails.rendered_for_sending(issue)
    pending = list(
        Delivery.objects.filter(
            issue_id=issue_id, id__gte=first_id, id__lte=last_id, status=D.QUEUED
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    transport = Transport()
    checked = time.monotonic()
    try:
        for delivery_id in pending:
            if time.monotonic() - checked > 2:
                if not _still_sending(issue_id):
                    break
                _touch(issue_id)
                checked = time.monotonic()
            throttle.acquire()
            token = secrets.token_hex(8)
            now = timezone.now()
            if not _claim(delivery_id, token, now):
                continue
            recipient = _recipient(delivery_id)
            reason = _skip_reason(recipient)
            if reason:
                _owned(delivery_id, token).update(
                    status=D.SKIPPED, phase="", lease_until=None, skip_reason=reason
                )
                continue
            unsubscribe_url, manage_url = emails.links_for_key(recipient["subscriber__key"])
            msgid = emails.message_id(delivery_id)
            message = emails.issue_message(
                rendered,
                to=recipient["subscriber__email"],
                unsubscribe_url=unsubscribe_url,
                manage_url=manage_url,
                msgid=msgid,
                delivery_id=delivery_id,
            )
            try:
                provider_id = transport.send(
                    message, before_commit=lambda d=delivery_id, t=token: _mark_committing(d, t)
                )
            except ClaimLost:
                continue
            except DeliveryError as error:
                delay = _record_failure(delivery_id, recipient["attempts"], token, error, now)
                if _trip_breaker(issue_id):
                    break
                if error.outcome is Outcome.TRANSIENT:
                    # The server is in trouble: stop this batch and come back when it is due.
                    result.retry_in = delay if delay is not None else backoff(1)
                    break
                continue
            _owned(delivery_id, token, D.SENDING, D.UNKNOWN).update(
                status=D.SENT,
                phase="",
                lease_until=None,
                sent_at=timezone.now(),
                message_id=provider_id or msgid,
                last_error="",
                retry_at=None,
            )
            result.sent += 1
    finally:
        transport.close()
        _touch(issue_id)
    if result.retry_in is None and _still_sending(issue_id):
        # Deliveries in this range that wait for a retry: come back when they are due.
        waiting = Delivery.objects.filter(
            issue_id=issue_id, id__gte=first_id, id__lte=last_id, status=D.QUEUED
        ).aggregate(due=Min("retry_at"), n=Count("id"))
        if waiting["n"]:
            due = waiting["due"] or timezone.now()
            result.retry_in = max(1.0, (due - timezone.now()).total_seconds())
    finalize_if_done(issue_id)
    return result


# --- Finishing and the sweeper ----------------------------------------------------------------


def refresh_counts(issue_id: int) -> dict:
    counts = dict(
        Delivery.objects.filter(issue_id=issue_id)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    Issue.objects.filter(pk=issue_id).update(
        sent_count=counts.get(D.SENT, 0),
        failed_count=counts.get(D.FAILED, 0),
        skipped_count=counts.get(D.SKIPPED, 0),
        unknown_count=counts.get(D.UNKNOWN, 0),
    )
    return counts


def finalize_if_done(issue_id: int, now=None) -> bool:
    """Mark the issue sent when no delivery is waiting or in flight any more."""
    open_ = Delivery.objects.filter(issue_id=issue_id, status__in=[D.QUEUED, D.SENDING])
    if open_.exists():
        return False
    refresh_counts(issue_id)
    done = _transition(issue_id, [S.SENDING], S.SENT, sent_at=now or timezone.now())
    if done:
        logger.info("Nieuwsbrief: issue %s sent", issue_id)
    return done


def expire_leases(now=None) -> tuple[int, int]:
    """Deliveries whose worker died: back in the queue, or *unknown* once handed to the server."""
    now = now or timezone.now()
    expired = Delivery.objects.filter(status=D.SENDING, lease_until__lt=now)
    requeued = expired.filter(phase=Delivery.Phase.PREPARED).update(
        status=D.QUEUED,
        phase="",
        claim="",
        lease_until=None,
        last_error="Werker gestopt vóór het versturen; opnieuw in de wachtrij.",
    )
    unknown = expired.filter(phase=Delivery.Phase.COMMITTING).update(
        status=D.UNKNOWN,
        phase="",
        lease_until=None,
        last_error="Werker gestopt ná het overdragen aan de mailserver; niet opnieuw verstuurd.",
    )
    if requeued or unknown:
        logger.warning("Nieuwsbrief: %s leases expired (%s unknown)", requeued + unknown, unknown)
    return requeued, unknown


def sweep(now=None) -> dict:
    """The recovery loop: expired leases, stalled issues, lost service mails, finished issues."""
    now = now or timezone.now()
    requeued, unknown = expire_leases(now)
    stall = now - timedelta(seconds=settings.NIEUWSBRIEF_REQUEUE_SECONDS)
    restarted = []
    for issue in Issue.objects.filter(send_status=S.SENDING).only("pk", "last_progress_at"):
        if finalize_if_done(issue.pk, now):
            continue
        if issue.last_progress_at is None or issue.last_progress_at < stall:
            claimed = Issue.objects.filter(
                pk=issue.pk, send_status=S.SENDING, last_progress_at=issue.last_progress_at
            ).update(last_progress_at=now)
            if claimed:
                logger.warning("Nieuwsbrief: issue %s made no progress, re-queueing", issue.pk)
                enqueue_batches(issue.pk)
                restarted.append(issue.pk)
    # Service mails: leases of dead workers, and rows the broker never got (or lost).
    TransactionalMail.objects.filter(
        status=TransactionalMail.Status.SENDING, lease_until__lt=now
    ).update(status=TransactionalMail.Status.QUEUED, lease_until=None)
    lost = TransactionalMail.objects.filter(status=TransactionalMail.Status.QUEUED).filter(
        Q(enqueued_at__isnull=True, created_at__lt=now - timedelta(seconds=2))
        | Q(enqueued_at__lt=stall)
    )
    mails = list(lost.values_list("pk", flat=True)[:500])
    for mail_id in mails:
        queueing.enqueue_mail(mail_id)
    return {"requeued": requeued, "unknown": unknown, "restarted": restarted, "mails": len(mails)}


# --- Telling the editors ----------------------------------------------------------------------


def editors_to_alert():
    """Active users who may send issues (and superusers), with an e-mail address."""
    permission = Permission.objects.filter(
        content_type__app_label="nieuwsbrief", codename="send_issue"
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    who = Q(is_superuser=True)
    if permission is not None:
        who |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return users.filter(who).distinct()


def alert_editors(issue, what: str, detail: str) -> int:
    from .subscriptions import queue_mail

    with transaction.atomic():
        users = list(editors_to_alert())
        for user in users:
            queue_mail(
                TransactionalMail.Kind.ALERT,
                to_email=user.email,
                context={
                    "issue": issue.pk,
                    "title": issue.title,
                    "subject": what,
                    "detail": detail,
                },
            )
    return len(users)


def queue_test_send(issue, user) -> TransactionalMail | None:
    """The latest version (also an unapproved draft) to the editor's own address, marked [TEST]."""
    from .subscriptions import queue_mail

    revision = issue.latest_revision
    if revision is None or not user.email:
        return None
    with transaction.atomic():
        mail = queue_mail(
            TransactionalMail.Kind.TEST_ISSUE,
            to_email=user.email,
            context={"issue": issue.pk, "revision": revision.pk},
        )
        _log(issue, "nieuwsbrief.test_send", user, revision=revision.pk)
    return mail
