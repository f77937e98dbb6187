"""``manage.py zoekindex_bijwerken``: do the index changes that are still open.

Saving or deleting writes a row for the search index in the same transaction (see
:mod:`search.indexing`); normally a Celery task does it within seconds. When the engine or the
broker was down, rows stay open; the periodic task does them too, this command does them now.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Werk de zoekindex bij met wijzigingen die nog open staan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=100_000, help="Hoeveel wijzigingen hooguit (oudste eerst)."
        )

    def handle(self, **options):
        gedaan, open_ = indexing.werk_achterstand_bij(
            limit=options["limit"], ouder_dan=timedelta(0)
        )
        self.stdout.write(f"Bijgewerkt: {gedaan}. Nog open: {open_}.")
        if open_:
            self.stderr.write("Niet alles is gelukt: is de zoekmachine bereikbaar?")
