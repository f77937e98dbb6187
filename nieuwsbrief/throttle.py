"""One send rate for all workers together (Celery's own ``rate_limit`` counts per worker), and
hourly caps on sign-ups.

Time is cut into windows of ``W`` seconds with a budget of ``NIEUWSBRIEF_MAX_PER_MINUTE × W / 60``
messages each; every worker takes a ticket by incrementing the window's counter in the shared cache
(Redis when ``REDIS_URL`` is set: atomic across processes). A worker that gets a ticket beyond the
budget waits for the next window. When the cache is unreachable, each process keeps its own count,
so sending slows down instead of stopping.

Sign-ups are capped per hour per client address (``portal.security.client_ip``) and for the
whole site (``NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR``, ``NIEUWSBRIEF_SIGNUPS_PER_HOUR``), counted
atomically in the database every worker shares (``portal.ratelimit``), so a script cannot have
the site mail hundreds of strangers. A sign-up past a cap is not handled at all (no mail, nothing
stored), and the visitor gets the same answer as every other sign-up, so the caps say nothing
about any address.
"""

import logging
import math
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache

from portal import ratelimit

logger = logging.getLogger(__name__)

_local_counts: Counter = Counter()


def window_and_budget(per_minute: int) -> tuple[int, int]:
    """The window length in seconds and the messages allowed in one window."""
    window = max(1, math.ceil(60 / per_minute))
    return window, max(1, math.floor(per_minute * window / 60))


def _ticket(key: str, window: int) -> int:
    try:
        cache.add(key, 0, timeout=window * 3)
        return cache.incr(key)
    except Exception:  # the cache is down: count in this process only
        logger.warning("Nieuwsbrief: cache unreachable, rate limit counted per process")
        _local_counts[key] += 1
        return _local_counts[key]


def acquire(clock=time.time, sleep=time.sleep) -> None:
    """Wait until this process may send one message."""
    per_minute = settings.NIEUWSBRIEF_MAX_PER_MINUTE
    if per_minute <= 0:
        return
    window, budget = window_and_budget(per_minute)
    while True:
        now = clock()
        slot = int(now // window)
        if _ticket(f"nieuwsbrief:throttle:{window}:{slot}", window) <= budget:
            return
        sleep(max(0.01, (slot + 1) * window - now))


def signup_allowed(ip: str) -> bool:
    """Count one sign-up from client address ``ip``; False once this hour's cap of that address
    or of the whole site is reached. A client past its own cap does not use up the site's."""
    hour = 60 * 60
    own = ratelimit.bucket("nieuwsbrief:signup:ip", ip)
    if ratelimit.over_limit([(own, settings.NIEUWSBRIEF_SIGNUPS_PER_IP_PER_HOUR)], window=hour):
        logger.warning("Nieuwsbrief sign-up not handled: this client's hourly cap is reached")
        return False
    if ratelimit.over_limit(
        [("nieuwsbrief:signup:all", settings.NIEUWSBRIEF_SIGNUPS_PER_HOUR)], window=hour
    ):
        logger.warning("Nieuwsbrief sign-up not handled: the site's hourly cap is reached")
        return False
    return True
