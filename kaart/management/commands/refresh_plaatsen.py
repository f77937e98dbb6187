"""Copy new place files (woonplaatsen, PC4 postcodes, place names, aliases, successors) into the
project, keeping only the columns the resolver reads (:data:`kaart.plaatsen.KOLOMMEN`)."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kaart import plaatsen


class Command(BaseCommand):
    help = (
        "Kopieert woonplaatsen.csv, postcodes_pc4.csv, plaatsnamen_extra.csv, "
        "gemeenten_aliassen.csv en gemeente_opvolgers.csv uit een map naar kaart/data/ "
        "(alleen de kolommen die de kaart gebruikt) en controleert ze."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            required=True,
            help="De map met de vijf bestanden (zie SOURCES-plaatsen.md bij de bron).",
        )

    def handle(self, *args, source, **options):
        bron = Path(source)
        if not bron.is_dir():
            raise CommandError(f"Map {bron} bestaat niet.")
        gelezen = {}
        for naam, kolommen in plaatsen.KOLOMMEN.items():
            pad = bron / naam
            if not pad.exists():
                raise CommandError(f"{pad} ontbreekt.")
            with open(pad, encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                ontbreekt = [k for k in kolommen if k not in (reader.fieldnames or [])]
                if ontbreekt:
                    raise CommandError(f"{pad} mist de kolommen {', '.join(ontbreekt)}.")
                gelezen[naam] = [[(row[k] or "").strip() for k in kolommen] for row in reader]
            if not gelezen[naam]:
                raise CommandError(f"{pad} is leeg.")
        # All files read and checked before any is written: never half a refresh.
        for naam, regels in gelezen.items():
            with open(plaatsen.DATA_DIR / naam, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(plaatsen.KOLOMMEN[naam])
                writer.writerows(regels)
        plaatsen.index.cache_clear()
        ix = plaatsen.index()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ix.namen)} namen en {len(ix.postcodes)} postcodes in {plaatsen.DATA_DIR}."
            )
        )
