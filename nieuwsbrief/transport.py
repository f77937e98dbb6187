"""Handing one issue mail to the mail server, knowing afterwards whether the server can have it.

Exactly once needs to know, after a crash, whether a message reached the server. With SMTP that is
knowable: the server keeps a message only after the final ``.`` of the DATA command; when the
connection drops before it, the server throws the message away. So the sender writes "committing"
to the database right before it sends that ``.`` (the ``before_commit`` callback). After a crash a
delivery that never got that far is safe to send again; one that did is marked *unknown* and not
sent again (at most once), and the delivery report lists it for a person to check.

Other backends (django-anymail providers, the test backends) cannot be split like that: for them the
whole call is the uncertain window, and errors are sorted by what the provider answered.
"""

import random
import re
import smtplib
from collections.abc import Callable
from contextlib import suppress
from email.generator import BytesGenerator
from enum import Enum
from io import BytesIO

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address


class Outcome(Enum):
    TRANSIENT = "transient"  # the server did not take it and may later: try again
    PERMANENT = "permanent"  # the server refused it for good
    AMBIGUOUS = "ambiguous"  # the server may have it: never send it again by itself


class DeliveryError(Exception):
    def __init__(self, outcome: Outcome, message: str):
        super().__init__(message)
        self.outcome = outcome
        self.message = message[:290]


def _reply_outcome(code: int) -> Outcome:
    return Outcome.TRANSIENT if 400 <= code < 500 else Outcome.PERMANENT


def _text(resp) -> str:
    return resp.decode(errors="replace") if isinstance(resp, bytes) else str(resp)


def classify(exc: Exception) -> Outcome:
    """What a backend error means when the whole send call is the uncertain window."""
    from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

    if isinstance(exc, AnymailRecipientsRefused):
        return Outcome.PERMANENT
    if isinstance(exc, AnymailAPIError):
        status = getattr(exc, "status_code", None)
        if status is not None:
            return Outcome.TRANSIENT if status == 429 or status >= 500 else Outcome.PERMANENT
        cause = exc.__cause__
        import requests

        if isinstance(cause, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError):
            return Outcome.TRANSIENT
        if isinstance(cause, requests.exceptions.ConnectionError) and not isinstance(
            cause, requests.exceptions.ReadTimeout
        ):
            return Outcome.TRANSIENT
        return Outcome.AMBIGUOUS
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply_outcome(exc.smtp_code)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return Outcome.TRANSIENT if all(400 <= c < 500 for c in codes) else Outcome.PERMANENT
    if isinstance(exc, OSError):
        return Outcome.TRANSIENT
    return Outcome.AMBIGUOUS


def as_wire_bytes(mime) -> bytes:
    """The message as sent: CRLF line ends, and headers folded only beyond RFC 5322's 998
    characters, so the ``List-Unsubscribe`` URL stays on its line (Python folds at 78)."""
    buffer = BytesIO()
    policy = mime.policy.clone(max_line_length=998)
    BytesGenerator(buffer, mangle_from_=False, policy=policy).flatten(mime, linesep="\r\n")
    return buffer.getvalue()


class Transport:
    """One connection to the configured mail backend, reused for a batch of messages."""

    def __init__(self):
        self.backend = get_connection(fail_silently=False)
        self.phased = isinstance(self.backend, SMTPBackend)

    def close(self):
        try:
            self.backend.close()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def send(self, message, before_commit: Callable[[], None]) -> str:
        """Send ``message``; returns the provider's message id (or '') or raises DeliveryError."""
        if self.phased:
            return self._send_smtp(message, before_commit)
        before_commit()
        try:
            sent = self.backend.send_messages([message])
        except Exception as exc:  # every backend has its own errors; classify() sorts them
            raise DeliveryError(classify(exc), f"{type(exc).__name__}: {exc}") from exc
        if not sent:
            raise DeliveryError(Outcome.PERMANENT, "de mailbackend verstuurde niets")
        status = getattr(message, "anymail_status", None)
        return (getattr(status, "message_id", None) or "") if status else ""

    # SMTP, step by step -----------------------------------------------------------------------

    def _drop(self):
        connection = getattr(self.backend, "connection", None)
        if connection is not None:
            with suppress(OSError):
                connection.close()
        self.backend.connection = None

    def _refuse(self, code: int, resp, step: str):
        connection = self.backend.connection
        if code == 421:
            self._drop()
        else:
            try:
                connection.rset()
            except (OSError, smtplib.SMTPException):
                self._drop()
        raise DeliveryError(_reply_outcome(code), f"{step}: {code} {_text(resp)}")

    def _send_smtp(self, message, before_commit) -> str:
        try:
            if self.backend.connection is None:
                self.backend.open()
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise DeliveryError(Outcome.TRANSIENT, f"verbinden mislukt: {exc}") from exc

        encoding = message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in message.recipients()]
        data = as_wire_bytes(message.message())
        body = re.sub(rb"(?m)^\.", b"..", data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"

        connection = self.backend.connection
        handed_over = False
        try:
            connection.ehlo_or_helo_if_needed()
            options = []
            if connection.does_esmtp and connection.has_extn("size"):
                options.append(f"size={len(data)}")
            code, resp = connection.mail(sender, options)
            if code != 250:
                self._refuse(code, resp, "MAIL FROM")
            for recipient in recipients:
                code, resp = connection.rcpt(recipient)
                if code not in (250, 251):
                    self._refuse(code, resp, "RCPT TO")
            code, resp = connection.docmd("data")
            if code != 354:
                self._refuse(code, resp, "DATA")
            connection.send(body)
            try:
                before_commit()
            except Exception:
                self._drop()  # the server drops a message whose DATA never ended
                raise
            handed_over = True
            connection.send(b".\r\n")
            code, resp = connection.getreply()
        except DeliveryError:
            raise
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            outcome = Outcome.AMBIGUOUS if handed_over else Outcome.TRANSIENT
            raise DeliveryError(outcome, f"verbinding verbroken: {exc}") from exc
        if code != 250:
            self._refuse(code, resp, "einde DATA")
        return ""


def backoff(attempt: int) -> float:
    """Seconds before retry ``attempt`` of a mail: exponential, with jitter, and always far below
    the broker's visibility timeout."""
    base = settings.NIEUWSBRIEF_RETRY_BASE_SECONDS * 2 ** max(0, attempt - 1)
    return min(600.0, base) * random.uniform(0.8, 1.2)
