"""Issue mails through a real SMTP server: the headers on the wire, and the handover phases."""

import re

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone

from nieuwsbrief import sending
from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.models import Delivery, Issue
from nieuwsbrief.transport import DeliveryError, Outcome, Transport

from .services import SMTPServer

pytestmark = [pytest.mark.django_db, pytest.mark.smtp]


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


def message(to="lezer@example.org"):
    return EmailMessage("Onderwerp", "Tekst\n.\nmet een punt", "van@example.org", [to])


def test_a_message_arrives_whole_and_commits_just_before_the_end(smtp):
    transport = Transport()
    calls = []
    transport.send(message(), before_commit=lambda: calls.append(len(smtp.messages)))
    transport.close()
    assert calls == [0]  # the server had nothing yet when we wrote "committing"
    (parsed,) = smtp.parsed()
    assert parsed["Subject"] == "Onderwerp"
    assert parsed.get_content().replace("\r\n", "\n") == "Tekst\n.\nmet een punt\n"


def test_a_crash_before_the_end_of_data_leaves_nothing_on_the_server(smtp):
    transport = Transport()

    def crash():
        raise RuntimeError("werker stopt")

    with pytest.raises(RuntimeError):
        transport.send(message(), before_commit=crash)
    transport.send(message("tweede@example.org"), before_commit=lambda: None)
    transport.close()
    assert smtp.per_recipient() == {"tweede@example.org": 1}


@pytest.mark.parametrize(
    ("setup", "outcome"),
    [
        (lambda s: setattr(s, "fail_first", 1), Outcome.TRANSIENT),
        (lambda s: s.refuse.add("lezer@example.org"), Outcome.PERMANENT),
        (lambda s: setattr(s, "delay", 4), Outcome.AMBIGUOUS),
    ],
    ids=["451-after-data", "550-at-rcpt", "no-answer-after-handover"],
)
def test_errors_are_sorted_by_when_they_happen(smtp, setup, outcome):
    setup(smtp)
    transport = Transport()
    with pytest.raises(DeliveryError) as error:
        transport.send(message(), before_commit=lambda: None)
    transport.close()
    assert error.value.outcome is outcome
    if outcome is Outcome.AMBIGUOUS:
        # The server did take it: sending it again would have been a duplicate.
        assert smtp.per_recipient() == {"lezer@example.org": 1}


def test_a_server_that_is_down_is_transient(settings):
    from .services import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 1
    with pytest.raises(DeliveryError) as error:
        Transport().send(message(), before_commit=lambda: None)
    assert error.value.outcome is Outcome.TRANSIENT


def test_every_issue_mail_carries_its_own_one_click_headers(smtp, clean):
    readers = [SubscriberFactory() for _ in range(3)]
    issue = IssueFactory(publish=True)
    sending.start_send(issue.pk)
    for first, last in sending.batches(issue.pk):
        sending.send_batch(issue.pk, first, last)
    assert smtp.per_recipient() == {r.email: 1 for r in readers}
    tokens = set()
    for raw, parsed in zip(smtp.raw(), smtp.parsed(), strict=True):
        header_lines = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        (line,) = [h for h in header_lines if h.lower().startswith(b"list-unsubscribe:")]
        # One line, not folded by us (a folded header can break DKIM at the receiver).
        match = re.fullmatch(
            rb"List-Unsubscribe: <(https://portal\.example/nieuwsbrief/afmelden/([^/>]+)/)>", line
        )
        assert match, line
        tokens.add(match.group(2))
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert parsed["List-Id"] == "Nieuwsbrief <nieuwsbrief.portal.example>"
        assert parsed.get_content_type() == "multipart/alternative"
        text = parsed.get_body(("plain",)).get_content()
        html = parsed.get_body(("html",)).get_content()
        assert issue.title in text and "<" not in text.split("--")[0]
        assert match.group(1).decode() in text and match.group(1).decode() in html
        delivery = Delivery.objects.get(message_id=parsed["Message-ID"])
        assert delivery.subscriber.email == parsed["To"]
    assert len(tokens) == 3
    issue.refresh_from_db()
    assert issue.send_status == Issue.SendStatus.SENT
    assert all(d.sent_at <= timezone.now() for d in Delivery.objects.filter(issue=issue))
