"""Bounces and complaints from the provider's webhooks: stored once, suppressed at once."""

import base64
import json
from datetime import UTC, datetime

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from nieuwsbrief import bounces, sending
from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.models import Delivery, Issue, MailEvent, Subscriber, Suppression

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(clean, mailoutbox):
    reader = SubscriberFactory(email="lezer@example.org")
    issue = IssueFactory(publish=True)
    sending.start_send(issue.pk)
    for first, last in sending.batches(issue.pk):
        sending.send_batch(issue.pk, first, last)
    return reader, issue, Delivery.objects.get(issue=issue)


def event(kind, reason=None, recipient="lezer@example.org", message_id="", event_id="ev-1", **kw):
    return AnymailTrackingEvent(
        event_type=kind,
        reject_reason=reason,
        recipient=recipient,
        message_id=message_id,
        event_id=event_id,
        timestamp=datetime(2026, 3, 3, 10, 5, tzinfo=UTC),
        **kw,
    )


def signal(evt, capture):
    with capture(execute=True):
        tracking.send(sender=object, event=evt, esp_name="Postmark")


@pytest.mark.parametrize(
    ("kind", "reason", "status", "suppression"),
    [
        ("bounced", "bounced", Subscriber.Status.BLOCKED, "bounced"),
        ("rejected", "invalid", Subscriber.Status.BLOCKED, "bounced"),
        ("complained", None, Subscriber.Status.UNSUBSCRIBED, "complained"),
        ("rejected", "spam", Subscriber.Status.UNSUBSCRIBED, "complained"),
        ("unsubscribed", "unsubscribed", Subscriber.Status.UNSUBSCRIBED, "unsubscribed"),
    ],
)
def test_hard_bounces_and_complaints_suppress_at_once(
    sent, django_capture_on_commit_callbacks, kind, reason, status, suppression
):
    reader, issue, delivery = sent
    signal(event(kind, reason, message_id=delivery.message_id), django_capture_on_commit_callbacks)
    reader.refresh_from_db()
    assert reader.status == status
    assert Suppression.objects.get(email_hash=reader.email_hash).reason == suppression
    assert not Subscriber.objects.eligible().exists()
    stored = MailEvent.objects.get()
    assert stored.delivery == delivery and stored.processed_at is not None
    assert stored.recipient_hash == reader.email_hash  # no address stored
    issue.refresh_from_db()
    if suppression in ("bounced", "complained"):
        assert (issue.bounce_count, issue.complaint_count) == (
            (1, 0) if suppression == "bounced" else (0, 1)
        )


def test_the_same_event_twice_is_stored_and_counted_once(sent, django_capture_on_commit_callbacks):
    reader, issue, delivery = sent
    for _ in range(2):
        signal(
            event("bounced", "bounced", message_id=delivery.message_id),
            django_capture_on_commit_callbacks,
        )
    assert MailEvent.objects.count() == 1
    issue.refresh_from_db()
    assert issue.bounce_count == 1


def test_events_are_matched_by_metadata_when_the_id_is_the_providers(
    sent, django_capture_on_commit_callbacks
):
    reader, issue, delivery = sent
    evt = event(
        "bounced",
        "bounced",
        message_id="provider-123",
        metadata={"nieuwsbrief_bezorging": str(delivery.pk)},
    )
    signal(evt, django_capture_on_commit_callbacks)
    assert MailEvent.objects.get().delivery == delivery
    delivery.refresh_from_db()
    assert delivery.bounced_at is not None


def test_soft_bounces_suppress_after_three_in_a_row(sent, django_capture_on_commit_callbacks):
    reader, _, delivery = sent
    for n in range(2):
        signal(event("deferred", event_id=f"soft-{n}"), django_capture_on_commit_callbacks)
    signal(event("delivered", event_id="ok"), django_capture_on_commit_callbacks)
    reader.refresh_from_db()
    assert (reader.status, reader.soft_bounces) == (Subscriber.Status.CONFIRMED, 0)
    for n in range(3):
        signal(event("deferred", event_id=f"again-{n}"), django_capture_on_commit_callbacks)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BLOCKED
    assert Suppression.objects.filter(email_hash=reader.email_hash, reason="bounced").exists()


def test_an_event_for_an_unknown_address_suppresses_its_hash(
    clean, django_capture_on_commit_callbacks
):
    signal(event("complained", recipient="vreemd@example.org"), django_capture_on_commit_callbacks)
    stored = MailEvent.objects.get()
    assert stored.outcome == "complained (onbekende ontvanger)"
    from nieuwsbrief.hashing import email_hash

    assert Suppression.objects.filter(email_hash=email_hash("vreemd@example.org")).exists()


def test_opens_and_clicks_change_nothing(sent, django_capture_on_commit_callbacks):
    reader, _, _ = sent
    signal(event("opened", event_id="o"), django_capture_on_commit_callbacks)
    assert bounces.policy("clicked", "") == ""
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert MailEvent.objects.get().outcome == "genegeerd"


POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "Type": "HardBounce",
    "ID": 4323372036854775807,
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Email": "lezer@example.org",
    "BouncedAt": "2026-03-03T10:05:00Z",
    "Description": "Onbekende ontvanger",
}


def test_the_webhook_answers_only_with_the_secret(
    client, sent, settings, django_capture_on_commit_callbacks
):
    reader, _, _ = sent
    url = "/nieuwsbrief/webhooks/postmark/tracking/"
    payload = json.dumps(POSTMARK_BOUNCE)
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": ""}
    assert client.post(url, payload, content_type="application/json").status_code == 404
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "haak:geheim"}
    assert client.post(url, payload, content_type="application/json").status_code == 400
    wrong = "Basic " + base64.b64encode(b"haak:fout").decode()
    assert (
        client.post(
            url, payload, content_type="application/json", HTTP_AUTHORIZATION=wrong
        ).status_code
        == 400
    )
    good = "Basic " + base64.b64encode(b"haak:geheim").decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, payload, content_type="application/json", HTTP_AUTHORIZATION=good
        )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BLOCKED
    assert client.get(url, HTTP_AUTHORIZATION=good).status_code == 405
    assert (
        client.post(
            "/nieuwsbrief/webhooks/onbekend/tracking/",
            payload,
            content_type="application/json",
            HTTP_AUTHORIZATION=good,
        ).status_code
        == 404
    )
    assert Issue.objects.get().send_status == Issue.SendStatus.SENT
