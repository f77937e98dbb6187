"""What a subscriber can do: ask, confirm, pause, resume, unsubscribe, take their data, be erased.

Every change of consent writes an append-only ``ConsentEvent`` that points at the exact consent text
shown. A sign-up answers the same whatever the address's state; what differs is only the mail that
goes out (a confirmation, or an "already subscribed" note), and at most one such mail per address
per 15 minutes and three per day, whoever asks.
"""

import ipaddress
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import consent, queueing, tokens
from .hashing import email_hash, normalize_email
from .models import (
    ConsentEvent,
    Delivery,
    MailEvent,
    Subscriber,
    Suppression,
    TransactionalMail,
)

logger = logging.getLogger(__name__)

MAIL_INTERVAL = timedelta(minutes=15)
MAILS_PER_DAY = 3


@dataclass(frozen=True)
class SignupRequest:
    email: str
    name: str
    consent_text: consent.Text
    page_url: str = ""
    ip: str = ""


def ip_prefix(ip: str) -> str:
    """The network part only (/24 for IPv4, /48 for IPv6), and only when the setting asks for it."""
    if not settings.NIEUWSBRIEF_RECORD_IP or not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def _locked_subscriber(email: str, name: str, now) -> tuple[Subscriber, bool]:
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None:
        return subscriber, False
    try:
        with transaction.atomic():
            return (
                Subscriber.objects.create(
                    email=email, name=name, created_at=now, status_changed_at=now
                ),
                True,
            )
    except IntegrityError:  # someone else created it a moment ago
        return Subscriber.objects.select_for_update().get(email=email), False


def queue_mail(kind: str, *, subscriber=None, to_email: str = "", context=None, now=None):
    """Add a mail to the outbox; a worker sends it after the transaction commits."""
    now = now or timezone.now()
    address = subscriber.email if subscriber is not None else to_email
    mail = TransactionalMail.objects.create(
        kind=kind,
        subscriber=subscriber,
        to_email=to_email,
        email_hash=email_hash(address),
        context=context or {},
        created_at=now,
    )
    transaction.on_commit(lambda: queueing.enqueue_mail(mail.pk))
    return mail


def _may_mail(address_hash: str, now) -> bool:
    recent = TransactionalMail.objects.filter(
        email_hash=address_hash,
        kind__in=[TransactionalMail.Kind.CONFIRM, TransactionalMail.Kind.ALREADY],
        created_at__gte=now - timedelta(days=1),
    )
    if recent.filter(created_at__gte=now - MAIL_INTERVAL).exists():
        return False
    return recent.count() < MAILS_PER_DAY


def request_subscription(request: SignupRequest, now=None) -> str:
    """Handle one sign-up; returns what happened (for logs and tests, never for the visitor)."""
    now = now or timezone.now()
    email = normalize_email(request.email)
    with transaction.atomic():
        text = consent.store(request.consent_text)
        subscriber, created = _locked_subscriber(email, request.name.strip(), now)
        previous = subscriber.status
        if previous in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
            kind = TransactionalMail.Kind.ALREADY
        else:
            kind = TransactionalMail.Kind.CONFIRM
            if previous != Subscriber.Status.PENDING:
                # Back after an unsubscribe, a bounce or a complaint: a new opt-in from scratch.
                subscriber.status = Subscriber.Status.PENDING
                subscriber.confirm_round += 1
            if request.name.strip():
                subscriber.name = request.name.strip()[:100]
            subscriber.status_changed_at = now
            subscriber.save()
            ConsentEvent.objects.create(
                subscriber=subscriber,
                email_hash=subscriber.email_hash,
                kind=ConsentEvent.Kind.REQUESTED,
                channel=ConsentEvent.Channel.WEB,
                consent_text=text,
                page_url=consent.page_path(request.page_url)[:300],
                ip_prefix=ip_prefix(request.ip),
                created_at=now,
            )
        if _may_mail(subscriber.email_hash, now):
            queue_mail(kind, subscriber=subscriber, now=now)
            mailed = "mailed"
        else:
            mailed = "rate-limited"
    outcome = "new" if created else previous
    logger.info("Nieuwsbrief sign-up: subscriber %s (%s, %s)", subscriber.pk, outcome, mailed)
    return f"{outcome}:{mailed}"


