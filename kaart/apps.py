from django.apps import AppConfig


class KaartConfig(AppConfig):
    name = "kaart"
    verbose_name = "Sociale kaart"

    def ready(self):
        from search.vocabulary import register_texts

        from .suggesties import bekende_teksten

        # "Bedoelde u …?" and the typo tolerance know the words of the kaart.
        register_texts("kaart", bekende_teksten)
