"""The mails of the submissions: receipt, a notice to the editors, and the decision.

A mail is first a ``Mail`` row, written in the same transaction as the submission; after the commit
``inzendingen.tasks.verstuur_mail`` sends it through Celery, with retries (without a broker, a
background thread sends it: ``portal.background``). Mails to a submitter
carry a reference number and generic text only, never what they typed, so the forms cannot be
used to send spam to someone else. All mails are plain text in simple Dutch.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from portal.background import run_soon, without_broker
from portal.celery import task
from portal.site_urls import absolute_url

from .models import Beoordeling, Inzending, Mail, Terugbelverzoek, Tip
from .tasks import verstuur
from .workflow import standaard_workflow

logger = logging.getLogger(__name__)

REDACTIE_GROEP = "Moderatoren"

SOORT_TEKST = {
    "voorbeeld": "uw voorbeeld van een gemeentelijke aanpak",
    "dienst": "uw aanmelding van een dienst voor de sociale kaart",
    "wijziging": "uw wijziging van een dienst op de sociale kaart",
    "opgeheven": "uw melding dat een dienst niet meer bestaat",
    "melding": "uw melding dat er iets niet klopt bij een dienst",
    "tip": "uw tip voor een hulpmiddel",
}


def _site_url(pad: str) -> str:
    return absolute_url(pad)


def _organisatie() -> str:
    """Who signs the mails: the organisation's name from the site settings."""
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return (SiteSettings.for_site(site) if site else SiteSettings()).organisation_name


def _soort(inzending) -> str:
    return "tip" if isinstance(inzending, Tip) else inzending.soort


def _in_wachtrij(mail_ids: list[int]) -> None:
    for mail_id in mail_ids:
        if without_broker():  # no worker: a thread sends it, the visitor does not wait
            run_soon(verstuur, mail_id)
            continue
        try:
            task("inzendingen.verstuur_mail").apply_async(args=[mail_id], retry=False)
        except Exception:  # broker down: the sweeper sends it later
            logger.warning("Mail %s not queued; the sweeper will send it", mail_id)


def maak(aan: str, onderwerp: str, template: str, context: dict, referentie: str = "") -> Mail:
    """Store one mail and queue it for sending once the transaction commits."""
    tekst = render_to_string(
        template, {"site_url": _site_url("/"), "organisatie": _organisatie(), **context}
    ).strip()
    mail = Mail.objects.create(
        aan=aan, onderwerp=onderwerp[:200], tekst=tekst + "\n", referentie=referentie
    )
    transaction.on_commit(lambda: _in_wachtrij([mail.pk]))
    return mail


