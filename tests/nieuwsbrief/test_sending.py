"""The send engine in one process: state machine, snapshot, claims, retries, breaker, sweeper."""

import logging
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from nieuwsbrief import sending, subscriptions, throttle
from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.models import Delivery, Issue, Subscriber, Suppression, TransactionalMail

from .backends import ScriptedBackend

pytestmark = pytest.mark.django_db
S, D = Issue.SendStatus, Delivery.Status


@pytest.fixture
def scripted(settings):
    settings.EMAIL_BACKEND = "tests.nieuwsbrief.backends.ScriptedBackend"
    ScriptedBackend.script, ScriptedBackend.always = [], None
    yield ScriptedBackend
    ScriptedBackend.script, ScriptedBackend.always = [], None


@pytest.fixture
def readers(clean):
    confirmed = [SubscriberFactory() for _ in range(5)]
    SubscriberFactory(status=Subscriber.Status.PENDING)
    paused = SubscriberFactory(status=Subscriber.Status.PAUSED)
    gone = SubscriberFactory()
    subscriptions.unsubscribe(gone.key)
    # Suppressed while still marked confirmed (e.g. a bounce processed elsewhere): never mailed.
    odd = SubscriberFactory()
    Suppression.objects.create(email_hash=odd.email_hash, reason="bounced")
    return confirmed, paused


@pytest.fixture
def issue(clean):
    return IssueFactory(publish=True)


class HandoverUnknown(Exception):
    """An error a backend raises when it cannot say whether the provider took the message."""


def run_all(issue_id):
    """What the workers would do: every batch, until nothing is waiting."""
    for first, last in sending.batches(issue_id):
        sending.send_batch(issue_id, first, last)


def test_publishing_is_the_approval(clean):
    issue = IssueFactory()
    assert issue.send_status == S.DRAFT and not issue.live
    assert not sending.start_send(issue.pk)  # a draft cannot be sent
    issue.save_revision().publish()
    issue.refresh_from_db()
    assert issue.send_status == S.APPROVED
    issue.unpublish()
    issue.refresh_from_db()
    assert issue.send_status == S.DRAFT


def test_an_issue_drafted_for_a_slot_is_scheduled_on_approval(clean):
    slot = timezone.now() + timedelta(days=3)
    issue = IssueFactory(planned_send_at=slot)
    issue.save_revision().publish()
    issue.refresh_from_db()
    assert (issue.send_status, issue.send_at) == (S.SCHEDULED, slot)


def test_the_snapshot_holds_confirmed_unsuppressed_subscribers_only(readers, issue):
    confirmed, _ = readers
    assert sending.start_send(issue.pk)
    issue.refresh_from_db()
    assert issue.send_status == S.SENDING
    assert issue.sent_revision_id == issue.live_revision_id
    recipients = set(Delivery.objects.filter(issue=issue).values_list("subscriber_id", flat=True))
    assert recipients == {s.pk for s in confirmed}
    assert issue.recipients_count == 5
    # Started twice (a double click, a second scheduler): nothing happens the second time.
    assert not sending.start_send(issue.pk)
    assert Delivery.objects.filter(issue=issue).count() == 5
    # Who signs up later is not in this issue.
    SubscriberFactory()
    run_all(issue.pk)
    assert Delivery.objects.filter(issue=issue).count() == 5


def test_every_recipient_gets_exactly_one_even_when_batches_run_twice(readers, issue, mailoutbox):
    confirmed, _ = readers
    sending.start_send(issue.pk)
    run_all(issue.pk)
    sending.send_batch(issue.pk, 0, 10**9)  # a redelivered task: finds nothing to do
    assert sorted(m.to[0] for m in mailoutbox) == sorted(s.email for s in confirmed)
    issue.refresh_from_db()
    assert issue.send_status == S.SENT
    assert (issue.sent_count, issue.failed_count, issue.skipped_count) == (5, 0, 0)


def test_batches_are_chunks_of_the_configured_size(readers, issue, settings):
    settings.NIEUWSBRIEF_CHUNK_SIZE = 2
    sending.start_send(issue.pk)
    ranges = sending.batches(issue.pk)
    assert len(ranges) == 3
    ids = list(Delivery.objects.filter(issue=issue).order_by("id").values_list("id", flat=True))
    assert ranges == [(ids[0], ids[1]), (ids[2], ids[3]), (ids[4], ids[4])]


