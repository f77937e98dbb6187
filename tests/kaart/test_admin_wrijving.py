"""Admin friction from an editor's walkthrough (issue #15.5), one test per item."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kaart.factories import DienstFactory
from kaart.models import Dienst, Term
from kaart.viewsets import DienstViewSet

pytestmark = pytest.mark.django_db
ADD = "wagtailsnippets_kaart_dienst:add"
LIST = "wagtailsnippets_kaart_dienst:list"


def _velden(panel) -> list[str]:
    naam = getattr(panel, "field_name", None)
    if naam:
        return [naam]
    return [veld for kind in getattr(panel, "children", []) for veld in _velden(kind)]


def test_voor_wie_is_on_the_kenmerken_tab():
    tabs = {tab.heading: _velden(tab) for tab in DienstViewSet.edit_handler.children}
    assert "doelgroep" in tabs["Kenmerken"]
    assert "doelgroep" not in tabs["Voorwaarden en kosten"]


def test_no_dashes_and_no_repeated_group_names_in_the_options(admin_client):
    html = admin_client.get(reverse(ADD)).content.decode()
    assert "---------" not in html
    assert "Niet ingevuld" in html  # the empty choice of an optional single-valued list
    assert "Ouderen (65+)" in html
    assert "Ouderen (65+) (voor wie)" not in html
    assert "Gratis aanbod (betaald door)" not in html


def test_gemeenten_are_checkboxes_grouped_by_province(admin_client):
    html = admin_client.get(reverse(ADD)).content.decode()
    assert not re.search(r'<select[^>]*name="gemeenten"', html)
    assert "<summary>Utrecht</summary>" in html and "<summary>Fryslân</summary>" in html
    assert html.count('name="gemeenten"') >= 340
    assert "Zoek een gemeente" in html  # the filter box, shown by the script
    assert "js/kaart-admin.js" in html


def test_a_hand_made_dienst_needs_no_extern_id(admin_client):
    html = admin_client.get(reverse(ADD)).content.decode()
    invoer = re.search(r'<input[^>]*name="extern_id"[^>]*>', html).group(0)
    assert "required" not in invoer
    response = admin_client.post(
        reverse(ADD), {"naam": "Breiclub", "samenvatting": "Samen breien.", "landelijk": "on"}
    )
    assert response.status_code == 302, response.context["form"].errors
    dienst = Dienst.objects.get(naam="Breiclub")
    assert dienst.extern_id.startswith("kaart-")


def test_editing_keeps_the_extern_id_when_left_empty(admin_client):
    dienst = DienstFactory(extern_id="vast-1", landelijk=True)
    edit = reverse("wagtailsnippets_kaart_dienst:edit", args=[dienst.pk])
    response = admin_client.post(
        edit, {"naam": dienst.naam, "samenvatting": dienst.samenvatting, "landelijk": "on"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Dienst.objects.get(pk=dienst.pk).extern_id == "vast-1"


def test_the_check_date_is_read_only_on_the_edit_form(admin_client):
    dienst = DienstFactory(laatst_gecontroleerd=datetime.date(2026, 1, 2), landelijk=True)
    edit = reverse("wagtailsnippets_kaart_dienst:edit", args=[dienst.pk])
    html = admin_client.get(edit).content.decode()
    assert 'name="laatst_gecontroleerd"' not in html
    assert "2 januari 2026" in html or "2026-01-02" in html
    admin_client.post(
        edit,
        {
            "naam": dienst.naam,
            "samenvatting": dienst.samenvatting,
            "landelijk": "on",
            "laatst_gecontroleerd": "2030-01-01",
        },
    )
    dienst.refresh_from_db()
    assert dienst.laatst_gecontroleerd == datetime.date(2026, 1, 2)


def test_the_filter_chip_reads_as_a_sentence_and_filters(admin_client):
    oud = timezone.localdate() - datetime.timedelta(days=400)
    DienstFactory(naam="Oud", laatst_gecontroleerd=oud)
    DienstFactory(naam="Vers", laatst_gecontroleerd=timezone.localdate())
    response = admin_client.get(reverse(LIST), {"verouderd": "ja"})
    html = response.content.decode()
    assert [d.naam for d in response.context["object_list"]] == ["Oud"]
    assert "Niet gecontroleerd in het laatste jaar" in html
    assert "False" not in html
    # another filter alone: no chip for this one, and the old entries are listed too
    ander = admin_client.get(reverse(LIST), {"landelijk": "false"})
    assert "False" not in ander.content.decode()
    assert sorted(d.naam for d in ander.context["object_list"]) == ["Oud", "Vers"]


def test_the_bulk_action_is_called_markeer_als_gecontroleerd(admin_client):
    DienstFactory()
    html = admin_client.get(reverse(LIST)).content.decode()
    assert "Markeer als gecontroleerd" in html
    assert Term.objects.exists()


def test_the_edit_form_shows_the_history_of_the_check_date(admin_client, admin_user):
    dienst = DienstFactory(laatst_gecontroleerd=datetime.date(2025, 5, 1), landelijk=True)
    dienst.save_revision(user=admin_user).publish()
    dienst.laatst_gecontroleerd = datetime.date(2026, 2, 3)
    dienst.save_revision(user=None).publish()
    Dienst.objects.filter(pk=dienst.pk).update(laatst_gecontroleerd=datetime.date(2026, 4, 5))
    edit = reverse("wagtailsnippets_kaart_dienst:edit", args=[dienst.pk])
    html = admin_client.get(edit).content.decode()
    assert "Geschiedenis van de controle" in html
    posities = [html.index(f"Gecontroleerd op {d}") for d in
                ("5 april 2026", "3 februari 2026", "1 mei 2025")]  # fmt: skip
    assert posities == sorted(posities)  # newest first
    assert "Beheerder van de dienst (controle-mail)" in html
