"""The one Celery app of the portal; every background job (ours and Wagtail's) runs on it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def task(name: str):
    """The registered task called ``name`` (``@shared_task(name=...)``).

    For a module that its own app's ``tasks`` module imports (a service that queues a mail, the
    search outbox): it asks for the task by name, as ``app.send_task`` would, so the two modules do
    not import each other. Unlike ``send_task`` the answer is the task itself, so running at once
    without a broker (``task_always_eager``), retries and ``apply_async`` options work as after a
    direct import. A process that has not imported the apps' ``tasks`` modules yet (a web server:
    only a worker imports them at start) imports them first.
    """
    if name not in app.tasks:
        app.autodiscover_tasks(force=True)
    return app.tasks[name]
