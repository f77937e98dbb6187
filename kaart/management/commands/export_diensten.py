"""Export the live services (drafts with --met-concepten) to a CSV file in the import format.

Export → import round-trips; cells a spreadsheet would run as a formula start with an apostrophe.
"""

import sys

from django.core.management.base import BaseCommand

from kaart.csv_io import export_queryset, schrijf_csv


class Command(BaseCommand):
    help = "Schrijft de gepubliceerde diensten naar een CSV-bestand (UTF-8) in het importformaat."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Pad van het CSV-bestand, of - voor de uitvoer.")
        parser.add_argument(
            "--puntkomma",
            action="store_true",
            help="Puntkomma als scheidingsteken en een BOM, voor Nederlandse Excel.",
        )
        parser.add_argument(
            "--met-concepten",
            action="store_true",
            help="Ook diensten die niet gepubliceerd zijn (concepten, nog niet goedgekeurde "
            "aanmeldingen). Let op: een import publiceert ze.",
        )

    def handle(self, *args, bestand, puntkomma, met_concepten, **options):
        scheidingsteken = ";" if puntkomma else ","
        diensten = export_queryset(met_concepten=met_concepten)
        if bestand == "-":
            aantal = schrijf_csv(diensten, sys.stdout, scheidingsteken)
            return
        with open(bestand, "w", encoding="utf-8-sig" if puntkomma else "utf-8", newline="") as f:
            aantal = schrijf_csv(diensten, f, scheidingsteken)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{aantal} diensten geschreven naar {bestand}"))
