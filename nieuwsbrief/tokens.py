"""Signed, single-purpose tokens for the links in our mails; none of them holds an e-mail address.

A token is the subscriber's random key plus an HMAC-SHA256 signature whose salt names the purpose,
so a confirm token never works as an unsubscribe token. Confirm tokens also carry the confirmation
round (a new sign-up or an unsubscribe starts a new round, which voids older links) and a timestamp
(they expire after ``NIEUWSBRIEF_CONFIRM_MAX_AGE_DAYS``). Unsubscribe and manage tokens do not
expire: old mails must keep working. They stay short (55 characters) so the ``List-Unsubscribe``
header fits on one line and is not folded by relays.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM = "nieuwsbrief.confirm"
UNSUBSCRIBE = "nieuwsbrief.unsubscribe"
MANAGE = "nieuwsbrief.manage"


class InvalidToken(Exception):
    """Tampered, unknown or for another purpose."""


@dataclass(frozen=True)
class ExpiredToken(Exception):
    """Correctly signed but too old; ``key`` says whose it was, so a new link can be offered."""

    key: str
    round: int


def _signer(purpose: str) -> signing.Signer:
    return signing.Signer(salt=purpose, algorithm="sha256")


def make(purpose: str, key: str) -> str:
    if purpose == CONFIRM:
        raise ValueError("use make_confirm() for confirmation links")
    return _signer(purpose).sign(key)


def read(purpose: str, token: str) -> str:
    """The subscriber key in a token, or :class:`InvalidToken`."""
    try:
        return _signer(purpose).unsign(token)
    except signing.BadSignature as exc:
        raise InvalidToken from exc


def make_confirm(key: str, confirm_round: int) -> str:
    return signing.TimestampSigner(salt=CONFIRM, algorithm="sha256").sign(f"{key}.{confirm_round}")


def read_confirm(token: str) -> tuple[str, int]:
    """``(key, round)`` of a confirm token; :class:`ExpiredToken` or :class:`InvalidToken`."""
    signer = signing.TimestampSigner(salt=CONFIRM, algorithm="sha256")
    max_age = timedelta(days=settings.NIEUWSBRIEF_CONFIRM_MAX_AGE_DAYS)
    try:
        value = signer.unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        key, confirm_round = _split(signer.unsign(token))
        raise ExpiredToken(key, confirm_round) from exc
    except signing.BadSignature as exc:
        raise InvalidToken from exc
    return _split(value)


def _split(value: str) -> tuple[str, int]:
    key, _, confirm_round = value.rpartition(".")
    if not key or not confirm_round.isdigit():
        raise InvalidToken
    return key, int(confirm_round)
