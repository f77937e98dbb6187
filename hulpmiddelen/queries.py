"""The named queries behind the hulpmiddelen and article pages; views only render their answers.

Filtering the list of hulpmiddelen uses disjunctive facets: within one facet the chosen values
combine with OR, between facets with AND, and the count next to each value is what the list would
hold if that value were added to the current choice (the other facet's choice stays applied).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from taggit.models import Tag
from wagtail.models import Site

from .models import (
    ArtikelIndexPage,
    ArtikelPage,
    Hulpmiddel,
    HulpmiddelenIndexPage,
    Organisatie,
    SectiePage,
    Soort,
)

HULPMIDDELEN_PER_PAGINA = 12
ARTIKELEN_PER_PAGINA = 10


@dataclass
class FacetWaarde:
    slug: str
    naam: str
    aantal: int
    gekozen: bool


@dataclass
class Facet:
    param: str
    label: str
    waarden: list[FacetWaarde] = field(default_factory=list)

    @property
    def gekozen(self) -> list[FacetWaarde]:
        return [w for w in self.waarden if w.gekozen]


@dataclass
class GekozenFilter:
    label: str
    naam: str
    querystring_zonder: str


@dataclass
class Filterresultaat:
    page_obj: object
    facetten: list[Facet]
    querystring: str

    @property
    def actief(self) -> bool:
        return any(f.gekozen for f in self.facetten)

    @property
    def gekozen_filters(self) -> list[GekozenFilter]:
        """Each chosen value with the query string that leaves just that one out."""
        paren = [(f.param, w.slug) for f in self.facetten for w in f.gekozen]
        return [
            GekozenFilter(f.label, w.naam, urlencode([p for p in paren if p != (f.param, w.slug)]))
            for f in self.facetten
            for w in f.gekozen
        ]


def _gekozen(params: QueryDict, name: str, bestaande: set[str]) -> list[str]:
    """The chosen slugs for one facet: known values only, each once, in the order given."""
    gekozen = []
    for value in params.getlist(name):
        if value in bestaande and value not in gekozen:
            gekozen.append(value)
    return gekozen


def filter_hulpmiddelen(params: QueryDict) -> Filterresultaat:
    """The live hulpmiddelen for ``?soort=…&organisatie=…&page=…`` with the facet counts."""
    soorten = list(Soort.objects.filter(hulpmiddelen__live=True).distinct().order_by("naam"))
    organisaties = list(
        Organisatie.objects.filter(hulpmiddelen__live=True).distinct().order_by("naam")
    )
    gekozen_soorten = _gekozen(params, "soort", {s.slug for s in soorten})
    gekozen_organisaties = _gekozen(params, "organisatie", {o.slug for o in organisaties})

    soort_filter = Q(soort__slug__in=gekozen_soorten) if gekozen_soorten else Q()
    organisatie_filter = (
        Q(organisatie__slug__in=gekozen_organisaties) if gekozen_organisaties else Q()
    )
    live = Hulpmiddel.objects.live()

    per_soort = dict(
        live.filter(organisatie_filter).values_list("soort_id").annotate(n=Count("id"))
    )
    per_organisatie = dict(
        live.filter(soort_filter)
        .exclude(organisatie=None)
        .values_list("organisatie_id")
        .annotate(n=Count("id"))
    )
    facetten = [
        Facet(
            "soort",
            "Soort",
            [
                FacetWaarde(s.slug, s.naam, per_soort.get(s.id, 0), s.slug in gekozen_soorten)
                for s in soorten
            ],
        ),
        Facet(
            "organisatie",
            "Organisatie",
            [
                FacetWaarde(
                    o.slug, o.naam, per_organisatie.get(o.id, 0), o.slug in gekozen_organisaties
                )
                for o in organisaties
            ],
        ),
    ]

    resultaten = live.filter(soort_filter, organisatie_filter).for_cards().order_by("title")
    paginator = Paginator(resultaten, HULPMIDDELEN_PER_PAGINA)
    page_obj = paginator.get_page(params.get("page"))
    querystring = urlencode(
        [("soort", s) for s in gekozen_soorten] + [("organisatie", o) for o in gekozen_organisaties]
    )
    return Filterresultaat(page_obj, facetten, querystring)


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def secties(request, index_page=None):
    """The live, public sections of the site, in tree order, with only what cards show."""
    queryset = SectiePage.objects.live().public().order_by("path")
    if index_page is not None:
        queryset = queryset.child_of(index_page)
    else:
        root = _site_root(request)
        if root is None:
            return []
        queryset = queryset.descendant_of(root)
    return list(queryset)


def sectie_kaarten(index_page, request) -> list[tuple[SectiePage, int]]:
    """Each section with the number of live hulpmiddelen it lists."""
    pages = secties(request, index_page)
    live_ids = set(Hulpmiddel.objects.live().values_list("id", flat=True))
    return [(page, len([i for i in page.hulpmiddel_ids() if i in live_ids])) for page in pages]


def secties_met(hulpmiddel, request) -> list[SectiePage]:
    """The live sections that list this hulpmiddel."""
    return [page for page in secties(request) if hulpmiddel.pk in page.hulpmiddel_ids()]


def hulpmiddelen_index(request):
    """The live hulpmiddelen overview of this site, or None."""
    if request is not None and hasattr(request, "_hulpmiddelen_index"):
        return request._hulpmiddelen_index
    root = _site_root(request)
    index = (
        HulpmiddelenIndexPage.objects.live().descendant_of(root).first()
        if root is not None
        else None
    )
    if request is not None:
        request._hulpmiddelen_index = index
    return index


def artikel_overzicht(index_page: ArtikelIndexPage, request) -> dict:
    """The page of articles for ``?tag=…&page=…``, newest first, and the tags to choose from."""
    artikelen = ArtikelPage.objects.live().public().child_of(index_page)
    tags = list(
        Tag.objects.filter(hulpmiddelen_artikeltag_items__content_object__in=artikelen.values("pk"))
        .annotate(aantal=Count("hulpmiddelen_artikeltag_items", distinct=True))
        .order_by("name")
    )
    gekozen = next((t for t in tags if t.slug == request.GET.get("tag")), None)
    if gekozen is not None:
        artikelen = artikelen.filter(tags__slug=gekozen.slug)
    artikelen = artikelen.order_by("-datum", "-first_published_at", "-pk")
    page_obj = Paginator(artikelen, ARTIKELEN_PER_PAGINA).get_page(request.GET.get("page"))
    return {
        "artikelen": page_obj,
        "tags": tags,
        "gekozen_tag": gekozen,
        "querystring": urlencode({"tag": gekozen.slug}) if gekozen else "",
    }


def laatste_artikelen(request, aantal: int = 3) -> list[ArtikelPage]:
    root = _site_root(request)
    if root is None:
        return []
    return list(
        ArtikelPage.objects.live()
        .public()
        .descendant_of(root)
        .order_by("-datum", "-first_published_at", "-pk")
        .only("title", "url_path", "path", "depth", "datum", "lead", "auteur")[:aantal]
    )


def beschrijf_zoekresultaat(hulpmiddel, request) -> None:
    """The address, kind and summary of a hulpmiddel in the site search's result list."""
    index = hulpmiddelen_index(request)
    hulpmiddel.result_url = index.hulpmiddel_url(hulpmiddel, request) if index else hulpmiddel.href
    hulpmiddel.result_kind = f"Hulpmiddel · {hulpmiddel.soort.naam}"
    hulpmiddel.result_summary = hulpmiddel.beschrijving
