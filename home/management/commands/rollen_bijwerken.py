"""Give the admin's groups exactly the permissions of docs/rollen.md (creating them if needed)."""

from django.core.management.base import BaseCommand

from home import rollen


class Command(BaseCommand):
    help = (
        "Maakt de groepen Redacteuren, Moderatoren en Beheerders aan en geeft ze precies de "
        "rechten uit docs/rollen.md (met de hand toegevoegde rechten van deze groepen vervallen)."
    )

    def handle(self, *args, **options):
        for naam, groep in rollen.richt_groepen_in().items():
            self.stdout.write(f"  {naam}: {groep.permissions.count()} rechten")
        self.stdout.write(self.style.SUCCESS("Groepen bijgewerkt."))
