"""The admin's "forgot your password" form, throttled per address and per account.

Without a limit, a script can have the portal mail an editor a reset link every second, or mail
every address it guesses. Each request counts once for the client address
(``portal.security.client_ip``) and each matching account once for itself, in one shared, atomic
counter per hour window (``cache.add`` then ``cache.incr``: Redis in production). Over a limit no
mail goes out; the visitor sees the same "check your mail" page either way, so the answer says
nothing about which addresses have an account. When the cache cannot count, the mail goes out (the
sign-in lockout still protects the accounts).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from .security import client_ip

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60


def within_limit(name: str, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one for ``name`` in the current window; False once the count passes ``limit``."""
    if limit <= 0:
        return True
    slot = int(time.time() // window)
    key = f"portal:limit:{name}:{window}:{slot}"
    try:
        cache.add(key, 0, timeout=window * 2)
        return cache.incr(key) <= limit
    except ValueError:  # the cache could not count (Redis down): fail open
        return True


def _hashed(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's form; ``save`` sends nothing beyond the limits of the address and the account."""

    def save(self, *args, request=None, **kwargs):
        if request is not None and not within_limit(
            f"password-reset:ip:{_hashed(client_ip(request))}",
            settings.PASSWORD_RESET_MAX_PER_ADDRESS_PER_HOUR,
        ):
            logger.warning("Password reset: limit per address reached, no mail sent")
            return
        return super().save(*args, request=request, **kwargs)

    def get_users(self, email):
        for user in super().get_users(email):
            if within_limit(
                f"password-reset:user:{user.pk}",
                settings.PASSWORD_RESET_MAX_PER_ACCOUNT_PER_HOUR,
            ):
                yield user
            else:
                logger.warning("Password reset: limit per account reached, no mail sent")
