"""Security headers, cookie-less protection for public forms, and the client address behind a proxy.

* ``ContentSecurityPolicyMiddleware`` — django-csp's middleware, with two additions: a response that
  a view allowed to be framed by the site itself (Wagtail's live preview sets
  ``X-Frame-Options: SAMEORIGIN``) gets ``frame-ancestors 'self'`` instead of ``'none'``; and the
  request is kept in a context variable so ``{% csp_nonce %}`` works in Wagtail's widget templates,
  which have no ``request``. The public site has no inline script or style at all; the admin's few
  inline scripts (date pickers, inline panels, choosers) get the nonce through template overrides in
  ``templates/wagtailadmin/`` and ``add_nonce_to_chooser_widgets``.
* ``SecurityHeadersMiddleware`` — the headers Django does not set itself: Permissions-Policy,
  Cross-Origin-Opener-Policy and Cross-Origin-Resource-Policy.
* ``origin_protected`` — for the forms on public pages. Django's CSRF protection needs a token
  cookie, and the issue wants no cookie at all for an anonymous visitor, also not on a page that
  shows a form (the footer's newsletter form is on every page; pages are also cached for everyone).
  So public forms render no ``{% csrf_token %}``; their view is decorated with
  ``@origin_protected``, which exempts it from the token check and refuses a cross-site POST by
  the browser's own ``Sec-Fetch-Site`` header, falling back to ``Origin`` and then ``Referer`` (the
  approach of Go's ``http.CrossOriginProtection`` and of the Fetch Metadata guidance). The admin and
  every form for signed-in users keep Django's token.
* ``client_ip`` — the visitor's address for lockouts and rate limits, honouring ``X-Forwarded-For``
  only for the number of proxies in ``TRUSTED_PROXY_COUNT``.
"""

import logging
from contextvars import ContextVar
from functools import wraps
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger(__name__)


_current_request = ContextVar("portal_csp_request", default=None)


def current_csp_nonce() -> str:
    """The nonce of the response being rendered, for templates and widgets without a request."""
    request = _current_request.get()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def nonce_used(request) -> bool:
    """True when this response has a CSP nonce in it (something asked for ``request.csp_nonce``).

    django-csp's ``request.csp_nonce`` is lazy and is true once it was read; pinned by
    ``tests/production/test_upstream.py``.
    """
    nonce = getattr(request, "csp_nonce", None)
    return nonce is not None and bool(nonce)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the nonce at hand for Wagtail's widgets, and framing of the site's own
    previews (and nothing else, ever)."""

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return super().__call__(request)
        finally:
            _current_request.reset(token)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # Also when the header was written earlier: Wagtail renders a preview through the whole
        # middleware chain first, as if for the public page, and frames it afterwards.
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" and HEADER in response:
            response[HEADER] = response[HEADER].replace(
                "frame-ancestors 'none'", "frame-ancestors 'self'"
            )
        return response


class SecurityHeadersMiddleware:
    """Adds the security headers Django has no setting for, on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
            "Cross-Origin-Opener-Policy": "same-origin",
            "Cross-Origin-Resource-Policy": "same-origin",
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value and name not in response:
                response[name] = value
        return response


class RequestBodyLimit:
    """Refuses a request whose body is larger than ``MAX_REQUEST_BODY_MB``, before it is read.

    The proxy has the same limit (``client_max_body_size``); this one holds without a proxy too.
    Django's own ``DATA_UPLOAD_MAX_MEMORY_SIZE`` does not count uploaded files.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        maximum = settings.MAX_REQUEST_BODY_MB
        if lengte > maximum * 1024 * 1024:
            return HttpResponse(
                render_to_string("413.html", {"maximum": maximum}, request=request),
                status=413,
                headers={"Connection": "close"},
            )
        return self.get_response(request)


def add_nonce_to_chooser_widgets() -> None:
    """Wagtail's chooser widgets end in an inline ``<script>`` that Python (not a template) writes;
    give it this response's nonce. Called once from ``PortalConfig.ready``.

    Wagtail has no setting or hook for it, so ``BaseChooser.render`` is replaced by the same
    composition of its public parts (``get_value_data``, ``render_html``, ``render_js_init``) with
    the nonce on the script tag. ``tests/production/test_upstream.py`` checks that Wagtail's own
    ``render`` is still exactly that composition, so an upgrade that changes it fails the tests.
    """
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "portal_nonce", False):
        return

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as exc:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from exc
        value_data = self.get_value_data(value)
        html = self.render_html(name, value_data, attrs)
        script = self.render_js_init(id_, name, value_data)
        nonce = current_csp_nonce()
        return mark_safe(f'{html}<script nonce="{nonce}">{script}</script>')  # noqa: S308

    render.portal_nonce = True
    render.wagtail_render = BaseChooser.render
    BaseChooser.render = render


def _same_origin(url: str, request) -> bool:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return False
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def cross_origin_reason(request) -> str:
    """Why an unsafe request comes from another site, or '' when it may be trusted.

    Browsers send ``Sec-Fetch-Site`` with every request (all current ones do) and ``Origin`` with
    every POST; a request with neither does not come from a browser page, so it is no forgery.
    """
    if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
        return ""
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    if fetch_site:
        return "" if fetch_site in ("same-origin", "none") else f"Sec-Fetch-Site: {fetch_site}"
    origin = request.headers.get("Origin", "")
    if origin:
        if origin == "null" or not _same_origin(origin, request):
            return "Origin of another site"
        return ""
    referer = request.headers.get("Referer", "")
    if referer and not _same_origin(referer, request):
        return "Referer of another site"
    return ""


def origin_protected(view):
    """Protects a public form's view against cross-site posts without a token or cookie.

    Use it instead of ``{% csrf_token %}`` for forms anonymous visitors fill in on public
    (cacheable) pages; keep the form's own protection against spam (honeypot, rate limit).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        reason = cross_origin_reason(request)
        if reason:
            logger.warning(
                "Refused a cross-site %s to %s (%s)", request.method, request.path, reason
            )
            return HttpResponseForbidden(
                render_to_string("403_cross_site.html", request=request),
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def client_ip(request) -> str:
    """The visitor's address: ``REMOTE_ADDR``, or the address the trusted proxies saw.

    With ``TRUSTED_PROXY_COUNT = n`` the n-th address from the right of ``X-Forwarded-For`` is the
    client as the outermost trusted proxy saw it; anything further left is the client's own claim.
    """
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if len(forwarded) >= count:
        return forwarded[-count]
    return forwarded[0] if forwarded else remote
