"""Template tags of the submissions: form fields in groups, and the kaart's link to examples."""

from django import template
from django.urls import NoReverseMatch, reverse

from ..queries import voorbeelden_url, voorbeelden_voor_gemeente

register = template.Library()


@register.simple_tag
def in_groepen(veld):
    """A grouped choice field's options per group: label, bound options, how many are chosen."""
    opties = list(veld.subwidgets)
    groepen, begin = [], 0
    for label, keuzes in veld.field.choices:
        deel = opties[begin : begin + len(keuzes)]
        begin += len(keuzes)
        groepen.append(
            {
                "label": label,
                "opties": deel,
                "gekozen": sum(1 for optie in deel if optie.data.get("selected")),
            }
        )
    return groepen


@register.simple_tag
def url_of_leeg(naam, *args):
    """``{% url %}`` that gives '' instead of an error when the route is not there (yet)."""
    try:
        return reverse(naam, args=args)
    except NoReverseMatch:
        return ""


@register.inclusion_tag("components/inzendingen/voorbeelden_link.html")
def voorbeelden_link(gemeente_code):
    """For the sociale kaart: a link to a gemeente's examples, or nothing when it has none.

    ``{% load inzendingen_tags %}{% voorbeelden_link "GM0344" %}``
    """
    code = str(getattr(gemeente_code, "code", gemeente_code) or "")
    aantal = voorbeelden_voor_gemeente(code).count() if code else 0
    return {"aantal": aantal, "url": voorbeelden_url(code) if aantal else ""}
