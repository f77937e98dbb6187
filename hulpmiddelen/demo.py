"""Demo content of the hulpmiddelen app: every resource the source text names, the seven sections,
the overview and a few articles. Idempotent: everything is keyed on its slug and only created when
it is missing, so a second run changes nothing.

Descriptions are our own short summaries. Links point to the publisher's own page where we know
it, otherwise to the publisher's home page or to the source overview on Aanpakeenzaamheid.nl.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from . import demo_documents
from .models import (
    ArtikelHulpmiddel,
    ArtikelIndexPage,
    ArtikelPage,
    Hulpmiddel,
    HulpmiddelenIndexPage,
    Organisatie,
    SectiePage,
    Soort,
)

BRONPAGINA = "https://aanpakeenzaamheid.nl/hulpmiddelen/"

SOORTEN = {
    "checklist": "Checklist",
    "databank": "Databank",
    "draaiboek": "Draaiboek",
    "campagne": "Campagne",
    "handboek": "Handboek",
    "handreiking": "Handreiking",
    "infographic": "Infographic",
    "overzicht": "Overzicht",
    "presentatie": "Presentatie",
    "programma": "Programma",
    "publicatie": "Publicatie",
    "signaleringskaart": "Signaleringskaart",
    "sjabloon": "Sjabloon",
    "tool": "Tool",
    "video": "Video",
}

ORGANISATIES = {
    "aanpakeenzaamheid-nl": ("Aanpakeenzaamheid.nl", "https://aanpakeenzaamheid.nl/"),
    "coalitie-erbij": ("Coalitie Erbij", "https://www.samentegeneenzaamheid.nl/"),
    "een-tegen-eenzaamheid": (
        "Eén tegen eenzaamheid (ministerie van VWS)",
        "https://www.eentegeneenzaamheid.nl/",
    ),
    "gemeente-amsterdam": ("Gemeente Amsterdam", "https://www.amsterdam.nl/"),
    "movisie": ("Movisie", "https://www.movisie.nl/"),
    "nationale-coalitie-tegen-eenzaamheid": ("Nationale Coalitie tegen Eenzaamheid", ""),
    "redactie": ("Redactie van deze site", ""),
    "rivm": ("RIVM", "https://www.rivm.nl/"),
    "talmalectoraat": ("Talmalectoraat", ""),
}

DOCUMENTEN = {
    "opzet-plan-van-aanpak": ("opzet-plan-van-aanpak.txt", demo_documents.OPZET_PLAN_VAN_AANPAK),
    "wie-kan-eenzaamheid-signaleren": (
        "wie-kan-eenzaamheid-signaleren.txt",
        demo_documents.SIGNALEERDERS,
    ),
    "draaiboek-startconferentie": (
        "draaiboek-startconferentie.txt",
        demo_documents.DRAAIBOEK_STARTCONFERENTIE,
    ),
}

# slug: (title, soort, organisatie or None, jaar or None, link (or "" for a document), beschrijving)
HULPMIDDELEN = {
    # 1. Algemeen
    "handreiking-lokale-aanpak-van-eenzaamheid": (
        "Handreiking lokale aanpak van eenzaamheid",
        "handreiking",
        "coalitie-erbij",
        2018,
        "https://www.samentegeneenzaamheid.nl/lokaal/handreiking-lokale-aanpak-van-eenzaamheid-versie-2018",
        "Het basisdocument voor wie in de eigen gemeente eenzaamheid wil aanpakken. De "
        "handreiking legt uit wat eenzaamheid is, waarom samenwerken nodig is en hoe u stap voor "
        "stap een aanpak opzet. Hoofdstuk 3 beschrijft meer dan vijftig activiteiten: "
        "ontmoeting, één-op-één-contact, cursussen, gespreksgroepen en therapie.",
    ),
    "programma-een-tegen-eenzaamheid": (
        "Programma Eén tegen eenzaamheid",
        "programma",
        "een-tegen-eenzaamheid",
        None,
        "https://www.eentegeneenzaamheid.nl/",
        "Het landelijke programma van het ministerie van VWS. Gemeenten kunnen zich aansluiten. "
        "Dan krijgen zij gratis hulp van een adviseur, uitnodigingen voor bijeenkomsten en "
        "informatie en inspiratie voor hun netwerk.",
    ),
    "voorbeelden-zestien-gemeenten": (
        "Zestien gemeenten en hun aanpak van eenzaamheid",
        "overzicht",
        None,
        None,
        BRONPAGINA,
        "Voorbeelden van zestien gemeenten die eenzaamheid elk op hun eigen manier aanpakken. "
        "Handig om ideeën op te doen en te zien wat bij uw gemeente past. Het overzicht staat "
        "op de hulpmiddelenpagina van Aanpakeenzaamheid.nl.",
    ),
    "eenzaamheidscijfers-rivm": (
        "Eenzaamheidscijfers per gemeente, wijk en buurt",
        "databank",
        "rivm",
        None,
        "https://www.rivm.nl/media/smap/eenzaamheid.html",
        "Hoeveel volwassenen voelen zich eenzaam in uw gemeente? Het RIVM toont de cijfers per "
        "gemeente, wijk en buurt, en maakt onderscheid tussen soorten eenzaamheid: ernstig, "
        "emotioneel en sociaal.",
    ),
    "afspeellijst-filmpjes-over-eenzaamheid": (
        "Afspeellijst met filmpjes over eenzaamheid",
        "video",
        "aanpakeenzaamheid-nl",
        None,
        BRONPAGINA,
        "Een verzameling korte filmpjes over eenzaamheid op YouTube. Goed te gebruiken om een "
        "bijeenkomst te openen of om het gesprek op gang te brengen. De link naar de "
        "afspeellijst staat op de hulpmiddelenpagina van Aanpakeenzaamheid.nl.",
    ),
    "opzet-plan-van-aanpak": (
        "Opzet voor een plan van aanpak tegen eenzaamheid",
        "sjabloon",
        "redactie",
        None,
        "",
        "Een indeling in tien onderdelen voor een beleidsplan, actieplan of plan van aanpak "
        "tegen eenzaamheid. Met bij elk onderdeel de vragen die u samen met uw partners "
        "beantwoordt.",
    ),
    # 2. Bewustwording en agendering
    "communicatiematerialen-een-tegen-eenzaamheid": (
        "Communicatiematerialen van Eén tegen eenzaamheid",
        "campagne",
        "een-tegen-eenzaamheid",
        None,
        "https://www.eentegeneenzaamheid.nl/",
        "Posters, beelden en teksten van het landelijke programma die u lokaal kunt gebruiken. "
        "Beschikbaar voor gemeenten die zich bij het programma hebben aangesloten.",
    ),
    "presentatie-publiekscampagnes": (
        "Presentatie over publiekscampagnes rond eenzaamheid",
        "presentatie",
        "aanpakeenzaamheid-nl",
        None,
        BRONPAGINA,
        "Een PowerPoint met de ervaringen van Breda, Den Bosch, Dordrecht, Nijkerk, Rotterdam en "
        "het landelijke programma met campagnes over eenzaamheid. Met filmpjes en animaties: "
        "download het bestand eerst (het is groot) en bekijk het in presentatiemodus.",
    ),
    "landelijke-publiekscampagne": (
        "Landelijke publiekscampagne tegen eenzaamheid",
        "campagne",
        "een-tegen-eenzaamheid",
        None,
        "https://www.eentegeneenzaamheid.nl/",
        "Een campagne van het ministerie van VWS die meerdere jaren loopt. Gemeenten kunnen er "
        "een eigen, lokale invulling aan geven. Aangesloten gemeenten horen op tijd welke "
        "mogelijkheden er zijn.",
    ),
    "week-tegen-eenzaamheid": (
        "Week tegen Eenzaamheid",
        "campagne",
        "een-tegen-eenzaamheid",
        2020,
        "https://www.eentegeneenzaamheid.nl/",
        "Elk jaar in het najaar is er een landelijke week met activiteiten tegen eenzaamheid; "
        "in 2020 van 1 tot en met 8 oktober. Doe lokaal mee. U mag de week ook een eigen naam "
        "geven, bijvoorbeeld Week van Ontmoeting.",
    ),
    "film-goede-buren": (
        "Film ‘Goede Buren’",
        "video",
        None,
        None,
        "https://www.pathe-thuis.nl/",
        "Een documentaire met persoonlijke portretten van mensen die eenzaam zijn, en van de "
        "mensen die hen steunen. De film was een publieksfavoriet op het IDFA. Vertoon hem in "
        "uw gemeente, eventueel met een gesprek of debat na afloop. Te zien via Pathé Thuis.",
    ),
    # 3. Eenzamen vinden en eenzaamheid herkennen
    "signaleringskaart-een-tegen-eenzaamheid": (
        "Signaleringskaart eenzaamheid van Eén tegen eenzaamheid",
        "signaleringskaart",
        "een-tegen-eenzaamheid",
        2019,
        "https://www.eentegeneenzaamheid.nl/toolkit/signaleren/",
        "Een handzame kaart met de signalen waaraan u eenzaamheid herkent. Op de achterkant "
        "staan vier tips om eenzaamheid bespreekbaar te maken.",
    ),
    "signaleringskaart-coalitie-erbij": (
        "Signaleringskaart Eenzaamheid van Coalitie Erbij",
        "signaleringskaart",
        "coalitie-erbij",
        2014,
        "https://www.samentegeneenzaamheid.nl/",
        "Een oudere kaart met dezelfde inhoud als de kaart van Eén tegen eenzaamheid. Sommige "
        "gebruikers vinden deze kaart prettiger in de praktijk.",
    ),
    "signaleringskaart-talmalectoraat": (
        "Signaleringskaart eenzaamheid van het Talmalectoraat",
        "signaleringskaart",
        "talmalectoraat",
        None,
        BRONPAGINA,
        "Met deze kaart (ook digitaal) brengt u de signalen van eenzaamheid in kaart en bepaalt u "
        "of er actie nodig is, en welke. Er hoort een toelichting bij.",
    ),
    "infographic-signaalpunt-tegen-eenzaamheid": (
        "Infographic ‘Signaalpunt tegen Eenzaamheid’",
        "infographic",
        "een-tegen-eenzaamheid",
        None,
        "https://www.eentegeneenzaamheid.nl/toolkit/signaleren/",
        "Eén plaat die laat zien hoe een digitaal en privacyveilig meldpunt eenzaamheid werkt: "
        "iemand maakt zich zorgen, meldt dat, en een professional neemt contact op.",
    ),
    "documentatie-meldpunt-eenzaamheid": (
        "Documentatie over een meldpunt eenzaamheid",
        "publicatie",
        None,
        None,
        "https://signaalpunt.nl/",
        "Uitgebreide uitleg voor gemeenten die een (digitaal) meldpunt eenzaamheid willen "
        "inrichten: hoe het werkt, wie meldingen opvolgt en hoe u de privacy van inwoners "
        "beschermt.",
    ),
    "handreiking-huisbezoeken-75-plus": (
        "Handreiking Huisbezoeken 75+",
        "handreiking",
        None,
        None,
        BRONPAGINA,
        "Hoe organiseert u huisbezoeken bij ouderen van 75 jaar en ouder? Gebaseerd op de "
        "ervaringen in Rotterdam. De bezoeken kunnen worden gedaan door vrijwilligers van "
        "ouderenbonden, Humanitas of de Zonnebloem, of door de welzijnsorganisatie.",
    ),
    "handboek-eenzaam-ben-je-niet-alleen": (
        "Handboek ‘Eenzaam ben je niet alleen’",
        "handboek",
        "movisie",
        None,
        "https://www.movisie.nl/",
        "Een werkboek voor professionals en vrijwilligers. Het leert u goed te luisteren naar "
        "iemand die eenzaam is, en daarna samen de volgende stappen te bepalen. Zo komt de "
        "persoon zelf tot inzichten en acties. Ook bruikbaar bij ondersteuning en activering.",
    ),
    "wie-kan-eenzaamheid-signaleren": (
        "Wie kan eenzaamheid signaleren? Een overzicht",
        "overzicht",
        "redactie",
        None,
        "",
        "Een lijst van mensen die door hun werk of rol vaak in contact komen met mensen die "
        "eenzaam zijn: van huisarts en wijkverpleegkundige tot kapper, bezorger en huismeester.",
    ),
    # 4. Ondersteuning en activering
    "wegwijs-aanpak-eenzaamheid": (
        "Wegwijs Aanpak Eenzaamheid",
        "tool",
        "movisie",
        None,
        "https://www.movisie.nl/tool/online-tool-wegwijs-aanpak-eenzaamheid",
        "Een online hulpmiddel om keuzes te maken in uw aanpak. Het onderscheidt vier groepen: "
        "van mensen die niet eenzaam zijn tot mensen die ernstig eenzaam zijn. Per groep geeft "
        "het een beschrijving, activiteiten en voorbeelden.",
    ),
    "zo-werkt-wegwijs": (
        "Zo werkt Wegwijs Aanpak Eenzaamheid",
        "overzicht",
        "aanpakeenzaamheid-nl",
        None,
        "https://aanpakeenzaamheid.nl/wegwijs/",
        "Een overzicht op één pagina van wat de tool Wegwijs Aanpak Eenzaamheid per groep "
        "aanraadt, van preventie tot hulp bij ernstige eenzaamheid.",
    ),
    "interventieprofielen-eenzame-ouderen": (
        "Interventieprofielen voor eenzame ouderen",
        "publicatie",
        None,
        None,
        BRONPAGINA,
        "Een publicatie die per type oudere laat zien welke ondersteuning het beste past. Zo "
        "vindt u sneller de juiste hulp voor eenzame ouderen.",
    ),
    "bouwstenen-preventie-van-eenzaamheid": (
        "Bouwstenen voor preventie van eenzaamheid",
        "publicatie",
        "movisie",
        None,
        "https://www.movisie.nl/",
        "Movisie beschrijft hoe u eenzaamheid voorkomt, op drie niveaus: voor iedereen, voor "
        "mensen met een verhoogd risico en voor mensen die al eenzaam zijn.",
    ),
    "databank-effectieve-sociale-interventies": (
        "Databank Effectieve sociale interventies",
        "databank",
        "movisie",
        None,
        "https://www.movisie.nl/effectievesocialeinterventies",
        "Een databank met beoordeelde methoden voor het sociaal domein. Kies het onderwerp "
        "eenzaamheid: dan vindt u zestien interventies die effectief of goed beschreven zijn.",
    ),
    "landelijke-partijen-nationale-coalitie": (
        "Landelijke partijen van de Nationale Coalitie tegen Eenzaamheid",
        "overzicht",
        "nationale-coalitie-tegen-eenzaamheid",
        None,
        "https://www.eentegeneenzaamheid.nl/",
        "De lijst van landelijke organisaties die meedoen aan de Nationale Coalitie. Zij worden "
        "gevraagd ook lokaal bij te dragen. Vraag hun lokale afdelingen of vestigingen dus om "
        "mee te doen met uw aanpak.",
    ),
    "landelijk-beschikbaar-aanbod": (
        "Aanbod tegen eenzaamheid in heel Nederland",
        "overzicht",
        "redactie",
        None,
        "/kaart/?bereik=landelijk",
        "Veel organisaties bieden hulp of activiteiten die in elke gemeente beschikbaar zijn. "
        "Dat wordt vaak vergeten. In de sociale kaart van deze site vindt u dit landelijke "
        "aanbod bij elkaar.",
    ),
    "aanbod-om-te-introduceren": (
        "Aanbod dat u in uw gemeente kunt starten",
        "overzicht",
        "aanpakeenzaamheid-nl",
        None,
        BRONPAGINA,
        "Activiteiten en diensten die nog niet overal zijn, maar die u wel naar uw gemeente kunt "
        "halen. Een bron van inspiratie als er lokaal iets ontbreekt.",
    ),
    "acht-lessen-sterke-wijken": (
        "Acht lessen voor sterke wijken en netwerken",
        "publicatie",
        "movisie",
        None,
        "https://www.movisie.nl/",
        "Acht lessen om de band tussen bewoners van wijken, buurten en dorpen te versterken. Zo "
        "voorkomt u eenzaamheid en gaat u die tegen.",
    ),
    # 5. Kwaliteit en deskundigheid
    "werkzame-elementen": (
        "Zeven werkzame elementen van aanbod tegen eenzaamheid",
        "overzicht",
        None,
        None,
        BRONPAGINA,
        "Een lijst van zeven elementen die ervoor zorgen dat activiteiten tegen eenzaamheid echt "
        "werken. Leg uw eigen aanbod ernaast.",
    ),
    "verbetertool-eenzaamheid": (
        "Verbetertool Eenzaamheid",
        "tool",
        "movisie",
        None,
        "https://www.movisie.nl/artikel/drie-stappen-naar-betere-aanpak-tegen-eenzaamheid",
        "Een online hulpmiddel voor vrijwilligers en professionals. In drie stappen ziet u hoe "
        "uw project tegen eenzaamheid beter kan: een korte vragenlijst, een uitslag en een "
        "verbeterplan. Gebaseerd op onderzoek en praktijk.",
    ),
    "checklist-eenzaamheid-amsterdam": (
        "Checklist eenzaamheid van de gemeente Amsterdam",
        "checklist",
        "gemeente-amsterdam",
        None,
        "https://www.amsterdam.nl/",
        "Een checklist waarmee een gemeente aanvragen voor subsidie of samenwerking op kwaliteit "
        "beoordeelt. Gemaakt door de gemeente Amsterdam, ook bruikbaar in andere gemeenten.",
    ),
    "wat-werkt-dossier-eenzaamheid": (
        "Wat werkt-dossier eenzaamheid",
        "publicatie",
        "movisie",
        None,
        "https://www.movisie.nl/publicatie/wat-werkt-aanpak-eenzaamheid",
        "Een overzicht van wat bekend is over de aanpak van eenzaamheid: de belangrijkste "
        "werkzame factoren en aanpakken die veelbelovend zijn.",
    ),
    # 6. Samenwerking
    "draaiboek-startconferentie": (
        "Draaiboek voor een startconferentie",
        "draaiboek",
        "redactie",
        None,
        "",
        "Een startconferentie brengt iedereen bij elkaar die iets kan doen tegen eenzaamheid. "
        "Dit draaiboek helpt bij de voorbereiding, het programma en de afspraken na afloop.",
    ),
    "kwaliteitskompas": (
        "Kwaliteitskompas",
        "tool",
        "movisie",
        None,
        "https://www.movisie.nl/",
        "Een werkwijze waarmee partijen samen ambities, resultaten en indicatoren bepalen. Het "
        "ordent het gezamenlijke denken over een moeilijk probleem en helpt om samen keuzes te "
        "maken en een gemeenschappelijke taal te vinden.",
    ),
    "animatie-kwaliteitskompas": (
        "Animatie: het Kwaliteitskompas in vier minuten",
        "video",
        "movisie",
        None,
        "https://www.movisie.nl/artikel/kwaliteitskompas-vier-minuten",
        "Een korte animatie die uitlegt hoe het Kwaliteitskompas werkt: van het verkennen van het "
        "probleem tot samen verbeteren en evalueren.",
    ),
}


def _tekst(*alineas: str) -> str:
    return "".join(f"<p>{a}</p>" for a in alineas)


def _lijst(titel, slugs, intro="", niveau="h2"):
    return (
        "hulpmiddelen",
        {"titel": titel, "niveau": niveau, "intro": intro, "hulpmiddelen": slugs},
    )


PREVENTIENIVEAUS = {
    "titel": "Drie niveaus van preventie",
    "niveau": "h3",
    "intro": "Movisie onderscheidt drie niveaus. Voor elk niveau zijn andere activiteiten nodig.",
    "niveaus": [
        {
            "naam": "Voor iedereen",
            "voor_wie": "mensen zonder bekende risicofactoren of problemen met eenzaamheid",
            "uitleg": _tekst(
                "Het gaat om bewustwording en om mensen helpen een stevig sociaal netwerk op te "
                "bouwen en te onderhouden. Voorbeelden: bij jongeren werken aan zelfbeeld en "
                "sociale vaardigheden, via gezonde scholen en sport. Bij volwassenen investeren in "
                "veerkracht, werk en vormen van samen wonen. Bij mensen tussen 60 en 75 jaar: "
                "handvatten om een gevarieerd netwerk te houden, en vrijwilligerswerk."
            ),
        },
        {
            "naam": "Voor mensen met een verhoogd risico",
            "voor_wie": "mensen met risicofactoren voor eenzaamheid",
            "uitleg": _tekst(
                "Risicofactoren zijn bijvoorbeeld weinig geld of een lage opleiding, ziekte of "
                "een beperking, seksuele identiteit, een migratieachtergrond, leeftijd, "
                "persoonlijke kenmerken en het ontbreken van goede familiebanden. Elke "
                "risicofactor vraagt om een eigen aanpak."
            ),
        },
        {
            "naam": "Voor mensen die al eenzaam zijn",
            "voor_wie": "mensen die al met eenzaamheid te maken hebben",
            "uitleg": _tekst(
                "Hier gaat het erom te voorkomen dat de eenzaamheid erger wordt. De hulpmiddelen "
                "hieronder, bij ‘Eenzaamheid verminderen’, helpen daarbij."
            ),
        },
    ],
}

TIPS = {
    "titel": "Tips voor goede samenwerking",
    "niveau": "h2",
    "intro": "Deze tips komen uit de adviespraktijk en gelden voor elke vorm van samenwerking.",
    "tips": [
        {
            "titel": "Let op uw houding en gedrag",
            "tekst": _tekst(
                "Communiceer goed en koppel steeds terug, in elke fase. Wees persoonlijk, luister "
                "goed (ook naar kritiek op uzelf), bouw aan vertrouwen, geef en neem, en maak "
                "duidelijke afspraken. Elke partner vraagt om een eigen manier van samenwerken. "
                "En vier samen de mooie momenten."
            ),
        },
        {
            "titel": "Begin op tijd",
            "tekst": _tekst(
                "Samenwerken kost tijd. Neem die tijd ook, en verwacht niet te snel grote "
                "resultaten. Het helpt als de samenwerking een gezicht heeft: een vaste persoon "
                "die het overzicht houdt."
            ),
        },
        {
            "titel": "Ken uzelf en ken de ander",
            "tekst": _tekst(
                "Weet waar u zelf voor staat. Verdiep u ook in de andere organisaties: hun "
                "achtergrond, doelen, doelgroepen, belangen, werkwijze, financiering en eerdere "
                "ervaringen. Doe dat bij voorkeur al voordat er een plan ligt. Dan leert u de "
                "ander open en echt kennen."
            ),
        },
        {
            "titel": "Waardeer de ander",
            "tekst": _tekst(
                "Laat zien dat de ander ertoe doet. Benoem hun kennis en ervaring, vraag ernaar en "
                "kijk samen hoe u die gebruikt. Maak duidelijk dat u niet zonder hen kunt."
            ),
        },
        {
            "titel": "Deel het eigenaarschap",
            "tekst": _tekst(
                "Maak de plannen echt samen, zodat het gezamenlijke plannen zijn. Dat vraagt een "
                "gelijkwaardige houding, zonder ‘wij laten wel zien hoe het moet’. Sluit aan bij "
                "de energie van mensen en organisaties."
            ),
        },
        {
            "titel": "Verdeel de taken helder",
            "tekst": _tekst(
                "Spreek af wie wat doet, op basis van de doelen, ieders kennis of het gebied waar "
                "een partner actief is. Zorg voor goede projectleiding en planning. Spreek ook af "
                "wat iemand níet doet. En houd de doelen steeds voor ogen."
            ),
        },
        {
            "titel": "Praat mét de doelgroep, niet over hen",
            "tekst": _tekst(
                "Betrek mensen die eenzaamheid kennen als volwaardige partner. U vindt hen "
                "bijvoorbeeld via een enquête in uw gemeente, via sociaal werkers of via "
                "sleutelfiguren bij wijkcentra, ouderenbonden en patiënten- en "
                "cliëntenorganisaties."
            ),
        },
    ],
}

EISEN = {
    "titel": "Waar een goede sociale kaart aan voldoet",
    "niveau": "h2",
    "intro": "Een aanzet voor een programma van eisen, voor gemeenten die een sociale kaart laten "
    "maken of verbeteren.",
    "eisen": [
        {
            "eis": "Zo compleet mogelijk",
            "toelichting": "Met vrijwillig en betaald aanbod, lokaal én landelijk.",
            "onderdelen": [],
        },
        {
            "eis": "Aanbod als dienst, niet als organisatie",
            "toelichting": "Toon per dienst:",
            "onderdelen": [
                "de naam van de dienst",
                "wat de dienst inhoudt, voor wie hij is en hoe hij werkt",
                "de belangrijkste kenmerken, zoals: in een groep of alleen, eenmalig of vaker, "
                "thuis of buitenshuis, gratis of betaald, en voor welk probleem",
                "de voorwaarden om mee te doen, zoals doelgroep, leeftijd, inkomen of indicatie",
                "wat meedoen kost",
                "een link naar meer informatie",
                "direct contact: e-mailadres en telefoonnummer",
            ],
        },
        {
            "eis": "Zoeken, filteren, sorteren en vergelijken",
            "toelichting": "Op doelgroep, kenmerken en kosten.",
            "onderdelen": [],
        },
        {
            "eis": "Werkt op elk scherm",
            "toelichting": "Op de computer, de laptop, de tablet en de smartphone.",
            "onderdelen": [],
        },
        {
            "eis": "Heel gebruiksvriendelijk",
            "toelichting": "Licht, ruim en overzichtelijk.",
            "onderdelen": [],
        },
        {
            "eis": "Een telefoonnummer voor wie de kaart niet zelf kan gebruiken",
            "toelichting": "Vooral voor ouderen.",
            "onderdelen": [],
        },
        {
            "eis": "Blijvend bekend",
            "toelichting": "Bij inwoners, professionals en vrijwilligers.",
            "onderdelen": [],
        },
    ],
    "link_tekst": "Zoek in de sociale kaart van deze site",
    "link": "/kaart/",
}

SECTIES = [
    {
        "slug": "algemeen",
        "title": "Algemene hulpmiddelen",
        "samenvatting": "Om een lokale aanpak van eenzaamheid voor te bereiden en uit te voeren.",
        "intro": "Deze hulpmiddelen helpen bij elk onderdeel van de aanpak: van de eerste "
        "verkenning tot een plan van aanpak.",
        "body": [
            (
                "paragraph",
                _tekst(
                    "Begin met de handreiking: die beschrijft de hele aanpak stap voor stap. "
                    "Kijk daarna hoe het in uw eigen gemeente gaat, met de cijfers van het RIVM, "
                    "en laat u inspireren door andere gemeenten."
                ),
            ),
            _lijst(
                "Om mee te beginnen",
                [
                    "handreiking-lokale-aanpak-van-eenzaamheid",
                    "programma-een-tegen-eenzaamheid",
                    "voorbeelden-zestien-gemeenten",
                    "eenzaamheidscijfers-rivm",
                    "afspeellijst-filmpjes-over-eenzaamheid",
                    "opzet-plan-van-aanpak",
                ],
            ),
        ],
    },
    {
        "slug": "bewustwording-en-agendering",
        "title": "Bewustwording en agendering",
        "samenvatting": "Om eenzaamheid bespreekbaar te maken en op de lokale agenda te zetten.",
        "intro": "Eenzaamheid is vaak onzichtbaar en er rust een taboe op. Met deze hulpmiddelen "
        "maakt u het onderwerp zichtbaar, bij inwoners en bij bestuurders.",
        "body": [
            _lijst(
                "Campagnes, materialen en een film",
                [
                    "communicatiematerialen-een-tegen-eenzaamheid",
                    "presentatie-publiekscampagnes",
                    "landelijke-publiekscampagne",
                    "week-tegen-eenzaamheid",
                    "film-goede-buren",
                ],
            ),
            (
                "callout",
                {
                    "title": "Tip: maak het lokaal",
                    "text": _tekst(
                        "Een landelijke campagne werkt beter als mensen hun eigen buurt erin "
                        "herkennen. Gebruik lokale gezichten, lokale plekken en het aanbod dat "
                        "er in uw gemeente al is."
                    ),
                },
            ),
        ],
    },
    {
        "slug": "eenzamen-vinden-en-herkennen",
        "title": "Eenzamen vinden en eenzaamheid herkennen",
        "samenvatting": "Om mensen die eenzaam zijn te vinden en de signalen te herkennen.",
        "intro": "Hoe vindt u mensen die eenzaam zijn? En hoe herkent u eenzaamheid? Daarvoor zijn "
        "signaleringskaarten, meldpunten, huisbezoeken en trainingen.",
        "body": [
            _lijst(
                "Signaleringskaarten",
                [
                    "signaleringskaart-een-tegen-eenzaamheid",
                    "signaleringskaart-coalitie-erbij",
                    "signaleringskaart-talmalectoraat",
                ],
            ),
            _lijst(
                "Een meldpunt en huisbezoeken",
                [
                    "infographic-signaalpunt-tegen-eenzaamheid",
                    "documentatie-meldpunt-eenzaamheid",
                    "handreiking-huisbezoeken-75-plus",
                ],
                intro="Met een meldpunt kunnen inwoners en organisaties hun zorg over iemand "
                "kwijt. Met huisbezoeken komt u bij mensen die zelf niet snel aan de bel trekken.",
            ),
            ("heading", {"text": "Trainingen en signaleerders", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Er zijn trainingen over het vinden en herkennen van eenzaamheid. Uw lokale "
                    "GGZ-aanbieder kan zo'n training geven. Iedereen kan eenzaamheid opmerken, "
                    "maar sommige mensen komen door hun werk vaker in contact met mensen die "
                    "eenzaam zijn. Betrek hen bij uw aanpak."
                ),
            ),
            _lijst(
                "",
                ["handboek-eenzaam-ben-je-niet-alleen", "wie-kan-eenzaamheid-signaleren"],
            ),
        ],
    },
    {
        "slug": "ondersteuning-en-activering",
        "title": "Ondersteuning en activering",
        "samenvatting": "Om eenzaamheid te voorkomen en te verminderen, ook met sterke wijken.",
        "intro": "U kunt eenzaamheid voorkomen en u kunt eenzaamheid verminderen. Beide zijn "
        "belangrijk, en voor beide zijn hulpmiddelen.",
        "body": [
            _lijst(
                "Keuzes maken",
                [
                    "wegwijs-aanpak-eenzaamheid",
                    "zo-werkt-wegwijs",
                    "interventieprofielen-eenzame-ouderen",
                ],
                intro="Deze instrumenten helpen u kiezen op welke groepen u zich richt en welke "
                "hulp daarbij past.",
            ),
            ("heading", {"text": "Eenzaamheid voorkomen", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Voorkomen is beter dan genezen. Voor een aanpak die blijft werken, is "
                    "preventie daarom belangrijk. Movisie beschreef de bouwstenen daarvoor."
                ),
            ),
            ("preventieniveaus", PREVENTIENIVEAUS),
            _lijst("", ["bouwstenen-preventie-van-eenzaamheid"]),
            ("heading", {"text": "Eenzaamheid verminderen", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "De kern van de aanpak is vaak: mensen die eenzaam zijn, of dat dreigen te "
                    "worden, ondersteunen en activeren. Het gaat altijd om betekenisvol contact "
                    "dat blijft. Contact waarin mensen gezien worden en waarin hun talenten "
                    "ertoe doen. In elke gemeente zijn tientallen of honderden organisaties "
                    "actief die daarbij kunnen helpen.",
                    "Vergeet het landelijke aanbod niet: dat is in elke gemeente beschikbaar, "
                    "maar wordt vaak over het hoofd gezien.",
                ),
            ),
            _lijst(
                "",
                [
                    "databank-effectieve-sociale-interventies",
                    "handreiking-lokale-aanpak-van-eenzaamheid",
                    "handboek-eenzaam-ben-je-niet-alleen",
                    "landelijke-partijen-nationale-coalitie",
                    "landelijk-beschikbaar-aanbod",
                    "aanbod-om-te-introduceren",
                ],
            ),
            ("heading", {"text": "Sterke wijken en netwerken", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "U kunt eenzaamheid ook voorkomen en tegengaan door te werken aan de band "
                    "tussen bewoners van wijken, buurten en dorpen."
                ),
            ),
            _lijst("", ["acht-lessen-sterke-wijken"]),
        ],
    },
    {
        "slug": "kwaliteit-en-deskundigheid",
        "title": "Kwaliteit en deskundigheid",
        "samenvatting": "Om te zien of het aanbod werkt, en hoe het beter kan.",
        "intro": "Het is goed als er veel aanbod is tegen eenzaamheid. Maar werkt het ook? En kan "
        "het beter? Deze hulpmiddelen helpen u dat te beoordelen.",
        "body": [
            (
                "paragraph",
                _tekst(
                    "Kijk eerst naar de zeven werkzame elementen: wat zorgt ervoor dat een "
                    "activiteit echt helpt? Gebruik daarna de Verbetertool om een project te "
                    "verbeteren. Als gemeente beoordeelt u subsidieaanvragen met de checklist "
                    "van Amsterdam. Het Wat werkt-dossier zet de kennis op een rij."
                ),
            ),
            _lijst(
                "Beoordelen en verbeteren",
                [
                    "werkzame-elementen",
                    "verbetertool-eenzaamheid",
                    "checklist-eenzaamheid-amsterdam",
                    "wat-werkt-dossier-eenzaamheid",
                ],
            ),
        ],
    },
    {
        "slug": "samenwerking",
        "title": "Samenwerking",
        "samenvatting": "Om samen met partners en inwoners een aanpak te maken die werkt.",
        "intro": "Een lokale aanpak van eenzaamheid werkt alleen als mensen en organisaties goed "
        "samenwerken. Vaak begint dat met een startconferentie.",
        "body": [
            _lijst(
                "Samen beginnen en samen sturen",
                ["draaiboek-startconferentie", "kwaliteitskompas", "animatie-kwaliteitskompas"],
                intro="Met het Kwaliteitskompas bepalen partners samen hun ambities, resultaten "
                "en indicatoren.",
            ),
            ("tips", TIPS),
        ],
    },
    {
        "slug": "informatie-snel-vinden",
        "title": "Informatie snel vinden",
        "samenvatting": "Om snel te vinden wat er in de buurt is: de eisen aan een sociale kaart.",
        "intro": "Professionals en vrijwilligers hebben vaak geen overzicht van al het aanbod "
        "tegen eenzaamheid. Dat overzicht is nodig om iemand goed te helpen.",
        "body": [
            (
                "paragraph",
                _tekst(
                    "Het overzicht moet er ook zijn voor mensen die eenzaam zijn of kunnen "
                    "worden, en voor hun omgeving. Veel gemeenten hebben daarom een online "
                    "sociale kaart. Maar die is zelden zo makkelijk als een grote webwinkel, "
                    "terwijl mensen dat gemak gewend zijn. Daarom hieronder de eisen en wensen "
                    "voor een goede sociale kaart."
                ),
            ),
            ("eisen", EISEN),
            (
                "paragraph",
                _tekst(
                    "Zo'n sociale kaart maken en bijhouden is niet eenvoudig. Toch is dit hoe "
                    "mensen tegenwoordig zoeken en vergelijken. En zo vinden zij snel het aanbod "
                    "dat bij hen past."
                ),
            ),
        ],
    },
]

ARTIKELEN = [
    {
        "slug": "hoeveel-mensen-voelen-zich-eenzaam",
        "title": "Hoeveel mensen voelen zich eenzaam?",
        "datum": datetime.date(2025, 9, 15),
        "auteur": "Redactie",
        "lead": "Bijna de helft van de volwassenen in Nederland voelt zich weleens eenzaam. Maar "
        "per gemeente zijn de verschillen groot. Wat zeggen de cijfers van het RIVM?",
        "tags": ["Cijfers", "Gemeenten"],
        "hulpmiddelen": ["eenzaamheidscijfers-rivm", "handreiking-lokale-aanpak-van-eenzaamheid"],
        "body": [
            ("heading", {"text": "Het landelijke beeld", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "In 2020 voelde 47,0 procent van de volwassenen in Nederland zich eenzaam. "
                    "11,2 procent was ernstig of zeer ernstig eenzaam. Dat is de landelijke "
                    "schatting van het RIVM."
                ),
            ),
            ("heading", {"text": "Grote verschillen tussen gemeenten", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Het RIVM schat de cijfers ook per gemeente. In Urk voelde 35,2 procent van "
                    "de volwassenen zich eenzaam, in ’s-Gravenhage 56,8 procent. Bij ernstige "
                    "eenzaamheid liggen de cijfers tussen 6,2 procent (Rozendaal) en 16,6 procent "
                    "(Heerlen).",
                    "Wij rekenden uit: in de helft van de 355 gemeenten ligt het aandeel "
                    "eenzame volwassenen tussen 42,0 en 46,5 procent. De middelste gemeente komt "
                    "uit op 43,9 procent. Dat is lager dan het landelijke cijfer, omdat in grote "
                    "steden, waar veel mensen wonen, meer mensen eenzaam zijn. In 29 gemeenten "
                    "voelde de helft of meer van de volwassenen zich eenzaam.",
                ),
            ),
            (
                "callout",
                {
                    "title": "Waar komen deze cijfers vandaan?",
                    "text": _tekst(
                        "RIVM, schattingen per gemeente op basis van de Gezondheidsmonitor "
                        "Volwassenen en Ouderen 2020 van de GGD’en, het CBS en het RIVM "
                        "(StatLine-tabel 50090NED). Volwassenen van 18 jaar en ouder, "
                        "gemeentelijke indeling van 2020. Eenzaamheid is gemeten met de "
                        "eenzaamheidsschaal van De Jong-Gierveld. De verdeling over de gemeenten "
                        "is een eigen berekening van de redactie, niet gewogen naar het aantal "
                        "inwoners."
                    ),
                },
            ),
            ("heading", {"text": "Wat kunt u ermee?", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Cijfers alleen vertellen niet wat mensen nodig hebben. Maar ze helpen wel "
                    "om keuzes te maken: in welke wijken begint u, en op welke groepen richt u "
                    "zich? Bekijk de cijfers van uw eigen gemeente, wijk en buurt bij het RIVM."
                ),
            ),
        ],
    },
    {
        "slug": "eenzaamheid-herkennen",
        "title": "Eenzaamheid herkennen: waar let u op?",
        "datum": datetime.date(2025, 10, 6),
        "auteur": "Redactie",
        "lead": "Mensen die eenzaam zijn, zeggen dat zelden hardop. Toch zijn er signalen. Wie "
        "ze kent, kan het gesprek beginnen.",
        "tags": ["Signaleren", "Vrijwilligers"],
        "hulpmiddelen": [
            "signaleringskaart-een-tegen-eenzaamheid",
            "wie-kan-eenzaamheid-signaleren",
            "handboek-eenzaam-ben-je-niet-alleen",
        ],
        "body": [
            (
                "paragraph",
                _tekst(
                    "Eenzaamheid is een gevoel: u mist contact, of het contact dat u hebt is "
                    "niet genoeg. Iemand kan veel mensen om zich heen hebben en zich toch eenzaam "
                    "voelen. En iemand die vaak alleen is, hoeft niet eenzaam te zijn."
                ),
            ),
            ("heading", {"text": "Signalen", "level": "h2"}),
            (
                "paragraph",
                "<p>Let bijvoorbeeld op deze signalen:</p><ul>"
                "<li>iemand komt minder buiten of zegt afspraken af;</li>"
                "<li>iemand praat veel, of juist bijna niet;</li>"
                "<li>iemand vertelt dat er niemand is om mee te praten;</li>"
                "<li>de brievenbus puilt uit, of het huis ziet er verwaarloosd uit;</li>"
                "<li>er is kort geleden iets ingrijpends gebeurd, zoals het overlijden van een "
                "partner, een verhuizing of het verlies van werk.</li></ul>",
            ),
            ("heading", {"text": "Het gesprek beginnen", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Neem de tijd en stel open vragen. Vraag bijvoorbeeld: ‘Hoe gaat het nu "
                    "echt met u?’ Luister vooral, en geef niet meteen oplossingen. Vraag wat de "
                    "ander zelf zou willen. Samen bepaalt u de volgende stap."
                ),
            ),
            (
                "quote",
                {
                    "text": "Luister eerst. De oplossing komt later, en het liefst van de ander "
                    "zelf.",
                    "attribution": "Een les uit het handboek ‘Eenzaam ben je niet alleen’",
                },
            ),
        ],
    },
    {
        "slug": "samenwerken-begint-met-een-startconferentie",
        "title": "Samenwerken tegen eenzaamheid begint met een startconferentie",
        "datum": datetime.date(2025, 11, 3),
        "auteur": "Redactie",
        "lead": "Geen enkele organisatie kan eenzaamheid alleen aanpakken. Een startconferentie "
        "brengt iedereen bij elkaar. Zo pakt u die aan.",
        "tags": ["Samenwerking", "Gemeenten"],
        "hulpmiddelen": ["draaiboek-startconferentie", "kwaliteitskompas"],
        "body": [
            (
                "paragraph",
                _tekst(
                    "In elke gemeente zijn veel partijen die iets kunnen doen tegen "
                    "eenzaamheid: welzijn, zorg, vrijwilligers, woningcorporaties, de "
                    "bibliotheek, kerken en verenigingen. Vaak kennen ze elkaar maar half. Een "
                    "startconferentie verandert dat."
                ),
            ),
            ("heading", {"text": "Nodig ook mensen uit die eenzaamheid kennen", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Praat niet over de doelgroep, maar met hen. Vraag inwoners die eenzaamheid "
                    "uit eigen ervaring kennen om mee te denken. Zij weten als geen ander wat "
                    "helpt, en wat niet."
                ),
            ),
            ("heading", {"text": "Maak concrete afspraken", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Sluit de conferentie af met afspraken: wat doen we de komende maanden, en "
                    "wie doet wat? Stuur binnen twee weken een kort verslag. Zo blijft de energie "
                    "van de dag niet hangen."
                ),
            ),
        ],
    },
    {
        "slug": "een-sociale-kaart-zo-makkelijk-als-een-webwinkel",
        "title": "Een sociale kaart zo makkelijk als een webwinkel",
        "datum": datetime.date(2025, 11, 24),
        "auteur": "Redactie",
        "lead": "In een webwinkel vindt u in een paar klikken wat u zoekt. Waarom lukt dat bij "
        "een sociale kaart zo vaak niet? Zeven eisen voor een kaart die wél werkt.",
        "tags": ["Sociale kaart", "Gemeenten"],
        "hulpmiddelen": ["landelijk-beschikbaar-aanbod"],
        "body": [
            (
                "paragraph",
                _tekst(
                    "Een sociale kaart laat zien welke hulp en activiteiten er zijn. Veel kaarten "
                    "zijn opgebouwd rond organisaties. Maar wie hulp zoekt, zoekt geen "
                    "organisatie: die zoekt een maatje, een koffieochtend of een luisterend oor."
                ),
            ),
            ("heading", {"text": "Denk vanuit de dienst", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Beschrijf per dienst wat hij inhoudt, voor wie hij is, wat hij kost en "
                    "hoe u contact opneemt. Laat mensen filteren op wat voor hen telt: voor wie, "
                    "waar, en wat het kost."
                ),
            ),
            ("heading", {"text": "Vergeet de telefoon niet", "level": "h2"}),
            (
                "paragraph",
                _tekst(
                    "Niet iedereen zoekt zelf op internet. Zet daarom een telefoonnummer op de "
                    "kaart, met iemand die meezoekt. En blijf de kaart onder de aandacht "
                    "brengen, bij inwoners, professionals en vrijwilligers."
                ),
            ),
        ],
    },
]


def load_soorten() -> dict[str, Soort]:
    return {
        slug: Soort.objects.get_or_create(slug=slug, defaults={"naam": naam})[0]
        for slug, naam in SOORTEN.items()
    }


def load_organisaties() -> dict[str, Organisatie]:
    return {
        slug: Organisatie.objects.get_or_create(
            slug=slug, defaults={"naam": naam, "website": website}
        )[0]
        for slug, (naam, website) in ORGANISATIES.items()
    }


def _document(slug: str) -> Document:
    filename, text = DOCUMENTEN[slug]
    title = HULPMIDDELEN[slug][0]
    document = Document(title=title, file=ContentFile(text.encode("utf-8"), name=filename))
    document._set_document_file_metadata()
    document.save()
    return document


def load_hulpmiddelen() -> dict[str, Hulpmiddel]:
    soorten = load_soorten()
    organisaties = load_organisaties()
    result = {}
    for slug, (title, soort, organisatie, jaar, link, beschrijving) in HULPMIDDELEN.items():
        item = Hulpmiddel.objects.filter(slug=slug).first()
        if item is None:
            item = Hulpmiddel(
                slug=slug,
                title=title,
                beschrijving=beschrijving,
                soort=soorten[soort],
                organisatie=organisaties[organisatie] if organisatie else None,
                jaar=jaar,
                link=link,
                document=_document(slug) if not link else None,
            )
            item.full_clean()
            item.save()
            item.save_revision().publish()
        result[slug] = item
    return result


def _body(blocks, hulpmiddelen):
    """Replace the slugs in hulpmiddelen blocks by the hulpmiddelen themselves."""
    body = []
    for block_type, value in blocks:
        if block_type == "hulpmiddelen":
            value = {**value, "hulpmiddelen": [hulpmiddelen[s] for s in value["hulpmiddelen"]]}
        body.append((block_type, value))
    return body


def load_index(home) -> HulpmiddelenIndexPage:
    index = HulpmiddelenIndexPage.objects.child_of(home).first()
    if index is None:
        index = HulpmiddelenIndexPage(
            title="Hulpmiddelen",
            kop="Welke hulpmiddelen zoekt u?",
            slug="hulpmiddelen",
            seo_title="Hulpmiddelen voor de aanpak van eenzaamheid",
            show_in_menus=True,
            intro=(
                "Wilt u als gemeente of organisatie aan de slag met eenzaamheid? Er zijn veel "
                "goede hulpmiddelen. Eerst de algemene, daarna de zes onderdelen die samen een "
                "lokale aanpak vormen. Kent u een hulpmiddel dat hier ontbreekt? Laat het ons "
                "weten."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def load_secties(index, hulpmiddelen) -> list[SectiePage]:
    pages = []
    for spec in SECTIES:
        page = SectiePage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = SectiePage(
                title=spec["title"],
                slug=spec["slug"],
                samenvatting=spec["samenvatting"],
                intro=spec["intro"],
                body=_body(spec["body"], hulpmiddelen),
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        pages.append(page)
    return pages


def load_artikelen(home, hulpmiddelen) -> list[ArtikelPage]:
    index = ArtikelIndexPage.objects.child_of(home).first()
    if index is None:
        index = ArtikelIndexPage(
            title="Artikelen",
            slug="artikelen",
            show_in_menus=True,
            intro="Achtergronden, tips en ervaringen over de lokale aanpak van eenzaamheid.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    pages = []
    for spec in ARTIKELEN:
        page = ArtikelPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = ArtikelPage(
                title=spec["title"],
                slug=spec["slug"],
                datum=spec["datum"],
                auteur=spec["auteur"],
                lead=spec["lead"],
                body=spec["body"],
            )
            page.tags.add(*spec["tags"])
            page.gerelateerde_hulpmiddelen = [
                ArtikelHulpmiddel(hulpmiddel=hulpmiddelen[slug], sort_order=i)
                for i, slug in enumerate(spec["hulpmiddelen"])
            ]
            index.add_child(instance=page)
            page.save_revision().publish()
        pages.append(page)
    return pages


def load(home) -> None:
    hulpmiddelen = load_hulpmiddelen()
    index = load_index(home)
    load_secties(index, hulpmiddelen)
    load_artikelen(home, hulpmiddelen)
