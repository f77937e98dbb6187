""" "Klopt er iets niet?" on every dienst page: the form, its spam layers and limits, and who
hears of it (the moderators' queue, the beheerder, a receipt for the reporter)."""

import re

import pytest
from django.urls import reverse

from inzendingen import spam
from inzendingen.models import Beoordeling, Inzending
from inzendingen.tasks import verstuur_wachtende

from .conftest import beveiligd

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerde_dienst(dienst):
    dienst.beheerder_naam = "Anja de Vries"
    dienst.beheerder_email = "anja@welzijn.example"
    dienst.save()
    return dienst


def _url(dienst):
    return reverse("inzendingen:melding", args=[dienst.pk])


def _post(client, dienst, **data):
    return client.post(_url(dienst), beveiligd("melding", **data))


def test_every_dienst_page_links_to_the_form(client, beheerde_dienst):
    html = client.get(beheerde_dienst.get_absolute_url()).content.decode()
    assert f'href="{_url(beheerde_dienst)}">Klopt er iets niet?</a>' in html
    formulier = client.get(_url(beheerde_dienst))
    assert formulier.status_code == 200
    assert "Wat klopt er niet?" in formulier.content.decode()


def test_a_report_reaches_the_queue_the_beheerder_and_the_reporter(
    client, beheerde_dienst, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = _post(
            client,
            beheerde_dienst,
            toelichting="Het telefoonnummer werkt niet meer.",
            inzender_email="lezer@example.org",
            toestemming="on",
        )
    assert antwoord.status_code == 302
    inzending = Inzending.objects.get()
    assert (inzending.soort, inzending.status, inzending.dienst) == (
        "melding",
        Beoordeling.NIEUW,
        beheerde_dienst,
    )
    assert inzending.referentie.startswith("KN-")
    verstuur_wachtende()
    per_adres = {m.to[0]: m for m in mailoutbox}
    assert "Het telefoonnummer werkt niet meer." in per_adres["anja@welzijn.example"].body
    assert "lezer@example.org" not in per_adres["anja@welzijn.example"].body
    assert "Het telefoonnummer" not in per_adres["lezer@example.org"].body  # receipt only
    assert inzending.referentie in per_adres["lezer@example.org"].subject
    assert "redactie@example.org" in per_adres
    # and in the moderators' queue in the admin
    client.force_login(moderator)
    lijst = client.get(reverse("wagtailsnippets_inzendingen_inzending:list"))
    assert inzending.referentie in lijst.content.decode()


def test_no_receipt_without_an_address(client, beheerde_dienst, mailoutbox):
    assert _post(client, beheerde_dienst, toelichting="De dag klopt niet.").status_code == 302
    verstuur_wachtende()
    assert "anja@welzijn.example" in {m.to[0] for m in mailoutbox}
    assert all(m.to[0] in ("anja@welzijn.example", "redactie@example.org") for m in mailoutbox)


def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, beheerde_dienst):
    leeg = _post(client, beheerde_dienst, toelichting="", inzender_email="lezer@example.org")
    assert leeg.status_code == 200
    html = leeg.content.decode()
    assert "Fout:" in html and "lezer@example.org" in html
    fout = _post(client, beheerde_dienst, toelichting="Klopt niet.", inzender_email="geen-adres")
    assert fout.status_code == 200
    assert Inzending.objects.count() == 0


def test_the_spam_layers_keep_it_from_the_beheerder(client, beheerde_dienst, mailoutbox):
    data = beveiligd("melding", toelichting="Goedkope pillen hier.")
    data[spam.HONEYPOT_VELD] = "https://spam.example"
    assert client.post(_url(beheerde_dienst), data).status_code == 302  # same thank-you page
    inzending = Inzending.objects.get()
    assert inzending.status == Beoordeling.SPAM
    verstuur_wachtende()
    assert mailoutbox == []


def test_rate_limit(client, beheerde_dienst, settings):
    settings.INZENDINGEN_MAX_PER_IP_PER_UUR = 2
    for _ in range(2):
        assert _post(client, beheerde_dienst, toelichting="Klopt niet.").status_code == 302
    te_veel = _post(client, beheerde_dienst, toelichting="Klopt niet.")
    assert te_veel.status_code == 429
    assert int(te_veel["Retry-After"]) > 0
    assert Inzending.objects.count() == 2


def test_a_draft_dienst_has_no_form(client, beheerde_dienst):
    beheerde_dienst.live = False
    beheerde_dienst.save()
    assert client.get(_url(beheerde_dienst)).status_code == 404


def test_a_moderator_marks_a_report_dealt_with_and_the_reporter_hears(
    client, beheerde_dienst, moderator, redacteur_zonder_rechten, mailoutbox
):
    _post(client, beheerde_dienst, toelichting="Klopt niet.", inzender_email="lezer@example.org",
          toestemming="on")  # fmt: skip
    inzending = Inzending.objects.get()
    actie = reverse("wagtailsnippets_inzendingen_inzending:actie", args=[inzending.pk, "verwerkt"])
    client.force_login(redacteur_zonder_rechten)
    assert client.post(actie).status_code in (302, 403)
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.NIEUW

    client.force_login(moderator)
    inspect = reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[inzending.pk])
    assert "Verwerkt: de melding is afgehandeld" in client.get(inspect).content.decode()
    assert client.post(actie).status_code == 302
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.GOEDGEKEURD
    verstuur_wachtende()
    assert any(m.to == ["lezer@example.org"] and "verwerkt" in m.subject for m in mailoutbox), [
        m.subject for m in mailoutbox
    ]
    client.post(actie)  # a second time: refused with a message, nothing changes
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.GOEDGEKEURD


def test_the_inspect_screen_shows_labels_not_none(client, beheerde_dienst, moderator):
    _post(client, beheerde_dienst, toelichting="Klopt niet.")
    inzending = Inzending.objects.get()
    client.force_login(moderator)
    inspect = reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[inzending.pk])
    html = client.get(inspect).content.decode()
    assert not re.search(r"<dd>\s*(None|\[\])\s*</dd>", html)
    assert "Nog geen besluit" in html and "Niet verdacht" in html
    assert "Klopt er iets niet?" in html
