"""Django's Redis cache, but a Redis that is down is a cache that is empty, not an error page.

Wagtail itself keeps the site's root paths in the cache, so with Django's own backend every page
answers 500 while Redis is away. Here every call that cannot reach Redis answers as if the key were
not there (``get`` the default, ``incr`` a ``ValueError`` as for a missing key, ``set`` nothing),
except ``add``, which answers True: a once-only check (``if not cache.add(...)``) must not refuse
every visitor while Redis is down, so the limits fail open and the request is served.

After a failure the process leaves Redis alone for ``RETRY_SECONDS``, so an unreachable server costs
one connect timeout, not one per call. Set as the ``default`` cache when ``REDIS_URL`` is set.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _timeout(timeout, version) -> dict:
    """Pass the timeout on only when the caller gave one (Django's default is a sentinel)."""
    return {"version": version} if timeout is ... else {"timeout": timeout, "version": version}


class ResilientRedisCache(RedisCache):
    """Redis as a cache that degrades to 'always empty' while Redis is unreachable."""

    _down_until = 0.0

    def _call(self, name, fallback, *args, **kwargs):
        if time.monotonic() < ResilientRedisCache._down_until:
            return fallback()
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as exc:
            if time.monotonic() >= ResilientRedisCache._down_until:
                logger.warning(
                    "Redis cache unreachable (%s); serving without it for %ss",
                    type(exc).__name__,
                    RETRY_SECONDS,
                )
            ResilientRedisCache._down_until = time.monotonic() + RETRY_SECONDS
            return fallback()

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def set(self, key, value, timeout=..., version=None):
        kwargs = _timeout(timeout, version)
        return self._call("set", lambda: None, key, value, **kwargs)

    def set_many(self, data, timeout=..., version=None):
        kwargs = _timeout(timeout, version)
        return self._call("set_many", lambda: list(data), data, **kwargs)

    def add(self, key, value, timeout=..., version=None):
        kwargs = _timeout(timeout, version)
        return self._call("add", lambda: True, key, value, **kwargs)

    def get_or_set(self, key, default, timeout=..., version=None):
        def computed():
            return default() if callable(default) else default

        kwargs = _timeout(timeout, version)
        return self._call("get_or_set", computed, key, default, **kwargs)

    def touch(self, key, timeout=..., version=None):
        kwargs = _timeout(timeout, version)
        return self._call("touch", lambda: False, key, **kwargs)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")

        return self._call("incr", missing, key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def clear(self):
        return self._call("clear", lambda: False)
