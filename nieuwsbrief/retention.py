"""How long the nieuwsbrief keeps what (run from beat and by ``manage.py nieuwsbrief_opschonen``).

- unconfirmed sign-ups: ``NIEUWSBRIEF_PENDING_TTL_DAYS`` (14) after the last request;
- unsubscribed or blocked profiles: ``NIEUWSBRIEF_UNSUBSCRIBED_TTL_DAYS`` (30); the suppression row
  and the consent events (by keyed hash, without the profile) stay;
- consent events of profiles that are gone: ``NIEUWSBRIEF_CONSENT_EVIDENCE_DAYS`` (730), proof for
  the period we mailed them;
- per-recipient delivery rows, bounce events and service mails: ``NIEUWSBRIEF_DELIVERY_LOG_DAYS``
  (90); the per-issue counts stay.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import (
    ConsentEvent,
    Delivery,
    Issue,
    MailEvent,
    Subscriber,
    TransactionalMail,
)
from .sending import refresh_counts

logger = logging.getLogger(__name__)


def purge(now=None) -> dict:
    now = now or timezone.now()
    days = timedelta(days=1)
    done = {}
    with transaction.atomic():
        done["pending"] = (
            Subscriber.objects.filter(
                status=Subscriber.Status.PENDING,
                status_changed_at__lt=now - settings.NIEUWSBRIEF_PENDING_TTL_DAYS * days,
            )
            .delete()[1]
            .get("nieuwsbrief.Subscriber", 0)
        )
        done["unsubscribed"] = (
            Subscriber.objects.filter(
                status__in=[Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BLOCKED],
                status_changed_at__lt=now - settings.NIEUWSBRIEF_UNSUBSCRIBED_TTL_DAYS * days,
            )
            .delete()[1]
            .get("nieuwsbrief.Subscriber", 0)
        )
        done["consent_events"] = ConsentEvent.objects.filter(
            subscriber__isnull=True,
            created_at__lt=now - settings.NIEUWSBRIEF_CONSENT_EVIDENCE_DAYS * days,
        ).delete()[0]
        log_cutoff = now - settings.NIEUWSBRIEF_DELIVERY_LOG_DAYS * days
        old_issues = list(
            Issue.objects.filter(
                send_status__in=[Issue.SendStatus.SENT, Issue.SendStatus.CANCELLED],
                sending_started_at__lt=log_cutoff,
            )
            .filter(deliveries__isnull=False)
            .distinct()
            .values_list("pk", flat=True)
        )
        for issue_id in old_issues:
            refresh_counts(issue_id)  # the aggregate stays, the per-person rows go
        done["deliveries"] = Delivery.objects.filter(issue_id__in=old_issues).delete()[0]
        done["mail_events"] = MailEvent.objects.filter(received_at__lt=log_cutoff).delete()[0]
        done["service_mails"] = TransactionalMail.objects.filter(
            created_at__lt=log_cutoff
        ).delete()[0]
    logger.info("Nieuwsbrief retention: %s", done)
    return done