def redactie_adressen() -> list[str]:
    """Who hears about new submissions: ``INZENDINGEN_MELDINGEN_AAN`` and the moderators."""
    groepen = [REDACTIE_GROEP]
    workflow = standaard_workflow()
    if workflow is not None:
        for taak in workflow.tasks.specific():
            taakgroepen = getattr(taak, "groups", None)
            if taakgroepen is not None:
                groepen.extend(taakgroepen.values_list("name", flat=True))
    wie = Q(groups__name__in=groepen)
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        wie |= Q(is_superuser=True)
    gebruikers = (
        get_user_model()
        .objects.filter(wie, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    adressen = list(dict.fromkeys([*settings.INZENDINGEN_MELDINGEN_AAN, *gebruikers]))
    return adressen


def ontvangstbevestiging(inzending) -> Mail | None:
    """The receipt: a reference number and what happens next, nothing the sender typed."""
    email = getattr(inzending, "email", "")
    if not email:
        return None
    soort = _soort(inzending)
    return maak(
        email,
        f"Wij hebben {SOORT_TEKST[soort]} ontvangen ({inzending.referentie})",
        "inzendingen/mail/ontvangst.txt",
        {
            "referentie": inzending.referentie,
            "wat": SOORT_TEKST[soort],
            "soort": soort,
            "bewaartermijn": settings.INZENDINGEN_CONTACT_BEWAARTERMIJN_MAANDEN,
        },
        inzending.referentie,
    )


def _beheer_url(inzending) -> str:
    if isinstance(inzending, Tip):
        naam = "wagtailsnippets_inzendingen_tip:inspect"
    elif isinstance(inzending, Terugbelverzoek):
        naam = "wagtailsnippets_inzendingen_terugbelverzoek:edit"
    else:
        naam = "wagtailsnippets_inzendingen_inzending:inspect"
    return _site_url(reverse(naam, args=[inzending.pk]))


def melding_redactie(inzending) -> list[Mail]:
    """A notice to each moderator, with a link to the submission in the admin."""
    if isinstance(inzending, Terugbelverzoek):
        onderwerp = f"Terugbelverzoek {inzending.referentie}"
        wat = "Iemand wil teruggebeld worden."
    else:
        soort = _soort(inzending)
        onderwerp = f"Nieuwe inzending {inzending.referentie}: {SOORT_TEKST[soort][3:]}"
        wat = f"Er is een nieuwe inzending binnen: {SOORT_TEKST[soort][3:]}."
    context = {
        "wat": wat,
        "referentie": inzending.referentie,
        "onderwerp": getattr(inzending, "onderwerp", "") or getattr(inzending, "titel", ""),
        "beheer_url": _beheer_url(inzending),
        "dubbel_met": getattr(inzending, "dubbel_met", ""),
    }
    return [
        maak(adres, onderwerp, "inzendingen/mail/melding.txt", context, inzending.referentie)
        for adres in redactie_adressen()
    ]


def besluit(inzending) -> Mail | None:
    """Tells the sender what was decided, with the editors' explanation when they gave one."""
    email = getattr(inzending, "email", "")
    if not email:
        return None
    soort = _soort(inzending)
    goedgekeurd = inzending.status in (Beoordeling.GOEDGEKEURD, Tip.Status.VERWERKT)
    adres = ""
    if goedgekeurd and isinstance(inzending, Inzending):
        if inzending.voorbeeld_id and inzending.voorbeeld.live:
            adres = _site_url(inzending.voorbeeld.get_url() or "")
        elif inzending.dienst_id and inzending.dienst.live and soort != "opgeheven":
            adres = _site_url(inzending.dienst.get_absolute_url())
    onderwerp = (
        f"Wij hebben {SOORT_TEKST[soort]} verwerkt ({inzending.referentie})"
        if goedgekeurd
        else f"Besluit over {SOORT_TEKST[soort]} ({inzending.referentie})"
    )
    return maak(
        email,
        onderwerp,
        "inzendingen/mail/besluit.txt",
        {
            "referentie": inzending.referentie,
            "wat": SOORT_TEKST[soort],
            "soort": soort,
            "goedgekeurd": goedgekeurd,
            "adres": adres,
            "toelichting": getattr(inzending, "besluit_toelichting", ""),
        },
        inzending.referentie,
    )


def bewaarlijst(aan: str, diensten, lijst_url: str) -> Mail:
    """ "Mail deze lijst": the saved services with their facts and links, to ``aan`` once."""
    return maak(
        aan,
        "Uw bewaarlijst uit de sociale kaart",
        "inzendingen/mail/bewaarlijst.txt",
        {
            "diensten": [{"dienst": d, "url": _site_url(d.get_absolute_url())} for d in diensten],
            "lijst_url": _site_url(lijst_url),
        },
    )


def melding_beheerder(inzending) -> Mail | None:
    """Tells a service's beheerder what a reader reported ("Klopt er iets niet?"), with the
    reported text: it reaches only the address on file for that service, after the spam layers
    and rate limits, and never the reporter's contact details."""
    dienst = inzending.dienst
    if dienst is None or not dienst.beheerder_email:
        return None
    return maak(
        dienst.beheerder_email,
        f"Iemand meldt dat er iets niet klopt bij {dienst.naam} ({inzending.referentie})",
        "inzendingen/mail/melding_beheerder.txt",
        {
            "naam": dienst.beheerder_naam,
            "dienst": dienst,
            "dienst_url": _site_url(dienst.get_absolute_url()),
            "wijziging_url": _site_url(reverse("inzendingen:wijziging", args=[dienst.pk])),
            "toelichting": inzending.toelichting,
            "referentie": inzending.referentie,
        },
        inzending.referentie,
    )
