"""PDFs built in code for the upload checks: good ones with pypdf, hostile ones byte by byte.

``pdf(objecten, in_stroom)`` writes a PDF 1.7 file with a cross-reference stream; the objects
whose numbers are in ``in_stroom`` go into one compressed object stream, as modern writers do.
Object 1 is the catalog.
"""

import io
import zlib

from pypdf import PdfWriter
from pypdf.annotations import Link

PAGINA = {
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
}


def pdf(objecten: dict[int, bytes], in_stroom=()) -> bytes:
    uit = io.BytesIO()
    uit.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    stroom = [n for n in sorted(objecten) if n in in_stroom]
    for n in sorted(objecten):
        if n not in in_stroom:
            offsets[n] = uit.tell()
            uit.write(b"%d 0 obj\n%s\nendobj\n" % (n, objecten[n]))
    stroom_nummer = max(objecten) + 1
    xref_nummer = stroom_nummer + 1
    if stroom:
        kop, lijf = [], b""
        for n in stroom:
            kop.append(b"%d %d" % (n, len(lijf)))
            lijf += objecten[n] + b"\n"
        kop_bytes = b" ".join(kop) + b"\n"
        data = zlib.compress(kop_bytes + lijf)
        offsets[stroom_nummer] = uit.tell()
        uit.write(
            b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
            b"stream\n%s\nendstream\nendobj\n"
            % (stroom_nummer, len(stroom), len(kop_bytes), len(data), data)
        )
    offsets[xref_nummer] = uit.tell()
    rijen = b""
    for n in range(xref_nummer + 1):
        if n in offsets:
            rijen += b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00"
        elif n in stroom:
            rijen += b"\x02" + stroom_nummer.to_bytes(4, "big") + stroom.index(n).to_bytes(2, "big")
        else:
            rijen += b"\x00" + b"\x00" * 4 + (b"\xff\xff" if n == 0 else b"\x00\x00")
    data = zlib.compress(rijen)
    uit.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
        % (xref_nummer, xref_nummer + 1, len(data), data, offsets[xref_nummer])
    )
    return uit.getvalue()


def met_catalogus(catalogus: bytes, extra: dict[int, bytes] | None = None, in_stroom=()) -> bytes:
    """One page; ``catalogus`` goes inside the catalog's dictionary."""
    return pdf(
        {1: b"<< /Type /Catalog /Pages 2 0 R " + catalogus + b" >>", **PAGINA, **(extra or {})},
        in_stroom,
    )


def pypdf_met(bewerk=None) -> bytes:
    """A one-page PDF as pypdf writes it, after ``bewerk(writer)``."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Plan van aanpak"})
    if bewerk is not None:
        bewerk(writer)
    uit = io.BytesIO()
    writer.write(uit)
    return uit.getvalue()


def gewone_pdf() -> bytes:
    """A plain PDF with a web link, as an office program writes it."""
    return pypdf_met(
        lambda writer: writer.add_annotation(
            0, Link(rect=(10, 10, 100, 30), url="https://www.example.org/")
        )
    )


def met_bijlage(writer: PdfWriter) -> None:
    writer.add_attachment("factuur.exe", b"MZ\x90\x00")


def versleuteld(writer: PdfWriter) -> None:
    writer.encrypt(user_password="", owner_password="geheim", algorithm="RC4-128")
