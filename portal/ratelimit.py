"""Rate limits and once-only tokens, counted atomically in the database that every worker shares.

Each limit is a fixed window per bucket (a key such as "this client address on the public forms"):
the first hit opens the window for ``window`` seconds, every hit adds one, and the window starts
afresh once it has ended. A hit is one SQL statement, ``INSERT … ON CONFLICT DO UPDATE …
RETURNING`` (SQLite ≥ 3.35 and PostgreSQL), so the check and the count are one step: two requests
at the same moment, in one process or in two, never get the same number. The counters live in the
database, not in Django's cache: without ``REDIS_URL`` the cache is each process's own memory, and
Django's ``DatabaseCache.incr`` and ``RedisCache.incr`` read and write in separate steps. Nothing
else is shared by every worker on every install, and a counter that is lost when Redis restarts
or is away would let the limits fall open.

Buckets hold an HMAC of the value (keyed with ``SECRET_KEY``), never an address itself. Ended
windows are deleted whenever a new window opens, so the table stays as small as the traffic of one
window.
"""

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from .models import RateCounter


@dataclass(frozen=True)
class Hit:
    """What one hit found: the hits in this window so far (this one included), and its end."""

    hits: int
    expires_at: float

    def retry_after(self, now: float | None = None) -> int:
        """Whole seconds until the window ends (at least 1), for a ``Retry-After`` header."""
        now = time.time() if now is None else now
        return max(1, math.ceil(self.expires_at - now))


def bucket(scope: str, value: str) -> str:
    """The bucket of ``value`` (an address, an e-mail address, a token) in ``scope``."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), value.strip().lower().encode(), hashlib.sha256
    ).hexdigest()[:40]
    return f"{scope}:{digest}"


def _upsert_sql() -> str:
    quote = connection.ops.quote_name
    table = quote(RateCounter._meta.db_table)
    name, hits, ends = (quote(f) for f in ("bucket", "hits", "expires_at"))
    ended = f"{table}.{ends} <= %s"
    # Only the quoted names of our own table go into the text; every value is a parameter.
    insert = f"INSERT INTO {table} ({name}, {hits}, {ends}) VALUES (%s, 1, %s) "  # noqa: S608
    return (
        insert + f"ON CONFLICT ({name}) DO UPDATE SET "
        f"{hits} = CASE WHEN {ended} THEN 1 ELSE {table}.{hits} + 1 END, "
        f"{ends} = CASE WHEN {ended} THEN excluded.{ends} ELSE {table}.{ends} END "
        f"RETURNING {hits}, {ends}"
    )


def hit(name: str, window: int, now: float | None = None) -> Hit:
    """Count one hit in bucket ``name``, whose windows last ``window`` seconds; atomic."""
    now = time.time() if now is None else now
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), [name, now + window, now, now])
        hits, expires_at = cursor.fetchone()
    if hits == 1:  # a new window: forget the ones that ended
        RateCounter.objects.filter(expires_at__lt=now).delete()
    return Hit(hits=hits, expires_at=expires_at)


def over_limit(limits, window: int = 3600, now: float | None = None) -> int:
    """Count one hit against each ``(bucket, maximum)``; the seconds to wait when any of them is
    past its maximum now, else 0. A maximum of 0 or less means no limit."""
    now = time.time() if now is None else now
    wait = 0
    for name, maximum in limits:
        if maximum <= 0:
            continue
        found = hit(name, window, now)
        if found.hits > maximum:
            # Never more than a window: another process may have opened it a moment "later".
            wait = max(wait, min(window, found.retry_after(now)))
    return wait


def already_over(limits, now: float | None = None) -> int:
    """Without counting: the seconds to wait when any ``(bucket, maximum)`` has already had its
    maximum in its current window, else 0. For a cheap refusal before expensive work; the count
    itself is ``over_limit``'s, after that work."""
    now = time.time() if now is None else now
    wait = 0
    for name, maximum in limits:
        if maximum <= 0:
            continue
        row = RateCounter.objects.filter(bucket=name, expires_at__gt=now).first()
        if row is not None and row.hits >= maximum:
            wait = max(wait, Hit(hits=row.hits, expires_at=row.expires_at).retry_after(now))
    return wait


def first_use(name: str, valid_for: int, now: float | None = None) -> bool:
    """True the first time ``name`` is used within ``valid_for`` seconds, False on every replay."""
    return hit(name, valid_for, now).hits == 1
