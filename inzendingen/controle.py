"""The verification cycle: every live dienst checked by its own beheerder, without an account.

Once a year (``VRAAG_NA``: a live service whose ``laatst_gecontroleerd`` is eleven months old or
empty, with a beheerder address and no round in that time) a :class:`~inzendingen.models.
Controleronde` starts and the beheerder gets "Klopt uw dienst nog?" with a signed, expiring link
bound to that round (:func:`maak_token`). Reminders follow after 14 and 28 days; a round without
an answer 14 days after the second reminder marks the service "mogelijk niet meer actueel"
(``Dienst.niet_actueel_sinds``); its link stays valid until ``LINK_GELDIG`` and an answer then
clears the state.

Every step is a :class:`~inzendingen.models.Controlemail` row written with its outbox ``Mail`` in
one transaction; a unique constraint on (round, step) makes a second copy of a step impossible,
also when a run is killed halfway and started again, or two run at once. The outbox sends each
mail once (``inzendingen.tasks``). :func:`controleer` is run by Celery beat
(``inzendingen.diensten_controleren``) and by ``manage.py diensten_controleren``.
"""

import logging
from collections import Counter
from datetime import timedelta

from celery import shared_task
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from kaart.models import Dienst

from . import emails
from .models import Controlemail, Controleronde, Inzending

logger = logging.getLogger(__name__)

SALT = "inzendingen.controle"
VRAAG_NA = timedelta(days=335)  # eleven months
HERINNERING_1_NA = timedelta(days=14)
HERINNERING_2_NA = timedelta(days=28)
NIET_ACTUEEL_NA = timedelta(days=42)
LINK_GELDIG = timedelta(days=90)

ONDERWERPEN = {
    Controlemail.Stap.VRAAG: "Klopt uw dienst nog? {naam}",
    Controlemail.Stap.HERINNERING_1: "Herinnering: klopt uw dienst nog? {naam}",
    Controlemail.Stap.HERINNERING_2: "Laatste herinnering: klopt uw dienst nog? {naam}",
}


class OngeldigeLink(Exception):
    """A link that is not (or no longer) valid; ``reden`` says which page to show."""

    def __init__(self, reden: str, ronde: Controleronde | None = None):
        super().__init__(reden)
        self.reden = reden
        self.ronde = ronde


# Links -----------------------------------------------------------------------------------------


def maak_token(ronde: Controleronde) -> str:
    """A signed token for this round of this service only (salted: no other link is accepted)."""
    return signing.dumps({"r": ronde.pk, "d": ronde.dienst_id}, salt=SALT, compress=True)


def controle_url(ronde: Controleronde) -> str:
    return emails._site_url(reverse("inzendingen:controle", args=[maak_token(ronde)]))


