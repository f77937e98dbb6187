"""Apply the retention periods of the submissions now (Celery beat does this four times a day)."""

from django.core.management.base import BaseCommand

from inzendingen.opschonen import schoon_op


class Command(BaseCommand):
    help = (
        "Wist contactgegevens na de bewaartermijn, en verwijdert spam, afgewezen inzendingen, "
        "afgehandelde terugbelverzoeken en oude mails."
    )

    def handle(self, *args, **options):
        telling = schoon_op()
        for wat, aantal in telling.items():
            self.stdout.write(f"{wat}: {aantal}")
        self.stdout.write(self.style.SUCCESS("Klaar."))
