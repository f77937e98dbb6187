from django.apps import AppConfig


class KaartConfig(AppConfig):
    name = "kaart"
    verbose_name = "Sociale kaart"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from search.site import Highlight, register_highlight
        from search.vocabulary import register_texts

        from .models import MEERVOUDIG, Dienst, Gemeente, Term
        from .sitezoeken import kaart_antwoord
        from .suggesties import bekende_teksten
        from .versies import diensten_gewijzigd, gemeenten_gewijzigd, termen_gewijzigd

        # Every process reads the terms and builds the API's cards again after a change
        # (kaart/versies.py).
        for signal in (post_save, post_delete):
            signal.connect(termen_gewijzigd, sender=Term, dispatch_uid="kaart-versie-term")
            signal.connect(gemeenten_gewijzigd, sender=Gemeente, dispatch_uid="kaart-versie")
            signal.connect(diensten_gewijzigd, sender=Dienst, dispatch_uid="kaart-versie")
        for relatie in [*MEERVOUDIG, "gemeenten"]:
            m2m_changed.connect(
                diensten_gewijzigd,
                sender=getattr(Dienst, relatie).through,
                dispatch_uid=f"kaart-versie-{relatie}",
            )

        # "Bedoelde u …?" and the typo tolerance know the words of the kaart.
        register_texts("kaart", bekende_teksten)

        # The site search (header and home page) shows the matching services first.
        register_highlight(
            Highlight(
                name="kaart",
                template="kaart/components/site_zoeken.html",
                answer=kaart_antwoord,
                stylesheet="css/kaart.css",
            )
        )
