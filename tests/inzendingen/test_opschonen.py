"""Retention: contact data after the decision, spam and declined after 30 days, callbacks after
handling — by the management command and the Celery beat task."""

import io
import os
from datetime import datetime, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from inzendingen.factories import (
    InzendingFactory,
    TerugbelverzoekFactory,
    TipFactory,
    VoorbeeldPageFactory,
)
from inzendingen.models import Beoordeling, Bijlage, Inzending, Mail, Terugbelverzoek, Tip
from inzendingen.opschonen import maanden_terug, schoon_op

pytestmark = pytest.mark.django_db

NU = timezone.make_aware(datetime(2026, 9, 30, 12, 0))


def dagen(n):
    return NU - timedelta(days=n)


def test_maanden_terug_houdt_rekening_met_korte_maanden():
    assert maanden_terug(datetime(2026, 3, 31), 1) == datetime(2026, 2, 28)
    assert maanden_terug(datetime(2026, 3, 31), 6) == datetime(2025, 9, 30)
    assert maanden_terug(datetime(2026, 1, 15), 13) == datetime(2024, 12, 15)


def _bijlage(inzending):
    return Bijlage.objects.create(
        inzending=inzending,
        bestand=ContentFile(b"%PDF-1.4", name="x.pdf"),
        naam="x.pdf",
        soort="pdf",
        mime="application/pdf",
        grootte=8,
    )


def test_contactgegevens_gaan_weg_zes_maanden_na_het_besluit():
    oud = InzendingFactory(
        status=Beoordeling.GOEDGEKEURD, besloten_op=dagen(190), gegevens={"a": 1}
    )
    recent = InzendingFactory(status=Beoordeling.GOEDGEKEURD, besloten_op=dagen(170))
    onbeslist = InzendingFactory(status=Beoordeling.NIEUW, ontvangen_op=dagen(400))
    bestand = _bijlage(oud)
    pad = bestand.bestand.path

    telling = schoon_op(NU)

    oud.refresh_from_db()
    assert (oud.naam, oud.email, oud.telefoon, oud.toelichting, oud.gegevens) == (
        "",
        "",
        "",
        "",
        {},
    )
    assert oud.contact_gewist_op == NU
    assert not Bijlage.objects.filter(pk=bestand.pk).exists()
    assert not os.path.exists(pad)
    recent.refresh_from_db()
    onbeslist.refresh_from_db()
    assert recent.email and onbeslist.email  # kept until their time
    assert telling["contactgegevens gewist"] == 1


def test_bewaartermijn_is_in_te_stellen(settings):
    settings.INZENDINGEN_CONTACT_BEWAARTERMIJN_MAANDEN = 1
    inzending = InzendingFactory(status=Beoordeling.GOEDGEKEURD, besloten_op=dagen(40))
    schoon_op(NU)
    inzending.refresh_from_db()
    assert inzending.email == ""


def test_spam_en_afgewezen_gaan_na_dertig_dagen_helemaal_weg(index):
    spam_oud = InzendingFactory(status=Beoordeling.SPAM, ontvangen_op=dagen(31))
    spam_nieuw = InzendingFactory(status=Beoordeling.SPAM, ontvangen_op=dagen(29))
    concept = VoorbeeldPageFactory(parent=index, live=False, first_published_at=None)
    afgewezen = InzendingFactory(
        soort="voorbeeld", status=Beoordeling.AFGEWEZEN, besloten_op=dagen(31), voorbeeld=concept
    )
    gepubliceerd = VoorbeeldPageFactory(parent=index)
    afgewezen_maar_live = InzendingFactory(
        soort="voorbeeld",
        status=Beoordeling.AFGEWEZEN,
        besloten_op=dagen(31),
        voorbeeld=gepubliceerd,
    )
    _bijlage(spam_oud)

    schoon_op(NU)

    overgebleven = set(Inzending.objects.values_list("pk", flat=True))
    assert overgebleven == {spam_nieuw.pk}
    assert not type(concept).objects.filter(pk=concept.pk).exists()  # the draft went too
    assert type(gepubliceerd).objects.filter(pk=gepubliceerd.pk).exists()  # public pages stay
    assert not Bijlage.objects.exists()
    assert afgewezen.pk not in overgebleven and afgewezen_maar_live.pk not in overgebleven


def test_afgewezen_nieuwe_dienst_verdwijnt_met_de_inzending():
    from kaart.factories import DienstFactory

    concept = DienstFactory(live=False)
    InzendingFactory(
        soort="dienst", status=Beoordeling.AFGEWEZEN, besloten_op=dagen(31), dienst=concept
    )
    schoon_op(NU)
    assert not type(concept).objects.filter(pk=concept.pk).exists()


def test_tips_volgen_dezelfde_termijnen():
    verwerkt = TipFactory(status=Tip.Status.VERWERKT, besloten_op=dagen(190))
    afgewezen = TipFactory(status=Tip.Status.AFGEWEZEN, besloten_op=dagen(31))
    spam = TipFactory(status=Tip.Status.SPAM, ontvangen_op=dagen(31))
    nieuw = TipFactory()
    schoon_op(NU)
    verwerkt.refresh_from_db()
    assert verwerkt.email == "" and verwerkt.contact_gewist_op == NU
    assert set(Tip.objects.values_list("pk", flat=True)) == {verwerkt.pk, nieuw.pk}
    assert not Tip.objects.filter(pk__in=[afgewezen.pk, spam.pk]).exists()


def test_terugbelverzoeken_gaan_weg_na_afhandeling():
    klaar_oud = TerugbelverzoekFactory(status="klaar")
    Terugbelverzoek.objects.filter(pk=klaar_oud.pk).update(afgehandeld_op=dagen(8))
    klaar_recent = TerugbelverzoekFactory(status="klaar")
    Terugbelverzoek.objects.filter(pk=klaar_recent.pk).update(afgehandeld_op=dagen(6))
    open_recent = TerugbelverzoekFactory(ontvangen_op=dagen(20))
    open_vergeten = TerugbelverzoekFactory(ontvangen_op=dagen(200))
    schoon_op(NU)
    assert set(Terugbelverzoek.objects.values_list("pk", flat=True)) == {
        klaar_recent.pk,
        open_recent.pk,
    }
    assert open_vergeten.pk not in set(Terugbelverzoek.objects.values_list("pk", flat=True))


def test_verzonden_mails_gaan_na_dertig_dagen_weg():
    Mail.objects.create(
        aan="a@example.org", onderwerp="x", tekst="x", status="verzonden", verzonden_op=dagen(31)
    )
    nieuw = Mail.objects.create(
        aan="b@example.org", onderwerp="x", tekst="x", status="verzonden", verzonden_op=dagen(2)
    )
    wachtend = Mail.objects.create(
        aan="c@example.org", onderwerp="x", tekst="x", aangemaakt_op=dagen(60)
    )
    schoon_op(NU)
    assert set(Mail.objects.values_list("pk", flat=True)) == {nieuw.pk, wachtend.pk}


def test_commando_en_beat_taak():
    InzendingFactory(status=Beoordeling.SPAM, ontvangen_op=timezone.now() - timedelta(days=40))
    uit = io.StringIO()
    call_command("inzendingen_opschonen", stdout=uit)
    assert "inzendingen verwijderd: 1" in uit.getvalue()

    from portal.celery import app

    app.loader.import_default_modules()
    schema = django_settings.CELERY_BEAT_SCHEDULE
    for naam in ("inzendingen-opschonen", "inzendingen-mails"):
        assert schema[naam]["task"] in app.tasks
