from django.apps import AppConfig


class InzendingenConfig(AppConfig):
    name = "inzendingen"
    verbose_name = "Inzendingen"
