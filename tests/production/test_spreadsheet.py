"""One function escapes spreadsheet formulas for every export; the kaart's import undoes it."""

from hypothesis import given
from hypothesis import strategies as st

from portal.spreadsheet import FORMULA_STARTS, escape_formula, unescape_formula

tekst = st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "a", " ", "1"]))


@given(tekst | st.text())
def test_escaped_cell_is_never_a_formula_and_comes_back_unchanged(waarde):
    escaped = escape_formula(waarde)
    assert not escaped.startswith(FORMULA_STARTS)
    assert unescape_formula(escaped) == waarde


def test_owasp_examples():
    assert (
        escape_formula('=HYPERLINK("http://evil.example/")')
        == '\'=HYPERLINK("http://evil.example/")'
    )
    assert escape_formula("@SUM(A1)") == "'@SUM(A1)"
    assert escape_formula("\t=1") == "'\t=1"
    assert escape_formula("'s-Hertogenbosch") == "'s-Hertogenbosch"
    assert escape_formula(12) == 12 and escape_formula(None) is None


def test_every_export_uses_the_one_function():
    from inzendingen import viewsets as inzendingen_viewsets
    from kaart import csv_io
    from nieuwsbrief import viewsets as nieuwsbrief_viewsets

    for module in (inzendingen_viewsets, nieuwsbrief_viewsets, csv_io):
        assert module.escape_formula is escape_formula
