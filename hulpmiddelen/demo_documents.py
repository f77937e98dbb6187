"""The texts of the three documents this site offers itself, written by our editors.

The demo loader stores them as Wagtail documents; they are real working documents, not samples.
"""

OPZET_PLAN_VAN_AANPAK = """\
Opzet voor een plan van aanpak tegen eenzaamheid
================================================

Gebruik deze opzet als u als gemeente een beleidsplan, actieplan of plan van aanpak
tegen eenzaamheid schrijft. Vul elk onderdeel samen met uw partners in. Houd het kort:
liever tien heldere pagina's dan veertig die niemand leest.

1. Aanleiding
   - Waarom pakt uw gemeente eenzaamheid aan, en waarom nu?
   - Welke afspraken zijn er al (coalitieakkoord, raadsbesluit, landelijk programma)?

2. Hoe staat het ervoor in onze gemeente?
   - De cijfers: hoeveel inwoners voelen zich eenzaam, per wijk of kern?
     (Bron: de eenzaamheidscijfers van het RIVM.)
   - Wat merken professionals, vrijwilligers en inwoners zelf?
   - Welk aanbod is er al, en wat mist er?

3. Wat willen we bereiken?
   - Eén of twee ambities voor de lange termijn.
   - Per ambitie: welk resultaat willen we over twee jaar zien, en hoe meten we dat?

4. Voor wie?
   - Richten we ons op alle inwoners, op bepaalde groepen (bijvoorbeeld jongeren,
     mantelzorgers, ouderen) of op bepaalde wijken?
   - Op welke mate van eenzaamheid: voorkomen, verminderen, of beide?

5. Wat gaan we doen? Werk aan alle zes onderdelen tegelijk:
   a. Bewustwording en agendering
   b. Eenzame mensen vinden en eenzaamheid herkennen
   c. Ondersteuning en activering (voorkomen en verminderen)
   d. Kwaliteit en deskundigheid
   e. Samenwerking
   f. Informatie snel vinden (een goede sociale kaart)

6. Wie doet wat?
   - De partners en hun rol: gemeente, welzijn, zorg, vrijwilligersorganisaties,
     woningcorporaties, bibliotheek, kerken, verenigingen, ondernemers.
   - Inwoners die eenzaamheid kennen uit eigen ervaring: hoe denken zij mee?
   - Wie houdt het overzicht (projectleiding)?

7. Planning
   - Wat gebeurt er in het eerste jaar, en wat daarna?
   - Wanneer kijken we samen terug?

8. Geld
   - Welk budget is er, uit welke bron, en voor hoe lang?
   - Welke bijdrage leveren de partners zelf?

9. Volgen en bijsturen
   - Welke gegevens verzamelen we, en hoe vaak?
   - Hoe gebruiken we die om het aanbod te verbeteren?

10. Communicatie
    - Hoe maken we de aanpak bekend bij inwoners, professionals en vrijwilligers?
    - Hoe blijft de aanpak bekend, ook na de start?
"""

SIGNALEERDERS = """\
Wie kan eenzaamheid signaleren?
===============================

Iedereen kan merken dat een ander eenzaam is. Maar sommige mensen komen door hun
werk of hun rol vaker of juist gericht in contact met mensen die eenzaam zijn of
kunnen worden. Betrek hen bij uw aanpak, vertel hen wat de signalen zijn en waar
zij met een zorg terechtkunnen.

Zorg en gezondheid
- huisarts, praktijkondersteuner en doktersassistent
- wijkverpleegkundige en thuiszorg
- apotheker en apothekersassistent
- fysiotherapeut
- medewerkers van de GGZ en de GGD
- casemanager dementie

Welzijn en sociaal werk
- sociaal werker en ouderenadviseur
- medewerkers van het sociaal wijkteam of het Wmo-loket
- mantelzorgconsulent
- vrijwilligers die huisbezoeken afleggen (bijvoorbeeld van ouderenbonden,
  Humanitas of de Zonnebloem)
- maatjes en vrijwillige thuishulp

Wonen en buurt
- huismeester, wijkbeheerder en medewerkers van de woningcorporatie
- wijkagent en boa
- medewerkers van het buurthuis of wijkcentrum
- buren

Dagelijks leven
- kapper, pedicure en schoonheidsspecialist
- bezorgers (post, pakketten, maaltijden, boodschappen)
- medewerkers van supermarkt, bakker of dierenwinkel
- bibliotheekmedewerkers
- trainers en vrijwilligers van sportclubs en verenigingen

Levensbeschouwing
- pastor, predikant, imam en andere geestelijk verzorgers
- vrijwilligers van kerken, moskeeën en andere geloofsgemeenschappen

Werk, school en geld
- leidinggevenden en collega's
- mentoren, leraren en studieloopbaanbegeleiders
- schuldhulpverleners en bewindvoerders
- medewerkers van het UWV en van werk en inkomen

Tip: geef al deze mensen een signaleringskaart, en vertel waar zij een signaal
kunnen melden, bijvoorbeeld bij een meldpunt eenzaamheid in uw gemeente.
"""

DRAAIBOEK_STARTCONFERENTIE = """\
Draaiboek voor een startconferentie over eenzaamheid
====================================================

Een startconferentie brengt iedereen bij elkaar die in uw gemeente iets kan doen
tegen eenzaamheid. Het doel: elkaar leren kennen, een gezamenlijk beeld krijgen en
afspreken hoe u verder gaat.

Voorbereiding (acht tot zes weken vooraf)
- Stel een kleine voorbereidingsgroep samen met de gemeente en twee of drie partners.
- Maak een lijst van deelnemers: welzijn, zorg, vrijwilligersorganisaties,
  woningcorporaties, bibliotheek, kerken, verenigingen, ondernemers, en inwoners die
  eenzaamheid kennen uit eigen ervaring.
- Kies een toegankelijke plek in de gemeente, met goede bereikbaarheid.
- Vraag een wethouder om de conferentie te openen.
- Verstuur een uitnodiging met het doel, het programma en een aanmeldformulier.

Vlak ervoor (twee weken vooraf)
- Verzamel de cijfers over eenzaamheid in uw gemeente en per wijk.
- Maak een overzicht van het aanbod dat er al is.
- Vraag twee of drie deelnemers om kort een voorbeeld uit de praktijk te vertellen.
- Regel gespreksleiders voor de tafelgesprekken.

Programma (ongeveer drie uur)
1. Ontvangst met koffie en thee (30 minuten)
2. Opening door de wethouder: waarom deze aanpak? (10 minuten)
3. Wat weten we? De cijfers en de signalen uit de praktijk (20 minuten)
4. Verhalen: wat betekent eenzaamheid voor mensen zelf? (20 minuten)
5. Tafelgesprekken in kleine groepen (60 minuten), bijvoorbeeld over:
   - Hoe vinden we mensen die eenzaam zijn?
   - Welk aanbod is er, en wat mist er?
   - Hoe werken we beter samen?
6. Terugkoppeling van de tafels (20 minuten)
7. Afspraken: wat doen we de komende maanden, en wie doet wat? (15 minuten)
8. Afsluiting en napraten (15 minuten)

Na afloop (binnen twee weken)
- Stuur alle deelnemers een kort verslag met de afspraken.
- Plan een eerste vervolgoverleg.
- Bedank de sprekers en gespreksleiders.
- Vertel in de lokale media wat er is afgesproken.
"""
