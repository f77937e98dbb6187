"""A mail server that hangs or is down never keeps a visitor waiting, and no mail is lost.

On the embedded default (no broker) the site's real HTTP server thread (``live_site``) takes a
newsletter sign-up and a call-back request while the mail server is either one that accepts the
connection but never says a word, or one that is not there at all. Each visitor gets the
thank-you page within 2 seconds, and that page promises the mail rather than claiming it was sent.
The mail waits in the outbox; once a real SMTP server (aiosmtpd) is up, ``manage.py
mails_versturen`` sends each mail exactly once, however often it runs.
"""

import io
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urljoin

import pytest
import requests
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.nieuwsbrief.services import SMTPServer, free_port, wait_until

from .test_parallel_writes import form_data

pytestmark = [pytest.mark.smtp, pytest.mark.slow]

REDACTIE = "redactie-storing@example.org"


@contextmanager
def silent_server():
    """A TCP server on loopback that accepts every connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except (TimeoutError, OSError):
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(5)
        for conn in accepted:
            conn.close()
        listener.close()


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
    )


@pytest.fixture
def run_id():
    return uuid.uuid4().hex[:8]


@pytest.fixture
def outage(live_site, django_db_blocker, run_id):
    """The embedded default with mails in a background thread; this test's rows removed after."""
    from inzendingen.models import Mail, Terugbelverzoek
    from nieuwsbrief.models import Subscriber, TransactionalMail

    with override_settings(
        BACKGROUND_THREAD=True,
        EMAIL_TIMEOUT=3,
        TRUSTED_PROXY_COUNT=1,
        INZENDINGEN_MELDINGEN_AAN=[REDACTIE],
        SITE_URL=live_site,
    ):
        yield
    with django_db_blocker.unblock():
        TransactionalMail.objects.filter(subscriber__email__contains=run_id).delete()
        Subscriber.objects.filter(email__contains=run_id).delete()
        Mail.objects.filter(
            referentie__in=Terugbelverzoek.objects.filter(naam__contains=run_id).values(
                "referentie"
            )
        ).delete()
        Terugbelverzoek.objects.filter(naam__contains=run_id).delete()


def send_forms(base: str, run_id: str) -> dict[str, tuple[float, requests.Response]]:
    """A newsletter sign-up and a call-back request as a browser sends them; time and answer."""
    forms = {
        "nieuwsbrief": (
            "/nieuwsbrief/",
            "formulier",
            {"email": f"lezer-{run_id}@example.org", "name": "Lezer", "consent": "ja"},
        ),
        "terugbellen": (
            "/inzendingen/bel-mij-terug/",
            "formulier_tijd",
            {
                "naam": f"Riet {run_id}",
                "telefoon": "0301234567",
                "moment": "ochtend",
                "toestemming": "on",
            },
        ),
    }
    prepared = {}
    for name, (path, marker, fill) in forms.items():
        page = requests.get(urljoin(base, path), timeout=30)
        action, data = form_data(page.text, marker)
        data.update({key: [value] for key, value in fill.items()})
        prepared[name] = (urljoin(page.url, action or path), data)
    time.sleep(3.5)  # the minimum fill-in time
    answers = {}
    for n, (name, (url, data)) in enumerate(prepared.items()):
        begin = time.monotonic()
        response = requests.post(
            url,
            data=data,
            headers={"Origin": base, "X-Forwarded-For": f"203.0.113.{n + 10}"},
            timeout=120,
        )
        answers[name] = (time.monotonic() - begin, response)
    return answers


def waiting_mails(run_id):
    from inzendingen.models import Mail, Terugbelverzoek
    from nieuwsbrief.models import TransactionalMail

    referenties = Terugbelverzoek.objects.filter(naam__contains=run_id).values("referentie")
    return (
        list(TransactionalMail.objects.filter(subscriber__email__contains=run_id)),
        list(Mail.objects.filter(referentie__in=referenties, aan=REDACTIE)),
    )


