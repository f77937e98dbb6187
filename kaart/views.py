"""The public pages of the sociale kaart: search with facets, one dienst, and compare.

The search page asks ``kaart.queries`` (the same functions as the JSON API) and only turns the
answer into HTML: facet groups, chips that remove one filter, pagination and notices.
"""

from dataclasses import dataclass, field

from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format

from search.suggest import bedoelde_u

from .keuze import MAX_VERGELIJK, Keuze, dienst_ids
from .models import ENKELVOUDIG, KENMERK_VOLGORDE, MEERVOUDIG, VOCABULAIRES, Dienst
from .queries import (
    AFSTANDEN,
    FACET_LABELS,
    FACETS,
    SORTS,
    KaartParamError,
    parse_zoekvraag,
    zoek_diensten,
)
from .queries.afstand import afgerond, afstand_km
from .templatetags.kaart_tags import (
    kosten,
    leeftijd,
    nl_opsomming,
    tel_href,
    voorwaarden_lijst,
    waar_volledig,
    website_kort,
)

# Facet groups shown open at first; the others open with one click (or when a value is chosen).
OPEN_FACETTEN = {"doelgroep", "thema", "activiteit", "plek", "kosten"}

# Plain words for facets whose name alone says little to most people.
FACET_UITLEG = {
    "preventie": "Is het bedoeld voor iedereen, voor mensen met meer kans op eenzaamheid, "
    "of om te voorkomen dat eenzaamheid erger wordt?",
    "eenzaamheidsgroep": "Voor wie is het vooral bedoeld: van mensen die (nog) niet eenzaam zijn "
    "tot mensen die heel erg eenzaam zijn.",
    "erkenning": "Is de aanpak onderzocht? Deskundigen beoordelen of een aanpak goed beschreven, "
    "goed onderbouwd of bewezen effectief is.",
    "bereik": "Landelijk: overal in Nederland te gebruiken, vaak telefonisch of online.",
    "financiering": "Is het gratis, betaalt de gemeente of een fonds mee, of is het een bedrijf?",
}

# Quick filters above the results, for the common cases: (label, facet, value).
SNELFILTERS = (
    ("Gratis", "kosten", "gratis"),
    ("Bij u thuis", "plek", "aan-huis"),
    ("Telefonisch", "plek", "telefonisch"),
    ("Voor ouderen", "doelgroep", "ouderen"),
    ("Met vrijwilligers", "uitvoering", "vrijwilligers"),
)

# The parameters with their own field on the page (the rest are facet checkboxes).
VELDEN = ("plaats", "gemeente", "afstand", "leeftijd")


@dataclass
class Melding:
    """A problem with one parameter, told in plain Dutch next to the results."""

    parameter: str
    tekst: str
    suggesties: list = field(default_factory=list)


@dataclass
class Chip:
    """One choice shown above the results; following ``url`` removes it."""

    label: str
    groep: str
    url: str


@dataclass
class FacetGroep:
    naam: str
    label: str
    uitleg: str
    waarden: list
    gekozen: int
    open: bool


def kaart_url(query: str = "") -> str:
    """The search page's address with a query string (from the ``Zoekvraag`` URL helpers)."""
    basis = reverse("kaart:zoeken")
    return f"{basis}?{query}" if query else basis


def _parse(params: QueryDict, meldingen: list[Melding]):
    """Parse the parameters; a bad one becomes a notice and is left out, so the page still works."""
    params = params.copy()
    for _ in range(len(params) + 1):
        try:
            return parse_zoekvraag(params)
        except KaartParamError as fout:
            meldingen.append(Melding(fout.parameter, fout.message, fout.suggesties))
            if fout.parameter not in params:
                break
            params.pop(fout.parameter)
    return parse_zoekvraag(QueryDict())


@dataclass
class FacetOptie:
    """One checkbox: the API's facet value plus the editors' plain-words explanation, if any."""

    value: str
    label: str
    count: int
    selected: bool
    toelichting: str = ""


