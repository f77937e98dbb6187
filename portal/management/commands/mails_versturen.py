"""Send every mail that is still waiting: the nieuwsbrief's service mails (confirmations,
"already subscribed", alerts), its scheduled and stalled issues, and the submissions' mails alike.

The retry path of the embedded default (no Celery worker, no beat): run it from cron every few
minutes. With a worker, beat does the same on its own; running this as well sends nothing twice
(each mail is claimed before it is sent).
"""

from django.core.management.base import BaseCommand

from inzendingen.tasks import verstuur_wachtende
from nieuwsbrief import sending
from nieuwsbrief.outbox import deliver_waiting


class Command(BaseCommand):
    help = "Verstuurt alle e-mails die nog wachten (nieuwsbrief en inzendingen)."

    def handle(self, *args, **options):
        # What beat does every minute: start the issues whose time has come, pick up the ones
        # that stalled (each delivery is claimed, so nobody gets an issue twice).
        gestart = sending.dispatch_due()
        opgepakt = sending.sweep()["restarted"]
        if gestart or opgepakt:
            self.stdout.write(
                f"Nieuwsbrief: {len(gestart)} edities gestart, {len(opgepakt)} weer opgepakt."
            )
        nieuwsbrief = deliver_waiting()
        inzendingen = verstuur_wachtende()
        verzonden = nieuwsbrief["sent"] + inzendingen["verzonden"]
        wachten = nieuwsbrief["waiting"] + inzendingen["wacht"]
        mislukt = nieuwsbrief["failed"] + inzendingen["mislukt"]
        self.stdout.write(
            f"Nieuwsbrief: {nieuwsbrief['sent']} verzonden, {nieuwsbrief['waiting']} wachten "
            f"nog, {nieuwsbrief['failed']} mislukt."
        )
        self.stdout.write(
            f"Inzendingen: {inzendingen['verzonden']} verzonden, {inzendingen['wacht']} wachten "
            f"nog, {inzendingen['mislukt']} mislukt."
        )
        if wachten or mislukt:
            self.stdout.write(
                self.style.WARNING(
                    f"{verzonden} verzonden; {wachten} wachten op de mailserver, {mislukt} mislukt."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{verzonden} verzonden."))
