"""``manage.py update_index``: Wagtail's rebuild of the search indexes, made safe to run live.

* On the engine every index is rebuilt under a new name and the alias is then moved in one atomic
  request (:class:`search.backends.engine.AliasSwapRebuilder`): searches keep answering from the
  old index until the new one is complete. The old indexes are deleted at the end, after one grace
  period for searches still reading them.
* Changes saved while the rebuild ran went to the old index; afterwards they are done again, so
  the new index has them too (:func:`search.indexing.opnieuw_sinds`).
* A backend configured twice (without an engine, ``default`` and ``database`` are the same
  database backend) is rebuilt once.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as WagtailUpdateIndexCommand,
)

from search import indexing
from search.backends.engine import old_indexes_deleted_at_the_end


class Command(WagtailUpdateIndexCommand):
    help = "Bouw de zoekindexen opnieuw op, zonder dat zoeken ondertussen stopt."

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        begonnen = timezone.now()
        if options["backend_name"]:
            names = [options["backend_name"]]
        else:
            names, seen = [], []
            for name, config in settings.WAGTAILSEARCH_BACKENDS.items():
                if config not in seen:
                    seen.append(config)
                    names.append(name)
        with old_indexes_deleted_at_the_end():
            for name in names:
                self.update_backend(
                    name,
                    schema_only=options.get("schema_only", False),
                    chunk_size=options.get("chunk_size"),
                )
        heropend = indexing.opnieuw_sinds(begonnen)
        gedaan, open_ = indexing.werk_achterstand_bij(limit=100_000, ouder_dan=timedelta(0))
        self.write(
            f"Wijzigingen tijdens het opbouwen: {heropend}; bijgewerkt: {gedaan}; nog open: {open_}"
        )
