"""The open JSON API of the sociale kaart: the contract's search API, and its serialisers.

``/api/kaart/diensten/`` answers a search exactly as the page ``/kaart/`` does (same parameters,
same :mod:`kaart.queries`), ``/api/kaart/diensten/<id>/`` one live service with every field.
The versioned ``/api/v1/`` (:mod:`kaart.api_v1`) answers with the same serialisers
(:func:`zoekantwoord`, :func:`dienst_kort`, :func:`dienst_volledig`); HSDS 3.0 is
:mod:`kaart.hsds_api`.
``/api/kaart/suggest/?q=`` answers at most eight suggestions for the search box
(:mod:`kaart.suggesties`), diensten first, then labels of the vocabularies; fewer than two
letters answer an empty list. ``/api/kaart/openapi.json`` describes all of it
(:mod:`kaart.openapi`).

Bad input answers 400 with ``{"error": ..., "parameter": ..., "suggesties": [...]}`` (names
close to an unknown place; empty otherwise); the API never answers 500 on
input. Everything is public data: responses allow any origin, as open data feeds should.
"""

import threading

from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from . import plaatsen
from .antwoord import cors, json_antwoord, open_data
from .models import ENKELVOUDIG, MEERVOUDIG, VOCABULAIRES, Dienst
from .openapi import beschrijving
from .queries import FACETS, KaartParamError, parse_zoekvraag, zoek_diensten
from .queries.afstand import afgerond, afstand_km
from .suggesties import suggesties
from .versies import DIENSTEN, PerVersie

MAX_ID = 2**63 - 1  # larger numbers cannot be an id, and some databases refuse them
MAX_KAARTEN = 20_000  # cards kept per process (about 1 kB each); more empties the store


def _json(data, status=200) -> JsonResponse:
    return json_antwoord(data, status=status)


def _fout(
    message: str, parameter: str, status: int = 400, suggesties: list[str] | None = None
) -> JsonResponse:
    return _json(
        {"error": message, "parameter": parameter, "suggesties": suggesties or []}, status=status
    )


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
            "lat": dienst.lat,
            "lon": dienst.lon,
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


def met_afstand(cards: list[dict], zoekvraag) -> list[dict]:
    """The cards with ``afstand_km`` from the given place: ``None`` without a place, for a
    service without a point and for one available everywhere (``landelijk``)."""
    punt = zoekvraag.punt
    uit = []
    for card in cards:
        km = None
        if punt is not None and not card["landelijk"] and card["lat"] is not None:
            km = afgerond(afstand_km(*punt, card["lat"], card["lon"]))
        uit.append({**card, "afstand_km": km})
    return uit


def locatie(zoekvraag) -> dict | None:
    """The contract's ``locatie``: the resolved place, or the choices; ``None`` without one."""
    gevonden = zoekvraag.locatie or zoekvraag.keuzes
    return gevonden.as_dict() if gevonden is not None else None


def zoekantwoord(params) -> dict:
    """The answer to a search (the page, the cards, every facet's counts), as ``/api/kaart/``
    and ``/api/v1/`` give it; raises :class:`KaartParamError` on bad input."""
    zoekvraag = parse_zoekvraag(params)
    resultaat = zoek_diensten(zoekvraag)
    return {
        "locatie": locatie(zoekvraag),
        "count": resultaat.count,
        "page": resultaat.page,
        "page_size": resultaat.page_size,
        "num_pages": resultaat.num_pages,
        "backend": resultaat.backend,
        "results": met_afstand(kaarten(resultaat), zoekvraag),
        "facets": {
            facet: [
                {"value": w.value, "label": w.label, "count": w.count, "selected": w.selected}
                for w in waarden
            ]
            for facet, waarden in resultaat.facets.items()
        },
    }


@open_data()
def diensten(request):
    try:
        return _json(zoekantwoord(request.GET))
    except KaartParamError as fout:
        return _fout(fout.message, fout.parameter, suggesties=fout.suggesties)


def _niet_gevonden() -> JsonResponse:
    return _fout("Deze dienst bestaat niet of is niet (meer) gepubliceerd.", "id", status=404)


def gepubliceerde_dienst(pk: int) -> Dienst | None:
    return live_diensten().filter(pk=pk).first() if pk <= MAX_ID else None


@open_data()
def dienst(request, pk: int):
    found = gepubliceerde_dienst(pk)
    if found is None:
        return _niet_gevonden()
    return _json(dienst_volledig(found))


@open_data()
def geen_id(request):
    """Something that is no id where an id belongs (``diensten/abc/``): no such service either.

    Without this the site's HTML page "Pagina niet gevonden" answered.
    """
    return _niet_gevonden()


@open_data()
@cache_control(public=True, max_age=60)
def kaart_suggest(request):
    """The search box's suggestions: the same for everyone, so cacheable for a minute."""
    q = request.GET.get("q", "")
    return cors(JsonResponse([s.as_dict() for s in suggesties(q)], safe=False))


@open_data()
@cache_control(public=True, max_age=3600)
def plaatsen_suggest(request):
    """The place field's suggestions (:func:`kaart.plaatsen.suggesties`): fixed data, cacheable."""
    q = request.GET.get("q", "")
    return cors(JsonResponse([s.as_dict() for s in plaatsen.suggesties(q)], safe=False))


@open_data()
def openapi(request):
    """The OpenAPI 3.1 description of this API."""
    return _json(beschrijving())
