"""Retention: what the nieuwsbrief forgets, when, and what it keeps."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from nieuwsbrief import retention, sending, subscriptions
from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.models import (
    ConsentEvent,
    Delivery,
    Issue,
    MailEvent,
    Subscriber,
    Suppression,
)

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def test_unconfirmed_signups_go_after_fourteen_days(clean):
    now = timezone.now()
    old = SubscriberFactory(status=Subscriber.Status.PENDING, status_changed_at=now - 15 * DAY)
    young = SubscriberFactory(status=Subscriber.Status.PENDING, status_changed_at=now - 13 * DAY)
    retention.purge(now)
    assert list(Subscriber.objects.values_list("pk", flat=True)) == [young.pk]
    assert not ConsentEvent.objects.filter(subscriber_id=old.pk).exists()


def test_unsubscribed_profiles_go_after_thirty_days_leaving_suppression_and_evidence(clean):
    now = timezone.now()
    reader = SubscriberFactory()
    subscriptions.unsubscribe(reader.key, now=now - 31 * DAY)
    retention.purge(now)
    assert not Subscriber.objects.exists()
    assert Suppression.objects.filter(email_hash=reader.email_hash).exists()
    events = ConsentEvent.objects.filter(email_hash=reader.email_hash)
    assert events.count() == 3 and not events.filter(subscriber__isnull=False).exists()
    # The evidence itself goes two years later.
    retention.purge(now + 731 * DAY)
    assert not ConsentEvent.objects.exists()
    assert Suppression.objects.exists()


def test_recent_unsubscribes_are_kept(clean):
    reader = SubscriberFactory()
    subscriptions.unsubscribe(reader.key)
    retention.purge()
    assert Subscriber.objects.filter(pk=reader.pk).exists()


def test_the_delivery_log_goes_after_ninety_days_and_the_counts_stay(clean, mailoutbox):
    for _ in range(3):
        SubscriberFactory()
    issue = IssueFactory(publish=True)
    sending.start_send(issue.pk)
    for first, last in sending.batches(issue.pk):
        sending.send_batch(issue.pk, first, last)
    MailEvent.objects.create(dedupe_key="a", esp="Test", event_type="delivered")
    now = timezone.now()
    retention.purge(now + 89 * DAY)
    assert Delivery.objects.count() == 3
    result = retention.purge(now + 91 * DAY)
    assert result["deliveries"] == 3 and result["mail_events"] == 1
    issue = Issue.objects.get(pk=issue.pk)
    assert (issue.recipients_count, issue.sent_count, issue.send_status) == (3, 3, "sent")
    assert Subscriber.objects.count() == 3  # subscribers themselves stay


def test_the_management_command(clean, capsys):
    SubscriberFactory(status=Subscriber.Status.PENDING, status_changed_at=timezone.now() - 20 * DAY)
    call_command("nieuwsbrief_opschonen")
    assert "pending: 1" in capsys.readouterr().out
    assert not Subscriber.objects.exists()
