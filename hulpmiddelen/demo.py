"""Demo content of the hulpmiddelen app: every resource the source text names, the seven sections,
the overview and a few articles.

The content is data in ``demo_data/``: ``hulpmiddelen.yaml`` (soorten, organisaties and the
hulpmiddelen), ``secties.yaml`` (the overview page and its sections), ``artikelen.yaml`` (the
articles' overview page and the articles) and, in ``documenten/``, the texts of the documents this
site offers itself. Idempotent: everything is keyed on its slug and only created when it is
missing, so a second run changes nothing.
"""

import io
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.utils.file import hash_filelike

from .models import (
    ArtikelHulpmiddel,
    ArtikelIndexPage,
    ArtikelPage,
    Hulpmiddel,
    HulpmiddelenIndexPage,
    Organisatie,
    SectiePage,
    Soort,
)

DATA = Path(__file__).resolve().parent / "demo_data"


def lees(naam: str) -> dict:
    """One of the data files, as plain Python (YAML's safe subset: no objects, no tags)."""
    return yaml.safe_load((DATA / naam).read_text(encoding="utf-8"))


def load_soorten(soorten: dict[str, str]) -> dict[str, Soort]:
    return {
        slug: Soort.objects.get_or_create(slug=slug, defaults={"naam": naam})[0]
        for slug, naam in soorten.items()
    }


def load_organisaties(organisaties: dict[str, dict]) -> dict[str, Organisatie]:
    return {
        slug: Organisatie.objects.get_or_create(
            slug=slug, defaults={"naam": spec["naam"], "website": spec.get("website", "")}
        )[0]
        for slug, spec in organisaties.items()
    }


def _document(title: str, filename: str) -> Document:
    data = (DATA / "documenten" / filename).read_bytes()
    document = Document(
        title=title,
        file=ContentFile(data, name=filename),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    document.save()
    return document


def load_hulpmiddelen() -> dict[str, Hulpmiddel]:
    data = lees("hulpmiddelen.yaml")
    soorten = load_soorten(data["soorten"])
    organisaties = load_organisaties(data["organisaties"])
    result = {}
    for spec in data["hulpmiddelen"]:
        slug = spec["slug"]
        item = Hulpmiddel.objects.filter(slug=slug).first()
        if item is None:
            item = Hulpmiddel(
                slug=slug,
                title=spec["title"],
                beschrijving=spec["beschrijving"],
                soort=soorten[spec["soort"]],
                organisatie=organisaties[spec["organisatie"]] if "organisatie" in spec else None,
                jaar=spec.get("jaar"),
                link=spec.get("link", ""),
                document=_document(spec["title"], spec["document"]) if "document" in spec else None,
            )
            item.full_clean()
            item.save()
            item.save_revision().publish()
        result[slug] = item
    return result


def _body(blocks, hulpmiddelen):
    """StreamField content from the data: (type, value) pairs, hulpmiddelen slugs resolved."""
    body = []
    for block in blocks:
        block_type, value = block["type"], block["value"]
        if block_type == "hulpmiddelen":
            value = {**value, "hulpmiddelen": [hulpmiddelen[s] for s in value["hulpmiddelen"]]}
        body.append((block_type, value))
    return body


def _overzicht(home, model, spec):
    """An overview page under the home page, created once."""
    index = model.objects.child_of(home).first()
    if index is None:
        index = model(**spec)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def load_secties(home, hulpmiddelen) -> list[SectiePage]:
    data = lees("secties.yaml")
    index = _overzicht(home, HulpmiddelenIndexPage, data["overzicht"])
    pages = []
    for spec in data["secties"]:
        page = SectiePage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = SectiePage(
                title=spec["title"],
                slug=spec["slug"],
                samenvatting=spec["samenvatting"],
                intro=spec["intro"],
                body=_body(spec["body"], hulpmiddelen),
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        pages.append(page)
    return pages


def load_artikelen(home, hulpmiddelen) -> list[ArtikelPage]:
    data = lees("artikelen.yaml")
    index = _overzicht(home, ArtikelIndexPage, data["overzicht"])
    pages = []
    for spec in data["artikelen"]:
        page = ArtikelPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = ArtikelPage(
                title=spec["title"],
                slug=spec["slug"],
                datum=spec["datum"],
                auteur=spec["auteur"],
                lead=spec["lead"],
                body=_body(spec["body"], hulpmiddelen),
            )
            page.tags.add(*spec["tags"])
            page.gerelateerde_hulpmiddelen = [
                ArtikelHulpmiddel(hulpmiddel=hulpmiddelen[slug], sort_order=i)
                for i, slug in enumerate(spec["hulpmiddelen"])
            ]
            index.add_child(instance=page)
            page.save_revision().publish()
        pages.append(page)
    return pages


def load(home) -> None:
    hulpmiddelen = load_hulpmiddelen()
    load_secties(home, hulpmiddelen)
    load_artikelen(home, hulpmiddelen)
