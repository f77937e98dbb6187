"""E-mail addresses as the suppression list and the logs know them: normalised, then keyed-hashed.

A keyed hash (HMAC-SHA256 with ``NIEUWSBRIEF_HASH_KEY``) is still personal data (AVG recital 26): it
lets us recognise an address that asked to get nothing, without keeping the address itself.
"""

import hashlib
import hmac

from django.conf import settings


def normalize_email(value: str) -> str:
    """Trimmed and lower-cased, so one mailbox has one subscription."""
    return (value or "").strip().lower()


def _key() -> bytes:
    secret = settings.NIEUWSBRIEF_HASH_KEY or f"nieuwsbrief-suppression:{settings.SECRET_KEY}"
    return secret.encode()


def email_hash(email: str) -> str:
    return hmac.new(_key(), normalize_email(email).encode(), hashlib.sha256).hexdigest()
