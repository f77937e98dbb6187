"""Template helpers of the kaart's public pages: amounts in euros, ages, places and contact links.

They only read a ``Dienst`` that the view loaded (with its terms and gemeenten prefetched), so a
page of results costs no extra queries.
"""

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote, urlsplit

from django import template
from django.urls import NoReverseMatch, reverse

from ..tekst import nl_opsomming

register = template.Library()

MAX_GEMEENTEN_KORT = 3


@register.filter
def termen(dienst, vocabulaire: str) -> list:
    """The terms of one vocabulary of a dienst, in display order."""
    return dienst.terms(vocabulaire)


@register.filter
def term_labels(dienst, vocabulaire: str) -> str:
    """The labels of one vocabulary of a dienst as a Dutch list ('' when none)."""
    return nl_opsomming(term.label for term in dienst.terms(vocabulaire))


@register.filter
def euro(bedrag) -> str:
    """An amount the Dutch way: '€ 2,50', '€ 15', '€ 1.250'."""
    if bedrag is None or bedrag == "":
        return ""
    bedrag = Decimal(bedrag).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    euros, centen = divmod(abs(bedrag), 1)
    hele = f"{int(euros):,}".replace(",", ".")
    teken = "-" if bedrag < 0 else ""
    if centen == 0:
        return f"€ {teken}{hele}"
    return f"€ {teken}{hele},{int(centen * 100):02d}"


@register.filter
def kosten(dienst) -> str:
    """The cost in a few words: 'Gratis', '€ 2,50 per keer' or 'Onbekend'."""
    if dienst.kosten_bedrag is None:
        return "Onbekend"
    if dienst.kosten_bedrag == 0:
        return "Gratis"
    eenheid = f" {dienst.kosten_eenheid}" if dienst.kosten_eenheid else ""
    return f"{euro(dienst.kosten_bedrag)}{eenheid}"


@register.filter
def leeftijd(dienst) -> str:
    """The age range in words, or 'Alle leeftijden'."""
    laag, hoog = dienst.leeftijd_min, dienst.leeftijd_max
    if laag is None and hoog is None:
        return "Alle leeftijden"
    if hoog is None:
        return f"Vanaf {laag} jaar"
    if laag is None or laag == 0:
        return f"Tot en met {hoog} jaar"
    if laag == hoog:
        return f"{laag} jaar"
    return f"{laag} tot en met {hoog} jaar"


@register.filter
def voorwaarden_lijst(dienst) -> list[str]:
    """The yes/no conditions that apply, in plain words."""
    lijst = []
    if dienst.indicatie_nodig:
        lijst.append("U heeft een indicatie nodig (bijvoorbeeld van de gemeente of het wijkteam)")
    if dienst.verwijzing_nodig:
        lijst.append("U heeft een verwijzing nodig (bijvoorbeeld van de huisarts)")
    if dienst.inkomensgrens:
        lijst.append("Alleen voor mensen met een laag inkomen")
    return lijst


@register.filter
def gemeente_namen(dienst) -> list[str]:
    return [gemeente.naam for gemeente in dienst.gekoppeld("gemeenten")]


@register.filter
def waar(dienst) -> str:
    """Where the service is: 'Heel Nederland' or the gemeenten, shortened after three."""
    if dienst.landelijk:
        return "Heel Nederland"
    namen = gemeente_namen(dienst)
    if not namen:
        return dienst.plaats or "Onbekend"
    if len(namen) <= MAX_GEMEENTEN_KORT + 1:
        return nl_opsomming(namen)
    rest = len(namen) - MAX_GEMEENTEN_KORT
    return f"{', '.join(namen[:MAX_GEMEENTEN_KORT])} en {rest} andere gemeenten"


@register.filter
def waar_volledig(dienst) -> str:
    if dienst.landelijk:
        return "Heel Nederland"
    return nl_opsomming(gemeente_namen(dienst)) or dienst.plaats or "Onbekend"


@register.filter
def tel_href(nummer: str) -> str:
    """A ``tel:`` link for a Dutch phone number as people write it ('030 - 123 45 67')."""
    cijfers = "".join(c for c in nummer or "" if c.isdigit() or c == "+")
    return f"tel:{cijfers}" if cijfers else ""


@register.filter
def website_kort(url: str) -> str:
    """The address without 'https://' and 'www.', for reading aloud and printing."""
    if not url:
        return ""
    delen = urlsplit(url)
    pad = delen.path.rstrip("/")
    return f"{delen.netloc.removeprefix('www.')}{pad}"


@register.simple_tag
def melding_url(dienst) -> str:
    """The "Klopt er iets niet?" form of the inzendingen app; empty without that app."""
    try:
        return reverse("inzendingen:melding", args=[dienst.pk])
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def wijziging_url(context, dienst) -> str:
    """Where to report a change: the inzendingen form when it exists, else an e-mail to the site."""
    try:
        return reverse("inzendingen:wijziging", args=[dienst.pk])
    except NoReverseMatch:
        pass
    instellingen = context.get("site_settings")
    adres = getattr(instellingen, "email", "") if instellingen else ""
    if not adres:
        return ""
    onderwerp = quote(f"Wijziging voor de sociale kaart: {dienst.naam} (nummer {dienst.pk})")
    return f"mailto:{adres}?subject={onderwerp}"


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or None (a dict keyed by a service's number)."""
    return (mapping or {}).get(key)
