"""Export the live services to a CSV file in the import format (export → import round-trips)."""

import sys

from django.core.management.base import BaseCommand

from kaart.csv_io import export_queryset, schrijf_csv


class Command(BaseCommand):
    help = "Schrijft alle gepubliceerde diensten naar een CSV-bestand (UTF-8) in het importformaat."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Pad van het CSV-bestand, of - voor de uitvoer.")
        parser.add_argument(
            "--puntkomma",
            action="store_true",
            help="Puntkomma als scheidingsteken en een BOM, voor Nederlandse Excel.",
        )

    def handle(self, *args, bestand, puntkomma, **options):
        scheidingsteken = ";" if puntkomma else ","
        if bestand == "-":
            aantal = schrijf_csv(export_queryset(), sys.stdout, scheidingsteken)
            return
        with open(bestand, "w", encoding="utf-8-sig" if puntkomma else "utf-8", newline="") as f:
            aantal = schrijf_csv(export_queryset(), f, scheidingsteken)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"{aantal} diensten geschreven naar {bestand}"))
