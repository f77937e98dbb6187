"""The admin side and the interfaces for other apps: queues, inspect pages, rights, the link from
the sociale kaart, Wagtail's own notification mails, and the demo content."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from inzendingen.factories import InzendingFactory, VoorbeeldPageFactory
from inzendingen.models import Inzending, VoorbeeldPage
from inzendingen.queries import voorbeelden_url, voorbeelden_voor_gemeente
from kaart.models import Gemeente

from .conftest import voorbeeld_data

pytestmark = pytest.mark.django_db


def test_inzendingen_komen_alleen_van_het_publiek(client, moderator):
    client.force_login(moderator)
    lijst = client.get(reverse("wagtailsnippets_inzendingen_inzending:list"))
    assert lijst.status_code == 200
    assert reverse("wagtailsnippets_inzendingen_inzending:add") not in lijst.content.decode()
    response = client.get(reverse("wagtailsnippets_inzendingen_inzending:add"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_menu_groep_inzendingen(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Inzendingen", "Te beoordelen", "Tips voor hulpmiddelen", "Bel mij terug"):
        assert label in html


def test_inspectiepagina_toont_gegevens_acties_en_beoordelingslink(
    client, index, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:voorbeeld"), voorbeeld_data())
    inzending = Inzending.objects.get()
    client.force_login(moderator)
    html = client.get(
        reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[inzending.pk])
    ).content.decode()
    assert inzending.referentie in html
    assert "petra@example.org" in html
    assert "Maatjes voor mantelzorgers" in html
    assert reverse("wagtailadmin_pages:edit", args=[inzending.voorbeeld_id]) in html
    assert (
        reverse("wagtailsnippets_inzendingen_inzending:actie", args=[inzending.pk, "afwijzen"])
        in html
    )


def test_lijst_filtert_op_status_en_soort(client, moderator):
    InzendingFactory(onderwerp="Open melding")
    InzendingFactory(onderwerp="Oude spam", status="spam")
    client.force_login(moderator)
    url = reverse("wagtailsnippets_inzendingen_inzending:list")
    assert "Oude spam" not in client.get(url, {"status": "nieuw"}).content.decode()
    assert (
        "Open melding"
        in client.get(url, {"status": "nieuw", "soort": "opgeheven"}).content.decode()
    )
    assert "Open melding" not in client.get(url, {"soort": "voorbeeld"}).content.decode()


def test_acties_alleen_met_een_post_en_het_recht_om_te_wijzigen(client, redacteur_zonder_rechten):
    inzending = InzendingFactory()
    url = reverse("wagtailsnippets_inzendingen_inzending:actie", args=[inzending.pk, "spam"])
    client.force_login(redacteur_zonder_rechten)
    client.post(url)
    inzending.refresh_from_db()
    assert inzending.status == "nieuw"


def test_wagtail_mailt_moderatoren_niet_zelf_bij_een_publieke_inzending(
    client, index, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:voorbeeld"), voorbeeld_data())
    # One notice per moderator, ours (through the outbox), not Wagtail's synchronous one too.
    aan_moderator = [m for m in mailoutbox if m.to == ["moderator@example.org"]]
    assert len(aan_moderator) == 1
    assert aan_moderator[0].subject.startswith("Nieuwe inzending VB-")


def test_wagtail_mailt_moderatoren_wel_als_een_redacteur_iets_indient(
    index, moderator, django_user_model, mailoutbox
):
    redacteur = django_user_model.objects.create_user("redacteur", "r@example.org", "x")
    pagina = VoorbeeldPageFactory(parent=index, live=False)
    pagina.save_revision(user=redacteur)
    pagina.get_workflow().start(pagina, redacteur)
    assert any(m.to == ["moderator@example.org"] for m in mailoutbox)


def test_koppeling_vanuit_de_sociale_kaart(index):
    utrecht = Gemeente.objects.get(code="GM0344")
    VoorbeeldPageFactory(parent=index, gemeente=utrecht, title="Een")
    VoorbeeldPageFactory(parent=index, gemeente=utrecht, title="Twee")
    VoorbeeldPageFactory(parent=index, gemeente=utrecht, title="Concept", live=False)

    assert [v.title for v in voorbeelden_voor_gemeente("gm0344")] == ["Een", "Twee"]
    assert not voorbeelden_voor_gemeente("GM0193").exists()
    assert voorbeelden_url("GM0344") == "/voorbeelden/?gemeente=GM0344"

    sjabloon = Template("{% load inzendingen_tags %}{% voorbeelden_link code %}")
    html = sjabloon.render(Context({"code": "GM0344"}))
    assert 'href="/voorbeelden/?gemeente=GM0344"' in html and "2 voorbeelden" in html
    assert sjabloon.render(Context({"code": "GM0193"})).strip() == ""
    assert sjabloon.render(Context({"code": utrecht})).strip() == html.strip()


def test_voorbeeldpagina_toont_de_aanpak_per_onderdeel(client, index):
    pagina = VoorbeeldPageFactory(
        parent=index,
        title="Maatjes",
        signalering="<p>Wij bellen iedereen.</p>",
        partners="Bibliotheek\nHuisartsen",
        contact_email="welzijn@example.org",
    )
    html = client.get(pagina.url).content.decode()
    assert "Signalering: eenzame mensen vinden" in html and "Wij bellen iedereen." in html
    assert "<li>Bibliotheek</li>" in html
    assert "mailto:welzijn@example.org" in html
    assert "/voorbeelden/?gemeente=GM0344" in html
    assert "Bewustwording en agendering" not in html  # empty parts are left out


def test_paginamodellen_in_de_boom(index, home_page):
    from home.models import HomePage

    assert VoorbeeldPage.allowed_parent_page_models() == [type(index)]
    assert VoorbeeldPage.allowed_subpage_models() == []
    assert type(index).allowed_parent_page_models() == [HomePage]
    assert VoorbeeldPage.can_create_at(index) and not VoorbeeldPage.can_create_at(home_page)
    assert not type(index).can_create_at(home_page)  # there is one collection


def test_moderator_opent_het_concept_en_de_vergelijking_van_een_wijziging(
    client, index, dienst, moderator, django_capture_on_commit_callbacks
):
    from .test_diensten import _wijziging_data

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:voorbeeld"), voorbeeld_data())
        data = _wijziging_data(client, dienst, samenvatting="Nu op woensdag.")
        client.post(reverse("inzendingen:wijziging", args=[dienst.pk]), data)
    voorbeeld, wijziging = Inzending.objects.order_by("soort")[:2]
    if voorbeeld.soort != "voorbeeld":
        voorbeeld, wijziging = wijziging, voorbeeld
    client.force_login(moderator)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[voorbeeld.voorbeeld_id]))
    assert edit.status_code == 200 and "Maatjes voor mantelzorgers" in edit.content.decode()

    inspect = client.get(
        reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[wijziging.pk])
    ).content.decode()
    vergelijk = reverse(
        "wagtailsnippets_kaart_dienst:revisions_compare",
        kwargs={"pk": dienst.pk, "revision_id_a": "live", "revision_id_b": wijziging.revisie_id},
    )
    assert vergelijk in inspect
    response = client.get(vergelijk)
    assert response.status_code == 200
    assert "Nu op woensdag." in response.content.decode()


def test_demo_is_herhaalbaar(home_page):
    from inzendingen import demo
    from kaart.models import Term  # noqa: F401

    demo.load(home_page)
    aantal = VoorbeeldPage.objects.live().count()
    demo.load(home_page)
    assert VoorbeeldPage.objects.live().count() == aantal == len(demo.voorbeelden())
    assert voorbeelden_voor_gemeente("GM0193").count() == 1


def test_meedoen_pagina_leidt_naar_elk_formulier(client, home_page):
    from home.models import ContentPage
    from inzendingen import demo

    demo.load(home_page)
    demo.load(home_page)
    meedoen = ContentPage.objects.get(slug="meedoen")
    html = client.get(meedoen.url).content.decode()
    for naam in ("voorbeeld", "dienst", "tip", "terugbellen"):
        url = reverse(f"inzendingen:{naam}")
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_the_inspect_screen_shows_words_not_codes(
    client, index, moderator, django_capture_on_commit_callbacks
):
    from inzendingen.viewsets import gegevens_regels

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inzendingen:voorbeeld"), voorbeeld_data())
    inzending = Inzending.objects.get()
    regels = dict(gegevens_regels(inzending))
    assert regels["Over welke gemeente gaat het?"] == "Utrecht"
    assert regels["Voor wie is de aanpak?"] == "Mantelzorgers"
    assert regels["Titel van uw voorbeeld"] == "Maatjes voor mantelzorgers"
    client.force_login(moderator)
    html = client.get(
        reverse("wagtailsnippets_inzendingen_inzending:inspect", args=[inzending.pk])
    ).content.decode()
    gegevens = html[html.index('id="inzending-gegevens"') :]
    assert "GM0344" not in gegevens and "None" not in gegevens and "[]" not in gegevens
    assert "<dd>Utrecht</dd>" in gegevens
