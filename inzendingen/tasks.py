"""Background work of the submissions: send stored mails, re-send what waited, purge old data.

``verstuur_mail`` claims one ``Mail`` with a conditional update, so a mail that two workers (or a
redelivery after a crash) both pick up is sent once. A temporary failure (the mail server is down
or says "try later") puts the mail back and retries with back-off; the sweeper
``verstuur_wachtende_mails`` (Celery beat) queues anything still waiting, so an outage of the
broker or the mail server delays mail and never loses it. A permanent refusal (5xx) is recorded.
"""

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.utils import timezone

from .models import Mail

logger = logging.getLogger(__name__)

CLAIM_DUUR = timedelta(minutes=5)
MAX_POGINGEN = 20
# In eager mode (no broker) the mail is sent inside the request: retry once at most, then leave
# it to the sweeper or `manage.py inzendingen_mails_versturen`.
EAGER_HERKANSINGEN = 1
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


@shared_task(bind=True, name="inzendingen.verstuur_mail", acks_late=True, max_retries=6)
def verstuur_mail(self, mail_id: int) -> str:
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
        if self.request.is_eager and self.request.retries >= EAGER_HERKANSINGEN:
            return "wacht"
        if self.request.retries >= self.max_retries:
            return "wacht"  # the sweeper takes it from here
        countdown = min(30 * 2**self.request.retries, 600)
        raise self.retry(exc=TijdelijkeFout(fout), countdown=countdown) from exc
    Mail.objects.filter(pk=mail.pk).update(
        status=Mail.Status.VERZONDEN, verzonden_op=timezone.now(), bezig_tot=None, laatste_fout=""
    )
    return "verzonden"


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
