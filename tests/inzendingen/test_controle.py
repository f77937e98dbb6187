"""The verification cycle (inzendingen.controle): due selection, steps, links and answers.

Time is moved with time-machine; mails go through the real outbox (``Mail`` rows, sent by
``inzendingen.tasks``) to Django's test mailbox.
"""

import datetime
import io
import re

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inzendingen import controle
from inzendingen.models import Controlemail, Controleronde, Inzending, Mail
from inzendingen.tasks import verstuur_wachtende
from kaart.factories import DienstFactory
from kaart.models import Dienst

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_maart():
    """Every test starts on START; a test moves on from there."""
    with time_machine.travel(START):
        yield


def _dienst(**velden):
    velden.setdefault("beheerder_naam", "Anja de Vries")
    velden.setdefault("beheerder_email", "anja@welzijn.example")
    velden.setdefault("laatst_gecontroleerd", datetime.date(2025, 3, 1))
    return DienstFactory(**velden)


def _verstuur(mailoutbox) -> list:
    verstuur_wachtende()
    return list(mailoutbox)


def _link(mail) -> str:
    return re.search(r"https?://\S+/controle/\S+/", mail.body).group(0)


def _pad(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_due_selection_eleven_months_or_never_with_a_beheerder():
    oud = _dienst(naam="Oud")
    nooit = _dienst(naam="Nooit", laatst_gecontroleerd=None)
    _dienst(naam="Recent", laatst_gecontroleerd=datetime.date(2025, 6, 1))
    _dienst(naam="Zonder beheerder", beheerder_email="")
    concept = _dienst(naam="Concept")
    Dienst.objects.filter(pk=concept.pk).update(live=False)
    with time_machine.travel(START, tick=False):
        assert {d.naam for d in controle.te_vragen()} == {oud.naam, nooit.naam}
        controle.controleer()
        # a started round is not started again, also not after it expired
        assert set(controle.te_vragen()) == set()
    with time_machine.travel(START + datetime.timedelta(days=100), tick=False):
        controle.controleer()
        assert set(controle.te_vragen()) == set()
    # by then "Recent" is eleven months old; the other two are not asked a second time
    assert sorted(Controleronde.objects.values_list("dienst__naam", flat=True)) == [
        "Nooit",
        "Oud",
        "Recent",
    ]


def test_question_and_reminders_at_14_and_28_days_one_mail_per_step(mailoutbox):
    dienst = _dienst(naam="Wandelgroep")
    with time_machine.travel(START, tick=False):
        uit = io.StringIO()
        call_command("diensten_controleren", stdout=uit)
        call_command("diensten_controleren", stdout=uit)
    assert "vraag: 1" in uit.getvalue() and "vraag: 0" in uit.getvalue()
    mails = _verstuur(mailoutbox)
    assert [m.subject for m in mails] == ["Klopt uw dienst nog? Wandelgroep"]
    assert mails[0].to == ["anja@welzijn.example"]
    assert "Beste Anja de Vries" in mails[0].body

    for dagen, verwacht in [(13, 1), (14, 2), (20, 2), (27, 2), (28, 3), (40, 3)]:
        with time_machine.travel(START + datetime.timedelta(days=dagen), tick=False):
            controle.controleer()
        assert len(_verstuur(mailoutbox)) == verwacht, dagen
    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Klopt uw dienst nog? Wandelgroep",
        "Herinnering",
        "Laatste herinnering",
    ]
    dienst.refresh_from_db()
    assert dienst.niet_actueel_sinds is None

    with time_machine.travel(START + datetime.timedelta(days=42), tick=False):
        uitkomst = controle.controleer()
    assert uitkomst["niet_actueel"] == 1
    dienst.refresh_from_db()
    assert dienst.niet_actueel_sinds == datetime.date(2026, 4, 13)
    assert len(_verstuur(mailoutbox)) == 3


