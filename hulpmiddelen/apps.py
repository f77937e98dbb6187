from django.apps import AppConfig


class HulpmiddelenConfig(AppConfig):
    name = "hulpmiddelen"
    verbose_name = "Hulpmiddelen en artikelen"

    def ready(self):
        from search import site

        from .models import Hulpmiddel
        from .queries import beschrijf_zoekresultaat

        # The site search finds the hulpmiddelen (snippets, not pages) after the pages.
        site.register(
            site.Source(
                model=Hulpmiddel,
                queryset=lambda: Hulpmiddel.objects.live().for_cards(),
                describe=beschrijf_zoekresultaat,
            )
        )
