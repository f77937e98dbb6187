"""Dutch analysis: the Python steps on their own, and the engine doing exactly the same.

The cases of the issue: stemming, accents, compounds, synonyms, typos, and the ouders/ouderen trap.
"""

import pytest

from search.analysis import (
    allowed_edits,
    close_words,
    edit_distance,
    fold,
    index_terms,
    known_words,
    parse_synonyms,
    query_groups,
    split_compound,
    stem,
    stem_rules,
)


def finds(query: str, text: str) -> bool:
    """Whether a text is found for a query: every group of the query has an alternative whose
    stems are all among the text's index terms (the rule both backends implement)."""
    terms = set(index_terms(text))
    return all(any(set(alt) <= terms for alt in group) for group in query_groups(query))


class TestStemming:
    def test_forms_of_a_word_share_a_stem(self):
        assert stem("eenzaamheid") == stem("eenzaam") == stem("eenzame")
        assert stem("vrijwilligers") == stem("vrijwilliger")
        assert stem("senioren") == "senior"

    def test_stems_are_the_classic_dutch_snowball_not_kraaij_pohlmann(self):
        # The engine's "dutch" stemmer; snowballstemmer calls it dutch_porter since Snowball 3.
        assert stem("koffieochtend") == "koffieocht"
        assert stem("mantelzorgers") == "mantelzorger"

    @pytest.mark.parametrize(
        "query,text", [("eenzaam", "De aanpak van eenzaamheid"), ("vrijwilliger", "Vrijwilligers")]
    )
    def test_search_finds_other_forms(self, query, text):
        assert finds(query, text)


class TestAccents:
    def test_folding(self):
        assert fold("Één Geïnteresseerde Café") == "een geinteresseerde cafe"
        assert fold("ĳsje") == "ijsje"

    @pytest.mark.parametrize(
        "query,text",
        [
            ("geinteresseerden", "Voor geïnteresseerden"),
            ("geïnteresseerden", "Voor geinteresseerden"),
            ("taalcafe", "Taalcafé Noord"),
            ("cafe", "Taalcafé Noord"),
        ],
    )
    def test_accents_do_not_matter(self, query, text):
        assert finds(query, text)

    def test_plus_of_an_age_is_kept(self):
        assert index_terms("Voor 65+") == index_terms("voor 65-plus") == ["65plus"]


class TestCompounds:
    @pytest.mark.parametrize(
        "word,parts",
        [
            ("koffieochtend", {"koffie", "ochtend"}),
            ("eenzaamheidsaanpak", {"eenzaamheid", "aanpak"}),
            ("buurthuis", {"buurt", "huis"}),
            ("maatjesproject", {"maatje", "maatjes", "project"}),
        ],
    )
    def test_known_parts_are_found(self, word, parts):
        assert parts <= set(split_compound(word))

    def test_words_that_merely_contain_a_risky_word_are_not_split(self):
        # 'rouw' is not on the list because of 'vertrouwen'; 'eten' not because of 'weten'.
        assert split_compound("vertrouwen") == []
        assert split_compound("weten") == []

    @pytest.mark.parametrize(
        "query,text",
        [
            ("koffie", "Koffieochtend in de wijk"),
            ("ochtend", "Koffieochtend in de wijk"),
            ("aanpak", "Onze eenzaamheidsaanpak"),
            ("buurt huis", "Het buurthuis"),
            ("koffie ochtend", "Koffieochtend"),
        ],
    )
    def test_a_part_finds_the_compound(self, query, text):
        assert finds(query, text)

    def test_a_compound_in_the_query_is_not_split(self):
        assert not finds("koffieochtend", "Een kop koffie in de ochtend")


class TestSynonyms:
    @pytest.mark.parametrize(
        "query,text",
        [
            ("senioren", "Activiteiten voor ouderen"),
            ("ouderen", "Soos voor senioren"),
            ("65-plussers", "Voor ouderen in de wijk"),
            ("65+", "Voor senioren"),
            ("buddy", "Word een maatje"),
            ("maatje", "Een buddy voor nieuwkomers"),
            ("verzorger", "Steun voor mantelzorgers"),
            ("mantelzorger", "Cursus voor verzorgers"),
            ("wmo", "Volgens de Wet maatschappelijke ondersteuning"),
        ],
    )
    def test_a_synonym_finds_the_text(self, query, text):
        assert finds(query, text)

    def test_one_way_rules_and_phrases_are_parsed(self):
        (rule,) = parse_synonyms(["pc, laptop => computer"])
        assert rule.left == (("pc",), ("laptop",))
        assert rule.right == (("computer",),)
        (phrase,) = parse_synonyms(["wijkteam, sociaal wijkteam"])
        assert ("sociaal", "wijkteam") in phrase.left

    def test_stop_words_are_not_searched(self):
        assert query_groups("de en het") == []
        assert query_groups("koffie voor senioren")[0] == (("koffie",),)


