"""Background work of the submissions: send stored mails, re-send what waited, purge old data.

``verstuur`` claims one ``Mail`` with a conditional update, so a mail that two workers (or a
redelivery after a crash) both pick up is sent once. A temporary failure (the mail server is down
or says "try later") puts the mail back and retries with back-off; the sweeper
``verstuur_wachtende_mails`` (Celery beat) queues anything still waiting, so an outage of the
broker or the mail server delays mail and never loses it. A permanent refusal (5xx) is recorded.
Without a broker a background thread of the web process sends each mail once
(``portal.background``), and ``manage.py mails_versturen`` (cron) sends what still waits.
"""

import logging
import smtplib
from collections import Counter
from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.utils import timezone

from .models import Mail

logger = logging.getLogger(__name__)

CLAIM_DUUR = timedelta(minutes=5)
MAX_POGINGEN = 20
WACHTTIJD_SWEEPER = timedelta(minutes=2)


class TijdelijkeFout(Exception):
    """The mail server could not take the mail now; try again later."""


def _is_tijdelijk(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, OSError | smtplib.SMTPException)


def _claim(mail_id: int) -> Mail | None:
    nu = timezone.now()
    geclaimd = (
        Mail.te_versturen(nu)
        .filter(pk=mail_id)
        .update(status=Mail.Status.BEZIG, bezig_tot=nu + CLAIM_DUUR, pogingen=F("pogingen") + 1)
    )
    return Mail.objects.get(pk=mail_id) if geclaimd else None


def _verzend(mail: Mail) -> None:
    bericht = EmailMessage(
        subject=mail.onderwerp,
        body=mail.tekst,
        to=[mail.aan],
        headers={"Auto-Submitted": "auto-generated"},
        connection=get_connection(fail_silently=False),
    )
    bericht.send()


def verstuur(mail_id: int) -> str:
    """Try one stored mail once: "verzonden", "wacht" (try later), "mislukt", or "al verzonden of
    bezig" when it was sent or someone else holds it."""
    mail = _claim(mail_id)
    if mail is None:
        return "al verzonden of bezig"
    try:
        _verzend(mail)
    except Exception as exc:
        fout = f"{type(exc).__name__}: {exc}"[:300]
        if not _is_tijdelijk(exc) or mail.pogingen >= MAX_POGINGEN:
            Mail.objects.filter(pk=mail.pk).update(status=Mail.Status.MISLUKT, laatste_fout=fout)
            logger.warning("Mail %s failed for good: %s", mail.pk, type(exc).__name__)
            return "mislukt"
        Mail.objects.filter(pk=mail.pk).update(
            status=Mail.Status.WACHTEND, bezig_tot=None, laatste_fout=fout
        )
        logger.info("Mail %s not sent yet (%s); will retry", mail.pk, type(exc).__name__)
        return "wacht"
    Mail.objects.filter(pk=mail.pk).update(
        status=Mail.Status.VERZONDEN, verzonden_op=timezone.now(), bezig_tot=None, laatste_fout=""
    )
    return "verzonden"


@shared_task(bind=True, name="inzendingen.verstuur_mail", acks_late=True, max_retries=6)
def verstuur_mail(self, mail_id: int) -> str:
    uitkomst = verstuur(mail_id)
    if uitkomst != "wacht" or self.request.is_eager or self.request.retries >= self.max_retries:
        return uitkomst  # what still waits, the sweeper or `manage.py mails_versturen` sends
    countdown = min(30 * 2**self.request.retries, 600)
    raise self.retry(exc=TijdelijkeFout(f"mail {mail_id}"), countdown=countdown)


def verstuur_wachtende(limiet: int = 500, max_tijdelijk: int = 3) -> Counter:
    """Send every mail that waits, here and now (``manage.py mails_versturen``); stops after
    ``max_tijdelijk`` temporary failures in a row, when the mail server is down. Counted as
    every outbox of ``settings.MAIL_WACHTRIJEN`` counts: "verzonden", "wacht", "mislukt" (a mail
    that another process sent or holds is not counted)."""
    uitkomsten: Counter = Counter()
    op_rij = 0
    ids = Mail.te_versturen().order_by("aangemaakt_op").values_list("pk", flat=True)[:limiet]
    for mail_id in list(ids):
        uitkomst = verstuur(mail_id)
        if uitkomst in ("verzonden", "wacht", "mislukt"):
            uitkomsten[uitkomst] += 1
        op_rij = op_rij + 1 if uitkomst == "wacht" else 0
        if op_rij >= max_tijdelijk:
            break
    return uitkomsten


def wachtende_mails(nu=None):
    """Mails left waiting for longer than the normal path takes."""
    nu = nu or timezone.now()
    return Mail.te_versturen(nu).filter(aangemaakt_op__lt=nu - WACHTTIJD_SWEEPER)


@shared_task(name="inzendingen.verstuur_wachtende_mails")
def verstuur_wachtende_mails(limiet: int = 500) -> int:
    """Queue every mail still waiting (beat, every ten minutes)."""
    ids = list(wachtende_mails().order_by("aangemaakt_op").values_list("pk", flat=True)[:limiet])
    for mail_id in ids:
        try:
            verstuur_mail.apply_async(args=[mail_id], retry=False)
        except Exception:  # the broker is down too: next round
            logger.warning("Could not queue mail %s", mail_id)
            break
    return len(ids)


@shared_task(name="inzendingen.opschonen")
def opschonen() -> dict[str, int]:
    """Apply the retention periods (beat, four times a day)."""
    from .opschonen import schoon_op

    return schoon_op()
