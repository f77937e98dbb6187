"""The hulpwijzer: one question per screen as plain GET forms that carry the earlier answers,
each question skippable, ending in a pre-filtered kaart.

"Waar woont u?" sends its text on as ``plaats=``, the kaart's place parameter, which resolves it
(a woonplaats, a gemeente's name or a postcode).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from kaart.models import zorg_voor_basisgegevens

URL = "/kaart/hulpwijzer/"


@pytest.fixture
def termen(db):
    zorg_voor_basisgegevens()


def stap(client, query=""):
    response = client.get(URL + (f"?{query}" if query else ""))
    return response, BeautifulSoup(response.content, "html.parser")


def verborgen(soup) -> dict:
    return {i["name"]: i["value"] for i in soup.select("main form input[type=hidden]")}


def test_the_first_question_is_for_whom_with_a_skip_link(client, termen):
    response, soup = stap(client)
    assert response.status_code == 200
    assert soup.select_one("legend h1").get_text() == "Voor wie zoekt u iets?"
    assert "vraag 1 van 4" in soup.select_one(".kaart-hulpwijzer__stap").get_text()
    form = soup.select_one("main form")
    assert form["method"] == "get" and form["action"] == URL
    assert verborgen(soup) == {"stap": "2"}
    assert len(soup.select("input[type=radio][name=voor]")) == 4
    assert soup.find("a", string="Sla deze vraag over")["href"] == URL + "?stap=2"


def test_each_answer_travels_along_as_a_hidden_field(client, termen):
    response, soup = stap(client, "voor=ouderen&stap=2")
    assert soup.select_one("label[for=hulpwijzer-plaats]").get_text() == "Waar woont u?"
    assert verborgen(soup) == {"voor": "ouderen", "stap": "3"}
    # Back to the previous question with the answer still chosen.
    terug = soup.find("a", string="Terug naar de vorige vraag")["href"]
    _, vorige = stap(client, urlsplit(terug).query)
    assert vorige.select_one("#hulpwijzer-ouderen").has_attr("checked")
    # Skipping the place keeps the earlier answer and gives no place.
    overslaan = soup.find("a", string="Sla deze vraag over")["href"]
    assert parse_qs(urlsplit(overslaan).query) == {"voor": ["ouderen"], "stap": ["3"]}

    _, soup = stap(client, "voor=ouderen&stap=3")
    assert verborgen(soup) == {"voor": "ouderen", "stap": "4"}
    _, soup = stap(client, "voor=ouderen&hulp=praten&stap=4")
    assert verborgen(soup) == {"voor": "ouderen", "hulp": "praten", "stap": "5"}
    assert soup.select_one("main form button[type=submit]").get_text() == "Toon wat bij mij past"


def test_the_end_is_the_kaart_with_the_answers_as_filters(client, termen):
    response = client.get(URL + "?voor=ouderen&hulp=praten&hoe=telefoon&stap=5")
    assert response.status_code == 302
    adres = urlsplit(response["Location"])
    assert adres.path == "/kaart/"
    assert parse_qs(adres.query) == {
        "doelgroep": ["ouderen", "iedereen"],
        "activiteit": ["een-op-een"],
        "plek": ["telefonisch"],
    }
    assert client.get(response["Location"]).status_code == 200


def test_every_question_skipped_is_the_whole_kaart(client, termen):
    response = client.get(URL + "?stap=5")
    assert response["Location"] == "/kaart/"


def test_the_place_is_passed_on_as_plaats(client, termen):
    response = client.get(URL + "?plaats=++Utrecht++Oost&stap=5")
    assert parse_qs(urlsplit(response["Location"]).query) == {"plaats": ["Utrecht Oost"]}


def test_the_place_ends_in_a_kaart_around_that_place(client, termen):
    response = client.get(URL + "?voor=ouderen&plaats=Lunteren&stap=5", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diensten in en rond Lunteren (gemeente Ede)" in " ".join(
        BeautifulSoup(html, "html.parser").get_text().split()
    )
    assert response.context["zoekvraag"].locatie.gemeente == "GM0228"


def test_every_option_maps_to_known_kaart_filters(client, termen):
    """An option that names a term the kaart does not know would give the visitor an error."""
    from kaart.hulpwijzer import VRAGEN, kaart_params
    from kaart.queries import parse_zoekvraag

    for vraag in VRAGEN:
        for optie in vraag.opties:
            zoekvraag = parse_zoekvraag(kaart_params({vraag.naam: optie.waarde}))
            assert zoekvraag.heeft_filters, optie


def test_an_unknown_answer_is_said_in_plain_words(client, termen):
    response, soup = stap(client, "voor=marsmannetjes")
    assert response.status_code == 400
    assert "Die keuze kennen wij niet" in soup.select_one("#hulpwijzer-fout").get_text()
    assert verborgen(soup) == {"stap": "2"}


def test_the_kaart_links_to_the_hulpwijzer_when_empty_and_when_nothing_is_found(client, termen):
    leeg = BeautifulSoup(client.get("/kaart/").content, "html.parser")
    assert leeg.select_one("#kaart-resultaten").find("a", href=URL)
    niets = BeautifulSoup(client.get("/kaart/?q=qqqxyzzy").content, "html.parser")
    assert niets.select_one(".kaart-leeg").find("a", href=URL)
