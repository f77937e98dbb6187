"""Copy a new RIVM export of the loneliness figures (and the list of merged gemeenten) in."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...cijfers import (
    EENZAAMHEID_CSV,
    OPVOLGERS_CSV,
    lees_eenzaamheid_csv,
    lees_opvolgers_csv,
    vergeet,
)


class Command(BaseCommand):
    help = (
        "Kopieert eenzaamheid_gemeenten.csv (RIVM, code,naam,jaar en de vier percentages) en "
        "eventueel gemeente_opvolgers.csv naar gemeenten/data/, na een controle."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="De CSV met de cijfers per gemeente.")
        parser.add_argument(
            "--opvolgers",
            help="De CSV oude_code,oude_naam,nieuwe_code,nieuwe_naam,volledig_opgegaan.",
        )

    def handle(self, *args, source, opvolgers=None, **options):
        kopieen = [(Path(source), EENZAAMHEID_CSV, lees_eenzaamheid_csv)]
        if opvolgers:
            kopieen.append((Path(opvolgers), OPVOLGERS_CSV, self._opvolgers))
        for bron, doel, lees in kopieen:
            if not bron.exists():
                raise CommandError(f"Bronbestand {bron} bestaat niet.")
            try:
                rijen = lees(bron)
            except (ValueError, KeyError) as exc:
                raise CommandError(f"{bron} is niet bruikbaar: {exc}") from exc
            if not rijen:
                raise CommandError(f"{bron} is leeg.")
            if bron.resolve() != doel.resolve():
                shutil.copyfile(bron, doel)
            self.stdout.write(self.style.SUCCESS(f"{len(rijen)} regels in {doel.name}."))
        vergeet()

    @staticmethod
    def _opvolgers(path):
        rijen = lees_opvolgers_csv(path)
        for rij in rijen:
            if not (rij["oude_code"].startswith("GM") and rij["nieuwe_code"].startswith("GM")):
                raise ValueError(f"geen opvolger: {rij}")
        return rijen
