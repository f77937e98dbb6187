from django.apps import AppConfig


class NieuwsbriefConfig(AppConfig):
    name = "nieuwsbrief"
    verbose_name = "Nieuwsbrief"

    def ready(self):
        from anymail.signals import tracking
        from wagtail.signals import published, unpublished

        from . import bounces, checks, sending  # noqa: F401 (checks registers itself)
        from .models import Issue

        tracking.connect(bounces.receive, dispatch_uid="nieuwsbrief.bounces")
        published.connect(
            lambda sender, instance, **kwargs: sending.on_publish(instance),
            sender=Issue,
            dispatch_uid="nieuwsbrief.publish",
            weak=False,
        )
        unpublished.connect(
            lambda sender, instance, **kwargs: sending.on_unpublish(instance),
            sender=Issue,
            dispatch_uid="nieuwsbrief.unpublish",
            weak=False,
        )
