"""Write every live service as Open Referral HSDS 3.0 JSON (a list of full service objects)."""

import json

from django.core.management.base import BaseCommand

from kaart import hsds
from kaart.api import live_diensten


class Command(BaseCommand):
    help = "Schrijft alle gepubliceerde diensten als HSDS 3.0 JSON naar een bestand."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Pad van het JSON-bestand, of - voor de uitvoer.")

    def handle(self, *args, bestand, **options):
        services = [hsds.service(d) for d in live_diensten().order_by("naam", "pk")]
        text = json.dumps(services, ensure_ascii=False, indent=2)
        if bestand == "-":
            self.stdout.write(text)
            return
        with open(bestand, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"{len(services)} diensten geschreven naar {bestand}")
            )
