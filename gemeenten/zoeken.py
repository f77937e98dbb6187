"""Finding a gemeente by what someone types: one function, so the kaart's place resolver (a
woonplaats or postcode to its gemeente) can take its place when it exists."""

from __future__ import annotations

import unicodedata

from kaart.models import Gemeente


def _normaal(tekst: str) -> str:
    """Lower case, without accents, punctuation as spaces: "Súdwest-Fryslân" ~ "sudwest fryslan"."""
    zonder = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in zonder.lower()).split())


def zoek_gemeenten(tekst: str, gemeenten: list[Gemeente]) -> list[Gemeente]:
    """The gemeenten whose name matches what was typed: the one gemeente of that exact name,
    or else those whose name starts with it, then those that contain it (at most 20)."""
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
