"""Apply the nieuwsbrief's retention periods now (beat does this every six hours)."""

from django.core.management.base import BaseCommand

from nieuwsbrief.retention import purge


class Command(BaseCommand):
    help = (
        "Wist verlopen aanmeldingen, oude afmeldingen en oude verzendgegevens van de nieuwsbrief."
    )

    def handle(self, *args, **options):
        for what, count in purge().items():
            self.stdout.write(f"{what}: {count}")
