"""Each layer of abuse protection on its own, the rate limits, and what moderators do with spam."""

import hashlib

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from inzendingen import spam
from inzendingen.models import Beoordeling, Inzending, Terugbelverzoek

from .conftest import beveiligd, voorbeeld_data

pytestmark = pytest.mark.django_db


def _terugbel(**extra):
    data = {"naam": "Riet", "telefoon": "0301234567", "moment": "ochtend", "toestemming": "on"}
    data.update(extra)
    return data


def _post(client, data, **kwargs):
    return client.post(reverse("inzendingen:terugbellen"), data, **kwargs)


def _los_op(bescherming: spam.Bescherming) -> str:
    for getal in range(spam.PUZZEL_MAX_GETAL + 1):
        kandidaat = hashlib.sha256(f"{bescherming.puzzel_salt}{getal}".encode()).hexdigest()
        if kandidaat == bescherming.puzzel_uitkomst:
            return str(getal)
    raise AssertionError("puzzle has no answer")


def test_zonder_signalen_is_een_inzending_niet_verdacht(client, home_page):
    assert _post(client, beveiligd("terugbellen", **_terugbel())).status_code == 302
    assert Terugbelverzoek.objects.get().status == Terugbelverzoek.Status.OPEN


def test_ingevuld_verborgen_veld_maakt_het_verdacht_maar_niet_weg(client, home_page, mailoutbox):
    data = beveiligd("terugbellen", **_terugbel())
    data[spam.HONEYPOT_VELD] = "https://spam.example"
    response = _post(client, data)
    assert response.status_code == 302  # the same thank-you page: bots learn nothing
    verzoek = Terugbelverzoek.objects.get()
    assert verzoek.status == "spam" and verzoek.spam_redenen == ["Verborgen veld ingevuld"]
    assert not mailoutbox


def test_te_snel_ingevuld_is_verdacht(client, home_page, settings):
    settings.INZENDINGEN_MIN_INVULTIJD = 3
    _post(client, beveiligd("terugbellen", **_terugbel()))
    (reden,) = Terugbelverzoek.objects.get().spam_redenen
    assert reden.startswith("Te snel ingevuld")


def test_ontbrekende_of_vervalste_tijdcode_is_verdacht(client, home_page):
    _post(client, _terugbel())
    _post(client, {**_terugbel(), spam.TIJD_VELD: "vervalst:code"})
    _post(client, beveiligd("voorbeeld", **_terugbel()))  # a code from another form
    redenen = [v.spam_redenen for v in Terugbelverzoek.objects.order_by("pk")]
    assert redenen == [
        ["Geen tijdcode meegestuurd"],
        ["Tijdcode klopt niet"],
        ["Tijdcode van een ander formulier"],
    ]


