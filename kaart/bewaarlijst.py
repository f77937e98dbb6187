"""The bewaarlijst at /kaart/bewaarlijst/: services someone saved, to share, print or mail.

The list is its URL: ``?id=12&id=7``. With JavaScript the browser keeps it (localStorage,
``static/js/kaart.js``) and opens this page with those ids; without it, the kaart carries the
ids along (``kaart.keuze``). The same URL is the share link. The print page is a one-page A4
handout: per service its name, essence, when, cost, contact and a QR code to its page, drawn
here as SVG (no request to any other host).
"""

import io

import segno
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe

from .keuze import MAX_BEWAAR, dienst_ids
from .models import ENKELVOUDIG, MEERVOUDIG, Dienst


def _diensten(ids: list[int]) -> list:
    gevonden = {
        d.pk: d
        for d in Dienst.objects.filter(live=True, pk__in=ids)
        .select_related(*ENKELVOUDIG)
        .prefetch_related(*MEERVOUDIG, "gemeenten")
    }
    return [gevonden[pk] for pk in ids if pk in gevonden]


def lijst_query(diensten) -> str:
    params = QueryDict(mutable=True)
    params.setlist("id", [str(d.pk) for d in diensten])
    return params.urlencode()


def qr_svg(adres: str, titel: str) -> str:
    """A QR code for ``adres`` as inline SVG, with its title for screen readers."""
    uit = io.BytesIO()
    segno.make(adres, error="m").save(
        uit, kind="svg", xmldecl=False, svgns=True, scale=3, border=2, title=titel
    )
    return mark_safe(uit.getvalue().decode())


def _lees(request):
    ids, ongeldig = dienst_ids(request.GET.getlist("id"), MAX_BEWAAR + 1)
    meldingen = []
    if ongeldig:
        meldingen.append("Een van de nummers in het adres is geen dienst uit de sociale kaart.")
    if len(ids) > MAX_BEWAAR:
        meldingen.append(
            f"Een bewaarlijst heeft hoogstens {MAX_BEWAAR} diensten. "
            f"We tonen de eerste {MAX_BEWAAR}."
        )
        ids = ids[:MAX_BEWAAR]
    diensten = _diensten(ids)
    ontbrekend = len(ids) - len(diensten)
    if ontbrekend:
        meldingen.append(
            "Een van de bewaarde diensten staat niet (meer) in de sociale kaart."
            if ontbrekend == 1
            else f"{ontbrekend} van de bewaarde diensten staan niet (meer) in de sociale kaart."
        )
    return diensten, meldingen, 400 if ongeldig else 200


def bewaarlijst(request):
    """/kaart/bewaarlijst/?id=..: the saved services, with share, print and remove links."""
    diensten, meldingen, status = _lees(request)
    query = lijst_query(diensten)
    basis = reverse("kaart:bewaarlijst")

    def zonder(pk):
        rest = lijst_query([d for d in diensten if d.pk != pk])
        return f"{basis}?{rest}" if rest else basis

    context = {
        "diensten": diensten,
        "rijen": [{"dienst": d, "weghalen_url": zonder(d.pk)} for d in diensten],
        "meldingen": meldingen,
        "deel_url": request.build_absolute_uri(f"{basis}?{query}") if diensten else "",
        "print_url": f"{reverse('kaart:bewaarlijst_afdrukken')}?{query}" if diensten else "",
        "lijst_query": query,
        "max_bewaar": MAX_BEWAAR,
        "ids": [d.pk for d in diensten],
    }
    return TemplateResponse(request, "kaart/bewaarlijst.html", context, status=status)


def afdrukken(request):
    """/kaart/bewaarlijst/afdrukken/?id=..: the list as a one-page A4 handout with QR codes."""
    diensten, meldingen, status = _lees(request)
    kaarten = [
        {
            "dienst": d,
            "qr": qr_svg(
                request.build_absolute_uri(d.get_absolute_url()), f"QR-code naar {d.naam}"
            ),
            "adres": request.build_absolute_uri(d.get_absolute_url()),
        }
        for d in diensten
    ]
    query = lijst_query(diensten)
    context = {
        "kaarten": kaarten,
        "diensten": diensten,
        "meldingen": meldingen,
        "terug_url": f"{reverse('kaart:bewaarlijst')}?{query}" if query else "",
    }
    return TemplateResponse(request, "kaart/bewaarlijst_afdrukken.html", context, status=status)
