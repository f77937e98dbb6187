"""Retention (AVG): what the submissions keep, and for how long.

- Contact details of a submission or tip: ``INZENDINGEN_CONTACT_BEWAARTERMIJN_MAANDEN`` (6) after
  the decision; with them go what the sender typed for the editors and the private copies of files.
- Spam and declined submissions and tips: deleted ``INZENDINGEN_AFGEWEZEN_BEWAARTERMIJN_DAGEN``
  (30) after they came in or were declined, with their files and any draft that was never public.
- Callback requests: deleted ``INZENDINGEN_TERUGBELLEN_BEWAARTERMIJN_DAGEN`` (7) after they were
  handled; spam after the spam period; none is kept longer than the contact period.
- Sent or failed mails: deleted after the spam period.

Run by Celery beat (``inzendingen.opschonen``) and by ``manage.py inzendingen_opschonen``.
"""

import calendar
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kaart.models import Dienst

from .models import Beoordeling, Inzending, Mail, Terugbelverzoek, Tip


def maanden_terug(moment: datetime, maanden: int) -> datetime:
    """The same moment ``maanden`` calendar months earlier (31 March - 1 month = 28/29 Feb)."""
    jaar, maand = divmod(moment.month - 1 - maanden, 12)
    jaar, maand = moment.year + jaar, maand + 1
    dag = min(moment.day, calendar.monthrange(jaar, maand)[1])
    return moment.replace(year=jaar, month=maand, day=dag)


def _verwijder_inzending(inzending: Inzending) -> None:
    for bijlage in inzending.bijlagen.all():
        bijlage.delete()
    voorbeeld = inzending.voorbeeld
    if voorbeeld is not None and not voorbeeld.live and voorbeeld.first_published_at is None:
        voorbeeld.delete()
    if inzending.soort == Inzending.Soort.DIENST and inzending.dienst_id:
        dienst = Dienst.objects.filter(pk=inzending.dienst_id).first()
        if dienst is not None and not dienst.live and dienst.first_published_at is None:
            dienst.delete()
    inzending.delete()


@transaction.atomic
def schoon_op(nu: datetime | None = None) -> dict[str, int]:
    """Apply every retention period once; returns how many of each kind were removed."""
    nu = nu or timezone.now()
    contact_grens = maanden_terug(nu, settings.INZENDINGEN_CONTACT_BEWAARTERMIJN_MAANDEN)
    afgewezen_grens = nu - timedelta(days=settings.INZENDINGEN_AFGEWEZEN_BEWAARTERMIJN_DAGEN)
    terugbel_grens = nu - timedelta(days=settings.INZENDINGEN_TERUGBELLEN_BEWAARTERMIJN_DAGEN)
    telling = {}

    weg = Inzending.objects.filter(
        Q(status=Beoordeling.SPAM, ontvangen_op__lt=afgewezen_grens)
        | Q(status=Beoordeling.AFGEWEZEN, besloten_op__lt=afgewezen_grens)
    )
    telling["inzendingen verwijderd"] = 0
    for inzending in weg.select_related("voorbeeld"):
        _verwijder_inzending(inzending)
        telling["inzendingen verwijderd"] += 1

    te_wissen = Inzending.objects.filter(
        status=Beoordeling.GOEDGEKEURD, besloten_op__lt=contact_grens, contact_gewist_op=None
    )
    telling["contactgegevens gewist"] = 0
    for inzending in te_wissen:
        for bijlage in inzending.bijlagen.all():
            bijlage.delete()
        Inzending.objects.filter(pk=inzending.pk).update(
            naam="",
            email="",
            telefoon="",
            organisatie="",
            toelichting="",
            gegevens={},
            contact_gewist_op=nu,
        )
        telling["contactgegevens gewist"] += 1

    telling["tips verwijderd"], _ = Tip.objects.filter(
        Q(status=Tip.Status.SPAM, ontvangen_op__lt=afgewezen_grens)
        | Q(status=Tip.Status.AFGEWEZEN, besloten_op__lt=afgewezen_grens)
    ).delete()
    telling["tips gewist"] = Tip.objects.filter(
        status=Tip.Status.VERWERKT, besloten_op__lt=contact_grens, contact_gewist_op=None
    ).update(email="", contact_gewist_op=nu)

    telling["terugbelverzoeken verwijderd"], _ = Terugbelverzoek.objects.filter(
        Q(status=Terugbelverzoek.Status.KLAAR, afgehandeld_op__lt=terugbel_grens)
        | Q(status=Terugbelverzoek.Status.SPAM, ontvangen_op__lt=afgewezen_grens)
        | Q(ontvangen_op__lt=contact_grens)
    ).delete()

    telling["mails verwijderd"], _ = Mail.objects.filter(
        Q(status=Mail.Status.VERZONDEN, verzonden_op__lt=afgewezen_grens)
        | Q(status=Mail.Status.MISLUKT, aangemaakt_op__lt=afgewezen_grens)
    ).delete()
    return telling
