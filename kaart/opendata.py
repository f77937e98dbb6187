"""The kaart as open data: a nightly dump of every live service at stable addresses.

``schrijf_dump()`` (the management command ``opendata_bijwerken`` and the Celery beat task
``kaart.opendata_bijwerken``) writes, in one new folder:

* ``diensten.csv`` — the kaart's own CSV (the import format, :mod:`kaart.csv_io`);
* ``hsds-services.json`` — every service in full HSDS 3.0 shape (``service_with_definitions``),
  with ``hsds-organizations.json``, ``hsds-taxonomies.json`` and ``hsds-taxonomy-terms.json``;
* ``datapackage.json`` — a Frictionless Data Package describing the files: the CSV's columns
  and types, each file's size and hash, the licence and the sources.

Readers never see half a dump: the files are written in a folder of their own, and the link
``actueel`` is then moved onto it in one step (``os.replace`` of a symlink is atomic on POSIX);
the previous dump stays until the next one, so a download that started still finishes. The
views of :mod:`kaart.opendata_views` serve ``actueel`` at ``/open-data/<bestand>``.

The data's licence is CC BY 4.0: the gemeenten (codes and names) come from CBS, published
under CC BY 4.0, and the places that services will get (``plaats``) from CBS and GeoNames under
the same licence, which asks for attribution; CC0 would give away a right that is not ours to
give.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import hsds
from .csv_io import PUBLIEKE_KOLOMMEN, export_queryset, schrijf_csv
from .hsds_api import aanbieders
from .models import LEEFTIJD_MAX, VOCABULAIRES, Term

ACTUEEL = "actueel"
BEWAAR_VERSIES = 2  # the current dump and the one before it
LICENTIE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.nl",
    "title": "Creative Commons Naamsvermelding 4.0 Internationaal",
}
NAAMSVERMELDING = "Bron: Sociale kaart aanpak eenzaamheid; gemeenten: CBS (CC BY 4.0)."
BRONNEN = [
    {"title": "De redactie en de aanbieders van de Sociale kaart aanpak eenzaamheid"},
    {
        "title": "CBS, Gemeentelijke indeling op 1 januari 2026 (CC BY 4.0)",
        "path": "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/"
        "gemeentelijke-indelingen-per-jaar",
    },
]

#: The files of a dump: name → (media type, what it holds).
BESTANDEN = {
    "diensten.csv": ("text/csv", "Alle gepubliceerde diensten in het CSV-formaat van de kaart."),
    "hsds-services.json": (
        "application/json",
        "Alle gepubliceerde diensten als HSDS 3.0-services (service_with_definitions).",
    ),
    "hsds-organizations.json": ("application/json", "De aanbieders als HSDS 3.0-organizations."),
    "hsds-taxonomies.json": ("application/json", "De lijsten van kenmerken als taxonomies."),
    "hsds-taxonomy-terms.json": (
        "application/json",
        "De kenmerken (doelgroep, thema, ...) als HSDS 3.0-taxonomy terms.",
    ),
    "datapackage.json": ("application/json", "De beschrijving van dit pakket (Frictionless)."),
}

_BOOLEAANS = {"type": "boolean", "trueValues": ["ja"], "falseValues": ["nee"]}
_LEEFTIJD = {"type": "integer", "constraints": {"minimum": 0, "maximum": LEEFTIJD_MAX}}
#: The CSV's columns that are no plain text, as Table Schema fields.
_VELDTYPES = {
    "extern_id": {"type": "string", "constraints": {"required": True, "unique": True}},
    "naam": {"type": "string", "constraints": {"required": True}},
    "samenvatting": {"type": "string", "constraints": {"required": True}},
    "leeftijd_min": _LEEFTIJD,
    "leeftijd_max": _LEEFTIJD,
    "indicatie_nodig": _BOOLEAANS,
    "verwijzing_nodig": _BOOLEAANS,
    "inkomensgrens": _BOOLEAANS,
    "landelijk": _BOOLEAANS,
    "kosten_bedrag": {"type": "number", "constraints": {"minimum": 0}},
    "laatst_gecontroleerd": {"type": "date"},
}


@dataclass
class Dump:
    map: Path
    aantal: int
    bytes: int
    seconden: float


def opendata_map() -> Path:
    return Path(settings.OPENDATA_MAP)


def actuele_map() -> Path | None:
    """The folder of the current dump, or None before the first one."""
    link = opendata_map() / ACTUEEL
    return link.resolve() if link.exists() else None


def _schrijf_json(path: Path, data) -> None:
    """Compact JSON, one item of a list per line (a third smaller than indented)."""
    with path.open("w", encoding="utf-8") as handle:
        if not isinstance(data, list):
            json.dump(data, handle, ensure_ascii=False, indent=1)
        else:
            handle.write("[\n")
            for number, item in enumerate(data):
                handle.write("," if number else "")
                json.dump(item, handle, ensure_ascii=False, separators=(",", ":"))
                handle.write("\n")
            handle.write("]")
        handle.write("\n")


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"sha256:{digest.hexdigest()}"


def _csv_schema() -> dict:
    return {
        "fields": [
            {"name": kolom, **_VELDTYPES.get(kolom, {"type": "string"})}
            for kolom in PUBLIEKE_KOLOMMEN
        ],
        "missingValues": [""],
        "primaryKey": ["extern_id"],
    }


def datapackage(map: Path, gemaakt) -> dict:
    """The Frictionless Data Package of the files in ``map``."""
    resources = []
    for naam, (mediatype, beschrijving) in BESTANDEN.items():
        if naam == "datapackage.json":
            continue
        path = map / naam
        resource = {
            "name": naam.rsplit(".", 1)[0],
            "path": naam,
            "description": beschrijving,
            "format": naam.rsplit(".", 1)[1],
            "mediatype": mediatype,
            "encoding": "utf-8",
            "bytes": path.stat().st_size,
            "hash": _hash(path),
            "licenses": [LICENTIE],
        }
        if naam.endswith(".csv"):
            resource.update(
                profile="tabular-data-resource",
                dialect={"delimiter": ",", "quoteChar": '"', "header": True},
                schema=_csv_schema(),
            )
        else:
            resource["profile"] = "data-resource"
        resources.append(resource)
    return {
        "profile": "data-package",
        "name": "sociale-kaart-aanpak-eenzaamheid",
        "id": str(uuid.uuid5(hsds.NAMESPACE, "opendata")),
        "title": "Sociale kaart aanpak eenzaamheid",
        "description": "Alle gepubliceerde diensten tegen eenzaamheid uit de sociale kaart, "
        "elke nacht bijgewerkt: als CSV in het formaat van de kaart en als Open Referral "
        f"HSDS 3.0. {NAAMSVERMELDING}",
        "homepage": f"{settings.SITE_URL}/open-data/",
        "version": gemaakt.strftime("%Y.%m.%d"),
        "created": gemaakt.isoformat().replace("+00:00", "Z"),
        "keywords": ["eenzaamheid", "sociale kaart", "HSDS", "Open Referral", "gemeenten"],
        "licenses": [LICENTIE],
        "sources": BRONNEN,
        "resources": resources,
    }


def _schrijf_bestanden(map: Path, gemaakt) -> int:
    diensten = list(export_queryset())
    with (map / "diensten.csv").open("w", encoding="utf-8", newline="") as handle:
        # The public columns only: the beheerder's name and address are for editors.
        aantal = schrijf_csv(diensten, handle, publiek=True)
    _schrijf_json(map / "hsds-services.json", [hsds.service(d) for d in diensten])
    organisaties = sorted(aanbieders().values(), key=lambda item: item[0].casefold())
    _schrijf_json(
        map / "hsds-organizations.json",
        [hsds.organization_kort(naam, aantal) for naam, aantal in organisaties],
    )
    _schrijf_json(map / "hsds-taxonomies.json", [hsds.taxonomy(v) for v in VOCABULAIRES])
    termen = Term.objects.filter(vocabulaire__in=list(VOCABULAIRES)).order_by(
        "vocabulaire", "volgorde", "label"
    )
    _schrijf_json(map / "hsds-taxonomy-terms.json", [hsds.taxonomy_term(t) for t in termen])
    _schrijf_json(map / "datapackage.json", datapackage(map, gemaakt))
    return aantal


def schrijf_dump(root: Path | None = None) -> Dump:
    """Write a new dump and make it the current one in one step; keep the one before it."""
    begin = time.perf_counter()
    root = Path(root or opendata_map())
    root.mkdir(parents=True, exist_ok=True)
    nu = time.time_ns()
    gemaakt = datetime.datetime.fromtimestamp(nu // 10**9, tz=datetime.UTC)
    # Names sort as the dumps were made, also several in one second (_ruim_op relies on it).
    map = root / f"{gemaakt:%Y%m%dT%H%M%S}.{nu % 10**9:09d}Z"
    map.mkdir()
    try:
        aantal = _schrijf_bestanden(map, gemaakt)
    except BaseException:
        shutil.rmtree(map, ignore_errors=True)
        raise
    nieuwe_link = root / f".{ACTUEEL}-{uuid.uuid4().hex[:8]}"
    nieuwe_link.symlink_to(map.name, target_is_directory=True)
    os.replace(nieuwe_link, root / ACTUEEL)
    _ruim_op(root, map)
    grootte = sum(path.stat().st_size for path in map.iterdir())
    return Dump(map, aantal, grootte, time.perf_counter() - begin)


def _ruim_op(root: Path, actueel: Path) -> None:
    versies = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.is_symlink()),
        key=lambda p: p.name,
        reverse=True,
    )
    for oud in [v for v in versies if v != actueel][BEWAAR_VERSIES - 1 :]:
        shutil.rmtree(oud, ignore_errors=True)
