"""The open JSON API of the sociale kaart: the contract's search API and an HSDS 3.0 feed.

``/api/kaart/diensten/`` answers a search exactly as the page ``/kaart/`` does (same parameters,
same :mod:`kaart.queries`), ``/api/kaart/diensten/<id>/`` one live service with every field.
``/api/kaart/hsds/services/`` publishes the same services in Open Referral's HSDS 3.0 shape.
``/api/kaart/suggest/?q=`` answers at most eight suggestions for the search box
(:mod:`kaart.suggesties`), diensten first, then labels of the vocabularies; fewer than two
letters answer an empty list. ``/api/kaart/openapi.json`` describes all of it
(:mod:`kaart.openapi`).

Bad input answers 400 with ``{"error": ..., "parameter": ...}``; the API never answers 500 on
input. Everything is public data: responses allow any origin, as open data feeds should.
"""

import math
import re
import threading
import uuid

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from . import hsds
from .hsds import HSDS_MAX_PAGE_SIZE, HSDS_PAGE_SIZE
from .models import ENKELVOUDIG, MEERVOUDIG, VOCABULAIRES, Dienst
from .openapi import beschrijving
from .queries import FACETS, KaartParamError, parse_zoekvraag, zoek_diensten
from .suggesties import suggesties
from .versies import DIENSTEN, PerVersie

MAX_ID = 2**63 - 1  # larger numbers cannot be an id, and some databases refuse them
MAX_KAARTEN = 20_000  # cards kept per process (about 1 kB each); more empties the store


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60" if status == 200 else "no-store"
    return response


def _fout(message: str, parameter: str, status: int = 400) -> JsonResponse:
    return _json({"error": message, "parameter": parameter}, status=status)