def test_verlopen_formulier_vraagt_om_nog_een_keer_te_versturen(client, home_page, settings):
    data = beveiligd("terugbellen", **_terugbel())
    settings.INZENDINGEN_MAX_INVULTIJD = -1  # every code is too old now
    response = _post(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het formulier stond lang open" in html
    assert 'value="Riet"' in html  # what they typed is kept
    assert not Terugbelverzoek.objects.exists()


def test_rekenpuzzel_goed_fout_hergebruikt_of_afwezig(client, home_page, settings):
    settings.INZENDINGEN_REKENPUZZEL = True
    bescherming = spam.nieuwe_bescherming("terugbellen")
    antwoord = _los_op(bescherming)
    opgave = {spam.PUZZEL_OPGAVE_VELD: bescherming.puzzel_opgave}

    def met(antwoord):  # the same puzzle, each time with a fresh signed time
        return {
            **beveiligd("terugbellen", **_terugbel()),
            **opgave,
            spam.PUZZEL_ANTWOORD_VELD: antwoord,
        }

    _post(client, met(antwoord))
    _post(client, met(antwoord))  # replayed
    _post(client, met(str(int(antwoord) + 1)))
    _post(client, met(""))  # no JavaScript
    redenen = [v.spam_redenen for v in Terugbelverzoek.objects.order_by("pk")]
    assert redenen == [
        [],
        ["Rekenpuzzel al eerder gebruikt"],
        ["Rekenpuzzel verkeerd opgelost"],
        [],
    ]


def test_rekenpuzzel_staat_in_de_pagina_en_kan_uit(client, home_page, settings):
    html = client.get(reverse("inzendingen:terugbellen")).content.decode()
    assert "data-rekenpuzzel" in html and 'name="rekenpuzzel_opgave"' in html
    settings.INZENDINGEN_REKENPUZZEL = False
    html = client.get(reverse("inzendingen:terugbellen")).content.decode()
    assert "data-rekenpuzzel" not in html


def test_veel_links_of_html_in_de_tekst_is_verdacht(client, home_page):
    links = " ".join(f"https://spam{n}.example" for n in range(4))
    _post(client, beveiligd("terugbellen", **_terugbel(vraag=links)))
    _post(client, beveiligd("terugbellen", **_terugbel(vraag='<a href="https://x.example">x</a>')))
    _post(client, beveiligd("terugbellen", **_terugbel(vraag="Zie www.voorbeeld.nl")))
    redenen = [v.spam_redenen for v in Terugbelverzoek.objects.order_by("pk")]
    assert redenen == [["Veel links in de tekst (4)"], ["Links met HTML- of forumopmaak"], []]


def test_verborgen_veld_is_onzichtbaar_voor_mensen_en_hulpmiddelen(client, home_page):
    html = client.get(reverse("inzendingen:terugbellen")).content.decode()
    assert '<div class="portal-honeypot" aria-hidden="true">' in html
    assert 'name="homepage" id="id_homepage" value="" tabindex="-1" autocomplete="off"' in html


def test_limiet_per_adres(client, home_page, settings):
    settings.INZENDINGEN_MAX_PER_IP_PER_UUR = 3
    for _ in range(3):
        assert _post(client, beveiligd("terugbellen", **_terugbel())).status_code == 302
    response = _post(client, beveiligd("terugbellen", **_terugbel(vraag="Over de wandelgroep")))
    assert response.status_code == 429
    assert 3590 <= int(response["Retry-After"]) <= 3600
    soup = BeautifulSoup(response.content, "html.parser")
    melding = soup.find(id="te-veel")
    assert melding["role"] == "alert"
    assert "Probeer het over 60 minuten opnieuw" in melding.get_text(" ", strip=True)
    assert soup.title.get_text().startswith("Even wachten: Bel mij terug")
    # What they typed is still there, and the form can be sent again later.
    assert soup.find("input", attrs={"name": "naam"})["value"] == "Riet"
    assert soup.find("input", attrs={"name": "telefoon"})["value"] == "0301234567"
    assert (
        soup.find("textarea", attrs={"name": "vraag"}).get_text().strip() == "Over de wandelgroep"
    )
    assert soup.find("input", attrs={"name": "toestemming"}).has_attr("checked")
    assert soup.find("input", attrs={"name": spam.TIJD_VELD})["value"]
    assert Terugbelverzoek.objects.count() == 3
    # Another address may still send.
    assert (
        _post(client, beveiligd("terugbellen", **_terugbel()), REMOTE_ADDR="10.0.0.9").status_code
        == 302
    )


def test_mislukte_pogingen_tellen_niet_mee(client, home_page, settings):
    settings.INZENDINGEN_MAX_PER_IP_PER_UUR = 2
    for _ in range(5):
        assert _post(client, beveiligd("terugbellen", **_terugbel(telefoon="x"))).status_code == 200
    assert _post(client, beveiligd("terugbellen", **_terugbel())).status_code == 302


def test_limiet_per_e_mailadres_ook_vanaf_andere_adressen(
    client, index, settings, django_capture_on_commit_callbacks
):
    settings.INZENDINGEN_MAX_PER_EMAIL_PER_UUR = 2
    url = reverse("inzendingen:voorbeeld")
    for n in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, voorbeeld_data(), REMOTE_ADDR=f"10.0.1.{n}")
        assert response.status_code == 302
    response = client.post(
        url, voorbeeld_data(inzender_email="PETRA@example.org "), REMOTE_ADDR="10.0.1.99"
    )
    assert response.status_code == 429
    assert Inzending.objects.count() == 2


def test_limiet_telt_het_adres_dat_de_vertrouwde_proxy_zag(client, home_page, settings):
    settings.INZENDINGEN_MAX_PER_IP_PER_UUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    data = beveiligd("terugbellen", **_terugbel())
    assert _post(client, data, HTTP_X_FORWARDED_FOR="1.2.3.4", **proxy).status_code == 302
    data = beveiligd("terugbellen", **_terugbel())
    assert _post(client, data, HTTP_X_FORWARDED_FOR="1.2.3.4", **proxy).status_code == 429
    # A visitor claiming another address in front of the real one is still the real one.
    data = beveiligd("terugbellen", **_terugbel())
    response = _post(client, data, HTTP_X_FORWARDED_FOR="9.9.9.9, 1.2.3.4", **proxy)
    assert response.status_code == 429
    data = beveiligd("terugbellen", **_terugbel())
    assert _post(client, data, HTTP_X_FORWARDED_FOR="5.6.7.8", **proxy).status_code == 302


