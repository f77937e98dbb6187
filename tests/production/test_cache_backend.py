"""portal.cache_backend: a Redis that is down is an empty cache, not an error page."""

import time

import pytest

from portal.cache_backend import ResilientRedisCache
from tests.services import require_redis


@pytest.fixture
def down():
    ResilientRedisCache._down_until = 0.0
    # Nothing listens on port 1: connecting fails at once.
    cache = ResilientRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )
    yield cache
    ResilientRedisCache._down_until = 0.0


def test_unreachable_redis_answers_as_empty(down):
    assert down.get("a", "standaard") == "standaard"
    assert down.get_many(["a", "b"]) == {}
    assert down.has_key("a") is False
    assert down.set("a", 1) is None
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert down.get_or_set("a", lambda: "berekend") == "berekend"
    assert down.delete("a") is False
    with pytest.raises(ValueError):
        down.incr("teller")
    with pytest.raises(ValueError):
        down.decr("teller")


def test_once_only_checks_fail_open(down):
    # `if not cache.add(key)` means "seen before": while Redis is down nobody is refused.
    assert down.add("puzzel", 1) is True
    assert down.add("puzzel", 1) is True


def test_after_a_failure_redis_is_left_alone_for_a_while(down, monkeypatch):
    down.get("a")
    assert ResilientRedisCache._down_until > time.monotonic()
    calls = []
    monkeypatch.setattr(
        "django.core.cache.backends.redis.RedisCache.get",
        lambda *args, **kwargs: calls.append(args) or "x",
    )
    assert down.get("a") is None and calls == []
    ResilientRedisCache._down_until = 0.0
    assert down.get("a") == "x" and len(calls) == 1


@pytest.mark.redis
def test_reachable_redis_behaves_as_django_redis_cache():
    url = require_redis()
    ResilientRedisCache._down_until = 0.0
    cache = ResilientRedisCache(url, {"KEY_PREFIX": "test-resilient"})
    cache.delete("teller")
    assert cache.add("teller", 1) is True
    assert cache.add("teller", 5) is False
    assert cache.incr("teller") == 2
    assert cache.get("teller") == 2
    cache.set("woord", "eenzaamheid", 30)
    assert cache.get_many(["woord", "teller"]) == {"woord": "eenzaamheid", "teller": 2}
    cache.delete_many(["woord", "teller"])
    assert cache.get("woord") is None
    with pytest.raises(ValueError):
        cache.incr("bestaat-niet")