def _decimal(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def dienst_kort(dienst: Dienst) -> dict:
    """A service as one search result: name, essence, every facet's slugs, cost, where, contact."""
    data = {
        "id": dienst.pk,
        "url": dienst.get_absolute_url(),
        "naam": dienst.naam,
        "samenvatting": dienst.samenvatting,
        "aanbieder": dienst.aanbieder,
    }
    for facet in FACETS:
        if facet == "kosten":
            data[facet] = [dienst.kosten_categorie()]
        elif facet == "bereik":
            data[facet] = [dienst.bereik()]
        else:
            data[facet] = dienst.slugs(facet)
    data.update(
        {
            "kosten_bedrag": _decimal(dienst.kosten_bedrag),
            "kosten_eenheid": dienst.kosten_eenheid,
            "landelijk": dienst.landelijk,
            "gemeenten": sorted(g.code for g in dienst.gekoppeld("gemeenten")),
            "website": dienst.website,
            "email": dienst.email,
            "telefoon": dienst.telefoon,
            "laatst_gecontroleerd": (
                dienst.laatst_gecontroleerd.isoformat() if dienst.laatst_gecontroleerd else None
            ),
            # The verification cycle (docs/controle.md): no answer from the beheerder.
            "mogelijk_niet_actueel": dienst.mogelijk_niet_actueel(),
        }
    )
    return data


_kaarten = PerVersie(DIENSTEN, dict)  # id → card, under the current token
_kaarten_lock = threading.Lock()


def kaarten(resultaat) -> list[dict]:
    """The page's results as :func:`dienst_kort` cards, each built once per version of the data.

    Each process keeps the cards it built under the current ``diensten`` token
    (:mod:`kaart.versies`); a page whose cards are all kept reads no service from the database.
    Shared between requests: read only.
    """
    bewaard = _kaarten.get()
    # One look-up per card: another thread may empty the store meanwhile.
    kept = [bewaard.get(pk) for pk in resultaat.ids]
    if None not in kept:
        return kept
    cards = [dienst_kort(dienst) for dienst in resultaat.diensten]
    with _kaarten_lock:
        if len(bewaard) + len(cards) > MAX_KAARTEN:
            bewaard.clear()
        bewaard.update((card["id"], card) for card in cards)
    return cards


def dienst_volledig(dienst: Dienst) -> dict:
    """A service with every field of the contract, plus the labels of its terms."""
    data = dienst_kort(dienst)
    data.update(
        {
            "beschrijving": dienst.beschrijving,
            "leeftijd_min": dienst.leeftijd_min,
            "leeftijd_max": dienst.leeftijd_max,
            "voorwaarden": dienst.voorwaarden,
            "indicatie_nodig": dienst.indicatie_nodig,
            "verwijzing_nodig": dienst.verwijzing_nodig,
            "inkomensgrens": dienst.inkomensgrens,
            "kosten_toelichting": dienst.kosten_toelichting,
            "adres": dienst.adres,
            "postcode": dienst.postcode,
            "plaats": dienst.plaats,
            "extern_id": dienst.extern_id,
            "labels": {
                vocabulaire: {term.slug: term.label for term in dienst.terms(vocabulaire)}
                for vocabulaire in VOCABULAIRES
            },
        }
    )
    return data


def live_diensten():
    return (
        Dienst.objects.filter(live=True)
        .select_related(*ENKELVOUDIG)
        .prefetch_related(*MEERVOUDIG, "gemeenten")
    )


@require_safe
def diensten(request):
    try:
        zoekvraag = parse_zoekvraag(request.GET)
    except KaartParamError as fout:
        return _fout(fout.message, fout.parameter)
    resultaat = zoek_diensten(zoekvraag)
    return _json(
        {
            "count": resultaat.count,
            "page": resultaat.page,
            "page_size": resultaat.page_size,
            "num_pages": resultaat.num_pages,
            "backend": resultaat.backend,
            "results": kaarten(resultaat),
            "facets": {
                facet: [
                    {"value": w.value, "label": w.label, "count": w.count, "selected": w.selected}
                    for w in waarden
                ]
                for facet, waarden in resultaat.facets.items()
            },
        }
    )


def _niet_gevonden() -> JsonResponse:
    return _fout("Deze dienst bestaat niet of is niet (meer) gepubliceerd.", "id", status=404)


@require_safe
def dienst(request, pk: int):
    found = live_diensten().filter(pk=pk).first() if pk <= MAX_ID else None
    if found is None:
        return _niet_gevonden()
    return _json(dienst_volledig(found))


@require_safe
def geen_id(request):
    """Something that is no id where an id belongs (``diensten/abc/``): no such service either.

    Without this the site's HTML page "Pagina niet gevonden" answered.
    """
    return _niet_gevonden()


def _positive(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    # Digits 0-9 only: str.isdigit() also takes "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
        raise KaartParamError(name, f"'{name}' moet een heel getal zijn, vanaf 1.")
    if maximum is not None and int(raw) > maximum:
        raise KaartParamError(name, f"'{name}' mag hooguit {maximum} zijn.")
    return int(raw)


@require_safe
def hsds_services(request):
    """The live services as an HSDS 3.0 ``/services`` page (``page``, ``per_page``)."""
    try:
        page = _positive(request, "page", 1)
        per_page = _positive(request, "per_page", HSDS_PAGE_SIZE, HSDS_MAX_PAGE_SIZE)
    except KaartParamError as fout:
        return _fout(fout.message, fout.parameter)
    queryset = live_diensten().order_by("naam", "pk")
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    items = []
    if page <= total_pages:
        items = list(queryset[(page - 1) * per_page : page * per_page])
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(items),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not items,
            "contents": [hsds.service_kort(d) for d in items],
        }
    )


@require_safe
def hsds_service(request, pk: int | None = None, hsds_id: uuid.UUID | None = None):
    """One live service in full HSDS 3.0 shape, by its kaart id or by its HSDS UUID."""
    if hsds_id is not None:
        # The UUID is derived from extern_id; find it among the live services' keys.
        wanted = str(hsds_id)
        pk = next(
            (
                found_pk
                for found_pk, extern_id in Dienst.objects.filter(live=True).values_list(
                    "pk", "extern_id"
                )
                if hsds.service_id_voor(extern_id) == wanted
            ),
            MAX_ID + 1,
        )
    found = live_diensten().filter(pk=pk).first() if pk <= MAX_ID else None
    if found is None:
        return _niet_gevonden()
    return _json(hsds.service(found))


@require_GET
@cache_control(public=True, max_age=60)
def kaart_suggest(request):
    """The search box's suggestions: the same for everyone, so cacheable for a minute."""
    q = request.GET.get("q", "")
    return JsonResponse([s.as_dict() for s in suggesties(q)], safe=False)


@require_safe
def openapi(request):
    """The OpenAPI 3.1 description of this API."""
    return _json(beschrijving())
