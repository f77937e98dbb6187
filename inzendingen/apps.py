from django.apps import AppConfig

# Wagtail's receivers that mail moderators, synchronously, when a workflow starts.
_WAGTAIL_MELDINGEN = [
    ("task_submitted", "TaskState", "group_approval_task_submitted_email_notification",
     "task_submission_email_notifier"),
    ("workflow_submitted", "WorkflowState", "workflow_state_submitted_email_notification",
     "workflow_submission_email_notifier"),
]  # fmt: skip


def _zonder_publieke_inzendingen(notifier):
    """Wagtail's notifier, skipped while a public submission starts its workflow."""

    def ontvanger(sender, **kwargs):
        from .moderatie import is_publieke_inzending

        if is_publieke_inzending():
            return None
        return notifier(sender=sender, **kwargs)

    return ontvanger


class InzendingenConfig(AppConfig):
    name = "inzendingen"
    verbose_name = "Inzendingen"

    def ready(self):
        from wagtail import models as wagtail_models
        from wagtail import signals
        from wagtail.admin import signal_handlers

        from home.rollen import groepen_ingericht

        from . import (
            controle,  # noqa: F401 (registers its Celery task with the app)
            moderatie,
            workflow,
        )

        groepen_ingericht.connect(
            workflow.moderatoren_in_workflow, dispatch_uid="inzendingen_moderatoren_in_workflow"
        )

        signals.workflow_approved.connect(
            moderatie.bij_goedkeuring, dispatch_uid="inzendingen_goedkeuring"
        )
        signals.workflow_rejected.connect(
            moderatie.bij_afwijzing, dispatch_uid="inzendingen_afwijzing"
        )
        signals.workflow_cancelled.connect(
            moderatie.bij_annulering, dispatch_uid="inzendingen_annulering"
        )
        # Public submissions notify moderators through Celery (emails.melding_redactie); keep
        # Wagtail's synchronous mail for editors' own submissions only. Whichever app's ready()
        # runs first, the wrapped receiver is the one left under Wagtail's dispatch_uid.
        for signaal, afzender, uid, attribuut in _WAGTAIL_MELDINGEN:
            signaal = getattr(signals, signaal)
            afzender = getattr(wagtail_models, afzender)
            signaal.disconnect(sender=afzender, dispatch_uid=uid)
            signaal.connect(
                _zonder_publieke_inzendingen(getattr(signal_handlers, attribuut)),
                sender=afzender,
                dispatch_uid=uid,
                weak=False,
            )
