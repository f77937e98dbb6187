"""Template tags every page uses: site settings, the main menu, pagination links, machine-readable
times and safe video players."""

import re
from datetime import date, datetime
from urllib.parse import parse_qs, urlencode, urlsplit

from django import template
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import Site

from home.models import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def site_settings(context):
    request = context.get("request")
    if request is None:
        site = Site.objects.filter(is_default_site=True).first()
        return SiteSettings.for_site(site) if site else SiteSettings()
    return SiteSettings.for_request(request)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The live, in-menu children of the site's root page, with the current one marked."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    current_path = current.path if current is not None else ""
    items = []
    for child in site.root_page.get_children().live().in_menu().only("title", "url_path", "path"):
        items.append(
            {
                "title": child.title,
                "url": child.get_url(request),
                "active": bool(current_path) and current_path.startswith(child.path),
            }
        )
    return items


@register.simple_tag
def pagina_querystring(query, page) -> str:
    """``?…&page=N`` for a pagination link: the listing's own parameters (an urlencoded string, a
    dict or a QueryDict) without the empty ones and without an old ``page``, then the page."""
    if isinstance(query, str):
        query = QueryDict(query)
    if isinstance(query, QueryDict):
        pairs = list(query.lists())
    else:
        pairs = [(k, v if isinstance(v, (list, tuple)) else [v]) for k, v in (query or {}).items()]
    kept = [
        (key, str(value))
        for key, values in pairs
        if key != "page"
        for value in values
        if value is not None and str(value) != ""
    ]
    return "?" + urlencode([*kept, ("page", page)])


@register.filter
def datetime_attribute(value) -> str:
    """A ``<time datetime>`` value the HTML standard accepts: whole seconds, with the offset."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@register.simple_tag
def video_embed_url(url: str) -> str:
    """The privacy-friendly player address for a YouTube or Vimeo link, or '' for anything else."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    query = parse_qs(parts.query)
    if host in ("youtube.com", "youtube-nocookie.com"):
        if "list" in query and _YOUTUBE_ID.match(query["list"][0] or ""):
            return f"https://www.youtube-nocookie.com/embed/videoseries?list={query['list'][0]}"
        video = (query.get("v") or [""])[0]
        if _YOUTUBE_ID.match(video):
            return f"https://www.youtube-nocookie.com/embed/{video}"
    if host == "youtu.be":
        video = parts.path.strip("/")
        if _YOUTUBE_ID.match(video):
            return f"https://www.youtube-nocookie.com/embed/{video}"
    if host == "vimeo.com":
        video = parts.path.strip("/").split("/")[0]
        if video.isdigit():
            return f"https://player.vimeo.com/video/{video}"
    return ""
