"""Demo content of the submissions: the voorbeelden collection with a handful of examples.

The examples are written for this demo site (they are not statements of what these gemeenten
actually do) and say so on the overview page. Also makes sure the moderators of the demo
(group "Moderatoren") can approve submissions in Wagtail's default workflow. Idempotent.
"""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask

from home.demo import MODERATORS
from home.models import ContentPage
from kaart.models import Gemeente, Term

from .models import VoorbeeldenIndexPage, VoorbeeldLink, VoorbeeldPage
from .moderatie import standaard_workflow
from .tekst import als_alineas

INTRO = (
    "Hoe pakken gemeenten eenzaamheid aan? Hier leest u hoe zij het doen, per onderdeel van de "
    "aanpak. Zoek op provincie, onderdeel of doelgroep, en neem contact op met wie u wilt spreken. "
    "Let op: de voorbeelden op deze demonstratiesite zijn verzonnen."
)

VOORBEELDEN = [
    {
        "slug": "huisbezoek-75-plussers",
        "gemeente": "GM0193",
        "title": "Huisbezoek bij iedereen van 75 jaar en ouder",
        "samenvatting": (
            "Vrijwilligers gaan op bezoek bij alle inwoners die 75 worden. Zij vragen hoe het "
            "gaat en wijzen de weg naar activiteiten en hulp in de buurt."
        ),
        "signalering": (
            "Elk jaar krijgen alle inwoners die 75 worden een brief. Daarin staat dat een "
            "vrijwilliger langs wil komen. Wie geen bezoek wil, kan dat met een antwoordkaart "
            "laten weten.\n\nDe vrijwilligers letten op signalen van eenzaamheid: weinig "
            "bezoek, geen plannen, somberheid. Zij gebruiken daarbij een signaleringskaart."
        ),
        "ondersteuning": (
            "Na het gesprek maakt de vrijwilliger samen met de oudere een plan. Soms is dat een "
            "koffieochtend in de wijk, soms een maatje, soms hulp van de ouderenadviseur."
        ),
        "kwaliteit": (
            "Vrijwilligers krijgen een training van twee dagdelen. Vier keer per jaar bespreken "
            "zij hun ervaringen met een ouderenadviseur."
        ),
        "doelgroepen": ["ouderen", "alleenstaanden"],
        "partners": "Welzijnsorganisatie\nOuderenbonden\nHuisartsen in de wijk",
        "resultaten": (
            "Ongeveer zes op de tien ouderen ontvangen de vrijwilliger. Eén op de vijf van hen "
            "gaat daarna naar een activiteit in de buurt."
        ),
        "contact_naam": "Team Welzijn Ouderen",
        "links": [],
    },
    {
        "slug": "week-tegen-eenzaamheid-in-de-wijk",
        "gemeente": "GM0344",
        "title": "De Week tegen Eenzaamheid in elke wijk",
        "samenvatting": (
            "In de Week tegen Eenzaamheid organiseren buurthuizen, kerken, sportclubs en scholen "
            "samen activiteiten. De gemeente helpt met geld en bekendheid."
        ),
        "bewustwording": (
            "Eenzaamheid is vaak een taboe. Met verhalen van inwoners in de lokale krant en op "
            "social media maken wij het bespreekbaar. Ook de wethouder doet mee."
        ),
        "samenwerking": (
            "Elke wijk heeft een kleine werkgroep. Daarin zitten het buurthuis, een "
            "sociaal werker en inwoners. Zij kiezen zelf wat past bij hun wijk."
        ),
        "informatievoorziening": (
            "Alle activiteiten staan op één overzicht op de site van de gemeente en in een "
            "folder die huis aan huis wordt bezorgd."
        ),
        "doelgroepen": ["iedereen"],
        "partners": "Buurthuizen\nKerken en moskeeën\nSportclubs\nBasisscholen",
        "resultaten": (
            "Het aantal activiteiten groeide in drie jaar van twintig naar meer dan honderd."
        ),
        "contact_naam": "Programma Samen in de Wijk",
        "links": ["https://www.eentegeneenzaamheid.nl/"],
    },
    {
        "slug": "jongeren-praten-mee",
        "gemeente": "GM0080",
        "title": "Jongeren praten mee over eenzaamheid",
        "samenvatting": (
            "Een groep jongeren bedenkt zelf wat helpt tegen eenzaamheid onder jongeren. De "
            "gemeente voert hun ideeën uit."
        ),
        "bewustwording": (
            "Jongeren maakten korte video's over hoe het voelt om je alleen te voelen. Die "
            "worden op scholen besproken."
        ),
        "ondersteuning": (
            "Op het mbo is er elke week een inloopuur met een jongerenwerker. Zonder afspraak "
            "en zonder dat de docent het weet."
        ),
        "doelgroepen": ["jongeren"],
        "partners": "Jongerenwerk\nMbo-scholen\nJongerenraad",
        "resultaten": "",
        "contact_naam": "Jongerenraad",
        "links": [],
    },
    {
        "slug": "samen-de-sociale-kaart-bijhouden",
        "gemeente": "GM0772",
        "title": "Samen met inwoners de sociale kaart bijhouden",
        "samenvatting": (
            "Professionals, vrijwilligers en inwoners houden samen een overzicht bij van alles "
            "wat er in de stad is tegen eenzaamheid."
        ),
        "informatievoorziening": (
            "Iedere aanbieder kan zijn activiteit zelf aanmelden. Twee keer per jaar vragen wij "
            "alle aanbieders of hun gegevens nog kloppen.\n\nWie niet zelf kan zoeken, belt "
            "het informatienummer. Daar zoekt een medewerker met hem of haar mee."
        ),
        "samenwerking": (
            "Een vaste redactie van drie organisaties beheert het overzicht. Zij overleggen elke "
            "maand."
        ),
        "doelgroepen": ["iedereen", "mantelzorgers"],
        "partners": "Bibliotheek\nWelzijnsorganisatie\nVrijwilligerscentrale",
        "resultaten": "Het overzicht bevat nu ruim vierhonderd activiteiten.",
        "contact_naam": "Redactie Wegwijzer",
        "links": [],
    },
    {
        "slug": "signaleringsnetwerk-huisartsen-apothekers",
        "gemeente": "GM0935",
        "title": "Een netwerk van huisartsen, apothekers en kappers dat signaleert",
        "samenvatting": (
            "Mensen die vaak contact hebben met ouderen leren eenzaamheid herkennen en weten "
            "naar wie zij kunnen doorverwijzen."
        ),
        "signalering": (
            "Huisartsen, apothekers, kappers en wijkagenten volgen een korte training. Zij "
            "krijgen één telefoonnummer waar zij een zorg kunnen melden."
        ),
        "kwaliteit": (
            "Met de Verbetertool Eenzaamheid hebben de partners gekeken wat werkt. Daarna is de "
            "training aangepast."
        ),
        "doelgroepen": ["ouderen", "alleenstaanden", "nabestaanden"],
        "partners": "Huisartsen\nApothekers\nWijkagenten\nKappers",
        "resultaten": "",
        "contact_naam": "Netwerk Oog voor Elkaar",
        "links": [],
    },
    {
        "slug": "taalcafe-en-maatjes-voor-nieuwkomers",
        "gemeente": "GM0034",
        "title": "Taalcafé en maatjes voor nieuwkomers",
        "samenvatting": (
            "Nieuwkomers oefenen Nederlands in een taalcafé en krijgen een maatje uit de buurt. "
            "Zo bouwen zij een netwerk op."
        ),
        "ondersteuning": (
            "Het taalcafé is twee keer per week open in de bibliotheek. Wie wil, krijgt een "
            "maatje dat een half jaar elke week afspreekt."
        ),
        "doelgroepen": ["nieuwkomers"],
        "partners": "Bibliotheek\nVluchtelingenwerk\nVrijwilligerscentrale",
        "resultaten": "Zeven op de tien koppels spreken na het halve jaar nog steeds af.",
        "contact_naam": "Taalhuis",
        "links": [],
    },
]

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
            title="Voorbeelden van gemeenten", slug="voorbeelden", intro=INTRO, show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def load_voorbeelden(index) -> None:
    gemeenten = {
        g.code: g for g in Gemeente.objects.filter(code__in=[v["gemeente"] for v in VOORBEELDEN])
    }
    doelgroepen = {t.slug: t for t in Term.objects.filter(vocabulaire="doelgroep")}
    for spec in VOORBEELDEN:
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
