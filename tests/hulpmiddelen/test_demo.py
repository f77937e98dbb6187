"""The demo content: idempotent, and complete against the source text."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.models import Page, Revision

from hulpmiddelen.models import (
    ArtikelIndexPage,
    ArtikelPage,
    Hulpmiddel,
    HulpmiddelenIndexPage,
    Organisatie,
    SectiePage,
    Soort,
)

SEED = "seed/hulpmiddelen-aanpak-eenzaamheid.txt"

# Every resource the source text names: the words it uses for it, and what the demo must hold
# (title, soort, organisatie, jaar). Organisation and year only where the source text (or the
# publisher's own page) says so.
SEED_RESOURCES = [
    (
        "Handreiking lokale aanpak van eenzaamheid (2018)",
        "Handreiking lokale aanpak van eenzaamheid",
        "Handreiking",
        "Coalitie Erbij",
        2018,
    ),
    (
        "VWS-programma Eén tegen eenzaamheid",
        "Programma Eén tegen eenzaamheid",
        "Programma",
        "Eén tegen eenzaamheid (ministerie van VWS)",
        None,
    ),
    (
        "zestien verschillende gemeenten",
        "Zestien gemeenten en hun aanpak van eenzaamheid",
        "Overzicht",
        None,
        None,
    ),
    (
        "eenzaamheidscijfers van uw gemeente",
        "Eenzaamheidscijfers per gemeente, wijk en buurt",
        "Databank",
        "RIVM",
        None,
    ),
    (
        "afspeellijst op Youtube",
        "Afspeellijst met filmpjes over eenzaamheid",
        "Video",
        "Aanpakeenzaamheid.nl",
        None,
    ),
    (
        "Plan van Aanpak tegen eenzaamheid",
        "Opzet voor een plan van aanpak tegen eenzaamheid",
        "Sjabloon",
        "Redactie van deze site",
        None,
    ),
    (
        "communicatiematerialen",
        "Communicatiematerialen van Eén tegen eenzaamheid",
        "Campagne",
        "Eén tegen eenzaamheid (ministerie van VWS)",
        None,
    ),
    (
        "Powerpointpresentatie over publiekscampagnes",
        "Presentatie over publiekscampagnes rond eenzaamheid",
        "Presentatie",
        "Aanpakeenzaamheid.nl",
        None,
    ),
    (
        "landelijke publiekscampagne van VWS",
        "Landelijke publiekscampagne tegen eenzaamheid",
        "Campagne",
        "Eén tegen eenzaamheid (ministerie van VWS)",
        None,
    ),
    (
        "Week tegen Eenzaamheid",
        "Week tegen Eenzaamheid",
        "Campagne",
        "Eén tegen eenzaamheid (ministerie van VWS)",
        2020,
    ),
    ("Goede Buren", "Film ‘Goede Buren’", "Video", None, None),
    (
        "Signaleringskaart van Eén tegen eenzaamheid 2019",
        "Signaleringskaart eenzaamheid van Eén tegen eenzaamheid",
        "Signaleringskaart",
        "Eén tegen eenzaamheid (ministerie van VWS)",
        2019,
    ),
    (
        "Signaleringskaart Eenzaamheid Coalitie Erbij 2014",
        "Signaleringskaart Eenzaamheid van Coalitie Erbij",
        "Signaleringskaart",
        "Coalitie Erbij",
        2014,
    ),
    (
        "Signaleringskaart eenzaamheid, Talmalectoraat",
        "Signaleringskaart eenzaamheid van het Talmalectoraat",
        "Signaleringskaart",
        "Talmalectoraat",
        None,
    ),
    (
        "infographic ‘Signaalpunt tegen Eenzaamheid’",
        "Infographic ‘Signaalpunt tegen Eenzaamheid’",
        "Infographic",
        "Eén tegen eenzaamheid (ministerie van VWS)",
        None,
    ),
    (
        "uitgebreidere documentatie",
        "Documentatie over een meldpunt eenzaamheid",
        "Publicatie",
        None,
        None,
    ),
    ("Handreiking Huisbezoeken 75+", "Handreiking Huisbezoeken 75+", "Handreiking", None, None),
    (
        "Eenzaam ben je niet alleen",
        "Handboek ‘Eenzaam ben je niet alleen’",
        "Handboek",
        "Movisie",
        None,
    ),
    (
        "overzicht van mensen die",
        "Wie kan eenzaamheid signaleren? Een overzicht",
        "Overzicht",
        "Redactie van deze site",
        None,
    ),
    ("Wegwijs Aanpak Eenzaamheid", "Wegwijs Aanpak Eenzaamheid", "Tool", "Movisie", None),
    (
        "In dit overzicht staat hoe de tool werkt",
        "Zo werkt Wegwijs Aanpak Eenzaamheid",
        "Overzicht",
        "Aanpakeenzaamheid.nl",
        None,
    ),
    (
        "publicatie over interventieprofielen",
        "Interventieprofielen voor eenzame ouderen",
        "Publicatie",
        None,
        None,
    ),
    (
        "Movisie heeft hiervoor de bouwstenen geformuleerd",
        "Bouwstenen voor preventie van eenzaamheid",
        "Publicatie",
        "Movisie",
        None,
    ),
    (
        "databank Effectieve sociale interventies",
        "Databank Effectieve sociale interventies",
        "Databank",
        "Movisie",
        None,
    ),
    (
        "overzicht aan van de landelijke partijen",
        "Landelijke partijen van de Nationale Coalitie tegen Eenzaamheid",
        "Overzicht",
        "Nationale Coalitie tegen Eenzaamheid",
        None,
    ),
    (
        "structureel én in het hele land",
        "Aanbod tegen eenzaamheid in heel Nederland",
        "Overzicht",
        "Redactie van deze site",
        None,
    ),
    (
        "aanbod dat u ook in uw gemeente kunt introduceren",
        "Aanbod dat u in uw gemeente kunt starten",
        "Overzicht",
        "Aanpakeenzaamheid.nl",
        None,
    ),
    ("Acht lessen", "Acht lessen voor sterke wijken en netwerken", "Publicatie", "Movisie", None),
    (
        "overzicht van werkzame elementen",
        "Zeven werkzame elementen van aanbod tegen eenzaamheid",
        "Overzicht",
        None,
        None,
    ),
    ("Movisie Verbetertool Eenzaamheid", "Verbetertool Eenzaamheid", "Tool", "Movisie", None),
    (
        "Checklist eenzaamheid‘ van de gemeente Amsterdam",
        "Checklist eenzaamheid van de gemeente Amsterdam",
        "Checklist",
        "Gemeente Amsterdam",
        None,
    ),
    (
        "Wat werkt-dossier van Movisie",
        "Wat werkt-dossier eenzaamheid",
        "Publicatie",
        "Movisie",
        None,
    ),
    (
        "Hier downloadt u een draaiboek",
        "Draaiboek voor een startconferentie",
        "Draaiboek",
        "Redactie van deze site",
        None,
    ),
    ("via het Kwaliteitskompas te werken", "Kwaliteitskompas", "Tool", "Movisie", None),
    (
        "animatie over de werking van het Kwaliteitskompas",
        "Animatie: het Kwaliteitskompas in vier minuten",
        "Video",
        "Movisie",
        None,
    ),
]

SECTION_TITLES = [
    "Algemene hulpmiddelen",
    "Bewustwording en agendering",
    "Eenzamen vinden en eenzaamheid herkennen",
    "Ondersteuning en activering",
    "Kwaliteit en deskundigheid",
    "Samenwerking",
    "Informatie snel vinden",
]


def _seed_text():
    """The source text, where a copy of the team's shared folder is beside the checkout."""
    for base in (Path(settings.BASE_DIR).parent / "shared", Path("/work/shared")):
        if (base / SEED).exists():
            # non-breaking spaces and line breaks count as ordinary spaces
            return " ".join((base / SEED).read_text(encoding="utf-8").split())
    return None


