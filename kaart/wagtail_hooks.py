"""Register the kaart in Wagtail's admin: the "Sociale kaart" menu and its bulk action."""

from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet

from .models import Dienst
from .viewsets import SocialeKaartGroup

register_snippet(SocialeKaartGroup)


@hooks.register("register_bulk_action")
class MarkeerGecontroleerd(SnippetBulkAction):
    """Set "laatst gecontroleerd" to today on many services at once, as a new revision.

    A published service without pending changes is published again at once; a service with a
    draft keeps its draft (now with today's date) for the editor or the workflow to publish.
    """

    display_name = "Markeer als gecontroleerd"
    action_type = "gecontroleerd"
    aria_label = "Markeer de gekozen diensten als vandaag gecontroleerd"
    template_name = "kaart/admin/bulk_gecontroleerd.html"
    action_priority = 20
    models = [Dienst]

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", snippet
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        vandaag = timezone.localdate()
        kan_publiceren = user is not None and user.has_perm("kaart.publish_dienst")
        aantal = 0
        with transaction.atomic():
            for dienst in objects:
                if dienst.locked and dienst.locked_by_id != getattr(user, "pk", None):
                    continue
                publiceer = dienst.live and not dienst.has_unpublished_changes and kan_publiceren
                nieuwste = dienst.get_latest_revision_as_object()
                nieuwste.laatst_gecontroleerd = vandaag
                revision = nieuwste.save_revision(user=user, log_action=True)
                if publiceer:
                    revision.publish(user=user)
                aantal += 1
        return aantal, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return "1 dienst gemarkeerd als vandaag gecontroleerd."
        return f"{num_parent_objects} diensten gemarkeerd als vandaag gecontroleerd."
