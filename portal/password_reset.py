"""The admin's "forgot your password" form, throttled per address and per account.

Without a limit, a script can have the portal mail an editor a reset link every second, or mail
every address it guesses. Each request counts once for the client address
(``portal.security.client_ip``) and each matching account once for itself, in the shared, atomic
counters of ``portal.ratelimit`` (in the database, one window per hour), so every worker process
counts in the same place, with Redis or without. Over a limit no mail goes out; the visitor sees
the same "check your mail" page either way, so the answer says nothing about which addresses have
an account.
"""

import logging

from django.conf import settings
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from . import ratelimit
from .security import client_ip

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60


def within_limit(scope: str, value: str, maximum: int) -> bool:
    """Count one for ``value`` in ``scope`` this hour; False once the count passes ``maximum``."""
    bucket = ratelimit.bucket(f"password-reset:{scope}", value)
    return not ratelimit.over_limit([(bucket, maximum)], WINDOW_SECONDS)


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's form; ``save`` sends nothing beyond the limits of the address and the account."""

    def save(self, *args, request=None, **kwargs):
        if request is not None and not within_limit(
            "ip", client_ip(request), settings.PASSWORD_RESET_MAX_PER_ADDRESS_PER_HOUR
        ):
            logger.warning("Password reset: limit per address reached, no mail sent")
            return
        return super().save(*args, request=request, **kwargs)

    def get_users(self, email):
        for user in super().get_users(email):
            if within_limit("user", str(user.pk), settings.PASSWORD_RESET_MAX_PER_ACCOUNT_PER_HOUR):
                yield user
            else:
                logger.warning("Password reset: limit per account reached, no mail sent")
