"""A django-tasks backend that hands every task (Wagtail's own included) to the one Celery app.

With a broker, tasks are sent after the surrounding transaction commits, so a worker never sees an
object that is not saved yet and an editor's save never waits on the search engine. Without a
broker (the embedded default), Celery runs the task at once in the same process.
"""

import logging

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json

from .celery import app

logger = logging.getLogger(__name__)


@app.task(name="portal.run_django_task", acks_late=True, max_retries=5)
def run_django_task(module_path, args, kwargs):
    """Run one django-tasks task inside a Celery worker."""
    task = import_string(module_path)
    return normalize_json(task.call(*args, **kwargs))


class CeleryTaskBackend(BaseTaskBackend):
    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        payload = (task.module_path, normalize_json(args), normalize_json(kwargs))

        def send():
            try:
                run_django_task.apply_async(args=payload, retry=False)
            except Exception:  # the broker is down: never fail the editor's save
                logger.warning("Could not queue task %s; it is skipped", task.module_path)

        if app.conf.task_always_eager:
            # No broker (the embedded default): run now, as Wagtail's own immediate backend does.
            send()
        else:
            transaction.on_commit(send)
        return result
