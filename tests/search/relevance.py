"""The relevance set: realistic Dutch services and what people type, with the results they expect.

Used by ``test_relevance.py`` on both backends. The pass bar: for at least 90 % of the queries one
of the expected services is in the top 3, and a query that is exactly a service's name puts that
service first. The boosts in ``kaart/queries/engine.py`` are tuned on this set; add a query here
when a search disappoints, with the service(s) a person would want to see first.
"""

PASS_BAR = 0.90
TOP = 3

# naam, samenvatting, beschrijving, terms
DIENSTEN = [
    (
        "Koffieochtend De Linde",
        "Elke dinsdagochtend koffie en een praatje in buurthuis De Linde.",
        "Iedereen is welkom. Vrijwilligers zetten koffie en thee klaar.",
        {"doelgroep": ["ouderen"], "activiteit": ["ontmoeting"], "vorm": ["groep"]},
    ),
    (
        "Luisterlijn",
        "Dag en nacht een luisterend oor aan de telefoon, anoniem.",
        "Getrainde vrijwilligers luisteren naar uw verhaal, zonder oordeel.",
        {"plek": ["telefonisch"], "activiteit": ["een-op-een"], "doelgroep": ["iedereen"]},
    ),
    (
        "Maatjesproject Samen Op Pad",
        "Een vrijwilliger als maatje die regelmatig met u op stap gaat.",
        "Samen naar de markt, een museum of een terrasje: u kiest.",
        {"activiteit": ["een-op-een"], "vorm": ["individueel"]},
    ),
    (
        "Rouwgroep Na Verlies",
        "Gespreksgroep voor mensen die hun partner hebben verloren.",
        "Acht bijeenkomsten onder leiding van een ervaren begeleider.",
        {"thema": ["verlies-en-rouw"], "doelgroep": ["nabestaanden"]},
    ),
    (
        "Taalcafé Welkom",
        "Nederlands oefenen met vrijwilligers in een ontspannen sfeer.",
        "Voor iedereen die de taal wil leren en nieuwe mensen wil leren kennen.",
        {"doelgroep": ["nieuwkomers"], "thema": ["taal-en-cultuur"]},
    ),
    (
        "Computerhulp aan Huis",
        "Een vrijwilliger helpt u thuis met uw computer, tablet of telefoon.",
        "Bijvoorbeeld met videobellen met uw kleinkinderen of met DigiD.",
        {"thema": ["digitale-vaardigheden"], "plek": ["aan-huis"]},
    ),
    (
        "Mantelzorgcafé",
        "Ontmoeting en informatie voor mantelzorgers die voor een naaste zorgen.",
        "Elke maand een ander onderwerp, met tijd om ervaringen te delen.",
        {"doelgroep": ["mantelzorgers"], "thema": ["mantelzorg"]},
    ),
    (
        "Wandelgroep Stap voor Stap",
        "Elke week samen een uur wandelen door het park.",
        "Het tempo is rustig; na afloop drinken we samen iets.",
        {"activiteit": ["ontmoeting"], "plek": ["buitenshuis"]},
    ),
    (
        "Buurtmaaltijd Aan Tafel",
        "Eens per maand samen eten met buurtbewoners voor een klein bedrag.",
        "Een vrijwillige kok maakt een driegangenmenu.",
        {"activiteit": ["ontmoeting"]},
    ),
    (
        "Telefooncirkel Zilver",
        "Elke ochtend belt een deelnemer de volgende: zo weet u dat het goed gaat.",
        "Neemt iemand niet op, dan wordt een contactpersoon gebeld.",
        {"doelgroep": ["ouderen"], "plek": ["telefonisch"]},
    ),
    (
        "Cursus Grip op je Leven",
        "Cursus voor jongeren die zich eenzaam voelen.",
        "In zes lessen werk je aan zelfvertrouwen en contact maken.",
        {"doelgroep": ["jongeren"], "thema": ["emotionele-eenzaamheid"]},
    ),
    (
        "Gezinscoach",
        "Ondersteuning voor ouders van jonge kinderen die er alleen voor staan.",
        "Een coach komt thuis en denkt mee over opvoeding en een eigen netwerk.",
        {"doelgroep": ["alleenstaanden"], "plek": ["aan-huis"]},
    ),
    (
        "Seniorensoos De Zonnebloem",
        "Gezellige middagen met spelletjes, muziek en een hapje.",
        "Elke donderdagmiddag in het wijkgebouw.",
        {"doelgroep": ["ouderen"], "activiteit": ["ontmoeting"]},
    ),
    (
        "Schuldhulp Vrijwilligers",
        "Hulp bij geldzorgen en schulden door getrainde vrijwilligers.",
        "Samen brengen we uw administratie op orde.",
        {"thema": ["geldzorgen"], "activiteit": ["praktische-hulp"]},
    ),
    (
        "Huisbezoek 75-plus",
        "Een vrijwilliger komt op bezoek bij ouderen om te horen hoe het gaat.",
        "Wij kijken samen of er iets is waarmee wij kunnen helpen.",
        {"doelgroep": ["ouderen"], "plek": ["aan-huis"]},
    ),
    (
        "Moestuin De Groene Vingers",
        "Samen tuinieren in de buurttuin, groente kweken en oogsten.",
        "Geen ervaring nodig; gereedschap is er.",
        {"plek": ["buitenshuis"], "activiteit": ["ontmoeting"]},
    ),
    (
        "Zangkoor Stemmig",
        "Koor voor iedereen die graag zingt, ook zonder ervaring.",
        "We repeteren op woensdagavond.",
        {"vorm": ["groep"]},
    ),
    (
        "Digitaal Café",
        "Vragen over uw smartphone of tablet? Kom langs in de bibliotheek.",
        "Vrijwilligers helpen u op weg.",
        {"thema": ["digitale-vaardigheden"]},
    ),
    (
        "Buddyproject Regenboog",
        "Een buddy voor lhbtiq+ personen die weinig contacten hebben.",
        "Samen iets ondernemen, in uw eigen tempo.",
        {"doelgroep": ["lhbtiq"], "activiteit": ["een-op-een"]},
    ),
    (
        "Zingevingsgesprekken",
        "Gesprekken met een geestelijk verzorger over wat het leven zin geeft.",
        "Ook bij u thuis, als u dat wilt.",
        {"thema": ["zingeving"]},
    ),
    (
        "Vervoersdienst De Rijdende Vriend",
        "Vrijwilligers rijden u naar familie, de dokter of een activiteit.",
        "Bel een dag van tevoren.",
        {"activiteit": ["praktische-hulp"]},
    ),
    (
        "Klussendienst Handige Harry",
        "Kleine klusjes in en om het huis door vrijwilligers.",
        "U betaalt alleen de materialen.",
        {"activiteit": ["praktische-hulp"], "plek": ["aan-huis"]},
    ),
    (
        "Steunpunt Mantelzorg",
        "Advies, cursussen en een luisterend oor voor mantelzorgers.",
        "Ook voor jonge mantelzorgers.",
        {"doelgroep": ["mantelzorgers"], "activiteit": ["informatie-en-advies"]},
    ),
    (
        "Beweeggroep 65+",
        "Bewegen op muziek voor ouderen, aangepast aan uw tempo.",
        "Onder leiding van een fysiotherapeut.",
        {"doelgroep": ["ouderen"], "thema": ["gezondheid"]},
    ),
    (
        "Inloopochtend Wijkcentrum Oost",
        "Iedere ochtend vrije inloop met koffie in het wijkcentrum.",
        "U hoeft zich niet aan te melden.",
        {"activiteit": ["ontmoeting"]},
    ),
    (
        "Alzheimer Café",
        "Informatie en ontmoeting voor mensen met dementie en hun naasten.",
        "Elke maand een deskundige aan het woord.",
        {"activiteit": ["informatie-en-advies"]},
    ),
    (
        "Kookclub Mannen aan de Pan",
        "Samen koken en eten voor alleenstaande mannen.",
        "Iedere week een ander recept.",
        {"doelgroep": ["alleenstaanden"], "activiteit": ["ontmoeting"]},
    ),
    (
        "Sociaal Wijkteam",
        "Het wijkteam helpt bij vragen over zorg, geld en welzijn.",
        "Bel of loop binnen tijdens het spreekuur.",
        {"activiteit": ["informatie-en-advies"]},
    ),
    (
        "Vriendschapscursus",
        "Cursus om nieuwe vriendschappen te maken en te houden.",
        "Voor volwassenen die hun kring willen vergroten.",
        {"activiteit": ["cursus-en-gespreksgroep"], "doelgroep": ["volwassenen"]},
    ),
    (
        "Fietsmaatjes",
        "Samen fietsen op een duofiets met een vrijwilliger.",
        "Voor wie zelf niet meer kan fietsen.",
        {"plek": ["buitenshuis"]},
    ),
    (
        "Bibliotheek Leesclub",
        "Maandelijks boeken bespreken met andere lezers.",
        "De bibliotheek zorgt voor de boeken.",
        {"activiteit": ["cursus-en-gespreksgroep"]},
    ),
    (
        "Jongerenwerk Chill Spot",
        "Een plek voor jongeren om elkaar te ontmoeten na school.",
        "Met jongerenwerkers die een luisterend oor bieden.",
        {"doelgroep": ["jongeren"], "activiteit": ["ontmoeting"]},
    ),
    (
        "Nieuwkomersmaatje",
        "Een maatje helpt nieuwkomers hun weg te vinden in de wijk.",
        "Samen naar de huisarts, de bibliotheek of de markt.",
        {"doelgroep": ["nieuwkomers"], "activiteit": ["een-op-een"]},
    ),
    (
        "Huiskamer van de Wijk",
        "Elke werkdag open: een kop koffie, de krant en gezelschap.",
        "Een gastvrouw of gastheer is er altijd.",
        {"activiteit": ["ontmoeting"]},
    ),
]

