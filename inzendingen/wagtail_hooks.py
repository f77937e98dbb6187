"""Registers the "Inzendingen" menu group (see viewsets.py) and who may do what in it."""

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import Inzending, Mail, Terugbelverzoek, Tip
from .viewsets import AlleenBekijken, InzendingenGroep, ZonderToevoegen

# Before any viewset asks for a policy: submissions come from the public, the outbox is a log.
for _model in (Inzending, Tip, Terugbelverzoek):
    register_permission_policy(_model, ZonderToevoegen(_model), exact_class=True)
register_permission_policy(Mail, AlleenBekijken(Mail), exact_class=True)

register_snippet(InzendingenGroep)
