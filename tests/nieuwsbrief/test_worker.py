"""The send engine with real services: a Celery worker on Redis, an SMTP server, crashes.

Each test starts its own worker process (``celery -A portal worker --beat``) against Redis
database 5 and the test database, and an SMTP server on loopback that counts what it accepted.
Nothing is published from this process for a send: an issue is scheduled for now and the worker's
own beat starts it, as in production.
"""

import threading
import time

import pytest
import redis as redis_client
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.hashing import email_hash
from nieuwsbrief.models import Delivery, Issue, Subscriber, Suppression, TransactionalMail
from tests.services import require_redis

from .conftest import signup_data
from .services import (
    SMTPServer,
    Worker,
    broker_url_for_tests,
    celery_publishing_to,
    redis_server,
    wait_until,
)

pytestmark = [pytest.mark.celery, pytest.mark.redis, pytest.mark.smtp, pytest.mark.slow]

FAST = {
    "NIEUWSBRIEF_SWEEP_SECONDS": "1",
    "NIEUWSBRIEF_REQUEUE_SECONDS": "3",
    "NIEUWSBRIEF_LEASE_SECONDS": "6",
    "NIEUWSBRIEF_RETRY_BASE_SECONDS": "1",
    "NIEUWSBRIEF_MAX_PER_MINUTE": "0",
    "NIEUWSBRIEF_CHUNK_SIZE": "100",
}


@pytest.fixture
def broker():
    url = broker_url_for_tests(require_redis())
    redis_client.Redis.from_url(url).flushdb()
    yield url
    redis_client.Redis.from_url(url).flushdb()


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def workers():
    started = []

    def start(broker_url, email_url, **env):
        worker = Worker(broker_url, email_url, env={**FAST, **env}).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.kill()


def bulk_subscribers(prefix: str, count: int, status: str) -> list[str]:
    now = timezone.now()
    rows = [
        Subscriber(
            email=f"{prefix}{n}@example.org",
            email_hash=email_hash(f"{prefix}{n}@example.org"),
            status=status,
            confirmed_at=now if status == Subscriber.Status.CONFIRMED else None,
        )
        for n in range(count)
    ]
    Subscriber.objects.bulk_create(rows, batch_size=500)
    return [row.email for row in rows]


def schedule_now(issue: Issue) -> None:
    Issue.objects.filter(pk=issue.pk).update(
        send_status=Issue.SendStatus.SCHEDULED, send_at=timezone.now()
    )


def wait_for_sent(issue: Issue, timeout: float, worker: Worker) -> Issue:
    try:
        wait_until(
            lambda: Issue.objects.get(pk=issue.pk).send_status == Issue.SendStatus.SENT,
            timeout,
            interval=0.25,
        )
    except AssertionError as exc:
        raise AssertionError(f"issue not sent in {timeout} s\n{worker.output()}") from exc
    return Issue.objects.get(pk=issue.pk)


def test_a_worker_killed_twice_midway_costs_no_mail_and_no_duplicate(
    committed, broker, smtp, workers
):
    readers = bulk_subscribers("lezer", 1000, Subscriber.Status.CONFIRMED)
    pending = bulk_subscribers("wacht", 30, Subscriber.Status.PENDING)
    gone = bulk_subscribers("weg", 30, Subscriber.Status.UNSUBSCRIBED)
    Suppression.objects.bulk_create(
        [Suppression(email_hash=email_hash(e), reason="unsubscribed") for e in gone]
    )
    issue = IssueFactory(publish=True)

    state = {"worker": None}
    first_kill, second_kill = threading.Event(), threading.Event()

    def after_data(kept):
        # Kill while the worker waits for the server's answer to the end of DATA: the server has
        # the message, the database does not know yet. The hardest moment for exactly once.
        if kept == 300 and not first_kill.is_set():
            state["worker"].kill()
            first_kill.set()

    def at_rcpt(seen):
        # Kill in the middle of a transaction (after MAIL FROM, at RCPT TO): nothing delivered.
        if seen >= 650 and first_kill.is_set() and not second_kill.is_set():
            state["worker"].kill()
            second_kill.set()

    smtp.on_message, smtp.on_rcpt = after_data, at_rcpt
    state["worker"] = workers(broker, smtp.url)
    schedule_now(issue)
    assert first_kill.wait(180), state["worker"].output()
    state["worker"] = workers(broker, smtp.url)
    assert second_kill.wait(180), state["worker"].output()
    last = workers(broker, smtp.url)
    issue = wait_for_sent(issue, 180, last)

    received = smtp.per_recipient()
    assert all(received[email] == 1 for email in readers), [
        (e, received[e]) for e in readers if received[e] != 1
    ][:5]
    assert not any(email in received for email in pending + gone)
    assert sum(received.values()) == 1000
    counts = dict(
        Delivery.objects.filter(issue=issue).values_list("status").annotate(n=Count("id"))
    )
    # The one killed after its handover is "unknown" (not re-sent, and indeed received once).
    assert counts == {"sent": 999, "unknown": 1}
    assert (issue.recipients_count, issue.sent_count, issue.unknown_count) == (1000, 999, 1)
    unknown = Delivery.objects.select_related("subscriber").get(issue=issue, status="unknown")
    assert received[unknown.subscriber.email] == 1


def test_a_signup_while_redis_is_down_is_kept_and_mailed_when_it_is_back(committed, smtp, workers):
    with redis_server() as redis:
        worker = workers(redis.url, smtp.url, NIEUWSBRIEF_REQUEUE_SECONDS="2")
        wait_until(lambda: "ready" in worker.output(), 60, message=worker.output())
        redis.stop()
        with celery_publishing_to(redis.url):
            response = Client().post(
                "/nieuwsbrief/",
                signup_data(email="geduld@example.org"),
                HTTP_SEC_FETCH_SITE="same-origin",
            )
        assert response.status_code == 302
        subscriber = Subscriber.objects.get(email="geduld@example.org")
        assert subscriber.status == Subscriber.Status.PENDING
        mail = TransactionalMail.objects.get(subscriber=subscriber)
        assert mail.status == TransactionalMail.Status.QUEUED and mail.enqueued_at is None
        time.sleep(1)
        assert not smtp.messages
        redis.start()
        wait_until(
            lambda: smtp.per_recipient()["geduld@example.org"] == 1, 60, message=worker.output()
        )
        time.sleep(3)  # and not a second time
        assert smtp.per_recipient() == {"geduld@example.org": 1}
        (message,) = smtp.parsed()
        assert message["Subject"] == "Bevestig uw aanmelding voor de nieuwsbrief"
        assert "List-Unsubscribe" not in message
        mail.refresh_from_db()
        assert mail.status == TransactionalMail.Status.SENT


def test_a_mail_server_that_fails_for_a_while_gets_every_message_once(
    committed, broker, smtp, workers
):
    readers = [SubscriberFactory() for _ in range(5)]
    issue = IssueFactory(publish=True)
    smtp.fail_first = 2
    worker = workers(broker, smtp.url)
    schedule_now(issue)
    issue = wait_for_sent(issue, 60, worker)
    assert smtp.attempts == 7
    assert smtp.per_recipient() == {r.email: 1 for r in readers}
    deliveries = Delivery.objects.filter(issue=issue)
    assert sum(d.attempts for d in deliveries) == 7  # five messages, two refused once each
    assert {d.status for d in deliveries} == {"sent"}
    assert all(d.last_error == "" for d in deliveries)
