"""The gemeente pages: the index by province, one page per gemeente made from data, the embed
for a gemeente's own website, its QR code and a printable poster."""

from __future__ import annotations

import io
from itertools import groupby

import segno
from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify

from home.models import SiteSettings
from hulpmiddelen.queries import secties
from inzendingen.queries import voorbeelden_url, voorbeelden_voor_gemeente
from kaart.models import Gemeente
from kaart.versies import GEMEENTEN, PerVersie

from .aanbod import aanbod_voor
from .cijfers import BRON, BRON_TABEL, RIVM_WIJK_BUURT_URL, cijfers_voor
from .grafiek import grafiek
from .models import GemeentePagina
from .zoeken import zoek_gemeenten

VOORBEELDEN = 5

_per_slug = PerVersie(
    GEMEENTEN, lambda: {slugify(g.naam): g for g in Gemeente.objects.order_by("naam")}
)


def alle_gemeenten() -> list[Gemeente]:
    return list(_per_slug.get().values())


def _gemeente(slug: str) -> Gemeente:
    gemeente = _per_slug.get().get(slug)
    if gemeente is None:
        raise Http404("Deze gemeente kennen wij niet.")
    return gemeente


def kaart_adres(gemeente: Gemeente) -> str:
    """The gemeente's pre-filtered kaart, absolute (for the QR code, the embeds, the poster)."""
    return f"{settings.SITE_URL}{reverse('kaart:zoeken')}?gemeente={gemeente.code}"


def index(request):
    """/gemeenten/: every gemeente by province, with a search on the name."""
    gemeenten = alle_gemeenten()
    tekst = request.GET.get("q", "").strip()[:100]
    gevonden = zoek_gemeenten(tekst, gemeenten) if tekst else None
    if gevonden is not None and len(gevonden) == 1:
        return redirect("gemeenten:gemeente", slug=slugify(gevonden[0].naam))
    return TemplateResponse(
        request,
        "gemeenten/index.html",
        {"tekst": tekst, "gevonden": gevonden, "provincies": _per_provincie(gemeenten)},
    )


def _per_provincie(gemeenten: list[Gemeente]) -> list[tuple[str, list[Gemeente]]]:
    op_provincie = sorted(gemeenten, key=lambda g: (g.provincie, g.naam.lower().lstrip("'")))
    return [(naam, list(rij)) for naam, rij in groupby(op_provincie, key=lambda g: g.provincie)]


def _pagina(gemeente: Gemeente) -> GemeentePagina | None:
    """The published version of the editors' content, if there is one."""
    return (
        GemeentePagina.objects.filter(gemeente=gemeente, live=True)
        .prefetch_related("links")
        .first()
    )


def _hulpnummer(request, pagina: GemeentePagina | None) -> dict:
    if pagina is not None and pagina.hulpnummer:
        nummer, tekst, lokaal = pagina.hulpnummer, pagina.hulpnummer_tekst, True
    else:
        site = SiteSettings.for_request(request)
        nummer, tekst, lokaal = site.help_phone, site.help_hours, False
    href = "tel:" + "".join(c for c in nummer if c.isdigit() or c == "+")
    return {"nummer": nummer, "tekst": tekst, "href": href, "lokaal": lokaal}


def gemeente(request, slug: str):
    """/gemeenten/<slug>/: the figures, the local offer, the examples and the next steps."""
    item = _gemeente(slug)
    cijfers = cijfers_voor(item.code)
    grafieken = []
    if cijfers is not None:
        for rij in cijfers.rijen:
            grafieken.append(
                {
                    "rij": rij,
                    "vergelijkingen": cijfers.vergelijkingen[rij.code],
                    "grafiek": grafiek(
                        cijfers.vergelijkingen[rij.code], rij.naam, cijfers.provincie
                    ),
                }
            )
    pagina = _pagina(item)
    context = {
        "gemeente": item,
        "pagina": pagina,
        "cijfers": cijfers,
        "grafieken": grafieken,
        "bron": BRON,
        "bron_tabel": BRON_TABEL,
        "rivm_url": RIVM_WIJK_BUURT_URL,
        "aanbod": aanbod_voor(item),
        "voorbeelden": list(voorbeelden_voor_gemeente(item.code)[:VOORBEELDEN]),
        "voorbeelden_url": voorbeelden_url(item.code),
        "voorbeeld_insturen_url": reverse("inzendingen:voorbeeld"),
        "secties": secties(request),
        "hulpnummer": _hulpnummer(request, pagina),
        "kaart_adres": kaart_adres(item),
        "insluiten_adres": settings.SITE_URL
        + reverse("gemeenten:insluiten", args=[slugify(item.naam)]),
        "site_url": settings.SITE_URL,
    }
    return TemplateResponse(request, "gemeenten/gemeente.html", context)


def met_frame_ancestors(response: HttpResponse) -> HttpResponse:
    """Let the sites of ``EMBED_FRAME_ANCESTORS`` frame this response (and no others).

    The policy is written by django-csp's own ``build_policy`` with ``frame-ancestors``
    replaced, on the response itself: the page cache keeps it with the page, and the CSP
    middleware leaves a header that is already there. Without any origin configured the page
    keeps ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``.
    """
    ancestors = list(settings.EMBED_FRAME_ANCESTORS)
    if ancestors:
        response[HEADER] = build_policy(replace={"frame-ancestors": ancestors})
        response.xframe_options_exempt = True
    return response


def insluiten(request, slug: str):
    """/gemeenten/<slug>/insluiten/: the card for an iframe on the gemeente's own website."""
    item = _gemeente(slug)
    response = TemplateResponse(
        request,
        "gemeenten/insluiten.html",
        {"gemeente": item, "kaart_adres": kaart_adres(item)},
    )
    return met_frame_ancestors(response.render())


def qr_code(gemeente_: Gemeente) -> segno.QRCode:
    """The QR code to the gemeente's kaart (error correction M: still readable when a poster
    is creased or a little dirty)."""
    return segno.make(kaart_adres(gemeente_), error="m", micro=False)


def qr_svg(gemeente_: Gemeente) -> str:
    """The QR code as SVG markup, with a title that says where it leads."""
    buffer = io.BytesIO()
    qr_code(gemeente_).save(
        buffer,
        kind="svg",
        scale=8,
        border=4,
        xmldecl=False,
        title=f"QR-code naar de sociale kaart van {gemeente_.naam}",
    )
    return buffer.getvalue().decode()


def qr(request, slug: str):
    """/gemeenten/<slug>/qr.svg: the QR code to download or print."""
    item = _gemeente(slug)
    return HttpResponse(qr_svg(item), content_type="image/svg+xml")


def poster(request, slug: str):
    """/gemeenten/<slug>/poster/: an A4 poster with the name, the help number and the QR code."""
    item = _gemeente(slug)
    pagina = _pagina(item)
    context = {
        "gemeente": item,
        "hulpnummer": _hulpnummer(request, pagina),
        "kaart_adres": kaart_adres(item),
        "qr_url": reverse("gemeenten:qr", args=[slug]),
    }
    return TemplateResponse(request, "gemeenten/poster.html", context)
