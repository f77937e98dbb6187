"""The page cache: anonymous GET responses served from the shared cache, purged on every publish.

Only a visitor without cookies is served from the cache — every anonymous reader, since the public
site sets none — and only a plain, public answer is stored: status 200, no ``Set-Cookie``, no
``private``/``no-store``, no CSP nonce in it, nothing that varies on more than the cookie or the
language. Everything under the admin, ``/health/`` and the other paths in ``PAGE_CACHE_EXCLUDE`` is
passed through untouched.

Purging is by generation: every key carries the current generation, and publishing anything that
can show on a page (a page, a snippet, a setting, a service of the kaart, an image) starts a new one
once the transaction commits. One publish changes menus, listings and counts on other pages too,
so the whole site is dropped rather than one address; the old entries expire by themselves.

The cache must be shared by all server processes (Redis): ``PAGE_CACHE_SECONDS`` is 0 (off) when
``REDIS_URL`` is not set. When the cache is unreachable, pages are rendered as if it were empty.
"""

import hashlib
import logging
import time
import uuid
from functools import cache as memoize

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from wagtail import signals as wagtail_signals
from wagtail.models import Page, PageViewRestriction, Site

from .security import nonce_used

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
_IGNORABLE_VARY = {"cookie", "accept-language", "accept-encoding"}
_UNCACHEABLE = {"private", "no-store", "no-cache"}
_warned_at = 0.0


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _warn(action: str, exc: Exception) -> None:
    """Say once a minute per process that the cache is unreachable; never raise."""
    global _warned_at
    now = time.monotonic()
    if now - _warned_at > 60:
        _warned_at = now
        logger.warning(
            "page cache: could not %s (%s); serving without it", action, type(exc).__name__
        )


def _generation() -> str:
    return _cache().get_or_set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def purge_page_cache() -> None:
    """Start a new generation: every cached page is stale from now on."""
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as exc:  # the cache is down: nothing cached can be served either
        _warn("purge", exc)


def purge_after_commit(**kwargs) -> None:
    """Signal receiver: purge once the change is committed, so no request caches the old data."""
    transaction.on_commit(purge_page_cache)


def cache_key(request, generation: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def _excluded(path: str) -> bool:
    return path.startswith(tuple(settings.PAGE_CACHE_EXCLUDE))


def _has_cookies(request) -> bool:
    return any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or nonce_used(request):
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & _UNCACHEABLE:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= _IGNORABLE_VARY


def _freeze(response) -> tuple:
    return (response.status_code, list(response.headers.items()), response.content)


def _thaw(frozen) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class PageCacheMiddleware:
    """Serves anonymous GETs from the shared cache and stores the public answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or request.method not in ("GET", "HEAD") or _excluded(request.path):
            return self.get_response(request)
        if _has_cookies(request):
            response = self.get_response(request)
            # Signed in or carrying state: the answer is this visitor's own.
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        try:
            key = cache_key(request, _generation())
            frozen = _cache().get(key)
        except Exception as exc:
            _warn("read", exc)
            key = frozen = None
        if frozen is not None:
            response = _thaw(frozen)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        patch_vary_headers(response, ["Cookie"])
        if "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
        if key is not None:
            try:
                _cache().set(key, _freeze(response), seconds)
            except Exception as exc:
                _warn("store", exc)
            response[HEADER] = "miss"
        return response


@memoize
def _shows_on_pages(model) -> bool:
    """Whether a saved or deleted row of this model can change what a public page shows."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    if model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS:
        return True
    if model._meta.label_lower in settings.PAGE_CACHE_CONTENT_MODELS:
        return True
    return issubclass(
        model,
        (
            Page,
            Site,
            PageViewRestriction,
            BaseSiteSetting,
            BaseGenericSetting,
            get_image_model(),
            get_document_model(),
        ),
    )


def _purge_if_shown(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    if _shows_on_pages(sender):
        purge_after_commit()


def connect_signals() -> None:
    """Called from ``PortalConfig.ready``."""
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.page_slug_changed,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(purge_after_commit, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_purge_if_shown, dispatch_uid="pagecache-save")
    post_delete.connect(_purge_if_shown, dispatch_uid="pagecache-delete")
