"""Registers the "Inzendingen" menu group (see viewsets.py) and who may do what in it."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import controle_beheer
from .models import Inzending, Mail, Terugbelverzoek, Tip
from .viewsets import AlleenBekijken, InzendingenGroep, ZonderToevoegen

# Before any viewset asks for a policy: submissions come from the public, the outbox is a log.
for _model in (Inzending, Tip, Terugbelverzoek):
    register_permission_policy(_model, ZonderToevoegen(_model), exact_class=True)
register_permission_policy(Mail, AlleenBekijken(Mail), exact_class=True)

register_snippet(InzendingenGroep)


# The verification cycle for editors: a dashboard panel and a report (inzendingen.controle_beheer).
@hooks.register("construct_homepage_panels")
def controle_paneel(request, panels):
    if request.user.has_perm(controle_beheer.RECHT):
        panels.append(controle_beheer.ControlePanel(request))


@hooks.register("register_admin_urls")
def controle_rapport_urls():
    return [
        path(
            "reports/controle/", controle_beheer.ControleRapport.as_view(), name="controle_rapport"
        ),
        path(
            "reports/controle/results/",
            controle_beheer.ControleRapport.as_view(results_only=True),
            name="controle_rapport_results",
        ),
    ]


class ControleRapportMenu(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(controle_beheer.RECHT)


@hooks.register("register_reports_menu_item")
def controle_rapport_menu():
    return ControleRapportMenu(
        "Controle van diensten",
        reverse("controle_rapport"),
        name="controle-diensten",
        icon_name="date",
        order=650,
    )
