"""Local development: debug on, a throw-away secret, everything embedded."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz")
DEMO_DEV_USER_ALLOWED = True  # load_demo_content may make beheer/beheer
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# One process: the kaart's per-process vocabulary and cards can trust a token in its own cache.
KAART_VERSIES_GEDEELD = True
