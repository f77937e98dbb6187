from django.apps import AppConfig


class KaartConfig(AppConfig):
    name = "kaart"
    verbose_name = "Sociale kaart"
