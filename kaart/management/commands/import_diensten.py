"""Import services from a CSV file in the contract's format: all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kaart.csv_io import lees_csv, voer_uit


class Command(BaseCommand):
    help = (
        "Importeert diensten uit een CSV-bestand (UTF-8, komma of puntkomma). Rijen met een "
        "bestaand extern_id werken die dienst bij, andere maken een nieuwe. Bij één fout wordt "
        "niets opgeslagen; alle fouten worden gemeld met rij en kolom."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Pad van het CSV-bestand.")
        parser.add_argument(
            "--controleer",
            action="store_true",
            help="Alleen controleren en tonen wat er zou gebeuren; niets opslaan.",
        )

    def handle(self, *args, bestand, controleer, **options):
        path = Path(bestand)
        if not path.is_file():
            raise CommandError(f"Bestand {path} bestaat niet.")
        plan = lees_csv(path.read_bytes())
        if not plan.geldig:
            for fout in plan.fouten:
                self.stderr.write(str(fout))
            raise CommandError(f"{len(plan.fouten)} fout(en) gevonden; er is niets geïmporteerd.")
        samenvatting = (
            f"{plan.nieuw} nieuw, {plan.gewijzigd} gewijzigd, {plan.ongewijzigd} ongewijzigd"
        )
        if controleer:
            for rij in plan.rijen:
                if rij.actie != "ongewijzigd":
                    wat = f" ({', '.join(rij.wijzigingen)})" if rij.wijzigingen else ""
                    self.stdout.write(f"rij {rij.rij}: {rij.naam} — {rij.actie}{wat}")
            self.stdout.write(f"Controle: {samenvatting}. Er is niets opgeslagen.")
            return
        voer_uit(plan)
        self.stdout.write(self.style.SUCCESS(f"Geïmporteerd: {samenvatting}."))
