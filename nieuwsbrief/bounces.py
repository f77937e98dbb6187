"""Bounces and complaints from the mail provider (django-anymail tracking webhooks).

The signal receiver only stores the event (once: providers resend webhooks) and queues its
processing, so the webhook answers fast. Processing applies the policy: a hard bounce, a complaint,
or a provider-side unsubscribe or rejection suppresses the address at once; soft bounces are counted
and suppress after three in a row. Events are matched to the delivery by message id, else by the
delivery id in the metadata, else by the recipient's keyed hash; nothing is logged with an address.
"""

import hashlib
import logging

from anymail.signals import EventType, RejectReason
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.celery import task

from .hashing import email_hash
from .models import ConsentEvent, Delivery, Issue, MailEvent, Subscriber, Suppression

logger = logging.getLogger(__name__)

SOFT_BOUNCE_LIMIT = 3
HARD_REASONS = {RejectReason.BOUNCED, RejectReason.INVALID}
SUPPRESSING_REJECTS = {
    RejectReason.BOUNCED,
    RejectReason.INVALID,
    RejectReason.SPAM,
    RejectReason.UNSUBSCRIBED,
}


def _dedupe_key(event, esp_name: str) -> str:
    parts = [esp_name, event.event_type]
    if event.event_id:
        parts.append(str(event.event_id))
    else:
        parts += [
            str(event.message_id or ""),
            email_hash(event.recipient or ""),
            event.timestamp.isoformat() if event.timestamp else "",
        ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def receive(sender, event, esp_name, **kwargs) -> MailEvent | None:
    """The ``anymail.signals.tracking`` receiver: store once, process after commit."""
    metadata = event.metadata or {}
    delivery_id = str(metadata.get("nieuwsbrief_bezorging", ""))
    delivery = None
    if event.message_id:
        delivery = Delivery.objects.filter(message_id=event.message_id).only("pk").first()
    if delivery is None and delivery_id.isdigit():
        delivery = Delivery.objects.filter(pk=int(delivery_id)).only("pk").first()
    try:
        with transaction.atomic():
            stored = MailEvent.objects.create(
                dedupe_key=_dedupe_key(event, esp_name),
                esp=esp_name[:40],
                event_type=str(event.event_type)[:30],
                reject_reason=str(event.reject_reason or "")[:30],
                message_id=str(event.message_id or "")[:200],
                recipient_hash=email_hash(event.recipient) if event.recipient else "",
                delivery=delivery,
                occurred_at=event.timestamp,
            )
    except IntegrityError:
        return None  # seen before
    transaction.on_commit(lambda: task("nieuwsbrief.process_mail_event").delay(stored.pk))
    return stored


def _suppress(subscriber: Subscriber, reason: str, now) -> None:
    Suppression.objects.get_or_create(
        email_hash=subscriber.email_hash, defaults={"reason": reason, "created_at": now}
    )
    if subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
        withdrawn = reason in (Suppression.Reason.UNSUBSCRIBED, Suppression.Reason.COMPLAINED)
        subscriber.status = (
            Subscriber.Status.UNSUBSCRIBED if withdrawn else Subscriber.Status.BLOCKED
        )
        subscriber.confirm_round += 1
        subscriber.status_changed_at = now
        subscriber.save()
        if withdrawn:
            ConsentEvent.objects.create(
                subscriber=subscriber,
                email_hash=subscriber.email_hash,
                kind=ConsentEvent.Kind.WITHDRAWN,
                channel=ConsentEvent.Channel.EMAIL,
                created_at=now,
            )


def policy(event_type: str, reject_reason: str) -> str:
    """What an event does: ``bounced``, ``complained``, ``unsubscribed``, ``soft``, ``delivered``
    or ``''`` (nothing)."""
    if event_type == EventType.COMPLAINED:
        return "complained"
    if event_type == EventType.UNSUBSCRIBED:
        return "unsubscribed"
    if event_type == EventType.BOUNCED:
        return "bounced" if reject_reason in HARD_REASONS or not reject_reason else "soft"
    if event_type == EventType.REJECTED and reject_reason in SUPPRESSING_REJECTS:
        if reject_reason == RejectReason.SPAM:
            return "complained"
        if reject_reason == RejectReason.UNSUBSCRIBED:
            return "unsubscribed"
        return "bounced"
    if event_type == EventType.DEFERRED:
        return "soft"
    if event_type == EventType.DELIVERED:
        return "delivered"
    return ""


def process(event_id: int, now=None) -> str:
    now = now or timezone.now()
    with transaction.atomic():
        event = MailEvent.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.processed_at is not None:
            return ""
        action = policy(event.event_type, event.reject_reason)
        delivery = (
            Delivery.objects.select_related("subscriber").filter(pk=event.delivery_id).first()
        )
        subscriber = delivery.subscriber if delivery else None
        if subscriber is None and event.recipient_hash:
            subscriber = Subscriber.objects.filter(email_hash=event.recipient_hash).first()
        reasons = {
            "bounced": Suppression.Reason.BOUNCED,
            "complained": Suppression.Reason.COMPLAINED,
            "unsubscribed": Suppression.Reason.UNSUBSCRIBED,
        }
        if action in reasons:
            if subscriber is not None:
                _suppress(subscriber, reasons[action], now)
            elif event.recipient_hash:
                Suppression.objects.get_or_create(
                    email_hash=event.recipient_hash,
                    defaults={"reason": reasons[action], "created_at": now},
                )
        elif action == "soft" and subscriber is not None:
            Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=F("soft_bounces") + 1)
            subscriber.refresh_from_db(fields=["soft_bounces"])
            if subscriber.soft_bounces >= SOFT_BOUNCE_LIMIT:
                _suppress(subscriber, Suppression.Reason.BOUNCED, now)
                action = "bounced"
        elif action == "delivered" and subscriber is not None:
            Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=0)
        if delivery is not None and action in ("bounced", "complained"):
            field = "bounced_at" if action == "bounced" else "complained_at"
            first = Delivery.objects.filter(pk=delivery.pk, **{f"{field}__isnull": True}).update(
                **{field: now}
            )
            if first:
                counter = "bounce_count" if action == "bounced" else "complaint_count"
                Issue.objects.filter(pk=delivery.issue_id).update(**{counter: F(counter) + 1})
        outcome = action or "genegeerd"
        if subscriber is None and action:
            outcome += " (onbekende ontvanger)"
        MailEvent.objects.filter(pk=event.pk).update(processed_at=now, outcome=outcome)
    logger.info("Nieuwsbrief: mail event %s (%s): %s", event.pk, event.event_type, outcome)
    return outcome
