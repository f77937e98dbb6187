"""Files sent with a submission: checked by what they contain, stored where no web server looks.

A file is accepted only when its extension is on the list *and* its content is that kind of file
(``filetype`` reads the magic bytes; office files are opened as ZIP and must not carry macros; a
PDF is parsed with pypdf and must not carry scripts, actions that start programs or send data,
or embedded files: see :func:`controleer_pdf`). Images are decoded and re-encoded with Pillow,
which drops EXIF and GPS data and anything hidden after the image. Files get a random name in
``settings.INZENDINGEN_BESTANDEN_MAP`` — outside ``MEDIA_ROOT``, with no public URL — and are
served only to moderators by ``inzendingen.views.bijlage_downloaden``.
"""

import io
import os
import uuid
import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Limits in settings (INZENDINGEN_MAX_BESTANDEN, _MAX_BESTAND_MB, _MAX_PIXELS), read at use time.
# Unpacked size and number of members an office file may have (a guard against ZIP bombs).
MAX_UITGEPAKT = 200 * 1024 * 1024
MAX_ZIP_LEDEN = 2000

# extension -> (kind as filetype names it, the content type we serve it with)
TOEGESTAAN = {
    "pdf": ("pdf", "application/pdf"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "jpg": ("jpg", "image/jpeg"),
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
}
TOEGESTAAN_TEKST = "PDF, ODT, DOCX, JPG of PNG"
# A first, cheap look at the raw bytes; it also sees objects outside the cross-reference table,
# which a viewer repairing a damaged file might still find. Names written with #-escapes or
# objects in compressed object streams are found by the parser (controleer_pdf).
_PDF_SCRIPT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")
# Actions that run code, start programs, play media, open other files or send data elsewhere.
# Links (/URI) and jumps inside the document (/GoTo) stay allowed.
PDF_VERBODEN_ACTIES = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/Rendition",
    "/RichMediaExecute",
    "/GoToE",
    "/GoToR",
}
# Link targets a viewer may follow; javascript:, file: (which leaks the Windows login to a share)
# and other schemes are refused.
PDF_LINK_SCHEMAS = ("http://", "https://", "mailto:", "tel:")
# Keys that hold scripts, script trees, embedded files or XFA forms (which carry scripts).
PDF_VERBODEN_SLEUTELS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
# Object types and annotation kinds that embed files or active content.
PDF_VERBODEN_SOORTEN = {"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/Movie", "/Sound"}
# Bounds on the work one file may cause: a long report of 10 MB has some 10,000 objects; checking
# 30,000 takes about 2 seconds of CPU.
PDF_MAX_OBJECTEN = 30_000
PDF_SCRIPT_MELDING = (
    "het bevat programmacode of ingesloten bestanden. Sla het op als gewone PDF "
    "(bijvoorbeeld via Afdrukken naar PDF) en probeer het opnieuw."
)


@deconstructible
class PriveOpslag(FileSystemStorage):
    """File storage in ``INZENDINGEN_BESTANDEN_MAP``, read at use time; files have no URL."""

    def __init__(self):
        super().__init__(directory_permissions_mode=0o700, file_permissions_mode=0o600)

    @property
    def base_location(self):
        return str(settings.INZENDINGEN_BESTANDEN_MAP)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Ingezonden bestanden hebben geen openbaar adres.")


def max_bestanden() -> int:
    return settings.INZENDINGEN_MAX_BESTANDEN


def max_grootte_mb() -> int:
    return settings.INZENDINGEN_MAX_BESTAND_MB


def max_grootte() -> int:
    return max_grootte_mb() * 1024 * 1024


def max_pixels() -> int:
    return settings.INZENDINGEN_MAX_PIXELS


def prive_opslag() -> PriveOpslag:
    return PriveOpslag()


@dataclass
class GecontroleerdBestand:
    """A file that passed every check, ready to be stored."""

    naam: str
    soort: str
    mime: str
    inhoud: bytes

    @property
    def grootte(self) -> int:
        return len(self.inhoud)

    def opslagnaam(self) -> str:
        extensie = "jpg" if self.soort == "jpg" else self.soort
        return f"{uuid.uuid4().hex}.{extensie}"

    def als_bestand(self) -> ContentFile:
        return ContentFile(self.inhoud, name=self.opslagnaam())


