"""Send every mail that is still waiting, of every app that keeps an outbox: the nieuwsbrief's
service mails (confirmations, "already subscribed", alerts), its scheduled and stalled issues, and
the submissions' mails alike.

The retry path of the embedded default (no Celery worker, no beat): run it from cron every few
minutes. With a worker, beat does the same on its own; running this as well sends nothing twice
(each mail is claimed before it is sent).

The portal knows no app: ``settings.MAIL_WACHTRIJEN`` names each outbox (a label and the dotted
path of a function that sends what waits there). Each function returns a ``Counter`` in the same
words: "verzonden", "wacht" and "mislukt" for its mails, and a phrase of its own for any other
count ("edities gestart"), shown after them when it is not 0.
"""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

UITKOMSTEN = ("verzonden", "wacht", "mislukt")


def versturen() -> dict[str, Counter]:
    """Send what waits in every outbox; per label, what its function counted."""
    return {label: Counter(import_string(pad)()) for label, pad in settings.MAIL_WACHTRIJEN}


class Command(BaseCommand):
    help = "Verstuurt alle e-mails die nog wachten (nieuwsbrief en inzendingen)."

    def handle(self, *args, **options):
        totaal: Counter = Counter()
        for label, telling in versturen().items():
            totaal.update(telling)
            extra = "".join(
                f", {aantal} {woord}"
                for woord, aantal in telling.items()
                if woord not in UITKOMSTEN and aantal
            )
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
