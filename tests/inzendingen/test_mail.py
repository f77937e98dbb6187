"""Nothing lost: the submission is stored before any mail, and a mail server that refuses or is
down delays the mail without turning a valid submission into an error page.

These tests talk SMTP to a real local server (aiosmtpd) that first says "try later"."""

import io
import socket
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inzendingen.models import Mail, Terugbelverzoek

from .conftest import beveiligd

pytestmark = [pytest.mark.django_db, pytest.mark.smtp]


class Postkamer:
    """An SMTP handler that answers the first ``weigeren`` messages with ``code``."""

    def __init__(self, weigeren=0, code="451 4.3.0 Probeer het later nog eens"):
        self.weigeren, self.code = weigeren, code
        self.pogingen = 0
        self.ontvangen = []

    async def handle_DATA(self, server, session, envelope):
        self.pogingen += 1
        if self.pogingen <= self.weigeren:
            return self.code
        self.ontvangen.append(envelope)
        return "250 OK"


def _vrije_poort() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Point Django at a local SMTP server on a free port; start it with ``start(handler)``."""
    poort = _vrije_poort()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", poort
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    servers = []

    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=poort)
        controller.start()
        servers.append(controller)
        return handler

    yield start
    for controller in servers:
        controller.stop()


def _verstuur_terugbelverzoek(client, django_capture_on_commit_callbacks):
    data = beveiligd(
        "terugbellen", naam="Riet", telefoon="0301234567", moment="middag", toestemming="on"
    )
    begin = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:terugbellen"), data)
    return response, time.monotonic() - begin


def test_server_weigert_eerst_dan_komt_de_mail_er_bij_de_herkansing_door(
    client, home_page, smtp, django_capture_on_commit_callbacks
):
    postkamer = smtp(Postkamer(weigeren=1))
    response, _ = _verstuur_terugbelverzoek(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Terugbelverzoek.objects.count() == 1
    mail = Mail.objects.get()
    assert mail.status == Mail.Status.WACHTEND and mail.pogingen == 1
    # The next round (beat, or the command from cron) takes it.
    call_command("mails_versturen", stdout=io.StringIO())
    mail.refresh_from_db()
    assert mail.status == Mail.Status.VERZONDEN and mail.pogingen == 2
    assert postkamer.pogingen == 2 and len(postkamer.ontvangen) == 1
    assert postkamer.ontvangen[0].rcpt_tos == ["redactie@example.org"]


def test_server_plat_de_inzending_is_bewaard_en_de_mail_gaat_later_alsnog(
    client, home_page, smtp, django_capture_on_commit_callbacks
):
    response, duur = _verstuur_terugbelverzoek(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and duur < 10
    assert client.get(response["Location"]).status_code == 200
    assert Terugbelverzoek.objects.count() == 1
    mail = Mail.objects.get()
    assert mail.status == Mail.Status.WACHTEND
    assert "ConnectionRefusedError" in mail.laatste_fout

    # Later: the server is back, and the sweeper (Celery beat, or the command) sends it.
    postkamer = smtp(Postkamer())
    Mail.objects.update(aangemaakt_op=timezone.now() - timedelta(minutes=10))
    call_command("mails_versturen", stdout=io.StringIO())
    mail.refresh_from_db()
    assert mail.status == Mail.Status.VERZONDEN
    assert len(postkamer.ontvangen) == 1
    # Sweeping again sends nothing twice.
    call_command("mails_versturen", stdout=io.StringIO())
    assert len(postkamer.ontvangen) == 1


def test_definitieve_weigering_wordt_vastgelegd_zonder_eindeloos_opnieuw(
    client, home_page, smtp, django_capture_on_commit_callbacks
):
    postkamer = smtp(Postkamer(weigeren=99, code="550 5.1.1 Onbekende ontvanger"))
    response, _ = _verstuur_terugbelverzoek(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    mail = Mail.objects.get()
    assert mail.status == Mail.Status.MISLUKT and mail.pogingen == 1
    assert "550" in mail.laatste_fout
    assert postkamer.pogingen == 1


def test_een_mail_die_twee_keer_wordt_opgepakt_gaat_een_keer_weg(db, mailoutbox):
    from inzendingen.tasks import verstuur_mail

    mail = Mail.objects.create(aan="iemand@example.org", onderwerp="Test", tekst="Hallo")
    assert verstuur_mail.apply(args=[mail.pk]).get() == "verzonden"
    assert verstuur_mail.apply(args=[mail.pk]).get() == "al verzonden of bezig"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].extra_headers["Auto-Submitted"] == "auto-generated"


def test_de_wachtrij_stopt_als_de_mailserver_plat_ligt(db, smtp):
    """Five waiting mails and no server: three tries in a row fail, the other two wait untried."""
    from inzendingen.tasks import verstuur_wachtende

    for n in range(5):
        Mail.objects.create(aan=f"iemand{n}@example.org", onderwerp="Test", tekst="Hallo")
    assert verstuur_wachtende() == {"wacht": 3}
    assert sorted(Mail.objects.values_list("pogingen", flat=True)) == [0, 0, 1, 1, 1]
    assert set(Mail.objects.values_list("status", flat=True)) == {Mail.Status.WACHTEND}
