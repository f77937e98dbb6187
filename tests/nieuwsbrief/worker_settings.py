"""Settings of the Celery workers the tests start: the test settings with the mail backend from
``EMAIL_URL`` (the test SMTP server), which ``portal.settings.test`` replaces by the in-memory one.

On SQLite the worker's connections skip fsync (``synchronous=OFF``): a killed process loses
nothing that way (only a crash of the whole machine could), and the test runs at the speed of the
code instead of the disk.
"""

from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES, EMAIL_CONFIG

vars().update(EMAIL_CONFIG)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF;"
