"""Template tags every page uses: site settings, the main menu and safe video players."""

import re
from urllib.parse import parse_qs, urlsplit

from django import template
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