def test_an_unsubscribe_after_the_snapshot_takes_effect_before_sending(readers, issue, mailoutbox):
    confirmed, _ = readers
    sending.start_send(issue.pk)
    subscriptions.unsubscribe(confirmed[0].key)
    bounced = confirmed[1]
    Suppression.objects.create(email_hash=bounced.email_hash, reason="bounced")
    run_all(issue.pk)
    assert len(mailoutbox) == 3
    skipped = Delivery.objects.get(issue=issue, subscriber=confirmed[0])
    assert skipped.status == D.SKIPPED and "afgemeld" in skipped.skip_reason
    assert Delivery.objects.get(subscriber=bounced).skip_reason == "Op de blokkadelijst"


def test_a_transient_error_is_retried_and_delivered_once(readers, issue, scripted, mailoutbox):
    scripted.script = [smtplib.SMTPResponseException(451, b"even niet")]
    sending.start_send(issue.pk)
    first, last = sending.batches(issue.pk)[0]
    result = sending.send_batch(issue.pk, first, last)
    assert result.retry_in is not None and 0 < result.retry_in <= 600
    failed = Delivery.objects.get(issue=issue, attempts=1, status=D.QUEUED)
    assert failed.retry_at > timezone.now() and "451" in failed.last_error
    assert mailoutbox == []  # the batch stops at a transient error
    Delivery.objects.filter(pk=failed.pk).update(retry_at=timezone.now())  # time passes
    assert sending.send_batch(issue.pk, first, last).retry_in is None
    assert len(mailoutbox) == 5
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (D.SENT, 2, "")


def test_a_permanent_error_fails_that_delivery_only(readers, issue, scripted, mailoutbox):
    scripted.script = [None, smtplib.SMTPResponseException(550, b"bestaat niet")]
    sending.start_send(issue.pk)
    run_all(issue.pk)
    assert len(mailoutbox) == 4
    failed = Delivery.objects.get(issue=issue, status=D.FAILED)
    assert "550" in failed.last_error
    issue.refresh_from_db()
    assert (issue.send_status, issue.sent_count, issue.failed_count) == (S.SENT, 4, 1)
    # Retry failed: only the failed one goes again, once.
    assert sending.retry(issue.pk) == 1
    run_all(issue.pk)
    assert len(mailoutbox) == 5
    assert mailoutbox[-1].to == [failed.subscriber.email]


def test_an_unsure_handover_is_never_sent_twice(readers, issue, scripted, mailoutbox):
    scripted.script = [HandoverUnknown("geen antwoord na het overdragen")]
    sending.start_send(issue.pk)
    run_all(issue.pk)
    unknown = Delivery.objects.get(issue=issue, status=D.UNKNOWN)
    sending.sweep(now=timezone.now() + timedelta(hours=1))
    run_all(issue.pk)
    assert len(mailoutbox) == 4
    unknown.refresh_from_db()
    assert unknown.status == D.UNKNOWN
    issue.refresh_from_db()
    assert (issue.send_status, issue.unknown_count) == (S.SENT, 1)


def test_an_error_spike_pauses_the_issue_and_tells_the_editors(
    clean, issue, scripted, mailoutbox, settings, django_user_model
):
    settings.NIEUWSBRIEF_PAUSE_ERRORS, settings.NIEUWSBRIEF_PAUSE_WINDOW = 10, 20
    django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    for _ in range(30):
        SubscriberFactory()
    scripted.always = smtplib.SMTPResponseException(554, b"geweigerd")
    sending.start_send(issue.pk)
    run_all(issue.pk)
    issue.refresh_from_db()
    assert issue.send_status == S.PAUSED
    assert "10 van de laatste 20" in issue.status_reason
    counts = sending.refresh_counts(issue.pk)
    assert counts == {D.FAILED: 10, D.QUEUED: 20}
    alert = TransactionalMail.objects.get(kind=TransactionalMail.Kind.ALERT)
    assert alert.to_email == "chef@example.org"
    # A person fixes the mail server and resumes: the rest goes out, each exactly once.
    scripted.always = None
    assert sending.resume(issue.pk)
    run_all(issue.pk)
    assert len(mailoutbox) == 20
    issue.refresh_from_db()
    assert (issue.send_status, issue.sent_count, issue.failed_count) == (S.SENT, 20, 10)
    sending.retry(issue.pk)
    run_all(issue.pk)
    recipients = [m.to[0] for m in mailoutbox]
    assert len(recipients) == len(set(recipients)) == 30


