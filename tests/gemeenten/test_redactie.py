"""A gemeente's own editors ("Redactie <gemeente>"): per action what they may do with their own
gemeente's services and page, with another gemeente's, and with national services; national
editors keep seeing everything."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from home import rollen
from home.demo import load_groups


@pytest.fixture
def wereld(db, home_page):
    from gemeenten.models import GemeentePagina
    from kaart.factories import DienstFactory
    from kaart.models import Gemeente

    load_groups()
    call_command("gemeenteredactie_aanmaken", "GM0344", verbosity=0)
    call_command("gemeenteredactie_aanmaken", "gm0363", verbosity=0)
    diensten = {
        "eigen": DienstFactory(naam="Buurtkoffie Utrecht", gemeente_codes=["GM0344"]),
        "ander": DienstFactory(naam="Buurtkoffie Amsterdam", gemeente_codes=["GM0363"]),
        "gedeeld": DienstFactory(
            naam="Samen Utrecht en Zeist", gemeente_codes=["GM0344", "GM0355"]
        ),
        "landelijk": DienstFactory(naam="Landelijke Luisterlijn", landelijk=True),
    }
    paginas = {
        "eigen": GemeentePagina.objects.get(gemeente__code="GM0344"),
        "ander": GemeentePagina.objects.get(gemeente__code="GM0363"),
        "zonder redactie": GemeentePagina.objects.create(
            gemeente=Gemeente.objects.get(code="GM0014")
        ),
    }
    return {"diensten": diensten, "paginas": paginas}


def lid(client, *groepen):
    user = get_user_model().objects.create_user(
        "lid-" + "-".join(g.lower().replace(" ", "") for g in groepen),
        None,
        "een-lang-wachtwoord-42",
    )
    for naam in groepen:
        user.groups.add(Group.objects.get(name=naam))
    client.force_login(user)
    return user


def status(client, naam, *args):
    """200 when the view opens; 403 when it refuses (Wagtail's admin refuses by sending the
    user to the dashboard with a message, Django by a 403)."""
    response = client.get(reverse(naam, args=args))
    if response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"):
        return 403
    return response.status_code


def test_the_command_makes_one_group_per_gemeente_asked_for(wereld):
    from gemeenten.models import GemeenteRedactie

    assert set(GemeenteRedactie.objects.values_list("groep__name", flat=True)) == {
        "Redactie Utrecht",
        "Redactie Amsterdam",
    }
    call_command("gemeenteredactie_aanmaken", "GM0344", verbosity=0)  # again: nothing new
    assert GemeenteRedactie.objects.count() == 2
    with pytest.raises(CommandError, match="GM9999"):
        call_command("gemeenteredactie_aanmaken", "GM9999", verbosity=0)


def test_a_gemeente_editor_lists_only_their_gemeentes_local_services(client, wereld):
    lid(client, "Redactie Utrecht")
    html = client.get(reverse("wagtailsnippets_kaart_dienst:list")).content.decode()
    assert "Buurtkoffie Utrecht" in html
    for naam in ("Buurtkoffie Amsterdam", "Samen Utrecht en Zeist", "Landelijke Luisterlijn"):
        assert naam not in html


def test_a_gemeente_editor_edits_only_their_own_services(client, wereld):
    d = wereld["diensten"]
    lid(client, "Redactie Utrecht")
    assert status(client, "wagtailsnippets_kaart_dienst:edit", d["eigen"].pk) == 200
    for andere in ("ander", "gedeeld", "landelijk"):
        assert status(client, "wagtailsnippets_kaart_dienst:edit", d[andere].pk) == 403, andere


def test_a_gemeente_editor_may_create_a_service_but_not_delete_or_publish(client, wereld):
    from wagtail.permissions import policy_registry

    from kaart.models import Dienst

    d = wereld["diensten"]
    user = lid(client, "Redactie Utrecht")
    assert status(client, "wagtailsnippets_kaart_dienst:add") == 200
    assert status(client, "wagtailsnippets_kaart_dienst:delete", d["eigen"].pk) == 403
    beleid = policy_registry.get_by_type(Dienst)
    assert not beleid.user_has_permission_for_instance(user, "publish", d["eigen"])
    assert not beleid.user_has_permission_for_instance(user, "delete", d["eigen"])
    assert beleid.user_has_permission_for_instance(user, "change", d["eigen"])
    # Their changes go to the moderators: services are in the site's workflow.
    assert d["eigen"].get_workflow() is not None


def test_a_gemeente_editor_edits_only_their_gemeente_page_through_moderation(client, wereld):
    from gemeenten.models import GemeentePagina

    p = wereld["paginas"]
    user = lid(client, "Redactie Utrecht")
    html = client.get(reverse("wagtailsnippets_gemeenten_gemeentepagina:list")).content.decode()
    assert "Gemeentepagina Utrecht" in html
    assert "Gemeentepagina Amsterdam" not in html and "Gemeentepagina Groningen" not in html
    assert status(client, "wagtailsnippets_gemeenten_gemeentepagina:edit", p["eigen"].pk) == 200
    for andere in ("ander", "zonder redactie"):
        pk = p[andere].pk
        assert status(client, "wagtailsnippets_gemeenten_gemeentepagina:edit", pk) == 403
    assert status(client, "wagtailsnippets_gemeenten_gemeentepagina:add") == 403
    assert status(client, "wagtailsnippets_gemeenten_gemeentepagina:delete", p["eigen"].pk) == 403
    assert not user.has_perm("gemeenten.publish_gemeentepagina")
    assert p["eigen"].get_workflow() is not None
    assert GemeentePagina.objects.get(pk=p["eigen"].pk).live is False


def test_a_gemeente_editors_saved_change_waits_for_a_moderator(client, wereld):
    pagina = wereld["paginas"]["eigen"]
    lid(client, "Redactie Utrecht")
    url = reverse("wagtailsnippets_gemeenten_gemeentepagina:edit", args=[pagina.pk])
    data = {
        "gemeente": pagina.gemeente_id,
        "introductie": '{"blocks": [], "entityMap": {}}',
        "coordinator_naam": "Fatima de Vries",
        "coordinator_functie": "",
        "coordinator_email": "",
        "coordinator_telefoon": "",
        "hulpnummer": "030 123 45 67",
        "hulpnummer_tekst": "",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    from kaart.models import Gemeente

    amsterdam = Gemeente.objects.get(code="GM0363")
    response = client.post(url, {**data, "gemeente": amsterdam.pk})
    assert response.status_code == 200  # the form again, with its message
    assert "alleen de pagina van uw eigen gemeente" in response.content.decode()
    pagina.refresh_from_db()
    assert pagina.gemeente.code == "GM0344"
    client.post(url, data)
    pagina.refresh_from_db()
    assert pagina.live is False  # publishing was not allowed: a draft
    data.pop("action-publish")
    data["action-submit"] = "action-submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pagina.refresh_from_db()
    assert pagina.live is False  # a draft, in the workflow
    assert pagina.latest_revision.content["hulpnummer"] == "030 123 45 67"
    assert pagina.workflow_in_progress
    client.logout()
    assert "030 123 45 67" not in client.get("/gemeenten/utrecht/").content.decode()


def test_a_national_editor_sees_and_edits_everything(client, wereld):
    d, p = wereld["diensten"], wereld["paginas"]
    lid(client, rollen.REDACTEUREN, "Redactie Utrecht")
    html = client.get(reverse("wagtailsnippets_kaart_dienst:list")).content.decode()
    for naam in ("Buurtkoffie Utrecht", "Buurtkoffie Amsterdam", "Landelijke Luisterlijn"):
        assert naam in html
    for dienst in d.values():
        assert status(client, "wagtailsnippets_kaart_dienst:edit", dienst.pk) == 200
    for pagina in p.values():
        assert status(client, "wagtailsnippets_gemeenten_gemeentepagina:edit", pagina.pk) == 200


def dienst_formulier(user, **velden):
    from kaart.models import Dienst

    form_class = Dienst.snippet_viewset.get_form_class()
    data = {
        "naam": "Nieuwe dienst",
        "samenvatting": "Samen koffie drinken in de wijk.",
        "extern_id": "nieuw-1",
        **velden,
    }
    return form_class(data=data, for_user=user)


def test_a_gemeente_editor_chooses_only_their_own_gemeente_for_a_service(client, wereld):
    from kaart.models import Gemeente

    utrecht, amsterdam = (Gemeente.objects.get(code=c).pk for c in ("GM0344", "GM0363"))
    user = lid(client, "Redactie Utrecht")
    assert dienst_formulier(user, gemeenten=[utrecht]).is_valid()
    form = dienst_formulier(user, gemeenten=[utrecht, amsterdam])
    assert not form.is_valid()
    assert form.errors["gemeenten"] == ["Kies bij Gemeenten alleen Utrecht."]
    form = dienst_formulier(user, gemeenten=[utrecht], landelijk="on")
    assert not form.is_valid() and "landelijk" in form.errors
    assert "gemeenten" in dienst_formulier(user).errors  # no gemeente at all

    redacteur = lid(client, rollen.REDACTEUREN)
    assert dienst_formulier(redacteur, gemeenten=[amsterdam], landelijk="on").is_valid()


def test_rollen_bijwerken_gives_a_gemeentes_group_exactly_its_rights_again(wereld):
    from django.contrib.auth.models import Permission

    groep = Group.objects.get(name="Redactie Utrecht")
    groep.permissions.add(Permission.objects.get(codename="publish_dienst"))
    call_command("rollen_bijwerken", verbosity=0)
    rechten = set(groep.permissions.values_list("codename", flat=True))
    assert "publish_dienst" not in rechten
    assert {"change_dienst", "change_gemeentepagina", "access_admin"} <= rechten
