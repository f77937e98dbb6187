"""Cells that a spreadsheet would run as a formula, for every CSV and XLSX export of the site.

OWASP's advice for CSV injection: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading apostrophe, so Excel and LibreOffice show it as text. A cell
that already starts with apostrophes before such a character gets one more, so that
:func:`unescape_formula` (used by the kaart's CSV import) gives back exactly what was exported:
export → import round-trips for every text, and ``'s-Hertogenbosch`` stays as it is.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_escaped(value: str) -> bool:
    return value.lstrip("'").startswith(FORMULA_STARTS)


def escape_formula(value):
    """``value`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and _looks_escaped(value):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    """The text :func:`escape_formula` was given: the apostrophe it added taken off again."""
    if value.startswith("'") and _looks_escaped(value):
        return value[1:]
    return value