def _facet_groepen(resultaat) -> list[FacetGroep]:
    termen = resultaat.zoekvraag.termen
    groepen = []
    for facet in FACETS:
        waarden = [
            FacetOptie(
                w.value,
                w.label,
                w.count,
                w.selected,
                getattr(termen.get(facet, {}).get(w.value), "toelichting", ""),
            )
            for w in resultaat.facets.get(facet, [])
            if w.count > 0 or w.selected
        ]
        if not waarden:
            continue
        gekozen = sum(1 for w in waarden if w.selected)
        groepen.append(
            FacetGroep(
                naam=facet,
                label=FACET_LABELS[facet],
                uitleg=FACET_UITLEG.get(facet, ""),
                waarden=waarden,
                gekozen=gekozen,
                open=facet in OPEN_FACETTEN or bool(gekozen),
            )
        )
    return groepen


def _snelfilters(zoekvraag, url) -> list[dict]:
    """The quick filters that exist in this kaart, each a link that adds or removes its value."""
    filters = []
    for label, facet, waarde in SNELFILTERS:
        if waarde not in zoekvraag.waarden(facet):
            continue
        gekozen = waarde in zoekvraag.selected(facet)
        query = (
            zoekvraag.without_value(facet, waarde)
            if gekozen
            else zoekvraag.with_value(facet, waarde)
        )
        filters.append({"label": label, "gekozen": gekozen, "url": url(query)})
    return filters


def _pagina_links(zoekvraag, huidige: int, aantal: int, url=kaart_url) -> list[dict]:
    """Numbered page links around the current page, with gaps: 1 … 4 5 6 … 20."""
    if aantal <= 1:
        return []
    nummers = {1, aantal, huidige - 1, huidige, huidige + 1}
    if huidige <= 3:
        nummers.update({2, 3, 4})
    if huidige >= aantal - 2:
        nummers.update({aantal - 1, aantal - 2, aantal - 3})
    links, vorige = [], 0
    for nummer in sorted(n for n in nummers if 1 <= n <= aantal):
        if nummer - vorige > 1:
            links.append({"gat": True})
        links.append(
            {
                "nummer": nummer,
                "url": url(zoekvraag.with_page(nummer)),
                "huidig": nummer == huidige,
            }
        )
        vorige = nummer
    return links


def _bedoelde_u(zoekvraag, url=kaart_url):
    """ "Bedoelde u …?" for a text that found nothing: the corrected text and its search link."""
    correctie = bedoelde_u(zoekvraag.q) if zoekvraag.q else None
    if not correctie:
        return None
    return {"q": correctie, "url": url(_met(zoekvraag, "q", correctie))}


def zonder_lege(params: QueryDict) -> str | None:
    """The query string without empty values, or None when there were none to drop.

    A plain HTML form sends every field, also the empty ones (``gemeente=&leeftijd=``); the page
    answers those with a redirect to the same search without them, so addresses stay short and
    one search has one address.
    """
    paren = [(naam, waarde) for naam, waarden in params.lists() for waarde in waarden]
    gevuld = [(naam, waarde) for naam, waarde in paren if waarde.strip()]
    if len(gevuld) == len(paren):
        return None
    schoon = QueryDict(mutable=True)
    for naam, waarde in gevuld:
        schoon.appendlist(naam, waarde)
    return schoon.urlencode()


