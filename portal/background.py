"""Work no visitor should wait for, on a site without a Celery worker (the embedded default).

With a broker, mails and other slow work go to Celery. Without one Celery would run them at once,
inside the request, so a mail server that is slow or never answers keeps the visitor waiting. Such
work goes to ``run_soon`` instead: one thread of this process runs it after the response, with its
own database connection. The work itself is stored first (an outbox row), so when the process
stops before the thread got to it nothing is lost: ``python manage.py mails_versturen`` (from cron)
sends whatever is still waiting.

``BACKGROUND_THREAD = False`` (the test settings) runs the work at once instead, so a test sees its
outcome without waiting for a thread.
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from celery import current_app
from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="portal-achtergrond")


def without_broker() -> bool:
    """True on the embedded default: Celery would run every task inside the request."""
    return bool(current_app.conf.task_always_eager)


def _run(func, args):
    try:
        return func(*args)
    except Exception:  # the stored row stays waiting; the command or beat tries again
        logger.exception("Background job %s failed", getattr(func, "__qualname__", func))
        return None
    finally:
        connections.close_all()  # this thread's connections only


def run_soon(func, *args) -> Future:
    """Run ``func(*args)`` in the background thread (or at once when the setting says so)."""
    if not settings.BACKGROUND_THREAD:
        future: Future = Future()
        try:
            future.set_result(func(*args))
        except Exception as exc:  # the same as in the thread: logged, never raised to the caller
            logger.exception("Background job %s failed", getattr(func, "__qualname__", func))
            future.set_exception(exc)
        return future
    return _executor.submit(_run, func, args)
