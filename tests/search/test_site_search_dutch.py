"""The site search at /zoeken/ in Dutch, on both backends: compounds, synonyms, typos."""

import pytest

from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page, backend_name):
    for slug, title, intro in (
        ("koffie", "Koffieochtend in de wijk", "Elke dinsdag een kop koffie en een praatje."),
        ("wandelen", "Samen wandelen", "Een wandelgroep voor wie graag buiten is."),
        ("ouderen", "Activiteiten voor ouderen", "Een overzicht voor 65-plussers."),
        ("ouders", "Steun voor ouders", "Voor vaders en moeders met jonge kinderen."),
    ):
        page = ContentPage(title=title, slug=slug, intro=intro)
        home_page.add_child(instance=page)
        page.save_revision().publish()
    if backend_name == "engine":
        from wagtail.models import Page

        from search.engine import get_backend

        backend = get_backend("default")
        backend.es.indices.refresh(index=backend.get_index_for_model(Page).name)
    return backend_name


def titles(client, q):
    response = client.get("/zoeken/", {"q": q})
    assert response.status_code == 200
    assert not response.context["degraded"]
    return {page.title for page in response.context["results"].object_list}


@pytest.mark.parametrize(
    "q,found,not_found",
    [
        ("koffie", {"Koffieochtend in de wijk"}, {"Samen wandelen"}),
        ("wandelgroep", {"Samen wandelen"}, {"Koffieochtend in de wijk"}),
        ("senioren", {"Activiteiten voor ouderen"}, {"Steun voor ouders"}),
        ("65+", {"Activiteiten voor ouderen"}, {"Steun voor ouders"}),
        ("ouders", {"Steun voor ouders"}, {"Activiteiten voor ouderen"}),
        ("ouderen", {"Activiteiten voor ouderen"}, {"Steun voor ouders"}),
        ("koffieochtnd", {"Koffieochtend in de wijk"}, {"Samen wandelen"}),
        ("kop koffie dinsdag", {"Koffieochtend in de wijk"}, {"Samen wandelen"}),
        ("koffie zwemmen", set(), {"Koffieochtend in de wijk"}),
    ],
)
def test_dutch_site_search(client, pages, q, found, not_found):
    got = titles(client, q)
    assert found <= got
    assert not (not_found & got)