def _snapshot():
    return {
        "tree": list(Page.objects.order_by("path").values_list("path", "slug", "live")),
        "hulpmiddelen": sorted(Hulpmiddel.objects.values_list("slug", "live")),
        "soorten": Soort.objects.count(),
        "organisaties": Organisatie.objects.count(),
        "documenten": Document.objects.count(),
        "revisies": Revision.objects.count(),
    }


def test_loading_twice_changes_nothing(demo):
    before = _snapshot()
    assert len(before["hulpmiddelen"]) == len(SEED_RESOURCES)
    call_command("load_demo_content", verbosity=0)
    assert _snapshot() == before


def test_every_resource_of_the_source_text_is_there(demo):
    seed = _seed_text()
    items = {h.title: h for h in Hulpmiddel.objects.live().select_related("soort", "organisatie")}
    missing = []
    for phrase, title, soort, organisatie, jaar in SEED_RESOURCES:
        if seed is not None:
            assert phrase in seed, f"the source text does not say {phrase!r}"
        item = items.get(title)
        if item is None:
            missing.append(title)
            continue
        assert item.soort.naam == soort, title
        assert (item.organisatie.naam if item.organisatie else None) == organisatie, title
        assert item.jaar == jaar, title
        assert item.beschrijving and item.href, title
    assert not missing