def test_pause_stops_and_cancel_skips_the_rest(readers, issue, mailoutbox):
    sending.start_send(issue.pk)
    assert sending.pause(issue.pk)
    run_all(issue.pk)
    assert mailoutbox == []
    assert sending.cancel(issue.pk)
    issue.refresh_from_db()
    assert (issue.send_status, issue.skipped_count) == (S.CANCELLED, 5)
    assert not sending.resume(issue.pk)


def test_the_stale_guard(clean, readers, django_user_model):
    django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    now = timezone.now()
    on_time = IssueFactory(publish=True)
    late = IssueFactory(publish=True)
    stale = IssueFactory(publish=True)
    sending.schedule(on_time, now - timedelta(minutes=1))
    sending.schedule(late, now - timedelta(hours=5, minutes=59))
    sending.schedule(stale, now - timedelta(hours=6, minutes=1))
    future = IssueFactory(publish=True)
    sending.schedule(future, now + timedelta(minutes=5))
    started = sending.dispatch_due(now=now)
    assert set(started) == {on_time.pk, late.pk}
    stale.refresh_from_db()
    future.refresh_from_db()
    assert stale.send_status == S.PAUSED and "te laat" in stale.status_reason
    assert not Delivery.objects.filter(issue=stale).exists()
    assert future.send_status == S.SCHEDULED
    assert TransactionalMail.objects.filter(kind="alert", context__issue=stale.pk).exists()
    # A person decides to send it anyway.
    assert sending.resume(stale.pk)
    stale.refresh_from_db()
    assert stale.send_status == S.SENDING and stale.recipients_count == 5


