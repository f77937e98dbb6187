"""Large uploads cost nothing before a limit applies: photo dimensions are read from the header,
the rate limit is checked before any file, and the body limit is one number for proxy and app.

The first test is also the measurement of issue #11 (CPU time and peak memory of a voorbeeld
request with three 6000 × 6000 PNGs); run it with ``-s`` to see the figures:

    .venv/bin/pytest tests/inzendingen/test_grote_bestanden.py -q -s -k zes_duizend
"""

import io
import re
import resource
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inzendingen import uploads
from inzendingen.models import Bijlage, Inzending

from .conftest import voorbeeld_data

pytestmark = pytest.mark.django_db


def grote_png(breedte: int, hoogte: int) -> bytes:
    """A one-colour PNG, written row by row: small on disk, huge once decoded."""

    def blok(soort: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + soort
            + data
            + struct.pack(">I", zlib.crc32(soort + data))
        )

    pakker = zlib.compressobj(9)
    rij = b"\x00" + b"\x80" * (3 * breedte)
    idat = b"".join(pakker.compress(rij) for _ in range(hoogte)) + pakker.flush()
    kop = struct.pack(">IIBBBBB", breedte, hoogte, 8, 2, 0, 0, 0)  # 8 bit RGB
    return b"\x89PNG\r\n\x1a\n" + blok(b"IHDR", kop) + blok(b"IDAT", idat) + blok(b"IEND", b"")


def _meet(functie):
    """(result, CPU seconds, growth of the peak resident memory in MB) of one call."""
    piek_voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_voor = time.process_time()
    resultaat = functie()
    cpu = time.process_time() - cpu_voor
    groei = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - piek_voor) / 1024
    return resultaat, cpu, groei


def _png_bestanden():
    inhoud = grote_png(6000, 6000)
    return [SimpleUploadedFile(f"foto{n}.png", inhoud, content_type="image/png") for n in range(3)]


def test_zes_duizend_bij_zes_duizend_pixels_wordt_geweigerd_zonder_te_decoderen(client, index):
    bestanden = _png_bestanden()
    assert len(bestanden[0].read()) < 200 * 1024
    bestanden[0].seek(0)
    response, cpu, geheugen = _meet(
        lambda: client.post(
            reverse("inzendingen:voorbeeld"), {**voorbeeld_data(), "bestanden": bestanden}
        )
    )
    print(f"\n3 × PNG 6000 × 6000: CPU {cpu:.2f} s, piekgeheugen +{geheugen:.0f} MB")
    assert response.status_code == 200
    html = response.content.decode()
    for n in range(3):
        assert f"foto{n}.png: de foto is te groot (6000 × 6000 pixels)" in html
    assert "hooguit 16 miljoen pixels" in html
    assert not Inzending.objects.exists()
    assert cpu < 2.0
    assert geheugen < 150


def test_de_grens_komt_uit_de_instelling(settings):
    settings.INZENDINGEN_MAX_PIXELS = 1_500_000
    foto = SimpleUploadedFile("foto.png", grote_png(1500, 1001), content_type="image/png")
    with pytest.raises(ValidationError, match="hooguit 1,5 miljoen pixels"):
        uploads.controleer_bestand(foto)
    settings.INZENDINGEN_MAX_PIXELS = 1_501_500
    assert uploads.controleer_bestand(foto).soort == "png"


def test_limiet_gaat_voor_de_controle_van_de_bestanden(client, index, settings, monkeypatch):
    from django.test import RequestFactory

    from inzendingen import spam

    settings.INZENDINGEN_MAX_PER_IP_PER_UUR = 1
    # This client (127.0.0.1, as the test client) has sent its one submission of the hour.
    assert spam.tel_en_controleer(RequestFactory().post("/")) == 0

    def niet_controleren(bestanden):
        raise AssertionError("files were checked for a client over its limit")

    monkeypatch.setattr(uploads, "controleer_bestanden", niet_controleren)
    response = client.post(
        reverse("inzendingen:voorbeeld"), {**voorbeeld_data(), "bestanden": _png_bestanden()}
    )
    assert response.status_code == 429
    assert response["Retry-After"]


def _docx_van(megabytes: float) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archief:
        for naam in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
            archief.writestr(naam, "<x/>")
        archief.writestr("word/media/foto.bin", b"\x01" * int(megabytes * 1024 * 1024 - 2048))
    return buffer.getvalue()


def test_drie_bestanden_van_tien_mb_passen_en_een_groter_verzoek_niet(
    client, index, django_capture_on_commit_callbacks
):
    inhoud = _docx_van(10)
    assert len(inhoud) <= 10 * 1024 * 1024
    bestanden = [SimpleUploadedFile(f"deel{n}.docx", inhoud) for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("inzendingen:voorbeeld"), {**voorbeeld_data(), "bestanden": bestanden}
        )
    assert response.status_code == 302
    assert Bijlage.objects.count() == 3

    te_groot = (django_settings.MAX_REQUEST_BODY_MB * 1024 * 1024) + 1
    response = client.post(
        reverse("inzendingen:voorbeeld"),
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(te_groot),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert f"hooguit {django_settings.MAX_REQUEST_BODY_MB} MB" in html
    assert Inzending.objects.count() == 1


def test_proxy_limiet_in_de_documentatie_is_die_van_de_site():
    assert django_settings.MAX_REQUEST_BODY_MB >= 3 * django_settings.INZENDINGEN_MAX_BESTAND_MB
    deploy = (Path(django_settings.BASE_DIR) / "docs" / "deploy.md").read_text()
    limieten = re.findall(r"client_max_body_size\s+(\d+)m;", deploy)
    assert limieten == [str(django_settings.MAX_REQUEST_BODY_MB)]