def zoeken(request):
    """/kaart/: the search box, facets with counts, chips, sort, results and pagination.

    A bad parameter does not give an error page: the page says what was wrong, shows the results
    without it and answers with status 400, as the API does. Empty parameters are dropped by a
    redirect (:func:`zonder_lege`).
    """
    schoon = zonder_lege(request.GET)
    if schoon is not None:
        return HttpResponseRedirect(kaart_url(schoon))
    meldingen: list[Melding] = []
    # Without JavaScript the chosen services travel in the URL: every link keeps them.
    keuze = Keuze.uit(request.GET)

    def url(query: str) -> str:
        return kaart_url(keuze.erbij(query))

    zoekvraag = _parse(request.GET, meldingen)
    resultaat = zoek_diensten(zoekvraag)
    fout_parameters = {m.parameter for m in meldingen}
    for melding in meldingen:
        # A place is suggested as a place (also when it was typed as gemeente=).
        veld = "plaats" if melding.parameter == "gemeente" else melding.parameter
        melding.suggesties = [
            {"naam": naam, "url": url(_met(zoekvraag, veld, naam))} for naam in melding.suggesties
        ]
    _met_afstand(zoekvraag, resultaat.diensten)

    chips = []
    if zoekvraag.q:
        chips.append(Chip(zoekvraag.q, "Zoekwoord", url(zoekvraag.without_value("q"))))
    filter_chips = [
        Chip(f.label, f.facet_label, url(f.remove_query)) for f in resultaat.actieve_filters
    ]
    chips += filter_chips

    pagina, aantal_paginas = resultaat.page, resultaat.num_pages
    voorbij_laatste = resultaat.count > 0 and pagina > aantal_paginas
    context = {
        "bedoelde_u": _bedoelde_u(zoekvraag, url) if resultaat.count == 0 else None,
        "zoekvraag": zoekvraag,
        "resultaat": resultaat,
        "diensten": resultaat.diensten,
        "groepen": _facet_groepen(resultaat),
        "snelfilters": _snelfilters(zoekvraag, url),
        "chips": chips,
        "filters_gekozen": filter_chips,
        "alles_wissen_url": url(zoekvraag.without_all()),
        "sorteringen": [
            {"value": slug, "label": label}
            for slug, label in SORTS.items()
            if (slug != "relevantie" or zoekvraag.q) and (slug != "afstand" or zoekvraag.punt)
        ],
        "meldingen": meldingen,
        "fout_parameters": fout_parameters,
        "plaats_fout": bool({"plaats", "gemeente"} & fout_parameters),
        # What the visitor typed stays in the field, also when it was wrong.
        "plaats_invoer": _plaats_invoer(zoekvraag, request.GET),
        "keuzes": [
            {"keuze": keuze, "url": kaart_url(_met(zoekvraag, "plaats", keuze.waarde))}
            for keuze in (zoekvraag.keuzes.keuzes if zoekvraag.keuzes else [])
        ],
        "afstanden": AFSTANDEN,
        "leeftijd_invoer": (
            zoekvraag.leeftijd
            if zoekvraag.leeftijd is not None
            else request.GET.get("leeftijd", "")
        ),
        "huidige_url": kaart_url(zoekvraag.to_querydict().urlencode()),
        "pagina_links": _pagina_links(zoekvraag, pagina, aantal_paginas, url),
        "vorige_url": url(zoekvraag.with_page(pagina - 1)) if pagina > 1 else "",
        "volgende_url": (url(zoekvraag.with_page(pagina + 1)) if pagina < aantal_paginas else ""),
        "voorbij_laatste": voorbij_laatste,
        "eerste_pagina_url": url(zoekvraag.with_page(1)),
        "terug": zoekvraag.to_querydict().urlencode(),
        # The kaart's own search box is the page's one: the header leaves its box out.
        "zonder_sitezoeken": True,
        **_keuze_context(keuze, zoekvraag, resultaat.diensten if not voorbij_laatste else []),
    }
    status = 400 if meldingen else 200
    return TemplateResponse(request, "kaart/zoeken.html", context, status=status)


def _plaats_invoer(zoekvraag, params: QueryDict) -> str:
    """The place field's text: what was typed, or the gemeente of a ``gemeente=`` link."""
    gevonden = zoekvraag.locatie or zoekvraag.keuzes
    if gevonden is not None:
        return gevonden.invoer
    if zoekvraag.gemeente is not None:
        return zoekvraag.gemeente.naam
    return params.get("plaats", "") or params.get("gemeente", "")


def _met_afstand(zoekvraag, diensten) -> None:
    """Each service's distance from the given place, for its card ("± 4 km")."""
    punt = zoekvraag.punt
    for dienst in diensten:
        dienst.afstand_km = None
        if punt is not None and not dienst.landelijk and dienst.lat is not None:
            dienst.afstand_km = afgerond(afstand_km(*punt, dienst.lat, dienst.lon))


