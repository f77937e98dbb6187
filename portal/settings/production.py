"""Production: refuses to start without a secret; HTTPS behind a TLS-terminating proxy."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, LOGGING, SECRET_KEY, env

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

DEBUG = False

# The proxy terminates TLS and says so in X-Forwarded-Proto; it must overwrite that header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Submitting a domain to the browsers' preload list is the domain owner's decision (and is
    # only possible for a registrable domain, not for a portal on a gemeente's subdomain).
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Cookies only over HTTPS, bound to this host (__Host- prefix: Secure, Path=/, no Domain).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = env.bool(
    "CSP_UPGRADE_INSECURE_REQUESTS", default=True
)

# Moderators and administrators see personal data: they must sign in with a code from an app
# (docs/rollen.md). WAGTAIL_2FA_REQUIRED_GROUPS= (empty) makes it optional again.
WAGTAIL_2FA_REQUIRED_GROUPS = env.list(
    "WAGTAIL_2FA_REQUIRED_GROUPS", default=["Moderatoren", "Beheerders"]
)

# One JSON object per log line unless LOG_FORMAT=plain.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")

# Optional error reporting: SENTRY_DSN, with sentry-sdk installed (pip install sentry-sdk).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as exc:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install sentry-sdk"
        ) from exc
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
        max_request_body_size="never",
    )
