"""The services someone chose on the kaart without JavaScript, carried along in the URL.

With JavaScript the compare choice lives in the tab (sessionStorage) and the bewaarlijst in the
browser (localStorage). Without it, the ids travel as ``vergelijk=`` and ``bewaar=`` parameters:
every link the kaart makes (pages, chips, sort, a dienst page and back) keeps them, so a choice
survives paging. The kaart's search ignores them (they are no filter).
"""

import re
from dataclasses import dataclass, field

from django.http import QueryDict

#: At most four services side by side (the compare page's texts say "vier").
MAX_VERGELIJK = 4
#: A bewaarlijst prints as one A4 page for a client: two columns of four services.
MAX_BEWAAR = 8
DIENST_NUMMER = re.compile(r"[0-9]{1,9}")


def dienst_ids(waarden, maximum: int) -> tuple[list[int], bool]:
    """The service numbers in ``waarden``, in order, without doubles, at most ``maximum``; and
    whether any value was not a number at all."""
    ids, ongeldig = [], False
    for waarde in waarden:
        waarde = waarde.strip()
        if not DIENST_NUMMER.fullmatch(waarde):
            ongeldig = True
            continue
        if int(waarde) not in ids:
            ids.append(int(waarde))
    return ids[:maximum], ongeldig


@dataclass
class Keuze:
    vergelijk: list[int] = field(default_factory=list)
    bewaar: list[int] = field(default_factory=list)

    @classmethod
    def uit(cls, params: QueryDict) -> "Keuze":
        vergelijk, _ = dienst_ids(params.getlist("vergelijk"), MAX_VERGELIJK)
        bewaar, _ = dienst_ids(params.getlist("bewaar"), MAX_BEWAAR)
        return cls(vergelijk, bewaar)

    def __bool__(self) -> bool:
        return bool(self.vergelijk or self.bewaar)

    def paren(self) -> list[tuple[str, str]]:
        return [("vergelijk", str(i)) for i in self.vergelijk] + [
            ("bewaar", str(i)) for i in self.bewaar
        ]

    def erbij(self, query: str) -> str:
        """A query string (no ``?``) with this choice added at the end."""
        params = QueryDict(query, mutable=True)
        for naam, waarde in self.paren():
            params.appendlist(naam, waarde)
        return params.urlencode()

    def query(self) -> str:
        return self.erbij("")

    def met(self, soort: str, pk: int) -> "Keuze":
        """This choice with ``pk`` added to ``soort`` (when it fits), or taken out when in it."""
        ids = getattr(self, soort)
        maximum = MAX_VERGELIJK if soort == "vergelijk" else MAX_BEWAAR
        if pk in ids:
            nieuw = [i for i in ids if i != pk]
        else:
            nieuw = [*ids, pk][:maximum] if len(ids) < maximum else ids
        return Keuze(**{**self.__dict__, soort: nieuw})
