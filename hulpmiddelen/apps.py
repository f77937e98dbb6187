from django.apps import AppConfig


class HulpmiddelenConfig(AppConfig):
    name = "hulpmiddelen"
    verbose_name = "Hulpmiddelen en artikelen"