class TestOudersAreNotOuderen:
    def test_different_stems(self):
        assert stem("ouders") != stem("ouderen")
        assert stem("oudere") == stem("ouderen")

    def test_neither_finds_the_other(self):
        assert not finds("ouders", "Voor ouderen en senioren")
        assert not finds("ouderen", "Voor ouders van jonge kinderen")
        assert finds("ouders", "Voor ouders van jonge kinderen")
        assert finds("oudere", "Voor ouderen")

    def test_no_typo_tolerance_bridges_them(self):
        # "ouderen" is two edits away, more than a six-letter word may differ ...
        assert allowed_edits("ouders") == 1
        assert edit_distance("ouders", "ouderen", 2) == 2
        assert close_words("ouders", ["ouderen"]) == []
        # ... and "oudere" (one edit) is never tried: "ouders" is a known word, and known words
        # are not corrected; the engine's lightly analysed text reads "oudere" as "ouderen".
        assert "ouders" in known_words()
        assert "ouders" in stem_rules() and stem_rules()["oudere"] == "ouderen"


class TestTypos:
    def test_edit_distance_counts_a_swap_once(self):
        assert edit_distance("eenzaamheid", "eenzaamhied", 2) == 1
        assert edit_distance("koffie", "kofie", 1) == 1
        assert edit_distance("koffie", "thee", 1) == 2

    def test_short_words_must_be_exact_longer_ones_may_differ(self):
        assert [allowed_edits(w) for w in ("bus", "buurt", "eenzaamheid")] == [0, 1, 2]

    def test_close_words(self):
        known = ["eenzaamheid", "eenzaam", "eenheid", "koffie"]
        assert close_words("eenzaamheit", known)[0] == "eenzaamheid"
        assert close_words("eenzamheid", known)[0] == "eenzaamheid"
        assert close_words("xenzaamheid", known) == []  # the first letters must be right


# The engine does the same ------------------------------------------------------------------------

CORPUS = [
    "Koffieochtend voor 65+'ers en 65-plussers in het Buurthuis",
    "De eenzaamheidsaanpak van de gemeente: één loket voor geïnteresseerde inwoners.",
    "Ouders, ouderen en oudere mantelzorgers; maatjesproject met buddy's.",
    "Zo'n 3,50 euro per keer, e.v.a. Thuiszorg en vrijwilligerswerk in de wijk.",
    "Samen wandelen houdt u fit en brengt u in contact met buurtgenoten.",
    "Taalcafé, Spelletjesmiddag, Computerhulp, Fietsmaatjes, Zorgcoöperatie Naober.",
    "Wij helpen u met uw telefoon, tablet of computer (wmo).",
    "Rouwverwerking na verlies; vertrouwen, weten en eten; sociaal wijkteam.",
]


@pytest.mark.engine
@pytest.mark.django_db
class TestEngineAnalysisIsTheSame:
    @pytest.fixture
    def analyze(self, engine):
        from kaart.models import Dienst

        engine.ensure_index(Dienst)
        index = engine.get_index_for_model(Dienst).name

        def run(analyzer, text):
            answer = engine.es.indices.analyze(
                index=index, body={"analyzer": analyzer, "text": text}
            )
            return answer["tokens"]

        return run

    @pytest.mark.parametrize("text", CORPUS)
    def test_index_terms(self, analyze, text):
        assert [t["token"] for t in analyze("nl_index", text)] == index_terms(text)

    @pytest.mark.parametrize("text", CORPUS)
    def test_query_terms(self, analyze, text):
        engine_terms = {t["token"] for t in analyze("nl_search", text)}
        python_terms = {stem for group in query_groups(text) for alt in group for stem in alt}
        assert engine_terms == python_terms

    def test_the_word_lists_as_a_whole(self, analyze):
        from search.analysis import compound_parts

        words = sorted(known_words() | compound_parts())
        text = " ".join(words)
        assert [t["token"] for t in analyze("nl_index", text)] == index_terms(text)
