"""The test run: fast hashing, in-memory mail, static files without a manifest."""

import os


def _own_redis_database(url: str, worker: str) -> str:
    """The Redis URL for one worker of a parallel run (pytest-xdist's ``gw0``, ``gw1`` …): the
    URL's database number plus the worker's, so each worker's ``cache.clear()``, rate limits and
    broker queues are its own. Outside a parallel run the URL is unchanged."""
    from urllib.parse import urlsplit

    if not url or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + int(worker[2:])
    return parts._replace(path=f"/{database}").geturl()


# Set before the base settings read it, and kept in the environment for the processes the tests
# start (Celery workers, servers), which then use the same database as their worker.
if os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _own_redis_database(
        os.environ["REDIS_URL"], os.environ.get("PYTEST_XDIST_WORKER", "")
    )

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz")
DEMO_DEV_USER_ALLOWED = True  # the demo fixtures sign in as beheer
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ALLOWED_HOSTS = ["*"]
# A file, not memory, so the browser tests' server thread sees the same SQLite database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test process, so parallel runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / ".run" / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }
    (BASE_DIR / ".run").mkdir(exist_ok=True)  # noqa: F405

# Uploads of a test run go to a throw-away folder, never into the repository's media/.
MEDIA_ROOT = BASE_DIR / ".run" / f"media-{os.getpid()}"  # noqa: F405

# The anonymous page cache is off in tests (a test's data never commits, so the purge on commit
# never fires); the page cache's own tests switch it on with override_settings.
PAGE_CACHE_SECONDS = 0

# Without a broker mails go to a background thread (portal/background.py); tests run that work at
# once, so they see its outcome. The tests of the thread itself switch it back on.
BACKGROUND_THREAD = False

# One process: the kaart's per-process vocabulary and cards can trust a token in its own cache.
KAART_VERSIES_GEDEELD = True
