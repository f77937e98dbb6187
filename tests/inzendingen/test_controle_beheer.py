"""The verification cycle for editors: the dashboard panel, the report, the bulk action."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inzendingen import controle, controle_beheer
from inzendingen.models import Inzending, Mail
from kaart.factories import DienstFactory
from kaart.models import Dienst

pytestmark = pytest.mark.django_db


@pytest.fixture
def redacteur(db, django_user_model, home_page):
    from home.demo import load_groups

    load_groups()
    user = django_user_model.objects.create_user("redacteur", "red@example.org", "geheim")
    user.groups.add(Group.objects.get(name="Redacteuren"))
    return user


@pytest.fixture
def stand(db):
    vandaag = timezone.localdate()
    oud = vandaag - datetime.timedelta(days=400)
    recent = vandaag - datetime.timedelta(days=10)
    for n in range(9):
        DienstFactory(naam=f"Recent {n}", laatst_gecontroleerd=recent, gemeente_codes=["GM0344"])
    DienstFactory(naam="Oud Utrecht", laatst_gecontroleerd=oud, gemeente_codes=["GM0344"])
    DienstFactory(naam="Nooit Amersfoort", gemeente_codes=["GM0307"])
    DienstFactory(naam="Oud landelijk", laatst_gecontroleerd=oud, landelijk=True)
    gebounced = DienstFactory(
        naam="Gebounced", laatst_gecontroleerd=oud, beheerder_email="weg@example.org"
    )
    concept = DienstFactory(naam="Concept", laatst_gecontroleerd=oud, gemeente_codes=["GM0344"])
    Dienst.objects.filter(pk=concept.pk).update(live=False)
    ronde = controle.start_ronde(gebounced)
    Mail.objects.filter(pk=ronde.mails.get().mail_id).update(status=Mail.Status.MISLUKT)
    Inzending.objects.create(soort="melding", dienst=gebounced, toelichting="Klopt niet")
    return gebounced


def test_the_figures(stand):
    cijfers = controle_beheer.cijfers()
    assert (cijfers.live, cijfers.gecontroleerd, cijfers.aandeel) == (13, 9, 69)
    assert not cijfers.doel_gehaald
    assert [(g.naam, n) for g, n in cijfers.per_gemeente] == [("Amersfoort", 1), ("Utrecht", 1)]
    assert cijfers.landelijk_achterstallig == 1
    assert cijfers.open_meldingen == 1
    assert cijfers.gebouncede_beheerders == [(stand, "weg@example.org")]


def test_a_new_address_is_no_longer_bounced(stand):
    stand.beheerder_email = "nieuw@example.org"
    stand.save()
    assert controle_beheer.cijfers().gebouncede_beheerders == []


def test_the_figures_take_four_queries_whatever_the_size(stand):
    with CaptureQueriesContext(connection) as weinig:
        controle_beheer.cijfers()
    for n in range(20):
        DienstFactory(naam=f"Extra {n}", gemeente_codes=["GM0363"])
    with CaptureQueriesContext(connection) as veel:
        controle_beheer.cijfers()
    assert len(weinig) == len(veel) == 4


def test_dashboard_panel_and_report_for_an_editor(client, redacteur, stand):
    client.force_login(redacteur)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Controle van diensten" in dashboard
    assert "69 %" in dashboard
    assert "weg@example.org" in dashboard

    rapport = client.get(reverse("controle_rapport"))
    assert rapport.status_code == 200
    html = rapport.content.decode()
    for naam in ("Oud Utrecht", "Nooit Amersfoort", "Oud landelijk", "Gebounced"):
        assert naam in html
    assert "Recent 1" not in html and "Concept" not in html
    menu = client.get(reverse("wagtailadmin_reports:aging_pages")).content.decode()
    assert "Controle van diensten" in menu  # in the Rapporten menu

    export = client.get(reverse("controle_rapport"), {"export": "csv"})
    assert export.status_code == 200
    inhoud = b"".join(export.streaming_content) if export.streaming else export.content
    assert "weg@example.org" in inhoud.decode()


def test_without_the_right_no_panel_and_no_report(client, redacteur_zonder_rechten, stand):
    client.force_login(redacteur_zonder_rechten)
    assert "Controle van diensten" not in client.get(reverse("wagtailadmin_home")).content.decode()
    antwoord = client.get(reverse("controle_rapport"))
    assert antwoord.status_code in (302, 403)
