"""The site search at /zoeken/: results, promotions, statistics and the database fallback."""

import pytest
from django.test import override_settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.models import ContentPage
from portal.searchconfig import search_backends_from_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    made = []
    for slug, title, intro in (
        ("koffie", "Koffieochtend in de wijk", "Elke dinsdag koffie en een praatje."),
        ("wandelen", "Samen wandelen", "Wandelgroep voor wie er graag op uit gaat."),
    ):
        page = ContentPage(title=title, slug=slug, intro=intro)
        home_page.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    return made


def test_search_finds_live_pages(client, pages):
    response = client.get("/zoeken/", {"q": "wandelgroep"})
    assert response.status_code == 200
    results = response.context["results"]
    assert [p.title for p in results.object_list] == ["Samen wandelen"]
    assert "1 resultaat voor" in response.content.decode()


def test_unpublished_pages_are_not_found(client, pages):
    pages[1].unpublish()
    response = client.get("/zoeken/", {"q": "wandelgroep"})
    assert list(response.context["results"].object_list) == []
    assert "Niets gevonden" in response.content.decode()


def test_empty_query_shows_form_only(client, home_page):
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_query_is_recorded_and_promotions_shown(client, pages):
    query = Query.get("koffie")
    SearchPromotion.objects.create(query=query, page=pages[1], sort_order=0, description="Tip!")
    response = client.get("/zoeken/", {"q": "koffie"})
    html = response.content.decode()
    assert "Aanbevolen" in html and "Tip!" in html
    assert Query.get("koffie").hits == 1


def test_bad_page_number_does_not_break(client, pages):
    for number in ("abc", "999", "-1"):
        assert client.get("/zoeken/", {"q": "koffie", "page": number}).status_code == 200


def test_engine_down_falls_back_to_database_and_says_so(client, pages, caplog):
    broken = search_backends_from_url("opensearch://127.0.0.1:9", "fallback_test_")
    with override_settings(SEARCH_URL="opensearch://127.0.0.1:9", WAGTAILSEARCH_BACKENDS=broken):
        response = client.get("/zoeken/", {"q": "wandelgroep"})
    assert response.status_code == 200
    assert [p.title for p in response.context["results"].object_list] == ["Samen wandelen"]
    assert "Zoeken werkt op dit moment beperkt" in response.content.decode()
    assert any("answering from the database" in r.getMessage() for r in caplog.records)
