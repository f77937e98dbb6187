"""The verification cycle with real services: a Celery worker on Redis, an SMTP server, a kill.

The test publishes ``inzendingen.diensten_controleren`` as beat does every hour. The worker is
killed (SIGKILL, like a power cut) halfway through the questions; a second worker finishes.
Every beheerder gets the question exactly once: no step is stored twice, none is lost.
"""

import datetime
from collections import Counter

import pytest
import redis as redis_client
from django.utils import timezone

from tests.nieuwsbrief.services import (
    SMTPServer,
    Worker,
    broker_url_for_tests,
    celery_publishing_to,
    wait_until,
)
from tests.services import require_redis

pytestmark = [pytest.mark.celery, pytest.mark.redis, pytest.mark.smtp, pytest.mark.slow]

AANTAL = 120


def _leeg():
    from inzendingen.models import Controlemail, Controleronde, Mail
    from kaart.models import Dienst

    Controlemail.objects.all().delete()
    Controleronde.objects.all().delete()
    Mail.objects.all().delete()
    Dienst.objects.filter(extern_id__startswith="werker-").delete()


@pytest.fixture
def vastgelegd(committed_database, django_db_blocker):
    with django_db_blocker.unblock():
        _leeg()
        try:
            yield
        finally:
            from django.db import connection

            _leeg()
            connection.close()


def _publiceer(broker: str) -> None:
    from portal.celery import task

    task("inzendingen.diensten_controleren").delay()


def test_a_worker_killed_mid_batch_sends_no_step_twice_and_loses_none(vastgelegd, settings):
    from inzendingen.models import Controlemail, Mail
    from inzendingen.tasks import verstuur_wachtende
    from kaart.models import Dienst

    broker = broker_url_for_tests(require_redis())
    redis_client.Redis.from_url(broker).flushdb()
    smtp = SMTPServer().start()
    oud = timezone.localdate() - datetime.timedelta(days=400)
    Dienst.objects.bulk_create(
        [
            Dienst(
                naam=f"Werkerdienst {n}",
                samenvatting="Een dienst.",
                live=True,
                laatst_gecontroleerd=oud,
                beheerder_email=f"beheerder{n}@example.org",
                extern_id=f"werker-{n}",
            )
            for n in range(AANTAL)
        ]
    )
    email_url = f"smtp://127.0.0.1:{smtp.port}"
    eerste = tweede = None
    publiceren = celery_publishing_to(broker)
    publiceren.__enter__()  # left in the finally below, after the workers
    try:
        eerste = Worker(broker, email_url).start()
        _publiceer(broker)
        wait_until(
            lambda: Controlemail.objects.count() >= 15, 90, message="the first run did not start"
        )
        eerste.kill()
        na_kill = Controlemail.objects.count()
        assert na_kill < AANTAL, "the run ended before the kill; make it larger"

        tweede = Worker(broker, email_url).start()
        _publiceer(broker)
        wait_until(lambda: Controlemail.objects.count() == AANTAL, 120, message=tweede.output())
        tweede.stop()
        # what the killed worker had queued and not sent waits in the outbox: the sweeper
        # (`manage.py mails_versturen`) sends it, through the same claim
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        verstuur_wachtende(limiet=10 * AANTAL)
    finally:
        publiceren.__exit__(None, None, None)
        for worker in (eerste, tweede):
            if worker is not None:
                worker.kill()
        smtp.stop()
        redis_client.Redis.from_url(broker).flushdb()

    stappen = Counter(Controlemail.objects.values_list("ronde__dienst_id", "stap"))
    assert len(stappen) == AANTAL and set(stappen.values()) == {1}
    per_adres = Counter(rcpt for rcpts, _ in smtp.messages for rcpt in rcpts)
    # a mail the killed worker held in its hands (claimed, at most one) goes out after its claim
    # expires; every other question has gone out exactly once
    vast = Mail.objects.filter(status=Mail.Status.BEZIG).count()
    assert vast <= 1
    assert len(per_adres) >= AANTAL - vast
    assert set(per_adres.values()) == {1}
    assert Mail.objects.filter(status=Mail.Status.VERZONDEN).count() == AANTAL - vast
