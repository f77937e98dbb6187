"""Help while typing (``/api/kaart/suggest/``) and "Bedoelde u …?", on both backends."""

import pytest

from kaart.factories import DienstFactory
from kaart.suggesties import suggesties
from search.suggest import bedoelde_u

pytestmark = pytest.mark.django_db


@pytest.fixture
def diensten(backend_name):
    made = [
        DienstFactory(naam="Koffieochtend De Linde", samenvatting="Koffie en een praatje."),
        DienstFactory(naam="Koffieochtend De Linde", samenvatting="Dezelfde naam, elders."),
        DienstFactory(naam="Taalcafé Welkom", samenvatting="Nederlands oefenen."),
        DienstFactory(naam="Eenzaamheid Samen Aanpakken", samenvatting="Voor de hele wijk."),
        DienstFactory(naam="Concept: wordt nog uitgewerkt", live=False),
    ]
    if backend_name == "engine":
        from kaart.models import Dienst
        from search.engine import get_backend

        backend = get_backend("default")
        backend.es.indices.refresh(index=backend.get_index_for_model(Dienst).name)
    return made


def test_names_start_with_what_is_typed_once_each(client, diensten):
    response = client.get("/api/kaart/suggest/", {"q": "koff"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert isinstance(answer, list)
    names = [s["label"] for s in answer if s["type"] == "dienst"]
    assert names == ["Koffieochtend De Linde"]
    first = answer[0]
    assert first["url"] == f"/kaart/dienst/{first['value']}/"


def test_every_word_may_be_the_start_of_a_word(diensten):
    assert [s.label for s in suggesties("koff lin")] == ["Koffieochtend De Linde"]
    assert [s.label for s in suggesties("de koff")] == ["Koffieochtend De Linde"]


def test_accents_do_not_matter(diensten):
    for typed in ("taalc", "taalca", "taalcá", "TAALCAF"):
        assert [s.label for s in suggesties(typed) if s.type == "dienst"] == ["Taalcafé Welkom"]


def test_drafts_are_never_suggested(diensten):
    assert not [s for s in suggesties("concept") if s.type == "dienst"]


def test_vocabulary_labels_are_suggested_with_their_filter(diensten):
    labels = {(s.label, s.type, s.url) for s in suggesties("oud")}
    assert ("Ouderen (65+)", "doelgroep", "/kaart/?doelgroep=ouderen") in labels
    assert [(s.label, s.type) for s in suggesties("mantelz")] == [("Mantelzorgers", "doelgroep")]
    naaste = [(s.label, s.url) for s in suggesties("zorgen naas")]
    assert naaste == [("Zorgen voor een naaste", "/kaart/?thema=mantelzorg")]


def test_too_little_typed_suggests_nothing(client, diensten):
    assert client.get("/api/kaart/suggest/", {"q": "k"}).json() == []
    assert client.get("/api/kaart/suggest/").json() == []
    assert client.get("/api/kaart/suggest/", {"q": "  -- "}).json() == []


def test_never_more_than_eight(diensten):
    for n in range(12):
        DienstFactory(naam=f"Koffiehuis {n}")
    assert len(suggesties("koffie")) <= 8


class TestBedoeldeU:
    def test_corrects_a_word_it_does_not_know(self, diensten):
        assert bedoelde_u("eenzamheid") == "eenzaamheid"
        assert bedoelde_u("eenzaamhied") == "eenzaamheid"

    def test_keeps_the_other_words_as_typed(self, diensten):
        assert bedoelde_u("Koffieochtend voor eenzamheid") == "Koffieochtend voor eenzaamheid"

    def test_knows_names_of_services(self, diensten):
        assert bedoelde_u("taalcave welkom") == "taalcafe welkom"

    def test_nothing_to_correct(self, diensten):
        assert bedoelde_u("koffie") is None
        assert bedoelde_u("ouders") is None  # a known word, never "ouderen"
        assert bedoelde_u("xqzwv") is None
        assert bedoelde_u("") is None
