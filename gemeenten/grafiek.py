"""The figures as a horizontal bar chart, drawn on the server as SVG (no script, no other host).

The chart is a picture of the table beside it: the table is the accessible source; the SVG has
``role="img"`` with a title and a description that say so. Each bar carries its own number as
text, so no colour has to be told apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .cijfers import Vergelijking

BREEDTE = 640
LABEL_BREEDTE = 230
GETAL_RUIMTE = 64
BALK_HOOGTE = 18
BALK_AFSTAND = 4
GROEP_KOP = 24
GROEP_AFSTAND = 16


@dataclass
class Balk:
    naam: str
    waarde: Decimal
    soort: str  # gemeente, provincie, nederland: the CSS class
    y: int
    breedte: float
    tekst_x: float

    @property
    def tekst_y(self) -> int:
        return self.y + 13


@dataclass
class Groep:
    label: str
    y: int
    balken: list[Balk]

    @property
    def kop_y(self) -> int:
        return self.y + 17


@dataclass
class Grafiek:
    hoogte: int
    breedte: int
    x0: int
    groepen: list[Groep]
    schaal: list[tuple[float, int]]  # (x, percentage) for the grid lines

    @property
    def label_x(self) -> int:
        return self.x0 - 8


def grafiek(vergelijkingen: list[Vergelijking], gemeente: str, provincie: str) -> Grafiek:
    """The chart's geometry: per measure the gemeente, its province and the Netherlands."""
    hoogste = max(max(v.waarde, v.provincie, v.nederland) for v in vergelijkingen)
    maximum = max(10, math.ceil(float(hoogste) / 10) * 10)
    ruimte = BREEDTE - LABEL_BREEDTE - GETAL_RUIMTE

    def x(waarde) -> float:
        return round(float(waarde) / maximum * ruimte, 1)

    groepen, y = [], 0
    for v in vergelijkingen:
        balken = []
        by = y + GROEP_KOP
        for naam, waarde, soort in (
            (gemeente, v.waarde, "gemeente"),
            (f"Provincie {provincie}" if provincie else "Provincie", v.provincie, "provincie"),
            ("Nederland", v.nederland, "nederland"),
        ):
            breedte = x(waarde)
            balken.append(Balk(naam, waarde, soort, by, breedte, LABEL_BREEDTE + breedte + 6))
            by += BALK_HOOGTE + BALK_AFSTAND
        groepen.append(Groep(v.label, y, balken))
        y = by + GROEP_AFSTAND
    schaal = [(LABEL_BREEDTE + x(p), p) for p in range(0, maximum + 1, 10)]
    return Grafiek(y, BREEDTE, LABEL_BREEDTE, groepen, schaal)
