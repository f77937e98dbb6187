"""Send every mail that is still waiting, of every app that keeps an outbox: the nieuwsbrief's
service mails (confirmations, "already subscribed", alerts), its scheduled and stalled issues, and
the submissions' mails alike.

The retry path of the embedded default (no Celery worker, no beat): run it from cron every few
minutes. With a worker, beat does the same on its own; running this as well sends nothing twice
(each mail is claimed before it is sent).

The portal knows no app: ``settings.MAIL_WACHTRIJEN`` names each outbox (a label and the dotted
path of a function that sends what waits there and returns a ``Counter`` of outcomes).
"""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# The outcomes the outboxes report (the nieuwsbrief in English, the inzendingen in Dutch), as
# the words of the summary.
UITKOMSTEN = {
    "sent": "verzonden",
    "verzonden": "verzonden",
    "waiting": "wacht",
    "wacht": "wacht",
    "failed": "mislukt",
    "mislukt": "mislukt",
    "issues_started": "edities gestart",
    "issues_restarted": "edities weer opgepakt",
}
EXTRA = ("edities gestart", "edities weer opgepakt")


def versturen() -> dict[str, Counter]:
    """Send what waits in every outbox; per label, its outcomes in the words of ``UITKOMSTEN``."""
    resultaat = {}
    for label, pad in settings.MAIL_WACHTRIJEN:
        telling: Counter = Counter()
        for uitkomst, aantal in import_string(pad)().items():
            telling[UITKOMSTEN.get(uitkomst, "overig")] += aantal
        resultaat[label] = telling
    return resultaat


class Command(BaseCommand):
    help = "Verstuurt alle e-mails die nog wachten (nieuwsbrief en inzendingen)."

    def handle(self, *args, **options):
        totaal: Counter = Counter()
        for label, telling in versturen().items():
            totaal.update(telling)
            extra = "".join(f", {telling[woord]} {woord}" for woord in EXTRA if telling[woord])
            self.stdout.write(
                f"{label}: {telling['verzonden']} verzonden, {telling['wacht']} wachten nog, "
                f"{telling['mislukt']} mislukt{extra}."
            )
        if totaal["wacht"] or totaal["mislukt"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{totaal['verzonden']} verzonden; {totaal['wacht']} wachten op de "
                    f"mailserver, {totaal['mislukt']} mislukt."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{totaal['verzonden']} verzonden."))
