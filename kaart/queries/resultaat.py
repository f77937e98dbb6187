"""What a kaart search answers: a page of services, the total and every facet's values.

Both ways of answering (:mod:`kaart.queries.database`, :mod:`kaart.queries.engine`) build the same
:class:`KaartResultaat`, and list a facet's values with the one :func:`facet_waarden`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Dienst
from .kenmerken import laad_diensten
from .zoekvraag import FACET_LABELS, FACETS, Zoekvraag


@dataclass
class FacetWaarde:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ActiefFilter:
    """One chosen filter, as a removable chip: its parameter, value, words and removal link."""

    parameter: str
    value: str
    label: str
    facet_label: str
    remove_query: str


@dataclass
class KaartResultaat:
    zoekvraag: Zoekvraag
    count: int
    page: int
    page_size: int
    num_pages: int
    ids: list[int]  # the page's services, in order (the engine's may include one unpublished since)
    facets: dict[str, list[FacetWaarde]]
    backend: str
    degraded: bool = False
    geladen: list[Dienst] | None = field(default=None, repr=False)

    @property
    def diensten(self) -> list[Dienst]:
        """The page's live services with their characteristics, read on first use (the API
        often needs none: its cards are kept, :func:`kaart.api.kaarten`)."""
        if self.geladen is None:
            self.geladen = laad_diensten(self.ids, self.zoekvraag.termen)
        return self.geladen

    @property
    def actieve_filters(self) -> list[ActiefFilter]:
        zv = self.zoekvraag
        chips = []
        for facet in FACETS:
            for value in zv.selected(facet):
                chips.append(
                    ActiefFilter(
                        facet,
                        value,
                        zv.label(facet, value),
                        FACET_LABELS[facet],
                        zv.without_value(facet, value),
                    )
                )
        if zv.locatie is not None:
            plek = zv.locatie
            label = plek.naam
            if plek.naam != plek.gemeente_naam:
                label = f"{plek.naam} (gemeente {plek.gemeente_naam})"
            chips.append(
                ActiefFilter(
                    "plaats", plek.invoer, label, "Waar u woont", zv.without_value("plaats")
                )
            )
        elif zv.gemeente is not None:
            chips.append(
                ActiefFilter(
                    "gemeente",
                    zv.gemeente.code,
                    zv.gemeente.naam,
                    "Gemeente",
                    zv.without_value("gemeente"),
                )
            )
        if zv.afstand is not None:
            chips.append(
                ActiefFilter(
                    "afstand",
                    str(zv.afstand),
                    f"Tot {zv.afstand} km",
                    "Afstand",
                    zv.without_value("afstand"),
                )
            )
        if zv.leeftijd is not None:
            chips.append(
                ActiefFilter(
                    "leeftijd",
                    str(zv.leeftijd),
                    f"{zv.leeftijd} jaar",
                    "Leeftijd",
                    zv.without_value("leeftijd"),
                )
            )
        return chips


def facet_waarden(zoekvraag: Zoekvraag, facet: str, counts: dict[str, int]) -> list[FacetWaarde]:
    """Every value with a count, and every selected value, in display order."""
    selected = set(zoekvraag.selected(facet))
    return [
        FacetWaarde(slug, zoekvraag.label(facet, slug), counts.get(slug, 0), slug in selected)
        for slug in zoekvraag.waarden(facet)
        if counts.get(slug, 0) > 0 or slug in selected
    ]