def test_a_broker_outage_delays_but_never_loses(
    readers, issue, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.NIEUWSBRIEF_REQUEUE_SECONDS = 300
    with (
        mock.patch(
            "nieuwsbrief.tasks.send_batch.apply_async", side_effect=OperationalError("down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert sending.start_send(issue.pk)
    assert mailoutbox == []
    assert Delivery.objects.filter(issue=issue, status=D.QUEUED).count() == 5
    assert sending.sweep()["restarted"] == []  # not stalled yet
    with django_capture_on_commit_callbacks(execute=True):
        report = sending.sweep(now=timezone.now() + timedelta(seconds=301))
    assert report["restarted"] == [issue.pk]
    assert len(mailoutbox) == 5
    sending.sweep(now=timezone.now() + timedelta(seconds=700))
    assert len(mailoutbox) == 5
    issue.refresh_from_db()
    assert issue.send_status == S.SENT


def test_expired_leases_go_back_or_become_unknown(readers, issue):
    sending.start_send(issue.pk)
    ids = list(Delivery.objects.filter(issue=issue).values_list("id", flat=True))
    past = timezone.now() - timedelta(seconds=1)
    Delivery.objects.filter(pk=ids[0]).update(status=D.SENDING, phase="prepared", lease_until=past)
    Delivery.objects.filter(pk=ids[1]).update(
        status=D.SENDING, phase="committing", lease_until=past
    )
    Delivery.objects.filter(pk=ids[2]).update(
        status=D.SENDING, phase="committing", lease_until=timezone.now() + timedelta(minutes=1)
    )
    assert sending.expire_leases() == (1, 1)
    statuses = dict(Delivery.objects.filter(pk__in=ids[:3]).values_list("id", "status"))
    assert statuses == {ids[0]: D.QUEUED, ids[1]: D.UNKNOWN, ids[2]: D.SENDING}


def test_a_claim_is_exclusive(readers, issue):
    sending.start_send(issue.pk)
    delivery = Delivery.objects.filter(issue=issue).first()
    now = timezone.now()
    assert sending._claim(delivery.pk, "eerste", now)
    assert not sending._claim(delivery.pk, "tweede", now)
    with pytest.raises(sending.ClaimLost):
        sending._mark_committing(delivery.pk, "tweede")
    sending._mark_committing(delivery.pk, "eerste")


def test_the_global_rate_limit_holds_for_several_workers(settings):
    """Two workers take tickets from one shared counter: never more than the budget per window."""
    settings.NIEUWSBRIEF_MAX_PER_MINUTE = 120  # 2 per one-second window
    clock = {"now": 1000.0}
    sent_at = []

    def sleep(seconds):
        clock["now"] += seconds

    def worker_sends_one():
        throttle.acquire(clock=lambda: clock["now"], sleep=sleep)
        sent_at.append(clock["now"])

    for _ in range(10):  # two workers, interleaved
        worker_sends_one()
        worker_sends_one()
        clock["now"] += 0.05
    windows = {}
    for moment in sent_at:
        windows[int(moment)] = windows.get(int(moment), 0) + 1
    assert max(windows.values()) <= 2
    assert len(sent_at) == 20 and sent_at[-1] - sent_at[0] >= 9
    assert throttle.window_and_budget(600) == (1, 10)
    assert throttle.window_and_budget(20) == (3, 1)


def test_task_options_keep_retries_below_the_visibility_timeout(settings):
    from nieuwsbrief import tasks

    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for task in (tasks.send_batch, tasks.send_mail, tasks.process_mail_event):
        assert task.acks_late and task.reject_on_worker_lost
    assert tasks.send_batch.time_limit < visibility
    assert max(sending.backoff(n) for n in range(1, 30)) <= 600 * 1.2 < visibility


def test_logs_name_ids_not_addresses(readers, issue, scripted, caplog):
    scripted.script = [None, smtplib.SMTPResponseException(550, b"user@example.org onbekend")]
    caplog.set_level(logging.INFO)
    sending.start_send(issue.pk)
    run_all(issue.pk)
    subscriptions.unsubscribe(readers[0][0].key)
    for record in caplog.records:
        if record.name.startswith("nieuwsbrief"):
            message = record.getMessage()
            assert not any(s.email in message for s in Subscriber.objects.all()), message


def test_the_test_send_goes_to_the_editor_only(
    clean, issue, editor, mailoutbox, django_capture_on_commit_callbacks
):
    from wagtail.models import ModelLogEntry

    SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sending.queue_test_send(issue, editor)
    (message,) = mailoutbox
    assert message.to == ["redacteur@example.org"]
    assert message.subject.startswith("[TEST] ")
    assert not Delivery.objects.exists()
    assert ModelLogEntry.objects.filter(action="nieuwsbrief.test_send", user=editor).exists()
    assert mail.outbox is mailoutbox


def test_saving_content_never_rewinds_the_send_state(readers, issue, mailoutbox):
    stale = Issue.objects.get(pk=issue.pk)  # an edit form opened before the send
    old_revision = issue.save_revision()
    sending.start_send(issue.pk)
    run_all(issue.pk)
    stale.title = "Nieuwe titel"
    stale.save()
    old_revision.publish()  # someone publishes a revision from before the send
    issue.refresh_from_db()
    assert (issue.send_status, issue.sent_count) == (S.SENT, 5)
    assert not sending.start_send(issue.pk, [S.APPROVED, S.SCHEDULED, S.SENT])
    assert len(mailoutbox) == 5


def test_without_beat_the_mail_command_sends_a_scheduled_issue_once(
    clean, readers, django_capture_on_commit_callbacks
):
    import io

    from django.core.management import call_command

    issue = IssueFactory(publish=True)
    sending.schedule(issue, timezone.now() - timedelta(minutes=1))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("mails_versturen", stdout=io.StringIO())
    issue.refresh_from_db()
    assert issue.send_status == S.SENT
    confirmed, _ = readers
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in confirmed)


def test_every_outbox_counts_in_the_words_of_the_mail_command(clean, readers):
    """The nieuwsbrief and the inzendingen report their outcomes in the same words, which the
    command prints (settings.MAIL_WACHTRIJEN); the portal has no table of either app's words."""
    import io

    from django.core.management import call_command

    from inzendingen.models import Mail
    from inzendingen.tasks import verstuur_wachtende
    from nieuwsbrief.tasks import send_everything_waiting

    confirmed, _ = readers
    subscriptions.queue_mail("already", subscriber=confirmed[0])
    sending.schedule(IssueFactory(publish=True), timezone.now() - timedelta(minutes=1))
    Mail.objects.create(aan="redactie@example.org", onderwerp="Test", tekst="Hallo")
    assert +send_everything_waiting() == {"verzonden": 1, "edities gestart": 1}
    assert +verstuur_wachtende() == {"verzonden": 1}

    subscriptions.queue_mail("already", subscriber=confirmed[1])
    sending.schedule(IssueFactory(publish=True), timezone.now() - timedelta(minutes=1))
    out = io.StringIO()
    call_command("mails_versturen", stdout=out)
    assert out.getvalue().splitlines() == [
        "Nieuwsbrief: 1 verzonden, 0 wachten nog, 0 mislukt, 1 edities gestart.",
        "Inzendingen: 0 verzonden, 0 wachten nog, 0 mislukt.",
        "1 verzonden.",
    ]
