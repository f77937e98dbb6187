"""Demo content of the submissions: the voorbeelden collection with a handful of examples.

The examples are data, in ``demo_data/voorbeelden.yaml``. They are written for this demo site
(they are not statements of what these gemeenten actually do) and say so on the overview page.
Also makes sure the moderators of the demo (group "Moderatoren") can approve submissions in
Wagtail's default workflow. Idempotent.
"""

from pathlib import Path

import yaml
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask

from home.demo import MODERATORS
from home.models import ContentPage
from kaart.models import Gemeente, Term

from .models import VoorbeeldenIndexPage, VoorbeeldLink, VoorbeeldPage
from .moderatie import standaard_workflow
from .tekst import als_alineas

DATA = Path(__file__).resolve().parent / "demo_data" / "voorbeelden.yaml"


def lees() -> dict:
    """The overview page's intro and the examples, from ``demo_data/voorbeelden.yaml``."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def voorbeelden() -> list[dict]:
    return lees()["voorbeelden"]


ONDERDEEL_VELDEN = [
    "bewustwording",
    "signalering",
    "ondersteuning",
    "kwaliteit",
    "samenwerking",
    "informatievoorziening",
]


def load_index(home):
    index = VoorbeeldenIndexPage.objects.child_of(home).first()
    if index is None:
        index = VoorbeeldenIndexPage(
            title="Voorbeelden van gemeenten",
            slug="voorbeelden",
            intro=lees()["intro"],
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def load_voorbeelden(index) -> None:
    specs = voorbeelden()
    gemeenten = {
        g.code: g for g in Gemeente.objects.filter(code__in=[v["gemeente"] for v in specs])
    }
    doelgroepen = {t.slug: t for t in Term.objects.filter(vocabulaire="doelgroep")}
    for spec in specs:
        if VoorbeeldPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        pagina = VoorbeeldPage(
            title=spec["title"],
            slug=spec["slug"],
            gemeente=gemeenten[spec["gemeente"]],
            samenvatting=spec["samenvatting"],
            partners=spec["partners"],
            resultaten=als_alineas(spec["resultaten"]),
            contact_naam=spec["contact_naam"],
            **{naam: als_alineas(spec.get(naam, "")) for naam in ONDERDEEL_VELDEN},
        )
        pagina.doelgroepen.set([doelgroepen[slug] for slug in spec["doelgroepen"]])
        pagina.links = [
            VoorbeeldLink(titel="Meer over deze aanpak", url=url) for url in spec["links"]
        ]
        index.add_child(instance=pagina)
        pagina.save_revision().publish()


def load_moderatie() -> None:
    """The demo's moderators approve in the default workflow as well as Wagtail's own group."""
    groep = Group.objects.filter(name=MODERATORS).first()
    workflow = standaard_workflow()
    if groep is None or workflow is None:
        return
    for taak in workflow.tasks.specific():
        if isinstance(taak, GroupApprovalTask):
            taak.groups.add(groep)


def load_meedoen(home) -> None:
    """A page that leads to the four public forms (and so into the menu and the footer)."""
    if ContentPage.objects.child_of(home).filter(slug="meedoen").exists():
        return
    blokken = []
    for kop, tekst, url, link in [
        (
            "Werkt uw gemeente aan de aanpak van eenzaamheid?",
            "Vertel hoe u het doet. Andere gemeenten leren ervan.",
            reverse("inzendingen:voorbeeld"),
            "Stuur een voorbeeld in",
        ),
        (
            "Biedt u iets aan tegen eenzaamheid?",
            "Zet uw activiteit of dienst op de sociale kaart, zodat mensen u vinden.",
            reverse("inzendingen:dienst"),
            "Meld een dienst aan",
        ),
        (
            "Kent u een goed hulpmiddel?",
            "Een handboek, website, video of tool die helpt? Wij horen het graag.",
            reverse("inzendingen:tip"),
            "Tip een hulpmiddel",
        ),
        (
            "Lukt het niet om te vinden wat u zoekt?",
            "Laat uw naam en telefoonnummer achter. Wij bellen u terug en zoeken samen met u.",
            reverse("inzendingen:terugbellen"),
            "Bel mij terug",
        ),
    ]:
        blokken.append(("heading", {"text": kop, "level": "h2"}))
        blokken.append(("paragraph", f'<p>{tekst} <a href="{url}">{link}</a>.</p>'))
    pagina = ContentPage(
        title="Meedoen",
        slug="meedoen",
        intro="Weet u iets dat anderen helpt? Deel het hier. De redactie leest alles eerst.",
        body=blokken,
    )
    home.add_child(instance=pagina)
    pagina.save_revision().publish()


def load(home) -> None:
    index = load_index(home)
    load_voorbeelden(index)
    load_meedoen(home)
    load_moderatie()
