"""Uploads: checked by content, stored privately, images re-encoded, downloads for moderators only;
and exports that a spreadsheet cannot run."""

import csv
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.utils.file import hash_filelike

from inzendingen.factories import InzendingFactory
from inzendingen.models import Bijlage, Inzending

from . import pdfs
from .conftest import voorbeeld_data

pytestmark = pytest.mark.django_db

PDF = pdfs.gewone_pdf()


def _docx(*extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for naam in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", *extra):
            archief.writestr(naam, "<x/>")
    return buffer.getvalue()


def _jpeg_met_gps() -> bytes:
    beeld = Image.new("RGB", (40, 30), (200, 120, 50))
    exif = Image.Exif()
    exif[0x010F] = "Camera van Petra"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS info
    uit = io.BytesIO()
    beeld.save(uit, "JPEG", exif=exif)
    return uit.getvalue()


def _bestand(naam, inhoud, soort="application/octet-stream"):
    return SimpleUploadedFile(naam, inhoud, content_type=soort)


def _stuur(client, django_capture_on_commit_callbacks, *bestanden):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("inzendingen:voorbeeld"), {**voorbeeld_data(), "bestanden": list(bestanden)}
        )


def test_goede_bestanden_worden_prive_opgeslagen_en_foto_opnieuw_gemaakt(
    client, index, settings, django_capture_on_commit_callbacks
):
    response = _stuur(
        client,
        django_capture_on_commit_callbacks,
        _bestand("Plan van aanpak.pdf", PDF),
        _bestand("verslag.docx", _docx()),
        _bestand("foto.jpg", _jpeg_met_gps(), "image/jpeg"),
    )
    assert response.status_code == 302
    pdf, docx, foto = Bijlage.objects.order_by("pk")
    assert (pdf.naam, pdf.soort, pdf.mime) == ("Plan_van_aanpak.pdf", "pdf", "application/pdf")
    assert docx.soort == "docx" and foto.soort == "jpg"
    for bijlage in (pdf, docx, foto):
        pad = bijlage.bestand.path
        assert pad.startswith(str(settings.INZENDINGEN_BESTANDEN_MAP))
        assert not pad.startswith(str(settings.MEDIA_ROOT))
        assert bijlage.naam not in pad  # a random name on disk
        with pytest.raises(ValueError):
            bijlage.bestand.url
    with Image.open(foto.bestand.path) as beeld:
        assert beeld.size == (40, 30)
        assert not beeld.getexif()  # camera and GPS data are gone


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("folder.pdf", b"<html><script>alert(1)</script></html>", "is geen echt PDF-bestand"),
        ("foto.png", PDF, "is geen echt PNG-bestand"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "dit soort bestand"),
        ("pagina.html", b"<html></html>", "dit soort bestand"),
        ("macro.docx", _docx("word/vbaProject.bin"), "bevat macro"),
        (
            "script.pdf",
            pdfs.met_catalogus(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),
            "programmacode",
        ),
        ("groot.pdf", PDF + b"0" * (11 * 1024 * 1024), "groter dan 10 MB"),
    ],
)
def test_verkeerde_bestanden_worden_geweigerd(client, index, naam, inhoud, melding):
    response = client.post(
        reverse("inzendingen:voorbeeld"),
        {**voorbeeld_data(), "bestanden": [_bestand(naam, inhoud)]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html
    assert 'href="#id_bestanden"' in html
    assert "Kies uw bestanden opnieuw" in html
    assert not Inzending.objects.exists() and not Bijlage.objects.exists()


def test_hooguit_drie_bestanden(client, index):
    bestanden = [_bestand(f"plan{n}.pdf", PDF) for n in range(4)]
    response = client.post(
        reverse("inzendingen:voorbeeld"), {**voorbeeld_data(), "bestanden": bestanden}
    )
    assert "U kunt hooguit 3 bestanden meesturen." in response.content.decode()
    assert not Inzending.objects.exists()


@pytest.fixture
def bijlage(index, client, django_capture_on_commit_callbacks):
    _stuur(client, django_capture_on_commit_callbacks, _bestand("plan.pdf", PDF))
    return Bijlage.objects.get()


def test_anoniem_kan_een_bijlage_niet_downloaden(client, bijlage):
    url = reverse("wagtailsnippets_inzendingen_inzending:bijlage", args=[bijlage.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_beheerder_zonder_moderatierecht_krijgt_geen_bijlage(
    client, bijlage, redacteur_zonder_rechten
):
    client.force_login(redacteur_zonder_rechten)
    url = reverse("wagtailsnippets_inzendingen_inzending:bijlage", args=[bijlage.pk])
    response = client.get(url)
    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert "Content-Disposition" not in response


def test_moderator_downloadt_een_bijlage_met_veilige_headers(client, bijlage, moderator):
    client.force_login(moderator)
    response = client.get(
        reverse("wagtailsnippets_inzendingen_inzending:bijlage", args=[bijlage.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "no-store" in response["Cache-Control"]


def test_goedgekeurd_voorbeeld_krijgt_de_bestanden_als_documenten(
    client, bijlage, moderator, django_capture_on_commit_callbacks
):
    inzending = bijlage.inzending
    taak = inzending.workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        taak.task.specific.on_action(taak, moderator, "approve", comment="")
    bijlage.refresh_from_db()
    pagina = inzending.voorbeeld.specific
    pagina.refresh_from_db()
    assert pagina.live and bijlage.document is not None
    assert [d.document_id for d in pagina.documenten.all()] == [bijlage.document_id]
    assert bijlage.document.collection.name == "Voorbeelden van gemeenten"
    # size and hash as Wagtail's own upload records them (its duplicate check uses the hash)
    document = bijlage.document
    assert document.file_size == len(PDF)
    with document.open_file() as f:
        assert document.file_hash == hash_filelike(f) == hashlib.sha1(PDF).hexdigest()
    html = client.get(pagina.url).content.decode()
    assert bijlage.document.url in html
    response = client.get(bijlage.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("naam", ["folder.pdf", "lijst.txt", "verslag.docx"])
def test_documenten_zijn_altijd_een_download_in_een_zandbak(client, naam):
    from django.conf import settings as django_settings
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title="Folder")
    document.file.save(naam, ContentFile(PDF), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Also with a storage that has its own URLs (S3): never a redirect around these headers.
    assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_export_zet_formules_om_in_tekst(client, moderator):
    InzendingFactory(
        onderwerp='=HYPERLINK("https://evil.example","klik")',
        naam="@SUM(1+1)",
        telefoon="+31 6 12345678",
        toelichting="-2+3",
        organisatie="\tTab",
    )
    client.force_login(moderator)
    response = client.get(reverse("wagtailsnippets_inzendingen_inzending:list"), {"export": "csv"})
    assert response.status_code == 200
    rijen = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    (rij,) = rijen
    waarden = set(rij.values())
    assert '\'=HYPERLINK("https://evil.example","klik")' in waarden
    assert "'@SUM(1+1)" in waarden
    assert "'+31 6 12345678" in waarden
    assert "'-2+3" in waarden
    assert "'\tTab" in waarden
    assert not any(w.startswith(("=", "+", "-", "@", "\t", "\r")) for w in waarden)


def test_export_xlsx_zet_formules_ook_om(client, moderator):
    from openpyxl import load_workbook

    InzendingFactory(onderwerp="=1+1")
    client.force_login(moderator)
    response = client.get(reverse("wagtailsnippets_inzendingen_inzending:list"), {"export": "xlsx"})
    blad = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    waarden = [cel.value for rij in blad.iter_rows(min_row=2) for cel in rij]
    assert "'=1+1" in waarden
