"""Copy a new list of gemeenten (CBS: code, naam, provincie) into the project and load it."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kaart.models import GEMEENTEN_CSV, laad_gemeenten, lees_gemeenten_csv


class Command(BaseCommand):
    help = (
        "Kopieert gemeenten.csv (code,naam,provincie) naar kaart/data/ en laadt de gemeenten: "
        "nieuwe worden toegevoegd, gewijzigde namen en provincies bijgewerkt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            required=True,
            help="Het bronbestand: een CSV met de kolommen code,naam,provincie.",
        )

    def handle(self, *args, source, **options):
        source_path = Path(source)
        if not source_path.exists():
            raise CommandError(f"Bronbestand {source_path} bestaat niet.")
        try:
            rows = lees_gemeenten_csv(source_path)
        except (ValueError, KeyError) as exc:
            raise CommandError(f"{source_path} is geen lijst met gemeenten: {exc}") from exc
        if source_path.resolve() != GEMEENTEN_CSV.resolve():
            shutil.copyfile(source_path, GEMEENTEN_CSV)
        created, updated = laad_gemeenten(GEMEENTEN_CSV)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(rows)} gemeenten in {GEMEENTEN_CSV.name}: "
                f"{created} nieuw, {updated} bijgewerkt."
            )
        )