def test_seven_sections_in_order_each_listing_hulpmiddelen(demo):
    index = HulpmiddelenIndexPage.objects.get()
    sections = list(SectiePage.objects.child_of(index).live().order_by("path"))
    assert [s.title for s in sections] == SECTION_TITLES
    listed = set()
    for section in sections:
        assert section.samenvatting
        listed.update(section.hulpmiddel_ids())
    # every hulpmiddel appears in at least one section, and some in more than one
    assert listed == set(Hulpmiddel.objects.values_list("pk", flat=True))
    handreiking = Hulpmiddel.objects.get(slug="handreiking-lokale-aanpak-van-eenzaamheid")
    assert sum(handreiking.pk in s.hulpmiddel_ids() for s in sections) == 2


def test_sections_carry_the_levels_tips_and_requirements(demo):
    blocks = {
        s.slug: [b.block_type for b in s.body] for s in SectiePage.objects.live().order_by("path")
    }
    assert "preventieniveaus" in blocks["ondersteuning-en-activering"]
    assert "tips" in blocks["samenwerking"]
    assert "eisen" in blocks["informatie-snel-vinden"]
    eisen = next(
        b.value
        for b in SectiePage.objects.get(slug="informatie-snel-vinden").body
        if b.block_type == "eisen"
    )
    assert eisen["link"] == "/kaart/" and len(eisen["eisen"]) == 7
    levels = next(
        b.value
        for b in SectiePage.objects.get(slug="ondersteuning-en-activering").body
        if b.block_type == "preventieniveaus"
    )
    assert len(levels["niveaus"]) == 3


def test_documents_are_stored_and_readable(demo):
    documents = Hulpmiddel.objects.exclude(document=None).select_related("document")
    assert documents.count() == 3
    for item in documents:
        with item.document.open_file() as f:
            assert item.title.split()[0].lower() in f.read().decode("utf-8").lower()
        assert item.document.file_size > 0


def test_overview_and_articles_are_in_the_main_menu(demo):
    assert HulpmiddelenIndexPage.objects.get().show_in_menus
    index = ArtikelIndexPage.objects.get()
    assert index.show_in_menus
    articles = ArtikelPage.objects.child_of(index).live()
    assert 3 <= articles.count() <= 4
    for article in articles:
        assert article.tags.exists() and article.lead and article.body


def test_figures_in_the_article_match_the_rivm_data(demo):
    """The article's own computation, redone from the data file where it is available."""
    import csv
    import statistics

    for base in (Path(settings.BASE_DIR).parent / "shared", Path("/work/shared")):
        path = base / "data" / "eenzaamheid_gemeenten.csv"
        if path.exists():
            break
    else:
        pytest.skip("the RIVM data file is not beside this checkout")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    lonely = [float(r["eenzaam_pct"]) for r in rows]
    quartiles = statistics.quantiles(lonely, n=4)
    text = str(ArtikelPage.objects.get(slug="hoeveel-mensen-voelen-zich-eenzaam").body)
    for figure in (quartiles[0], quartiles[1], quartiles[2], min(lonely), max(lonely)):
        assert f"{figure:.1f}".replace(".", ",") in text
    assert f"In {sum(v >= 50 for v in lonely)} gemeenten" in text
    assert f"van de {len(rows)} gemeenten" in text
