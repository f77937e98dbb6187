"""Dienst aanmelden and Wijziging doorgeven, end to end, against the kaart's public interface."""

from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from wagtail.models import WorkflowState

from inzendingen.models import Beoordeling, Inzending
from kaart.models import Dienst
from kaart.queries import parse_zoekvraag, zoek_diensten

from .conftest import beveiligd, dienst_data

pytestmark = pytest.mark.django_db


def _zoek(query: str) -> set[str]:
    resultaat = zoek_diensten(parse_zoekvraag(QueryDict(query)))
    return {dienst.naam for dienst in resultaat.diensten}


def _publiek(client, dienst: Dienst, tekst: str) -> dict[str, bool]:
    """Where the public could see ``tekst`` of this service: the kaart's search, list, gemeente
    filter and — when the kaart's pages are there — its page and JSON API."""
    gevonden = {
        "zoeken": any(tekst in naam for naam in _zoek(f"q={tekst.split()[0]}")),
        "lijst": any(tekst in naam for naam in _zoek("page_size=100")),
        "gemeente": any(tekst in naam for naam in _zoek("gemeente=GM0344&page_size=100")),
    }
    try:
        pagina = client.get(reverse("kaart:dienst", args=[dienst.pk]))
        gevonden["pagina"] = pagina.status_code == 200 and tekst in pagina.content.decode()
        api = client.get("/api/kaart/diensten/", {"q": tekst.split()[0]})
        gevonden["api"] = tekst in api.content.decode()
    except NoReverseMatch:
        pass
    return gevonden


def _keur_goed(inzending, moderator):
    taak = inzending.workflow_state.current_task_state
    taak.task.specific.on_action(taak, moderator, "approve", comment="")


def _wijs_af(inzending, moderator, comment=""):
    taak = inzending.workflow_state.current_task_state
    taak.task.specific.on_action(taak, moderator, "reject", comment=comment)


