from django.apps import AppConfig


class GemeentenConfig(AppConfig):
    name = "gemeenten"
    verbose_name = "Gemeenten"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from home.rollen import groepen_ingericht
        from kaart.models import Dienst

        from .models import GemeentePagina
        from .rechten import DienstBeleid, GemeentePaginaBeleid
        from .redactie import redacties_bijwerken

        # Before any viewset asks for a policy (the snippets register in wagtail_hooks, after
        # every app is ready): a gemeente's editors are narrowed to their gemeente.
        register_permission_policy(Dienst, DienstBeleid(Dienst), exact_class=True)
        register_permission_policy(
            GemeentePagina, GemeentePaginaBeleid(GemeentePagina), exact_class=True
        )
        groepen_ingericht.connect(redacties_bijwerken, dispatch_uid="gemeenten-redacties")
