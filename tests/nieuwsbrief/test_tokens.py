"""Tokens: signed, single-purpose, without the address, short, and confirm links expire."""

import time
from unittest import mock

import pytest

from nieuwsbrief import tokens


def test_purposes_are_not_interchangeable():
    unsubscribe = tokens.make(tokens.UNSUBSCRIBE, "abcDEF123-_")
    assert tokens.read(tokens.UNSUBSCRIBE, unsubscribe) == "abcDEF123-_"
    with pytest.raises(tokens.InvalidToken):
        tokens.read(tokens.MANAGE, unsubscribe)
    confirm = tokens.make_confirm("abcDEF123-_", 1)
    with pytest.raises(tokens.InvalidToken):
        tokens.read(tokens.UNSUBSCRIBE, confirm)
    with pytest.raises(tokens.InvalidToken):
        tokens.read_confirm(unsubscribe)


def test_tampered_tokens_are_rejected():
    token = tokens.make(tokens.UNSUBSCRIBE, "abcDEF123-_")
    key, signature = token.split(":")
    with pytest.raises(tokens.InvalidToken):
        tokens.read(tokens.UNSUBSCRIBE, f"abcDEF123-X:{signature}")
    with pytest.raises(tokens.InvalidToken):
        tokens.read(tokens.UNSUBSCRIBE, f"{key}:{signature[:-1]}A")
    with pytest.raises(tokens.InvalidToken):
        tokens.read(tokens.UNSUBSCRIBE, "")


def test_confirm_tokens_expire_after_seven_days(settings):
    settings.NIEUWSBRIEF_CONFIRM_MAX_AGE_DAYS = 7
    issued = time.time()
    with mock.patch("django.core.signing.time.time", return_value=issued):
        token = tokens.make_confirm("abcDEF123-_", 3)
    with mock.patch("django.core.signing.time.time", return_value=issued + 7 * 86400 - 60):
        assert tokens.read_confirm(token) == ("abcDEF123-_", 3)
    with (
        mock.patch("django.core.signing.time.time", return_value=issued + 7 * 86400 + 60),
        pytest.raises(tokens.ExpiredToken) as expired,
    ):
        tokens.read_confirm(token)
    assert (expired.value.key, expired.value.round) == ("abcDEF123-_", 3)


def test_unsubscribe_tokens_do_not_expire():
    token = tokens.make(tokens.UNSUBSCRIBE, "abcDEF123-_")
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 3 * 365 * 86400):
        assert tokens.read(tokens.UNSUBSCRIBE, token) == "abcDEF123-_"


@pytest.mark.django_db
def test_tokens_hold_no_address_and_stay_short():
    from nieuwsbrief.factories import SubscriberFactory

    subscriber = SubscriberFactory(email="iemand.met.een.lange.naam@voorbeeld-gemeente.nl")
    for token in (
        tokens.make(tokens.UNSUBSCRIBE, subscriber.key),
        tokens.make(tokens.MANAGE, subscriber.key),
        tokens.make_confirm(subscriber.key, subscriber.confirm_round),
    ):
        assert "@" not in token and "iemand" not in token and "voorbeeld" not in token
        assert len(token) <= 64
    assert len(tokens.make(tokens.UNSUBSCRIBE, subscriber.key)) <= 60
