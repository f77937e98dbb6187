"""The hulpwijzer at /kaart/hulpwijzer/: a guided start for people who do not know what to look for.

One question per screen, each a plain GET form that carries the earlier answers as hidden
fields, so it works without JavaScript and every step has its own address (the back button
goes one question back). Every question can be skipped. The end is a redirect to the kaart
with the answers as its ordinary filters.

"Waar woont u?" sends its free text on as ``plaats=`` (the kaart's place parameter).
"""

from dataclasses import dataclass

from django.http import HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse

MAX_PLAATS = 100


@dataclass(frozen=True)
class Optie:
    waarde: str
    label: str
    #: The kaart's parameters this answer sets: (parameter, value) pairs.
    filters: tuple = ()
    uitleg: str = ""


@dataclass(frozen=True)
class Vraag:
    naam: str
    vraag: str
    uitleg: str
    opties: tuple = ()
    #: A question answered by typing (the place), not by a choice.
    tekst: bool = False
    hint: str = ""


VRAGEN = (
    Vraag(
        "voor",
        "Voor wie zoekt u iets?",
        "Zoekt u voor uzelf of voor iemand anders? Kies wat het beste past.",
        (
            Optie(
                "ouderen",
                "Voor iemand van 65 jaar of ouder",
                (("doelgroep", "ouderen"), ("doelgroep", "iedereen")),
            ),
            Optie(
                "volwassenen",
                "Voor een volwassene",
                (("doelgroep", "volwassenen"), ("doelgroep", "iedereen")),
            ),
            Optie(
                "jongeren",
                "Voor een jongere",
                (("doelgroep", "jongeren"), ("doelgroep", "iedereen")),
            ),
            Optie(
                "mantelzorgers",
                "Voor iemand die zorgt voor een ander",
                (("doelgroep", "mantelzorgers"),),
                "Een mantelzorger zorgt voor een partner, ouder, kind of vriend.",
            ),
        ),
    ),
    Vraag(
        "plaats",
        "Waar woont u?",
        "Dan zoeken wij wat er bij u in de buurt is. Wat overal in Nederland kan, ziet u ook.",
        tekst=True,
        hint="Typ uw woonplaats of uw postcode. Bijvoorbeeld: Utrecht of 3511.",
    ),
    Vraag(
        "hulp",
        "Wat zou u helpen?",
        "Kies wat u het meest zou helpen.",
        (
            Optie("praten", "Iemand om mee te praten", (("activiteit", "een-op-een"),)),
            Optie("samen", "Samen dingen doen", (("activiteit", "ontmoeting"),)),
            Optie("praktisch", "Praktische hulp", (("activiteit", "praktische-hulp"),)),
            Optie(
                "verdriet",
                "Hulp bij verdriet of somberheid",
                (("thema", "verlies-en-rouw"), ("thema", "emotionele-eenzaamheid")),
                "Bijvoorbeeld na het overlijden van iemand, of als u zich vaak somber voelt.",
            ),
        ),
    ),
    Vraag(
        "hoe",
        "Hoe wilt u het liefst contact?",
        "Kies wat u het prettigst vindt.",
        (
            Optie("thuis", "Bij u thuis", (("plek", "aan-huis"),)),
            Optie("buiten", "Buiten de deur", (("plek", "buitenshuis"),)),
            Optie("telefoon", "Telefonisch", (("plek", "telefonisch"),)),
            Optie("online", "Online, via de computer of telefoon", (("plek", "online"),)),
        ),
    ),
)
NAMEN = [vraag.naam for vraag in VRAGEN]


def antwoorden(params: QueryDict) -> tuple[dict[str, str], list[str]]:
    """The known answers in ``params``, and the names of questions with an answer we do not know."""
    goed, fout = {}, []
    for vraag in VRAGEN:
        waarde = params.get(vraag.naam, "").strip()
        if not waarde:
            continue
        if vraag.tekst:
            goed[vraag.naam] = " ".join(waarde.split())[:MAX_PLAATS]
        elif waarde in {optie.waarde for optie in vraag.opties}:
            goed[vraag.naam] = waarde
        else:
            fout.append(vraag.naam)
    return goed, fout


def kaart_params(gekozen: dict[str, str]) -> QueryDict:
    """The kaart's parameters for these answers: each chosen option's filters, and the place."""
    params = QueryDict(mutable=True)
    for vraag in VRAGEN:
        waarde = gekozen.get(vraag.naam)
        if not waarde:
            continue
        if vraag.tekst:
            params[vraag.naam] = waarde
            continue
        optie = next(o for o in vraag.opties if o.waarde == waarde)
        for parameter, filterwaarde in optie.filters:
            if filterwaarde not in params.getlist(parameter):
                params.appendlist(parameter, filterwaarde)
    return params


def _stap_url(stap: int, gekozen: dict[str, str]) -> str:
    params = QueryDict(mutable=True)
    for naam in NAMEN:
        if gekozen.get(naam):
            params[naam] = gekozen[naam]
    if stap > 1:
        params["stap"] = str(stap)
    query = params.urlencode()
    basis = reverse("kaart:hulpwijzer")
    return f"{basis}?{query}" if query else basis


def hulpwijzer(request):
    """/kaart/hulpwijzer/?stap=N: question N with the earlier answers carried along.

    ``stap`` beyond the last question (the last form's button) sends the visitor to the kaart.
    """
    gekozen, fout = antwoorden(request.GET)
    try:
        stap = int(request.GET.get("stap", "1"))
    except ValueError:
        stap = 1
    if stap > len(VRAGEN):
        query = kaart_params(gekozen).urlencode()
        kaart = reverse("kaart:zoeken")
        return HttpResponseRedirect(f"{kaart}?{query}" if query else kaart)
    stap = max(stap, 1)
    vraag = VRAGEN[stap - 1]
    # Earlier and later answers travel along; this question's own answer is the field.
    meegegeven = [(naam, waarde) for naam, waarde in gekozen.items() if naam != vraag.naam]
    context = {
        "vraag": vraag,
        "stap": stap,
        "aantal": len(VRAGEN),
        "gekozen": gekozen.get(vraag.naam, ""),
        "meegegeven": meegegeven,
        "volgende": stap + 1,
        "overslaan_url": _stap_url(stap + 1, {k: v for k, v in gekozen.items() if k != vraag.naam}),
        "vorige_url": _stap_url(stap - 1, gekozen) if stap > 1 else "",
        "fout": vraag.naam in fout,
    }
    return TemplateResponse(request, "kaart/hulpwijzer.html", context, status=400 if fout else 200)