def _keuze_context(keuze: Keuze, zoekvraag, diensten) -> dict:
    """What the page needs of the carried choice: the cards' toggle links and the chosen names."""
    hier = zoekvraag.to_querydict().urlencode()
    namen = (
        dict(
            Dienst.objects.filter(live=True, pk__in=keuze.vergelijk + keuze.bewaar).values_list(
                "pk", "naam"
            )
        )
        if keuze
        else {}
    )
    vergelijk = [(pk, namen[pk]) for pk in keuze.vergelijk if pk in namen]
    vergelijk_query = QueryDict(mutable=True)
    vergelijk_query.setlist("id", [str(pk) for pk, _ in vergelijk])
    if hier:
        vergelijk_query["terug"] = hier
    bewaar_query = QueryDict(mutable=True)
    bewaar_query.setlist("id", [str(pk) for pk in keuze.bewaar if pk in namen])
    return {
        "keuze": keuze,
        "keuze_velden": keuze.paren(),
        "keuze_query": keuze.query(),
        "keuze_links": {
            dienst.pk: {
                "vergelijk": kaart_url(keuze.met("vergelijk", dienst.pk).erbij(hier)),
                "bewaar": kaart_url(keuze.met("bewaar", dienst.pk).erbij(hier)),
            }
            for dienst in diensten
        },
        "vergelijk_gekozen": vergelijk,
        "vergelijk_url": f"{reverse('kaart:vergelijk')}?{vergelijk_query.urlencode()}",
        "bewaarlijst_url": (
            f"{reverse('kaart:bewaarlijst')}?{bewaar_query.urlencode()}"
            if keuze.bewaar
            else reverse("kaart:bewaarlijst")
        ),
    }


def _met(zoekvraag, parameter: str, waarde: str) -> str:
    """The query string of this search with one field set to another value, on page 1."""
    params = QueryDict(zoekvraag.without_value(parameter), mutable=True)
    params[parameter] = waarde
    return params.urlencode()


def _publiek():
    """Live services with everything the public pages show, in a fixed number of queries."""
    return (
        Dienst.objects.filter(live=True)
        .select_related(*ENKELVOUDIG)
        .prefetch_related(*MEERVOUDIG, "gemeenten")
    )


def _labels(dienst, vocabulaire: str) -> str:
    return nl_opsomming(term.label for term in dienst.terms(vocabulaire))


def dienst(request, pk: int):
    """/kaart/dienst/<pk>/: one live service, all seven requirement items at a glance."""
    item = get_object_or_404(_publiek(), pk=pk)
    # Without JavaScript the choices made on the kaart came along in the URL (kaart.keuze).
    keuze = Keuze.uit(request.GET)
    bewaar = QueryDict(mutable=True)
    bewaar.setlist("id", [str(i) for i in dict.fromkeys([*keuze.bewaar, item.pk])])
    vergelijk = QueryDict(mutable=True)
    vergelijk.setlist("id", [str(i) for i in dict.fromkeys([*keuze.vergelijk, item.pk])])
    context = {
        "dienst": item,
        "bewaar_url": f"{reverse('kaart:bewaarlijst')}?{bewaar.urlencode()}",
        "vergelijk_url": f"{reverse('kaart:vergelijk')}?{vergelijk.urlencode()}",
        "kaart_terug_url": kaart_url(keuze.query()),
        "kenmerken": item.kenmerk_rijen(),
        "verouderd": item.laatst_gecontroleerd is not None and item.is_verouderd(),
    }
    return TemplateResponse(request, "kaart/dienst.html", context)


@dataclass
class Cel:
    tekst: str
    links: list = field(default_factory=list)
    #: The service's name, shown above the value where the table is stacked (phones).
    naam: str = ""


@dataclass
class VergelijkRij:
    label: str
    cellen: list
    verschilt: bool = False


def _rij(label: str, diensten, waarde, vergelijk: bool = True) -> VergelijkRij:
    cellen = [waarde(d) for d in diensten]
    cellen = [c if isinstance(c, Cel) else Cel(c) for c in cellen]
    for cel, dienst in zip(cellen, diensten, strict=True):
        cel.naam = dienst.naam
    verschilt = vergelijk and len(diensten) > 1 and len({c.tekst for c in cellen}) > 1
    return VergelijkRij(label, cellen, verschilt)


def _voorwaarden(dienst) -> str:
    """The yes/no conditions and the editor's own words, or that there are none."""
    delen = [f"{regel}." for regel in voorwaarden_lijst(dienst)]
    if dienst.voorwaarden:
        delen.append(" ".join(dienst.voorwaarden.split()))
    return " ".join(delen) or "Geen bijzondere voorwaarden"


def _contact(dienst) -> Cel:
    links = []
    if dienst.telefoon:
        links.append((f"Bel {dienst.telefoon}", tel_href(dienst.telefoon)))
    if dienst.email:
        links.append((f"Mail {dienst.email}", f"mailto:{dienst.email}"))
    return Cel("", links)


def _website(dienst) -> Cel:
    if not dienst.website:
        return Cel("")
    return Cel("", [(website_kort(dienst.website), dienst.website)])