def lees_token(token: str) -> Controleronde:
    """The open round of a link; raises :class:`OngeldigeLink` with "verlopen", "ongeldig" or
    "beantwoord" (then with the round)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_GELDIG)
    except signing.SignatureExpired as exc:
        raise OngeldigeLink("verlopen") from exc
    except signing.BadSignature as exc:
        raise OngeldigeLink("ongeldig") from exc
    ronde = (
        Controleronde.objects.select_related("dienst")
        .filter(pk=data.get("r"), dienst_id=data.get("d"))
        .first()
    )
    if ronde is None or not ronde.dienst.live and ronde.uitkomst == Controleronde.Uitkomst.OPEN:
        raise OngeldigeLink("ongeldig")
    if ronde.uitkomst == Controleronde.Uitkomst.VERLOPEN:
        raise OngeldigeLink("verlopen")
    if ronde.uitkomst != Controleronde.Uitkomst.OPEN:
        raise OngeldigeLink("beantwoord", ronde)
    return ronde


# The cycle -------------------------------------------------------------------------------------


def te_vragen(nu=None):
    """Live services due for the question: checked eleven months ago or never, with a
    beheerder address, and no round started in those eleven months."""
    nu = nu or timezone.now()
    grens = timezone.localdate(nu) - VRAAG_NA
    recente_ronde = Controleronde.objects.filter(
        dienst=OuterRef("pk"), gestart_op__gt=nu - VRAAG_NA
    )
    return (
        Dienst.objects.filter(live=True)
        .exclude(beheerder_email="")
        .filter(Q(laatst_gecontroleerd__isnull=True) | Q(laatst_gecontroleerd__lte=grens))
        .exclude(Exists(recente_ronde))
        .order_by("pk")
    )


def _stuur(ronde: Controleronde, stap: str, nu) -> bool:
    """Store one step and its mail, once: False when this step of the round already exists."""
    if Controlemail.objects.filter(ronde=ronde, stap=stap).exists():
        return False
    dienst = ronde.dienst
    try:
        with transaction.atomic():
            mail = emails.maak(
                ronde.aan,
                ONDERWERPEN[stap].format(naam=dienst.naam),
                "inzendingen/mail/controle.txt",
                {
                    "stap": stap,
                    "dienst": dienst,
                    "naam": dienst.beheerder_naam,
                    "link": controle_url(ronde),
                    "geldig_tot": timezone.localdate(ronde.gestart_op + LINK_GELDIG),
                },
            )
            Controlemail.objects.create(ronde=ronde, stap=stap, mail=mail, aangemaakt_op=nu)
    except IntegrityError:  # another run stored this step first
        return False
    return True


def start_ronde(dienst: Dienst, nu=None) -> Controleronde | None:
    """Start a round and store its question; None when the service has an open round."""
    nu = nu or timezone.now()
    try:
        with transaction.atomic():
            ronde = Controleronde.objects.create(
                dienst=dienst, aan=dienst.beheerder_email, gestart_op=nu
            )
            _stuur(ronde, Controlemail.Stap.VRAAG, nu)
    except IntegrityError:
        return None
    return ronde


def _zonder_stap(stap: str):
    return ~Exists(Controlemail.objects.filter(ronde=OuterRef("pk"), stap=stap))


def controleer(nu=None, limiet: int | None = None) -> Counter:
    """Do what is due now: questions, reminders, the "mogelijk niet meer actueel" state and
    expired rounds. Every item commits on its own, so a run that stops halfway loses nothing
    and the next run goes on where it stopped."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    uitkomst: Counter = Counter()
    open_rondes = Controleronde.objects.filter(uitkomst=Controleronde.Uitkomst.OPEN)

    verlopen = open_rondes.filter(gestart_op__lte=nu - LINK_GELDIG)
    uitkomst["verlopen"] = verlopen.update(uitkomst=Controleronde.Uitkomst.VERLOPEN)

    for dienst in te_vragen(nu)[:limiet]:
        if start_ronde(dienst, nu) is not None:
            uitkomst["vraag"] += 1

    stappen = [
        (Controlemail.Stap.HERINNERING_1, HERINNERING_1_NA, Q()),
        (
            Controlemail.Stap.HERINNERING_2,
            HERINNERING_2_NA,
            # never both reminders in one run: the first one is at least 14 days old
            Q(
                Exists(
                    Controlemail.objects.filter(
                        ronde=OuterRef("pk"),
                        stap=Controlemail.Stap.HERINNERING_1,
                        aangemaakt_op__lte=nu - (HERINNERING_2_NA - HERINNERING_1_NA),
                    )
                )
            ),
        ),
    ]
    for stap, na, voorwaarde in stappen:
        rondes = (
            open_rondes.filter(gestart_op__lte=nu - na)
            .filter(_zonder_stap(stap))
            .filter(voorwaarde)
            .select_related("dienst")
            .order_by("pk")
        )
        for ronde in rondes[:limiet]:
            if _stuur(ronde, stap, nu):
                uitkomst[stap] += 1

    stil = (
        open_rondes.filter(gestart_op__lte=nu - NIET_ACTUEEL_NA, dienst__niet_actueel_sinds=None)
        .filter(~_zonder_stap(Controlemail.Stap.HERINNERING_2))
        .select_related("dienst")
    )
    for ronde in stil[:limiet]:
        dienst = ronde.dienst
        dienst.niet_actueel_sinds = vandaag
        dienst.save(update_fields=["niet_actueel_sinds"])  # index and cards follow the save
        uitkomst["niet_actueel"] += 1
    return uitkomst


# The answers -----------------------------------------------------------------------------------


def _sluit(ronde: Controleronde, uitkomst: str, inzending: Inzending | None = None) -> None:
    gesloten = Controleronde.objects.filter(
        pk=ronde.pk, uitkomst=Controleronde.Uitkomst.OPEN
    ).update(
        uitkomst=uitkomst,
        beantwoord_op=timezone.now(),
        beantwoord_door=ronde.aan,
        inzending=inzending,
    )
    if not gesloten:
        raise OngeldigeLink("beantwoord", ronde)


def alles_klopt(ronde: Controleronde) -> None:
    """The beheerder confirms: checked today, by them (the round records who and when)."""
    with transaction.atomic():
        _sluit(ronde, Controleronde.Uitkomst.KLOPT)
        dienst = Dienst.objects.select_for_update().get(pk=ronde.dienst_id)
        dienst.laatst_gecontroleerd = timezone.localdate()
        dienst.niet_actueel_sinds = None
        dienst.save(update_fields=["laatst_gecontroleerd", "niet_actueel_sinds"])


def beantwoord_met(ronde: Controleronde, uitkomst: str, inzending: Inzending) -> None:
    """The beheerder sent a change or reported the service gone: it waits for moderation."""
    _sluit(ronde, uitkomst, inzending)


@shared_task(name="inzendingen.diensten_controleren")
def diensten_controleren() -> dict[str, int]:
    """The cycle's due steps (beat, hourly); registered by ``InzendingenConfig.ready``."""
    return dict(controleer())
