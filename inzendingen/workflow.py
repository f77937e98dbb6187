"""The site's default moderation workflow, for the moderation and the mails alike."""

from django.conf import settings
from wagtail.models import Page, Workflow


def standaard_workflow() -> Workflow | None:
    """The site's default workflow: the one on the root page ("Moderators approval")."""
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return None
    workflow = Page.get_first_root_node().get_workflow()
    return workflow or Workflow.objects.active().order_by("pk").first()