OUDEREN = {
    "Seniorensoos De Zonnebloem",
    "Telefooncirkel Zilver",
    "Huisbezoek 75-plus",
    "Beweeggroep 65+",
    "Koffieochtend De Linde",
}

# (what people type, the services they want to see first, what the case is about)
QUERIES = [
    ("Koffieochtend De Linde", {"Koffieochtend De Linde"}, "exact name"),
    ("luisterlijn", {"Luisterlijn"}, "exact name, lower case"),
    ("Taalcafé Welkom", {"Taalcafé Welkom"}, "exact name with accent"),
    ("taalcafe", {"Taalcafé Welkom"}, "accent left out"),
    ("rouwgroep", {"Rouwgroep Na Verlies"}, "word of a name"),
    ("telefooncirkel", {"Telefooncirkel Zilver"}, "word of a name"),
    ("buurtmaaltijd", {"Buurtmaaltijd Aan Tafel"}, "word of a name"),
    ("leesclub", {"Bibliotheek Leesclub"}, "word of a name"),
    ("huisbezoek", {"Huisbezoek 75-plus"}, "word of a name"),
    ("maatje", {"Maatjesproject Samen Op Pad", "Nieuwkomersmaatje"}, "compound in a name"),
    ("koor", {"Zangkoor Stemmig"}, "compound part"),
    ("vervoer", {"Vervoersdienst De Rijdende Vriend"}, "compound part with linking s"),
    ("senioren", {"Seniorensoos De Zonnebloem"} | OUDEREN, "compound and synonym"),
    ("koffie", {"Koffieochtend De Linde", "Inloopochtend Wijkcentrum Oost"}, "compound part"),
    ("mantelzorgers", {"Mantelzorgcafé", "Steunpunt Mantelzorg"}, "plural, label"),
    ("computer", {"Computerhulp aan Huis"}, "compound part in the name"),
    ("wandelen", {"Wandelgroep Stap voor Stap"}, "stem"),
    ("fietsen", {"Fietsmaatjes"}, "stem and compound"),
    ("schulden", {"Schuldhulp Vrijwilligers"}, "summary word"),
    ("geldzorgen", {"Schuldhulp Vrijwilligers"}, "summary word and label"),
    ("tuinieren", {"Moestuin De Groene Vingers"}, "summary word"),
    ("dementie", {"Alzheimer Café"}, "summary word"),
    ("smartphone", {"Digitaal Café"}, "summary word"),
    ("klusjes", {"Klussendienst Handige Harry"}, "summary word"),
    ("samen koken", {"Kookclub Mannen aan de Pan"}, "two summary words"),
    ("wijkteam", {"Sociaal Wijkteam"}, "name word"),
    ("vriendschap", {"Vriendschapscursus"}, "compound part in the name"),
    ("verlies partner", {"Rouwgroep Na Verlies"}, "name and summary"),
    ("eenzame jongeren", {"Cursus Grip op je Leven"}, "stem of eenzaam, label"),
    ("jongeren", {"Jongerenwerk Chill Spot", "Cursus Grip op je Leven"}, "label and name"),
    ("nieuwkomers", {"Nieuwkomersmaatje", "Taalcafé Welkom"}, "label and name"),
    ("ouders", {"Gezinscoach"}, "ouders are not ouderen"),
    ("bejaarden", OUDEREN, "synonym of ouderen"),
    ("65+", {"Beweeggroep 65+"} | OUDEREN, "65+ is ouderen"),
    ("buddy", {"Buddyproject Regenboog"}, "synonym of maatje, name first"),
    ("dementie informatie", {"Alzheimer Café"}, "two words"),
    ("luisterend oor", {"Luisterlijn", "Steunpunt Mantelzorg"}, "phrase in summaries"),
    ("koffiochtend", {"Koffieochtend De Linde"}, "typo in a name"),
    ("schuldhulp vrijwiligers", {"Schuldhulp Vrijwilligers"}, "typo in the second word"),
    ("inloop koffie", {"Inloopochtend Wijkcentrum Oost"}, "compound part and summary"),
]