def vergelijk_rijen(diensten: list) -> list[VergelijkRij]:
    """One row per characteristic; a row is marked when the services differ in it."""
    rijen = [
        _rij("Aanbieder", diensten, lambda d: d.aanbieder, vergelijk=False),
        _rij("In het kort", diensten, lambda d: d.samenvatting, vergelijk=False),
        _rij("Kosten", diensten, kosten),
        _rij("Voor wie", diensten, lambda d: _labels(d, "doelgroep")),
        _rij("Leeftijd", diensten, leeftijd),
        _rij("Voorwaarden", diensten, _voorwaarden),
        _rij("Beschikbaar in", diensten, waar_volledig),
    ]
    rijen += [
        _rij(VOCABULAIRES[v][0], diensten, lambda d, v=v: _labels(d, v)) for v in KENMERK_VOLGORDE
    ]
    rijen += [
        _rij("Contact", diensten, _contact, vergelijk=False),
        _rij("Website", diensten, _website, vergelijk=False),
        _rij(
            "Laatst gecontroleerd",
            diensten,
            lambda d: (
                date_format(d.laatst_gecontroleerd, "j F Y") if d.laatst_gecontroleerd else ""
            ),
            vergelijk=False,
        ),
    ]
    return rijen


def _terug_url(terug: str) -> str:
    """The search the visitor came from, rebuilt from its parameters only (never another site)."""
    return kaart_url(QueryDict(terug or "").urlencode())


def vergelijk(request):
    """/kaart/vergelijk/?id=..: up to four services side by side, differences marked."""
    meldingen: list[str] = []
    ids, ongeldig = dienst_ids(request.GET.getlist("id"), MAX_VERGELIJK + 1)
    if ongeldig:
        meldingen.append("Een van de gekozen nummers is geen dienst uit de sociale kaart.")
    if len(ids) > MAX_VERGELIJK:
        meldingen.append(
            "U kunt vier diensten tegelijk vergelijken. We tonen de eerste vier die u koos."
        )
        ids = ids[:MAX_VERGELIJK]

    gevonden = {d.pk: d for d in _publiek().filter(pk__in=ids)} if ids else {}
    diensten = [gevonden[pk] for pk in ids if pk in gevonden]
    ontbrekend = len(ids) - len(diensten)
    if ontbrekend:
        meldingen.append(
            "Een van de gekozen diensten staat niet (meer) in de sociale kaart."
            if ontbrekend == 1
            else f"{ontbrekend} van de gekozen diensten staan niet (meer) in de sociale kaart."
        )

    alleen_verschillen = request.GET.get("verschillen") == "1" and len(diensten) > 1
    rijen = vergelijk_rijen(diensten) if diensten else []
    aantal_verschillen = sum(1 for rij in rijen if rij.verschilt)
    if alleen_verschillen:
        rijen = [rij for rij in rijen if rij.verschilt or rij.label in VASTE_RIJEN]

    terug = request.GET.get("terug", "")
    basis = QueryDict(mutable=True)
    basis.setlist("id", [str(d.pk) for d in diensten])
    if terug:
        basis["terug"] = terug

    def zonder(pk):
        kopie = basis.copy()
        kopie.setlist("id", [str(d.pk) for d in diensten if d.pk != pk])
        if alleen_verschillen:
            kopie["verschillen"] = "1"
        return f"{reverse('kaart:vergelijk')}?{kopie.urlencode()}"

    kolommen = [{"dienst": d, "weghalen_url": zonder(d.pk)} for d in diensten]
    wissel = basis.copy()
    if not alleen_verschillen:
        wissel["verschillen"] = "1"

    if ongeldig:
        status = 400
    elif ids and not diensten:
        status = 404
    else:
        status = 200
    context = {
        "kolommen": kolommen,
        "diensten": diensten,
        "rijen": rijen,
        "meldingen": meldingen,
        "alleen_verschillen": alleen_verschillen,
        "aantal_verschillen": aantal_verschillen,
        "wissel_url": f"{reverse('kaart:vergelijk')}?{wissel.urlencode()}",
        "terug_url": _terug_url(terug),
        "max_vergelijk": MAX_VERGELIJK,
    }
    return TemplateResponse(request, "kaart/vergelijk.html", context, status=status)


# Rows that stay when only the differences are shown: they say which service is which.
VASTE_RIJEN = {"Aanbieder", "In het kort", "Contact", "Website"}