def test_a_late_run_sends_only_the_next_step(mailoutbox):
    _dienst()
    with time_machine.travel(START, tick=False):
        controle.controleer()
    with time_machine.travel(START + datetime.timedelta(days=35), tick=False):
        controle.controleer()
    stappen = list(Controlemail.objects.values_list("stap", flat=True))
    assert stappen == ["vraag", "herinnering-1"]


def test_a_step_is_stored_once_even_when_asked_twice():
    dienst = _dienst()
    with time_machine.travel(START, tick=False):
        ronde = controle.start_ronde(dienst)
        assert controle.start_ronde(dienst) is None  # one open round per service
        assert controle._stuur(ronde, Controlemail.Stap.VRAAG, timezone.now()) is False
    assert Controlemail.objects.count() == Mail.objects.count() == 1


def _ronde_en_link(client, mailoutbox):
    with time_machine.travel(START, tick=False):
        controle.controleer()
    mail = _verstuur(mailoutbox)[0]
    return Controleronde.objects.get(), _pad(_link(mail))


def test_alles_klopt_sets_the_date_and_who(client, mailoutbox):
    dienst = _dienst()
    Dienst.objects.filter(pk=dienst.pk).update(niet_actueel_sinds=datetime.date(2026, 1, 1))
    ronde, link = _ronde_en_link(client, mailoutbox)

    pagina = client.get(link)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert dienst.naam in html and dienst.samenvatting in html
    assert "anja@welzijn.example" not in html
    for knop in ("Alles klopt", "Er is iets veranderd", "Deze dienst bestaat niet meer"):
        assert knop in html
    dienst.refresh_from_db()
    assert dienst.laatst_gecontroleerd == datetime.date(2025, 3, 1)  # a GET changes nothing

    with time_machine.travel(START + datetime.timedelta(days=3), tick=False):
        antwoord = client.post(link + "klopt/")
    assert antwoord.status_code == 302
    assert "De dienst staat nu als gecontroleerd" in client.get(antwoord.url).content.decode()
    dienst.refresh_from_db()
    ronde.refresh_from_db()
    assert dienst.laatst_gecontroleerd == datetime.date(2026, 3, 5)
    assert dienst.niet_actueel_sinds is None
    assert ronde.uitkomst == "klopt"
    assert ronde.beantwoord_door == "anja@welzijn.example"
    assert ronde.beantwoord_op.date() == datetime.date(2026, 3, 5)

    # the link works once; no reminders after an answer
    opnieuw = client.get(link)
    assert opnieuw.status_code == 410
    assert "U heeft deze vraag al beantwoord" in opnieuw.content.decode()
    assert client.post(link + "klopt/").status_code == 410
    with time_machine.travel(START + datetime.timedelta(days=30), tick=False):
        controle.controleer()
    assert Controlemail.objects.count() == 1


def test_a_get_of_an_answer_changes_nothing(client, mailoutbox):
    _dienst()
    ronde, link = _ronde_en_link(client, mailoutbox)
    assert client.get(link + "klopt/").status_code == 405
    ronde.refresh_from_db()
    assert ronde.uitkomst == "open"


