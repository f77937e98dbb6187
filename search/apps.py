from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "Zoeken"

    def ready(self):
        from . import indexing

        # Index updates go through the portal's outbox instead of Wagtail's own handlers.
        indexing.connect()