def _extensie(naam: str) -> str:
    return os.path.splitext(naam)[1].lower().lstrip(".")


def _leesbare_naam(naam: str) -> str:
    basis = os.path.basename(naam.replace("\\", "/"))
    schoon = get_valid_filename(basis) if basis.strip(" .") else ""
    return (schoon or "bestand")[:150]


def _controleer_zip(inhoud: bytes, soort: str) -> None:
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
        leden = archief.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError("het bestand is beschadigd.") from exc
    if len(leden) > MAX_ZIP_LEDEN or sum(lid.file_size for lid in leden) > MAX_UITGEPAKT:
        raise ValidationError("het bestand is te groot als het wordt uitgepakt.")
    namen = [lid.filename.lower() for lid in leden]
    macro = any(
        naam.endswith("vbaproject.bin") or naam.startswith(("basic/", "scripts/")) for naam in namen
    )
    if macro:
        raise ValidationError(
            "het bestand bevat macro's. Sla het op zonder macro's en probeer het opnieuw."
        )
    if soort == "docx" and "word/document.xml" not in namen:
        raise ValidationError("dit is geen echt Word-bestand (DOCX).")
    if soort == "odt" and "content.xml" not in namen:
        raise ValidationError("dit is geen echt OpenDocument-tekstbestand (ODT).")


def _miljoen(aantal: int) -> str:
    miljoenen = aantal / 1_000_000
    return f"{miljoenen:g} miljoen".replace(".", ",")


def _herschrijf_afbeelding(inhoud: bytes, soort: str) -> bytes:
    """Decode and re-encode: drops metadata and anything appended to the image."""
    try:
        # Image.open reads only the header: the size is known before anything is decoded.
        with Image.open(io.BytesIO(inhoud)) as probe:
            breedte, hoogte = probe.size
            if breedte * hoogte > max_pixels():
                raise ValidationError(
                    f"de foto is te groot ({breedte} × {hoogte} pixels). Maak de foto kleiner en "
                    f"probeer het opnieuw. Een foto mag hooguit {_miljoen(max_pixels())} pixels "
                    "hebben, bijvoorbeeld 4000 × 3000."
                )
            probe.verify()
        with Image.open(io.BytesIO(inhoud)) as beeld:
            beeld.load()
            beeld = ImageOps.exif_transpose(beeld)
            uit = io.BytesIO()
            if soort == "jpg":
                beeld.convert("RGB").save(uit, "JPEG", quality=88, optimize=True)
            else:
                if beeld.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    beeld = beeld.convert("RGBA")
                beeld.save(uit, "PNG", optimize=True)
            return uit.getvalue()
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError("de afbeelding is beschadigd of geen echte afbeelding.") from exc


def _pdf_objecten(reader: PdfReader):
    """Every object of the file, each once: all that the trailer reaches (the catalog, pages,
    annotations, name trees, ...) and every numbered object, also the unreferenced ones and those
    inside compressed object streams (pypdf unpacks those when an object is asked for)."""
    try:
        grootte = int(reader.trailer.get("/Size", 0))
    except (TypeError, ValueError):
        grootte = 0
    if grootte > PDF_MAX_OBJECTEN:
        raise ValidationError("het bestand is te ingewikkeld om te controleren.")
    te_doen = [reader.trailer, *(IndirectObject(nummer, 0, reader) for nummer in range(1, grootte))]
    gezien: set[tuple[int, int]] = set()
    bekeken = 0
    while te_doen:
        obj = te_doen.pop()
        if isinstance(obj, IndirectObject):
            sleutel = (obj.idnum, obj.generation)
            if sleutel in gezien:
                continue
            gezien.add(sleutel)
            obj = obj.get_object()
        if not isinstance(obj, DictionaryObject | ArrayObject):
            continue
        bekeken += 1  # dictionaries and arrays, also those written inside another object
        if bekeken > 10 * PDF_MAX_OBJECTEN:
            raise ValidationError("het bestand is te ingewikkeld om te controleren.")
        if isinstance(obj, DictionaryObject):  # also a stream's dictionary
            yield obj
            te_doen.extend(obj.values())
        else:
            te_doen.extend(obj)


