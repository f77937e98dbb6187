"""Finding a gemeente by what someone types: a gemeente's name (official or common), a
woonplaats, a district or a postcode, through the kaart's place resolver (:mod:`kaart.plaatsen`);
what it does not know is looked for in the gemeenten's names."""

from __future__ import annotations

import unicodedata

from kaart import plaatsen
from kaart.models import Gemeente


def _normaal(tekst: str) -> str:
    """Lower case, without accents, punctuation as spaces: "Súdwest-Fryslân" ~ "sudwest fryslan"."""
    zonder = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in zonder.lower()).split())


def zoek_gemeenten(tekst: str, gemeenten: list[Gemeente]) -> list[Gemeente]:
    """The gemeente of the place that was typed ("Bussum", "3511 AB", "Den Bosch"); the
    gemeenten a name in several gemeenten may mean ("Hengelo"); or else the gemeenten whose name
    starts with it, then those that contain it (at most 20)."""
    per_code = {g.code: g for g in gemeenten}
    try:
        gevonden = plaatsen.los_op(tekst)
    except plaatsen.PlaatsOnbekend:
        gevonden = None
    if isinstance(gevonden, plaatsen.Locatie) and gevonden.gemeente in per_code:
        return [per_code[gevonden.gemeente]]
    if isinstance(gevonden, plaatsen.Keuzes):
        keuzes = [per_code[k.gemeente] for k in gevonden.keuzes if k.gemeente in per_code]
        if keuzes:
            return keuzes
    gezocht = _normaal(tekst)
    if not gezocht:
        return []
    precies, begin, bevat = [], [], []
    for gemeente in gemeenten:
        naam = _normaal(gemeente.naam)
        if naam == gezocht:
            precies.append(gemeente)
        elif naam.startswith(gezocht):
            begin.append(gemeente)
        elif gezocht in naam:
            bevat.append(gemeente)
    return precies if len(precies) == 1 else (precies + begin + bevat)[:20]
