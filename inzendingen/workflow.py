"""The site's default moderation workflow, for the moderation and the mails alike."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowContentType

from home.rollen import MODERATOREN
from kaart.models import Dienst


def standaard_workflow() -> Workflow | None:
    """The site's default workflow: the one on the root page ("Moderators approval")."""
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return None
    workflow = Page.get_first_root_node().get_workflow()
    return workflow or Workflow.objects.active().order_by("pk").first()


def moderatoren_in_workflow(sender, groepen, **kwargs) -> None:
    """The moderators approve in the default workflow, which services go through as well
    (``home.rollen.groepen_ingericht``)."""
    workflow = standaard_workflow()
    if workflow is None:
        return
    for taak in workflow.tasks.specific():
        if isinstance(taak, GroupApprovalTask):
            taak.groups.add(groepen[MODERATOREN])
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Dienst), defaults={"workflow": workflow}
    )
