"""Create the editor group of one or more gemeenten: ``gemeenteredactie_aanmaken GM0344 …``."""

from django.core.management.base import BaseCommand, CommandError

from kaart.models import Gemeente

from ...redactie import maak_redactie


class Command(BaseCommand):
    help = (
        "Maakt per gemeente de groep 'Redactie <gemeente>': de leden bewerken alleen de lokale "
        "diensten en de gemeentepagina van die gemeente, en alles gaat langs de moderatoren."
    )

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="+", help="CBS-codes, zoals GM0344 voor Utrecht.")

    def handle(self, *args, codes, **options):
        gemeenten = {
            g.code: g for g in Gemeente.objects.filter(code__in=[c.upper() for c in codes])
        }
        onbekend = [c for c in codes if c.upper() not in gemeenten]
        if onbekend:
            raise CommandError(f"Onbekende CBS-code(s): {', '.join(onbekend)}.")
        for code in dict.fromkeys(c.upper() for c in codes):
            groep, nieuw = maak_redactie(gemeenten[code])
            status = "aangemaakt" if nieuw else "bijgewerkt"
            self.stdout.write(self.style.SUCCESS(f"{groep.name}: {status}."))