def resend_confirmation(key: str, now=None) -> None:
    """A new confirm link for a pending subscriber whose link expired (same limits as sign-up)."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is None or subscriber.status != Subscriber.Status.PENDING:
            return
        subscriber.status_changed_at = now
        subscriber.save(update_fields=["status_changed_at"])
        if _may_mail(subscriber.email_hash, now):
            queue_mail(TransactionalMail.Kind.CONFIRM, subscriber=subscriber, now=now)


def confirm(token: str, now=None) -> Subscriber:
    """Confirm from the button on the confirm page; a second confirm changes nothing."""
    now = now or timezone.now()
    key, confirm_round = tokens.read_confirm(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is None or subscriber.confirm_round != confirm_round:
            raise tokens.InvalidToken
        if subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
            return subscriber
        if subscriber.status != Subscriber.Status.PENDING:
            raise tokens.InvalidToken
        requested = (
            subscriber.consent_events.filter(kind=ConsentEvent.Kind.REQUESTED)
            .order_by("-created_at", "-id")
            .first()
        )
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.status_changed_at = now
        subscriber.soft_bounces = 0
        subscriber.save()
        ConsentEvent.objects.create(
            subscriber=subscriber,
            email_hash=subscriber.email_hash,
            kind=ConsentEvent.Kind.CONFIRMED,
            channel=ConsentEvent.Channel.EMAIL,
            consent_text=requested.consent_text if requested else None,
            created_at=now,
        )
        # A new, confirmed opt-in is the only way off the suppression list.
        Suppression.objects.filter(email_hash=subscriber.email_hash).delete()
    logger.info("Nieuwsbrief: subscriber %s confirmed", subscriber.pk)
    return subscriber


def _event(subscriber, kind, channel, now):
    ConsentEvent.objects.create(
        subscriber=subscriber,
        email_hash=subscriber.email_hash,
        kind=kind,
        channel=channel,
        created_at=now,
    )


def unsubscribe(
    key: str,
    channel: str = ConsentEvent.Channel.EMAIL,
    reason: str = Suppression.Reason.UNSUBSCRIBED,
    now=None,
) -> Subscriber | None:
    """Stop everything for this subscriber and suppress the address; idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is None:
            return None
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.confirm_round += 1  # older confirm links stop working
            subscriber.status_changed_at = now
            subscriber.save()
            _event(subscriber, ConsentEvent.Kind.WITHDRAWN, channel, now)
            logger.info("Nieuwsbrief: subscriber %s unsubscribed via %s", subscriber.pk, channel)
        Suppression.objects.get_or_create(
            email_hash=subscriber.email_hash, defaults={"reason": reason, "created_at": now}
        )
    return subscriber


def pause(key: str, now=None) -> Subscriber | None:
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.PAUSED
            subscriber.status_changed_at = now
            subscriber.save()
            _event(subscriber, ConsentEvent.Kind.PAUSED, ConsentEvent.Channel.WEB, now)
    return subscriber


def resume(key: str, now=None) -> Subscriber | None:
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(key=key).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.PAUSED:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.status_changed_at = now
            subscriber.save()
            _event(subscriber, ConsentEvent.Kind.RESUMED, ConsentEvent.Channel.WEB, now)
    return subscriber


def erase(subscriber: Subscriber, now=None) -> None:
    """Delete everything about this person; only the keyed hash on the suppression list stays."""
    now = now or timezone.now()
    with transaction.atomic():
        address_hash = subscriber.email_hash
        Suppression.objects.get_or_create(
            email_hash=address_hash,
            defaults={"reason": Suppression.Reason.ERASED, "created_at": now},
        )
        ConsentEvent.objects.filter(email_hash=address_hash).delete()
        MailEvent.objects.filter(recipient_hash=address_hash).delete()
        TransactionalMail.objects.filter(email_hash=address_hash).delete()
        Delivery.objects.filter(subscriber=subscriber).update(subscriber=None, message_id="")
        subscriber_id = subscriber.pk
        subscriber.delete()
    logger.info("Nieuwsbrief: subscriber %s erased", subscriber_id)


def export(subscriber: Subscriber) -> dict:
    """Everything we hold about one subscriber, for the 'download my data' button."""

    def moment(value):
        return timezone.localtime(value).isoformat() if value else None

    return {
        "e-mailadres": subscriber.email,
        "naam": subscriber.name,
        "status": subscriber.get_status_display(),
        "aangemeld_op": moment(subscriber.created_at),
        "bevestigd_op": moment(subscriber.confirmed_at),
        "toestemming": [
            {
                "wat": event.get_kind_display(),
                "wanneer": moment(event.created_at),
                "via": event.get_channel_display(),
                "pagina": event.page_url,
                "ip_ingekort": event.ip_prefix,
                "tekst": (
                    {
                        "vinkje": event.consent_text.label,
                        "toelichting": event.consent_text.help_text,
                        "privacyverklaring": event.consent_text.privacy_url,
                    }
                    if event.consent_text_id
                    else None
                ),
            }
            for event in subscriber.consent_events.select_related("consent_text")
        ],
        "ontvangen_nieuwsbrieven": [
            {
                "editie": delivery.issue.title,
                "status": delivery.get_status_display(),
                "verstuurd_op": moment(delivery.sent_at),
            }
            for delivery in subscriber.deliveries.select_related("issue").order_by("id")
        ],
    }