def test_aanmelden_maakt_concept_dienst_met_alle_velden_in_beoordeling(
    client, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:dienst"), dienst_data())
    assert response.status_code == 302, response.content.decode()[:3000]

    inzending = Inzending.objects.get()
    dienst = Dienst.objects.get(pk=inzending.dienst_id)
    assert inzending.referentie.startswith("DA-")
    assert not dienst.live
    assert dienst.naam == "Belcirkel Zuid"
    assert (
        dienst.beschrijving
        == "<p>U krijgt elke dag een telefoontje.<br>Zo begint u de dag goed.</p>"
    )
    assert dienst.kosten_bedrag == Decimal("2.50") and dienst.kosten_eenheid == "per maand"
    assert dienst.postcode == "3511 AB"
    assert dienst.website == "https://www.belcirkel.nl"
    assert dienst.frequentie.slug == "structureel"
    assert sorted(dienst.slugs("doelgroep")) == ["alleenstaanden", "ouderen"]
    assert sorted(g.code for g in dienst.gemeenten.all()) == ["GM0193", "GM0344"]
    assert dienst.email == "" and dienst.telefoon == ""  # the sender's details stay private
    assert inzending.email == "karin@example.org"
    assert inzending.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert inzending.revisie.content["naam"] == "Belcirkel Zuid"

    assert not any(_publiek(client, dienst, "Belcirkel Zuid").values())

    with django_capture_on_commit_callbacks(execute=True):
        _keur_goed(inzending, moderator)
    dienst.refresh_from_db()
    inzending.refresh_from_db()
    assert dienst.live
    assert inzending.status == Beoordeling.GOEDGEKEURD
    assert all(_publiek(client, dienst, "Belcirkel Zuid").values())
    assert any(m.to == ["karin@example.org"] and "verwerkt" in m.subject for m in mailoutbox)


def test_afgewezen_aanmelding_blijft_verborgen_en_de_inzender_hoort_het(
    client, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:dienst"), dienst_data())
    inzending = Inzending.objects.get()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _wijs_af(inzending, moderator, "Dit aanbod is niet in onze regio.")
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.AFGEWEZEN
    assert not Dienst.objects.get(pk=inzending.dienst_id).live
    assert not any(_publiek(client, inzending.dienst, "Belcirkel Zuid").values())
    (besluit,) = mailoutbox
    assert besluit.to == ["karin@example.org"]
    assert "Dit aanbod is niet in onze regio." in besluit.body


def test_aanmelden_vraagt_een_gemeente_of_landelijk(client):
    response = client.post(reverse("inzendingen:dienst"), dienst_data(gemeenten=[]))
    assert response.status_code == 200
    assert "Kies minstens één gemeente" in response.content.decode()
    response = client.post(
        reverse("inzendingen:dienst"),
        dienst_data(gemeenten=[], landelijk="on", leeftijd_min="70", leeftijd_max="60"),
    )
    assert "De hoogste leeftijd is lager dan de laagste leeftijd." in response.content.decode()


def _wijziging_data(client, dienst, **wijzig):
    """The prefilled form as the browser would send it, with some fields changed."""
    response = client.get(reverse("inzendingen:wijziging", args=[dienst.pk]))
    form = response.context["form"]
    data = {}
    for veld in form:
        waarde = veld.value()
        if waarde is None or waarde is False or waarde == "" or waarde == []:
            continue
        if waarde is True:
            waarde = "on"
        elif not isinstance(waarde, list):
            waarde = veld.field.widget.format_value(waarde)
        data[veld.name] = waarde
    data.update(
        inzender_naam="Henk Visser",
        inzender_email="henk@example.org",
        toestemming="on",
        **wijzig,
    )
    return beveiligd("wijziging", **{k: v for k, v in data.items() if v is not None})


def test_wijziging_is_een_nieuwe_conceptversie_en_de_live_versie_blijft(
    client, dienst, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    response = client.get(reverse("inzendingen:wijziging", args=[dienst.pk]))
    html = response.content.decode()
    assert 'value="Wandelgroep De Linde"' in html  # prefilled
    assert 'value="GM0344"' in html and "checked" in html

    data = _wijziging_data(
        client,
        dienst,
        samenvatting="Elke woensdag wandelen met buurtgenoten.",
        toelichting="Nu op woensdag.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:wijziging", args=[dienst.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    inzending = Inzending.objects.get()
    assert inzending.soort == "wijziging" and inzending.gegevens["gewijzigd"] == ["samenvatting"]
    dienst.refresh_from_db()
    assert dienst.live and dienst.has_unpublished_changes
    assert dienst.samenvatting == "Elke dinsdag wandelen met buurtgenoten."  # live is unchanged
    assert inzending.revisie.content["samenvatting"] == "Elke woensdag wandelen met buurtgenoten."
    assert dienst.latest_revision_id == inzending.revisie_id
    assert inzending.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not _zoek("q=woensdag")

    with django_capture_on_commit_callbacks(execute=True):
        _keur_goed(inzending, moderator)
    dienst.refresh_from_db()
    assert dienst.samenvatting == "Elke woensdag wandelen met buurtgenoten."
    assert _zoek("q=woensdag") == {"Wandelgroep De Linde"}
    assert [t.slug for t in dienst.terms("doelgroep")] == ["ouderen"]  # untouched fields kept


def test_afgewezen_wijziging_laat_de_dienst_zoals_hij_was(
    client, dienst, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    data = _wijziging_data(client, dienst, naam="Iets heel anders")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:wijziging", args=[dienst.pk]), data)
    inzending = Inzending.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        _wijs_af(inzending, moderator)
    dienst.refresh_from_db()
    inzending.refresh_from_db()
    assert inzending.status == Beoordeling.AFGEWEZEN
    assert dienst.naam == "Wandelgroep De Linde" and dienst.live
    # Editors start from the live version again, not from the declined proposal.
    assert not dienst.has_unpublished_changes
    assert dienst.latest_revision_id == dienst.live_revision_id
    assert any(m.to == ["henk@example.org"] and "niet over" in m.body for m in mailoutbox)


def test_tweede_wijziging_wacht_tot_de_eerste_beoordeeld_is(
    client, dienst, moderator, django_capture_on_commit_callbacks
):
    for samenvatting in ("Eerste voorstel.", "Tweede voorstel."):
        data = _wijziging_data(client, dienst, samenvatting=samenvatting)
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                client.post(reverse("inzendingen:wijziging", args=[dienst.pk]), data).status_code
                == 302
            )
    eerste, tweede = Inzending.objects.order_by("ontvangen_op", "pk")
    assert eerste.workflow_state and tweede.revisie is None  # waits, nothing lost

    with django_capture_on_commit_callbacks(execute=True):
        _keur_goed(eerste, moderator)
    tweede.refresh_from_db()
    assert tweede.revisie is not None
    assert tweede.revisie.content["samenvatting"] == "Tweede voorstel."
    assert tweede.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_wijziging_zonder_iets_te_veranderen_wordt_niet_verstuurd(client, dienst):
    data = _wijziging_data(client, dienst)
    response = client.post(reverse("inzendingen:wijziging", args=[dienst.pk]), data)
    assert response.status_code == 200
    assert "U heeft niets veranderd" in response.content.decode()
    assert not Inzending.objects.exists()


def test_wijziging_alleen_voor_diensten_op_de_kaart(client, dienst):
    dienst.live = False
    dienst.save()
    assert client.get(reverse("inzendingen:wijziging", args=[dienst.pk])).status_code == 404
    assert client.get(reverse("inzendingen:opgeheven", args=[dienst.pk])).status_code == 404


def test_melding_bestaat_niet_meer_haalt_de_dienst_na_akkoord_van_de_kaart(
    client, dienst, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    data = beveiligd(
        "opgeheven",
        toelichting="De wandelgroep is gestopt in maart.",
        inzender_email="buur@example.org",
        toestemming="on",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inzendingen:opgeheven", args=[dienst.pk]), data)
    assert response.status_code == 302
    inzending = Inzending.objects.get()
    assert inzending.soort == "opgeheven" and inzending.dienst_id == dienst.pk
    dienst.refresh_from_db()
    assert dienst.live  # nothing changes until a moderator agrees

    client.force_login(moderator)
    url = reverse("wagtailsnippets_inzendingen_inzending:actie", args=[inzending.pk, "opgeheven"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    dienst.refresh_from_db()
    inzending.refresh_from_db()
    assert not dienst.live
    assert inzending.status == Beoordeling.GOEDGEKEURD
    assert any(m.to == ["buur@example.org"] for m in mailoutbox)
