"""Test data for the submissions: example pages, submissions, tips and callback requests."""

import factory
import wagtail_factories
from django.utils import timezone

from kaart.models import Gemeente

from .models import (
    Beoordeling,
    Inzending,
    Terugbelverzoek,
    Tip,
    VoorbeeldenIndexPage,
    VoorbeeldPage,
)


class VoorbeeldenIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VoorbeeldenIndexPage

    title = "Voorbeelden van gemeenten"
    slug = "voorbeelden"
    intro = "Hoe pakken gemeenten eenzaamheid aan?"


class VoorbeeldPageFactory(wagtail_factories.PageFactory):
    """A published example; pass ``parent=`` (an index page) and ``gemeente``."""

    class Meta:
        model = VoorbeeldPage

    title = factory.Sequence(lambda n: f"Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"voorbeeld-{n}")
    samenvatting = "Vrijwilligers bezoeken ouderen thuis."
    signalering = "<p>Wij bellen iedereen van 75 jaar en ouder.</p>"
    gemeente = factory.LazyFunction(lambda: Gemeente.objects.get(code="GM0344"))


class InzendingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inzending

    soort = Inzending.Soort.OPGEHEVEN
    status = Beoordeling.NIEUW
    onderwerp = "Koffieochtend De Linde"
    naam = "Anna de Vries"
    email = factory.Sequence(lambda n: f"inzender{n}@example.org")
    telefoon = "06 12345678"
    toelichting = "De koffieochtend is gestopt."
    ontvangen_op = factory.LazyFunction(timezone.now)


class TipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tip

    titel = factory.Sequence(lambda n: f"Handboek {n}")
    link = factory.Sequence(lambda n: f"https://www.voorbeeld{n}.nl/handboek")
    waarom = "Handig voor vrijwilligers."
    email = "tipgever@example.org"


class TerugbelverzoekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Terugbelverzoek

    naam = "Jan Jansen"
    telefoon = "030 1234567"
    vraag = "Ik zoek een wandelgroep."