def test_er_is_iets_veranderd_becomes_a_draft_revision_for_moderation(
    client, mailoutbox, moderator, django_capture_on_commit_callbacks
):
    dienst = _dienst(naam="Wandelgroep", telefoon="030 123 45 67", gemeente_codes=["GM0344"])
    ronde, link = _ronde_en_link(client, mailoutbox)

    formulier = client.post(link + "gewijzigd/")
    assert formulier.status_code == 200
    form = formulier.context["form"]
    assert form["naam"].value() == "Wandelgroep"
    assert form["inzender_email"].value() == "anja@welzijn.example"
    ronde.refresh_from_db()
    assert ronde.uitkomst == "open"

    data = {
        name: value
        for name, value in ((f.html_name, f.value()) for f in form)
        if value not in (None, False)
    }
    data.update(telefoon="030 765 43 21", toestemming="on")
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(link + "gewijzigd/", data)
    assert antwoord.status_code == 302, antwoord.context["form"].errors
    inzending = Inzending.objects.get()
    assert inzending.soort == "wijziging"
    assert inzending.gegevens["gewijzigd"] == ["telefoon"]
    assert inzending.workflow_state is not None
    dienst.refresh_from_db()
    assert dienst.telefoon == "030 123 45 67"  # the live version stays until approved
    assert dienst.get_latest_revision_as_object().telefoon == "030 765 43 21"
    ronde.refresh_from_db()
    assert (ronde.uitkomst, ronde.inzending) == ("gewijzigd", inzending)

    # the moderator sees the change field by field (Wagtail's revision comparison)
    client.force_login(moderator)
    inspect = client.get(
        reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[inzending.pk])
    ).content.decode()
    vergelijk = reverse(
        "wagtailsnippets_kaart_dienst:revisions_compare",
        kwargs={"pk": dienst.pk, "revision_id_a": "live", "revision_id_b": inzending.revisie_id},
    )
    assert vergelijk in inspect
    verschil = client.get(vergelijk)
    assert verschil.status_code == 200
    html = verschil.content.decode()
    rij = html[html.index("Telefoonnummer") :][:800]
    assert "765" in rij and "123" in rij  # the new and the old value, side by side


def test_bestaat_niet_meer_goes_to_moderation(client, mailoutbox, moderator):
    dienst = _dienst()
    ronde, link = _ronde_en_link(client, mailoutbox)
    bevestig = client.post(link + "opgeheven/")
    assert bevestig.status_code == 200
    assert "toelichting" in bevestig.context["form"].fields
    antwoord = client.post(
        link + "opgeheven/",
        {
            "toelichting": "Gestopt per 1 maart.",
            "inzender_email": "anja@welzijn.example",
            "toestemming": "on",
        },  # fmt: skip
    )
    assert antwoord.status_code == 302
    inzending = Inzending.objects.get()
    assert (inzending.soort, inzending.dienst) == ("opgeheven", dienst)
    ronde.refresh_from_db()
    assert ronde.uitkomst == "opgeheven"
    dienst.refresh_from_db()
    assert dienst.live  # a moderator decides


def test_expired_foreign_and_forged_links_are_refused(client, mailoutbox):
    a = _dienst(naam="A")
    b = _dienst(naam="B")
    with time_machine.travel(START, tick=False):
        controle.controleer()
    ronde_a = Controleronde.objects.get(dienst=a)
    ronde_b = Controleronde.objects.get(dienst=b)

    # a token for round A that claims service B (as a foreign link would) is not ours
    vreemd = signing.dumps({"r": ronde_a.pk, "d": b.pk}, salt=controle.SALT)
    antwoord = client.get(reverse("inzendingen:controle", args=[vreemd]))
    assert antwoord.status_code == 404
    assert "Deze link werkt niet" in antwoord.content.decode()
    # signed with another purpose (salt)
    ander = signing.dumps({"r": ronde_b.pk, "d": b.pk}, salt="inzendingen.verzonden")
    assert client.get(reverse("inzendingen:controle", args=[ander])).status_code == 404
    assert client.post(reverse("inzendingen:controle_klopt", args=[ander])).status_code == 404
    ronde_b.refresh_from_db()
    assert ronde_b.uitkomst == "open"

    token = controle.maak_token(ronde_a)
    with time_machine.travel(START + controle.LINK_GELDIG + datetime.timedelta(days=1)):
        verlopen = client.get(reverse("inzendingen:controle", args=[token]))
        assert verlopen.status_code == 410
        assert "Deze link is verlopen" in verlopen.content.decode()
        controle.controleer()
    ronde_a.refresh_from_db()
    assert ronde_a.uitkomst == "verlopen"


def test_beat_runs_the_cycle(settings):
    assert settings.CELERY_BEAT_SCHEDULE["diensten-controleren"]["task"] == (
        "inzendingen.diensten_controleren"
    )
    from portal.celery import task

    _dienst()
    with time_machine.travel(START, tick=False):
        assert task("inzendingen.diensten_controleren").apply().get()["vraag"] == 1
