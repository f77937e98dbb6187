"""Send the mails of the submissions that are still waiting (Celery beat does this every ten
minutes); for a site without a worker, or after the mail server was down."""

from django.core.management.base import BaseCommand

from inzendingen.tasks import verstuur_wachtende_mails


class Command(BaseCommand):
    help = "Verstuurt de mails van inzendingen die nog wachten."

    def handle(self, *args, **options):
        aantal = verstuur_wachtende_mails()
        self.stdout.write(self.style.SUCCESS(f"{aantal} wachtende mail(s) in de wachtrij gezet."))
