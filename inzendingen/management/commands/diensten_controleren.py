"""Send what the verification cycle has due now (Celery beat does this every hour)."""

from django.core.management.base import BaseCommand

from inzendingen.controle import controleer


class Command(BaseCommand):
    help = (
        "Vraagt beheerders of hun dienst nog klopt, stuurt herinneringen na 14 en 28 dagen en "
        "markeert diensten zonder antwoord als mogelijk niet meer actueel."
    )

    def handle(self, *args, **options):
        telling = controleer()
        for wat in ("vraag", "herinnering-1", "herinnering-2", "niet_actueel", "verlopen"):
            self.stdout.write(f"{wat}: {telling.get(wat, 0)}")
        self.stdout.write(self.style.SUCCESS("Klaar."))
