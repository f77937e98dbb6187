"""Absolute addresses of the portal's own pages, for mails and other text read off the site.

One function, ``absolute_url``, makes them. Its base is the address the visitor used when there
is a request (the newsletter's web edition), else ``SITE_URL`` (mails; also the admin's
``WAGTAILADMIN_BASE_URL``). Wagtail writes a full URL for a page (``page.full_url``, or
``get_url()`` when there are several sites) with the host and port of its ``Site`` record; for the
default site that record is often a placeholder (``localhost``, port 80), so links on the default
site's own host are moved to the base as well. Links to other sites and other hosts stay as they
are.
"""

from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings


def site_base(request=None) -> str:
    """``https://host`` without a trailing slash: the request's own, else ``SITE_URL``."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL.rstrip("/")


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, f"{(parts.hostname or '').lower()}:{port}"


def _own_origins() -> set[tuple[str, str]]:
    from wagtail.models import Site

    origins = {_origin(settings.SITE_URL)}
    default = Site.objects.filter(is_default_site=True).first()
    if default is not None:
        origins.add(_origin(default.root_url))
    return origins


def absolute_url(url: str, request=None) -> str:
    """``url`` as an absolute address on the portal's public base; '' for ''.

    Relative paths are joined to the base; full URLs on the portal's own host (``SITE_URL`` or
    the default Wagtail site's host) get the base's scheme and host; ``mailto:``, ``tel:`` and
    other hosts are left alone.
    """
    if not url:
        return ""
    base = site_base(request)
    parts = urlsplit(url)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return url
    if parts.netloc:
        if _origin(url if parts.scheme else "http:" + url) not in _own_origins():
            return url
        base_parts = urlsplit(base)
        return urlunsplit(
            (base_parts.scheme, base_parts.netloc, parts.path, parts.query, parts.fragment)
        )
    return urljoin(base + "/", url)
