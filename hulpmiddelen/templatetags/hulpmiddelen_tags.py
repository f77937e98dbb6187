"""Template tags for hulpmiddelen: their web address, their card, and the home page entry points."""

from django import template
from django.utils.html import format_html

from hulpmiddelen import queries

register = template.Library()

NEXT_LEVEL = {"h2": "h3", "h3": "h4", "h4": "h5"}


@register.simple_tag(takes_context=True)
def hulpmiddel_url(context, hulpmiddel) -> str:
    """The address of the hulpmiddel's own page on this site ('' when there is no overview)."""
    request = context.get("request")
    index = queries.hulpmiddelen_index(request)
    return index.hulpmiddel_url(hulpmiddel, request) if index is not None else ""


@register.filter
def volgend_niveau(level: str) -> str:
    """The heading level below ``level`` (``h2`` → ``h3``)."""
    return NEXT_LEVEL.get(level, "h3")


@register.simple_tag
def kop(level: str, text: str, url: str = "", classname: str = ""):
    """A heading at a level chosen by the editor (``h2``–``h5``), optionally with a link."""
    level = level if level in ("h2", "h3", "h4", "h5") else "h2"
    inner = format_html('<a href="{}">{}</a>', url, text) if url else text
    if classname:
        return format_html('<{0} class="{1}">{2}</{0}>', level, classname, inner)
    return format_html("<{0}>{1}</{0}>", level, inner)


@register.inclusion_tag("hulpmiddelen/components/hulpmiddel_kaart.html", takes_context=True)
def hulpmiddel_kaart(context, hulpmiddel, niveau="h3"):
    return {
        "request": context.get("request"),
        "hulpmiddel": hulpmiddel,
        "niveau": niveau,
        "url": hulpmiddel_url(context, hulpmiddel),
    }


@register.simple_tag(takes_context=True)
def home_secties(context):
    """The live sections of this site, for the home page."""
    return queries.secties(context.get("request"))


@register.simple_tag(takes_context=True)
def home_artikelen(context, aantal=3):
    """The newest articles of this site, for the home page."""
    return queries.laatste_artikelen(context.get("request"), aantal)


@register.simple_tag(takes_context=True)
def hulpmiddelen_overzicht(context):
    """The live hulpmiddelen overview page of this site, or None."""
    return queries.hulpmiddelen_index(context.get("request"))