def controleer_pdf(inhoud: bytes) -> None:
    """Refuse a PDF with scripts, dangerous actions (also as OpenAction or AA) or embedded files.

    The file is parsed, so names written with #-escapes (``/J#61vaScript``) and objects packed
    in compressed object streams are seen as a viewer sees them. Encrypted files are refused:
    their contents cannot be checked (and a moderator could not read them either).
    """
    if any(teken in inhoud for teken in _PDF_SCRIPT):
        raise ValidationError(PDF_SCRIPT_MELDING)
    try:
        reader = PdfReader(io.BytesIO(inhoud))
        if reader.is_encrypted:
            raise ValidationError(
                "het is beveiligd met een wachtwoord. Sla het op zonder beveiliging en probeer "
                "het opnieuw."
            )
        for obj in _pdf_objecten(reader):
            soorten = {str(obj.get("/Type", "")), str(obj.get("/Subtype", ""))}
            actie = str(obj.get("/S", ""))
            link = str(obj.get("/URI", "")).strip().lower() if actie == "/URI" else "https://"
            if (
                actie in PDF_VERBODEN_ACTIES
                or not link.startswith(PDF_LINK_SCHEMAS)
                or PDF_VERBODEN_SLEUTELS.intersection(obj.keys())
                or PDF_VERBODEN_SOORTEN & soorten
            ):
                raise ValidationError(PDF_SCRIPT_MELDING)
    except ValidationError:
        raise
    except (PyPdfError, OSError, ValueError, TypeError, KeyError, IndexError, AttributeError,
            RecursionError, zlib.error) as exc:  # fmt: skip
        raise ValidationError("het bestand is beschadigd of geen echte PDF.") from exc


def controleer_bestand(upload) -> GecontroleerdBestand:
    """Check one uploaded file by name, size and content; raise ``ValidationError`` in Dutch."""
    naam = _leesbare_naam(upload.name or "")
    extensie = _extensie(upload.name or "")
    if extensie not in TOEGESTAAN:
        raise ValidationError(
            "%(naam)s: dit soort bestand kunnen wij niet aannemen. Stuur een "
            + TOEGESTAAN_TEKST
            + ".",
            params={"naam": naam},
        )
    te_groot = ValidationError(
        "%(naam)s is groter dan %(mb)s MB. Maak het bestand kleiner of stuur een link.",
        params={"naam": naam, "mb": max_grootte_mb()},
    )
    if upload.size > max_grootte():
        raise te_groot
    upload.seek(0)
    inhoud = upload.read(max_grootte() + 1)
    if len(inhoud) > max_grootte():
        raise te_groot
    soort, mime = TOEGESTAAN[extensie]
    gevonden = filetype.guess(inhoud[:8192])
    if gevonden is None or gevonden.extension != soort:
        raise ValidationError(
            "%(naam)s is geen echt %(soort)s-bestand. Kies het juiste bestand.",
            params={"naam": naam, "soort": extensie.upper()},
        )
    try:
        if soort in ("docx", "odt"):
            _controleer_zip(inhoud, soort)
        elif soort == "pdf":
            controleer_pdf(inhoud)
        else:
            inhoud = _herschrijf_afbeelding(inhoud, soort)
    except ValidationError as exc:
        raise ValidationError(f"{naam}: {exc.messages[0]}") from exc
    return GecontroleerdBestand(naam=naam, soort=soort, mime=mime, inhoud=inhoud)


def controleer_bestanden(uploads) -> list[GecontroleerdBestand]:
    """Check a list of uploads (at most ``max_bestanden()``); collect every file's error."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > max_bestanden():
        raise ValidationError(f"U kunt hooguit {max_bestanden()} bestanden meesturen.")
    goed, fouten = [], []
    for upload in uploads:
        try:
            goed.append(controleer_bestand(upload))
        except ValidationError as exc:
            fouten.extend(exc.messages)
    if fouten:
        raise ValidationError(fouten)
    return goed