def assert_answered_fast_and_truthfully(answers):
    for name, (seconds, response) in answers.items():
        assert response.status_code == 200, (name, response.status_code)
        assert seconds < 2, f"{name}: the visitor waited {seconds:.1f} s on the mail server"
    newsletter = answers["nieuwsbrief"][1].text
    assert "We sturen u de e-mail zo snel mogelijk." in newsletter
    assert "Wij hebben een e-mail gestuurd" not in newsletter


def send_later_exactly_once(django_db_blocker, run_id):
    """The server is back: the command sends every waiting mail once, and a second run none."""
    from inzendingen.models import Mail
    from nieuwsbrief.models import TransactionalMail

    with django_db_blocker.unblock():
        newsletter, inzendingen = waiting_mails(run_id)
        assert [m.status for m in newsletter] == [TransactionalMail.Status.QUEUED]
        assert [m.status for m in inzendingen] == [Mail.Status.WACHTEND]
        # The back-off of the newsletter's outbox has passed (cron runs every few minutes).
        TransactionalMail.objects.filter(pk=newsletter[0].pk).update(
            retry_at=timezone.now() - timedelta(seconds=1)
        )
    server = SMTPServer().start()
    try:
        with smtp_settings(server.port), django_db_blocker.unblock():
            out = io.StringIO()
            call_command("mails_versturen", stdout=out)
            assert "Nieuwsbrief: 1 verzonden" in out.getvalue()
            assert out.getvalue().count("0 wachten nog, 0 mislukt") == 2
            call_command("mails_versturen", stdout=io.StringIO())
            newsletter, inzendingen = waiting_mails(run_id)
            assert [m.status for m in newsletter] == [TransactionalMail.Status.SENT]
            assert [m.status for m in inzendingen] == [Mail.Status.VERZONDEN]
        received = server.per_recipient()
        assert received[f"lezer-{run_id}@example.org"] == 1
        assert received[REDACTIE] == 1
    finally:
        server.stop()


def test_a_mail_server_that_never_answers_keeps_nobody_waiting(
    live_site, outage, django_db_blocker, run_id
):
    from inzendingen.models import Mail

    with silent_server() as (port, accepted), smtp_settings(port):
        answers = send_forms(live_site, run_id)
        assert_answered_fast_and_truthfully(answers)
        # Meanwhile the background thread talks to the silent server, and gives up on it.
        with django_db_blocker.unblock():
            wait_until(
                lambda: (
                    [m.last_error != "" for m in waiting_mails(run_id)[0]] == [True]
                    and [m.status for m in waiting_mails(run_id)[1]] == [Mail.Status.WACHTEND]
                    and all(m.laatste_fout for m in waiting_mails(run_id)[1])
                ),
                timeout=30,
                message="the background thread did not give up on the silent server",
            )
        assert accepted, "the mail was never tried"
    send_later_exactly_once(django_db_blocker, run_id)


def test_a_mail_server_that_is_down_delays_the_mail_and_loses_nothing(
    live_site, outage, django_db_blocker, run_id
):
    from inzendingen.models import Mail

    with smtp_settings(free_port()):  # nothing listens there
        answers = send_forms(live_site, run_id)
        assert_answered_fast_and_truthfully(answers)
        with django_db_blocker.unblock():
            wait_until(
                lambda: (
                    [m.status for m in waiting_mails(run_id)[1]] == [Mail.Status.WACHTEND]
                    and all("Connection" in m.laatste_fout for m in waiting_mails(run_id)[1])
                    and [m.last_error != "" for m in waiting_mails(run_id)[0]] == [True]
                ),
                timeout=30,
                message="the mails were not tried",
            )
    send_later_exactly_once(django_db_blocker, run_id)


@override_settings(BACKGROUND_THREAD=True)
def test_background_work_does_not_hold_up_the_caller_and_its_errors_are_logged(caplog):
    from portal.background import run_soon

    release = threading.Event()
    begin = time.monotonic()
    future = run_soon(lambda: release.wait(10) and "klaar")
    assert time.monotonic() - begin < 0.5 and not future.done()
    release.set()
    assert future.result(10) == "klaar"

    def broken():
        raise RuntimeError("mailserver weg")

    assert run_soon(broken).result(10) is None
    assert "mailserver weg" in caplog.text
