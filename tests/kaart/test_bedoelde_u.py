"""A text that finds nothing offers "Bedoelde u …?" with a link that searches the correction."""

import pytest

pytestmark = pytest.mark.django_db


def test_misspelling_that_finds_nothing_offers_the_correction(client, home_page):
    response = client.get("/kaart/", {"q": "eenzaamheit", "plek": "online"})
    assert response.context["resultaat"].count == 0
    correction = response.context["bedoelde_u"]
    assert correction["q"] == "eenzaamheid"
    assert "q=eenzaamheid" in correction["url"] and "plek=online" in correction["url"]
    html = response.content.decode()
    assert "Bedoelde u" in html and ">eenzaamheid</a>" in html


def test_no_suggestion_for_a_known_word(client, home_page):
    response = client.get("/kaart/", {"q": "eenzaamheid"})
    assert response.context["bedoelde_u"] is None
    assert "Bedoelde u" not in response.content.decode()