def test_verdacht_voorbeeld_wacht_en_de_redactie_kan_het_alsnog_behandelen(
    client, index, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    data = voorbeeld_data()
    data[spam.HONEYPOT_VELD] = "ik ben een bot"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("inzendingen:voorbeeld"), data).status_code == 302
    inzending = Inzending.objects.get()
    assert inzending.status == Beoordeling.SPAM and inzending.voorbeeld is None
    assert not mailoutbox

    client.force_login(moderator)
    spamlijst = client.get(
        reverse("wagtailsnippets_inzendingen_inzending:list"), {"status": "spam"}
    ).content.decode()
    assert inzending.referentie in spamlijst
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailsnippets_inzendingen_inzending:actie", args=[inzending.pk, "geen-spam"])
        )
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.NIEUW
    assert inzending.voorbeeld is not None and not inzending.voorbeeld.live
    assert inzending.workflow_state.status == "in_progress"
    assert "petra@example.org" in [m.to[0] for m in mailoutbox]


def test_redactie_kan_iets_alsnog_als_spam_markeren(
    client, index, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:voorbeeld"), voorbeeld_data())
    inzending = Inzending.objects.get()
    client.force_login(moderator)
    client.post(reverse("wagtailsnippets_inzendingen_inzending:actie", args=[inzending.pk, "spam"]))
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.SPAM
    assert inzending.workflow_state.status == "cancelled"
    assert not inzending.voorbeeld.live


FORMULIEREN = ["voorbeeld", "dienst", "tip", "terugbellen"]


@pytest.mark.parametrize("naam", FORMULIEREN)
def test_formulieren_zetten_geen_cookie(client, index, naam):
    response = client.get(reverse(f"inzendingen:{naam}"))
    assert response.status_code == 200
    assert not response.cookies and "Set-Cookie" not in response
    assert "csrfmiddlewaretoken" not in response.content.decode()
    response = client.post(reverse(f"inzendingen:{naam}"), {})
    assert response.status_code == 200 and not response.cookies


def test_post_vanaf_een_andere_site_wordt_geweigerd(client, home_page):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    data = beveiligd("terugbellen", **_terugbel())
    url = reverse("inzendingen:terugbellen")
    assert browser.post(url, data, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert browser.post(url, data, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert not Terugbelverzoek.objects.exists()
    assert browser.post(url, data, HTTP_SEC_FETCH_SITE="same-origin").status_code == 302


def test_een_tijdcode_telt_voor_een_inzending(client, home_page):
    data = beveiligd("terugbellen", **_terugbel())
    assert _post(client, data).status_code == 302
    assert _post(client, data).status_code == 302  # the same thank-you page: bots learn nothing
    redenen = [v.spam_redenen for v in Terugbelverzoek.objects.order_by("pk")]
    assert redenen == [[], ["Tijdcode al eerder gebruikt"]]


def test_zestig_keer_dezelfde_tijdcode_bewaart_hoogstens_de_limiet(client, home_page, settings):
    settings.INZENDINGEN_MAX_PER_IP_PER_UUR = 10
    data = beveiligd("terugbellen", **_terugbel())
    statussen = [_post(client, data).status_code for _ in range(60)]
    assert statussen == [302] * 10 + [429] * 50
    verzoeken = Terugbelverzoek.objects.order_by("pk")
    assert [v.status for v in verzoeken] == [Terugbelverzoek.Status.OPEN] + ["spam"] * 9


def test_te_veel_bewaart_ook_de_tekst_van_een_voorbeeld(
    client, index, settings, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.INZENDINGEN_MAX_PER_EMAIL_PER_UUR = 1
    url = reverse("inzendingen:voorbeeld")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, voorbeeld_data()).status_code == 302
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    bestand = SimpleUploadedFile("plan.pdf", pdf, content_type="application/pdf")
    data = voorbeeld_data(titel="Koffie in de wijk", bestanden=[bestand])
    response = client.post(url, data, REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "titel"})["value"] == "Koffie in de wijk"
    assert "Kies uw bestanden opnieuw" in soup.find(id="te-veel").get_text()
    assert not soup.find(class_="portal-error-summary")
    assert Inzending.objects.count() == 1
