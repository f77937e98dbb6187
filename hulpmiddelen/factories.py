"""Factories for tests: hulpmiddelen with their kinds and organisations, sections and articles."""

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from .models import (
    ArtikelIndexPage,
    Hulpmiddel,
    HulpmiddelenIndexPage,
    Organisatie,
    SectiePage,
    Soort,
)


class SoortFactory(DjangoModelFactory):
    class Meta:
        model = Soort

    naam = factory.Sequence(lambda n: f"Soort {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org/")


class HulpmiddelFactory(DjangoModelFactory):
    """A live hulpmiddel that links to a page on example.org."""

    class Meta:
        model = Hulpmiddel

    title = factory.Sequence(lambda n: f"Hulpmiddel {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    beschrijving = "Een korte beschrijving in gewone woorden."
    soort = factory.SubFactory(SoortFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    link = factory.LazyAttribute(lambda o: f"https://example.org/{o.slug}/")
    live = True


class HulpmiddelenIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HulpmiddelenIndexPage

    title = "Hulpmiddelen"
    slug = "hulpmiddelen"


class SectiePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectiePage

    title = factory.Sequence(lambda n: f"Onderdeel {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    samenvatting = "Eén zin over dit onderdeel."


class ArtikelIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArtikelIndexPage

    title = "Artikelen"
    slug = "artikelen"
