"""Voorbeeld insturen, end to end: submit → draft in a workflow → hidden → approve → public."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import WorkflowState

from inzendingen.models import Beoordeling, Inzending, Mail

from .conftest import voorbeeld_data

pytestmark = pytest.mark.django_db


def _stuur_in(client, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:voorbeeld"), voorbeeld_data(**extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def _publiek_zichtbaar(client, index, pagina) -> dict[str, bool]:
    titel = pagina.title
    return {
        "overzicht": titel in client.get(index.url).content.decode(),
        "gemeente": titel in client.get(index.url + "?gemeente=GM0344").content.decode(),
        "pagina": client.get(pagina.url).status_code == 200,
        "zoeken": titel in client.get("/zoeken/", {"q": "mantelzorgers maatje"}).content.decode(),
    }


def test_insturen_maakt_concept_in_beoordeling_dat_nergens_te_zien_is(
    client, index, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    response = _stuur_in(client, django_capture_on_commit_callbacks)
    assert response["Location"].startswith(reverse("inzendingen:verzonden"))

    inzending = Inzending.objects.get()
    assert inzending.soort == "voorbeeld" and inzending.status == Beoordeling.NIEUW
    assert inzending.referentie.startswith("VB-")
    pagina = inzending.voorbeeld.specific
    assert not pagina.live and pagina.get_parent().specific == index
    assert pagina.gemeente.code == "GM0344"
    assert [t.slug for t in pagina.doelgroepen.all()] == ["mantelzorgers"]
    assert pagina.ondersteuning == (
        "<p>Een vrijwilliger komt elke week langs.</p><p>Samen zoeken zij wat helpt.</p>"
    )
    # The sender's contact details stay on the submission, never on the public page.
    assert inzending.email == "petra@example.org"
    assert "petra" not in str(pagina.get_latest_revision().content)
    assert inzending.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert inzending.workflow_state.requested_by is None

    assert not any(_publiek_zichtbaar(client, index, pagina).values())

    ontvangers = sorted(m.to[0] for m in mailoutbox)
    assert ontvangers == ["moderator@example.org", "petra@example.org", "redactie@example.org"]
    assert Mail.objects.filter(status=Mail.Status.VERZONDEN).count() == 3


def test_ontvangstbevestiging_herhaalt_niets_van_wat_de_inzender_typte(
    client, index, django_capture_on_commit_callbacks, mailoutbox
):
    _stuur_in(
        client,
        django_capture_on_commit_callbacks,
        titel="Koop goedkope pillen",
        inzender_naam="Bezoek www.spam.example",
    )
    inzending = Inzending.objects.get()
    bevestiging = next(m for m in mailoutbox if m.to == ["petra@example.org"])
    assert inzending.referentie in bevestiging.subject
    assert inzending.referentie in bevestiging.body
    for tekst in ("pillen", "spam.example", "Maatjes", "mantelzorgers", "Petra"):
        assert tekst not in bevestiging.body and tekst not in bevestiging.subject


def test_goedkeuren_in_het_beheer_publiceert_en_meldt_het_de_inzender(
    client, index, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    _stuur_in(client, django_capture_on_commit_callbacks)
    inzending = Inzending.objects.get()
    pagina = inzending.voorbeeld
    taak = inzending.workflow_state.current_task_state
    mailoutbox.clear()

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[pagina.pk, "approve", taak.pk]),
            {"comment": ""},
        )
    assert response.status_code == 302
    client.logout()

    pagina.refresh_from_db()
    inzending.refresh_from_db()
    assert pagina.live
    assert inzending.status == Beoordeling.GOEDGEKEURD and inzending.besloten_op
    assert all(_publiek_zichtbaar(client, index, pagina.specific).values())
    (besluit,) = [m for m in mailoutbox if m.to == ["petra@example.org"]]
    assert "verwerkt" in besluit.subject
    # On the public address (SITE_URL), not on the site record's placeholder host.
    assert f"{settings.SITE_URL}{pagina.url}" in besluit.body


def test_afwijzen_houdt_het_verborgen_en_meldt_het_de_inzender(
    client, index, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    _stuur_in(client, django_capture_on_commit_callbacks)
    inzending = Inzending.objects.get()
    pagina = inzending.voorbeeld
    taak = inzending.workflow_state.current_task_state
    mailoutbox.clear()

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[pagina.pk, "reject", taak.pk]),
            {"comment": "Er staat te weinig in over de aanpak zelf."},
        )
    client.logout()

    inzending.refresh_from_db()
    pagina.refresh_from_db()
    assert inzending.status == Beoordeling.AFGEWEZEN
    assert not pagina.live
    assert inzending.workflow_state.status == WorkflowState.STATUS_CANCELLED
    assert not any(_publiek_zichtbaar(client, index, pagina.specific).values())
    (besluit,) = [m for m in mailoutbox if m.to == ["petra@example.org"]]
    assert "niet over" in besluit.body
    assert "Er staat te weinig in over de aanpak zelf." in besluit.body


def test_formulier_toont_fouten_bovenaan_en_bij_elk_veld(client, index):
    response = client.post(
        reverse("inzendingen:voorbeeld"),
        voorbeeld_data(titel="", inzender_email="geen-adres", toestemming="", ondersteuning=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fout: " in html
    assert 'class="portal-error-summary" role="alert"' in html
    assert 'href="#id_titel"' in html and 'href="#id_inzender_email"' in html
    assert 'href="#id_bewustwording"' in html  # at least one part of the approach
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_titel_helptext id_titel_error"' in html
    assert 'id="id_titel_error"' in html
    assert not Inzending.objects.exists()


def test_overzicht_filtert_op_provincie_onderdeel_en_doelgroep(
    client, index, django_assert_max_num_queries
):
    from inzendingen.factories import VoorbeeldPageFactory
    from kaart.models import Gemeente, Term

    utrecht = VoorbeeldPageFactory(
        parent=index, title="Utrechtse aanpak", gemeente=Gemeente.objects.get(code="GM0344")
    )
    zwolle = VoorbeeldPageFactory(
        parent=index,
        title="Zwolse aanpak",
        gemeente=Gemeente.objects.get(code="GM0193"),
        signalering="",
        samenwerking="<p>Samen met de bibliotheek.</p>",
    )
    zwolle.doelgroepen.set([Term.objects.get(vocabulaire="doelgroep", slug="ouderen")])
    zwolle.save_revision().publish()
    VoorbeeldPageFactory(parent=index, title="Concept", live=False)

    def titels(**params):
        html = client.get(index.url, params).content.decode()
        return {t for t in ("Utrechtse aanpak", "Zwolse aanpak", "Concept") if t in html}

    assert titels() == {"Utrechtse aanpak", "Zwolse aanpak"}
    assert titels(provincie="Overijssel") == {"Zwolse aanpak"}
    assert titels(onderdeel="signalering") == {"Utrechtse aanpak"}
    assert titels(onderdeel="samenwerking") == {"Zwolse aanpak"}
    assert titels(doelgroep="ouderen") == {"Zwolse aanpak"}
    assert titels(gemeente="GM0344") == {"Utrechtse aanpak"}
    assert titels(provincie="Atlantis") == {"Utrechtse aanpak", "Zwolse aanpak"}

    # The number of queries does not grow with the number of examples on the page.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as vangst:
            assert client.get(index.url, {"doelgroep": "ouderen"}).status_code == 200
            assert client.get(index.url).status_code == 200
        return len(vangst)

    weinig = queries()
    for n in range(10):
        extra = VoorbeeldPageFactory(parent=index, title=f"Extra {n}")
        extra.doelgroepen.set([Term.objects.get(vocabulaire="doelgroep", slug="ouderen")])
        extra.save_revision().publish()
    assert queries() == weinig
    with django_assert_max_num_queries(15):
        client.get(index.url)
    assert utrecht.live
