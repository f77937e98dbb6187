"""Write the kaart's open-data dump (CSV, HSDS 3.0, datapackage.json) and make it current.

The Celery beat task ``kaart.opendata_bijwerken`` does the same every night; without a broker,
run this command from cron.
"""

from django.core.management.base import BaseCommand

from kaart import opendata


class Command(BaseCommand):
    help = (
        "Schrijft alle gepubliceerde diensten als open data (CSV, HSDS 3.0, datapackage.json) "
        "en maakt die de actuele versie op /open-data/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--map", help="Map voor de bestanden (standaard OPENDATA_MAP).", default=None
        )

    def handle(self, *args, map, **options):
        dump = opendata.schrijf_dump(map)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{dump.aantal} diensten, {dump.bytes} bytes in {dump.seconden:.1f} s "
                    f"naar {dump.map}"
                )
            )
