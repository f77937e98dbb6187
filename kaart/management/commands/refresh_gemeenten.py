"""Copy the list of gemeenten from the team's shared data into the project and load it."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kaart.models import GEMEENTEN_CSV, laad_gemeenten, lees_gemeenten_csv

DEFAULT_SOURCE = Path(settings.BASE_DIR).parent / "shared" / "data" / "gemeenten.csv"


class Command(BaseCommand):
    help = (
        "Kopieert gemeenten.csv (code,naam,provincie) naar kaart/data/ en laadt de gemeenten: "
        "nieuwe worden toegevoegd, gewijzigde namen en provincies bijgewerkt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=str(DEFAULT_SOURCE),
            help=f"Het bronbestand (standaard {DEFAULT_SOURCE}).",
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
