"""The public forms: fixed, structured Django forms in plain Dutch (B1), a limit on every field.

Each form only checks what people typed; ``gegevens()`` gives the cleaned values as plain JSON
(slugs, codes, strings), which ``inzendingen.moderatie`` stores with the submission and turns into
a draft object. The abuse checks (``inzendingen.spam``) and files (``inzendingen.uploads``) are
separate, so every layer can be tested on its own.
"""

from collections import OrderedDict
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from kaart.models import ENKELVOUDIG, MEERVOUDIG, VOCABULAIRES, Dienst, Gemeente, Term

from . import uploads
from .models import ONDERDELEN, Terugbelverzoek
from .tekst import controleer_link, schoon

TOESTEMMING_TEKST = (
    "Ik geef toestemming dat de redactie mijn gegevens gebruikt om contact met mij op te nemen "
    "over deze inzending."
)
MAX_LINKS = 5


class MeerdereBestandenInvoer(forms.ClearableFileInput):
    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"


class MeerdereBestandenVeld(forms.FileField):
    """Up to three files in one ``<input type=file multiple>``; content checks in ``clean``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MeerdereBestandenInvoer(attrs={"accept": _ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        bestanden = data if isinstance(data, list | tuple) else [data] if data else []
        if not bestanden:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        return uploads.controleer_bestanden(bestanden)


_ACCEPT = ".pdf,.odt,.docx,.jpg,.jpeg,.png"


def controleer_telefoon(waarde: str) -> str:
    waarde = schoon(waarde)
    if not waarde:
        return ""
    cijfers = [teken for teken in waarde if teken.isdigit()]
    toegestaan = set("0123456789+-() ")
    if any(teken not in toegestaan for teken in waarde) or not 10 <= len(cijfers) <= 15:
        raise ValidationError("Vul een telefoonnummer in van 10 cijfers, zoals 06 12345678.")
    return waarde


def _tekstveld(label, max_length, help_text="", required=True, rijen=None, autocomplete=""):
    widget = forms.Textarea(attrs={"rows": rijen}) if rijen else forms.TextInput()
    if autocomplete:
        widget.attrs["autocomplete"] = autocomplete
    return forms.CharField(
        label=label, max_length=max_length, help_text=help_text, required=required, widget=widget
    )


# Messages that say exactly what to do, per field; other fields get a general one.
VERPLICHT = {
    "inzender_naam": "Vul uw naam in.",
    "inzender_email": "Vul uw e-mailadres in.",
    "toestemming": (
        "Vink aan dat u toestemming geeft. Anders kunnen wij uw inzending niet aannemen."
    ),
    "gemeente": "Kies de gemeente waar het voorbeeld over gaat.",
    "titel": "Vul een titel in.",
    "samenvatting": "Vul een korte samenvatting in.",
    "naam": "Vul een naam in.",
    "telefoon": "Vul uw telefoonnummer in.",
    "link": "Vul de link naar het hulpmiddel in.",
    "waarom": "Schrijf kort waarom het hulpmiddel nuttig is.",
    "toelichting": "Schrijf kort wat u ervan weet.",
    "moment": "Kies wanneer wij u het best kunnen bellen.",
}
EMAIL_ONGELDIG = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."


def _zet_meldingen(naam: str, veld: forms.Field) -> None:
    veld.error_messages["required"] = VERPLICHT.get(naam) or _verplicht_melding(veld)
    if isinstance(veld, forms.EmailField):
        veld.error_messages["invalid"] = EMAIL_ONGELDIG
    if isinstance(veld, forms.CharField) and veld.max_length:
        veld.error_messages["max_length"] = (
            f"Gebruik hooguit {veld.max_length} tekens. U gebruikte er %(show_value)d."
        )
    if isinstance(veld, forms.IntegerField | forms.DecimalField):
        veld.error_messages["invalid"] = "Vul een getal in."
    if isinstance(veld, forms.ChoiceField):
        veld.error_messages["invalid_choice"] = "Kies een van de mogelijkheden."


class Formulier(forms.Form):
    """Every public form: fields trimmed and cleaned of control characters, limits in Dutch."""

    required_css_class = "is-verplicht"
    naam_formulier = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            _zet_meldingen(naam, veld)

    def _clean_fields(self):
        super()._clean_fields()
        for naam, waarde in list(self.cleaned_data.items()):
            if isinstance(waarde, str):
                self.cleaned_data[naam] = schoon(waarde)

    def vrije_teksten(self) -> list[str]:
        """The free texts, for the content check of ``inzendingen.spam``."""
        return [waarde for waarde in self.cleaned_data.values() if isinstance(waarde, str)]

    @property
    def fouten_in_volgorde(self):
        """(field id, label, message) for the error summary, in the order of the form."""
        regels = []
        for fout in self.non_field_errors():
            regels.append(("", "", fout))
        for veld in self:
            for fout in veld.errors:
                regels.append((veld.auto_id, veld.label, fout))
        return regels


def _verplicht_melding(veld) -> str:
    if isinstance(veld, forms.BooleanField):
        return "Vink dit aan om verder te gaan."
    if isinstance(veld, forms.ChoiceField):
        return "Maak een keuze."
    return "Vul dit veld in."


class InzenderVelden(forms.Form):
    """Who sends it in: kept apart from the public object and purged after the decision."""

    inzender_naam = _tekstveld("Uw naam", 120, autocomplete="name")
    inzender_email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        help_text="Hierop krijgt u een ontvangstbevestiging en later ons besluit.",
    )
    inzender_telefoon = _tekstveld(
        "Uw telefoonnummer", 30, "Handig als wij iets willen vragen.", False
    )
    inzender_organisatie = _tekstveld("Uw gemeente of organisatie", 150, "", required=False)
    toestemming = forms.BooleanField(label=TOESTEMMING_TEKST)

    def clean_inzender_telefoon(self):
        return controleer_telefoon(self.cleaned_data.get("inzender_telefoon", ""))

    def contact(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "naam": data.get("inzender_naam", ""),
            "email": data.get("inzender_email", ""),
            "telefoon": data.get("inzender_telefoon", ""),
            "organisatie": data.get("inzender_organisatie", ""),
        }


def _zet_autocomplete(form, velden: dict[str, str]) -> None:
    for naam, waarde in velden.items():
        if naam in form.fields:
            form.fields[naam].widget.attrs["autocomplete"] = waarde


def gemeente_keuzes(leeg: str | None = "Kies een gemeente") -> list:
    """The 342 gemeenten grouped by province, for a ``<select>`` with ``<optgroup>``s."""
    per_provincie: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
    for code, naam, provincie in Gemeente.objects.order_by("provincie", "naam").values_list(
        "code", "naam", "provincie"
    ):
        per_provincie.setdefault(provincie, []).append((code, naam))
    keuzes = [("", leeg)] if leeg else []
    return keuzes + list(per_provincie.items())


HINTS_ONDERDELEN = {
    "bewustwording": "Hoe maakt u eenzaamheid bespreekbaar en zet u het op de agenda?",
    "signalering": "Hoe vindt u mensen die eenzaam zijn, en wie let op de signalen?",
    "ondersteuning": "Welke hulp en activiteiten zijn er, en hoe komen mensen daar terecht?",
    "kwaliteit": "Hoe weet u dat het werkt? Hoe leren vrijwilligers en professionals?",
    "samenwerking": "Hoe werken gemeente, organisaties en inwoners samen?",
    "informatievoorziening": "Hoe vinden inwoners en professionals snel wat er is?",
}


class VoorbeeldForm(InzenderVelden, Formulier):
    """Voorbeeld insturen: a gemeente tells how it approaches loneliness."""

    naam_formulier = "voorbeeld"

    gemeente = forms.ChoiceField(label="Over welke gemeente gaat het?", choices=gemeente_keuzes)
    titel = _tekstveld(
        "Titel van uw voorbeeld",
        120,
        "Kort en duidelijk, bijvoorbeeld: Huisbezoek bij iedereen van 75 jaar en ouder.",
    )
    samenvatting = _tekstveld(
        "Korte samenvatting", 300, "Eén of twee zinnen: wat doet u, en voor wie?", rijen=3
    )
    bewustwording = _tekstveld(
        ONDERDELEN["bewustwording"], 3000, HINTS_ONDERDELEN["bewustwording"], False, 4
    )
    signalering = _tekstveld(
        ONDERDELEN["signalering"], 3000, HINTS_ONDERDELEN["signalering"], False, 4
    )
    ondersteuning = _tekstveld(
        ONDERDELEN["ondersteuning"], 3000, HINTS_ONDERDELEN["ondersteuning"], False, 4
    )
    kwaliteit = _tekstveld(ONDERDELEN["kwaliteit"], 3000, HINTS_ONDERDELEN["kwaliteit"], False, 4)
    samenwerking = _tekstveld(
        ONDERDELEN["samenwerking"], 3000, HINTS_ONDERDELEN["samenwerking"], False, 4
    )
    informatievoorziening = _tekstveld(
        ONDERDELEN["informatievoorziening"],
        3000,
        HINTS_ONDERDELEN["informatievoorziening"],
        False,
        4,
    )
    doelgroepen = forms.MultipleChoiceField(
        label="Voor wie is de aanpak?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies alles wat past.",
    )
    partners = _tekstveld(
        "Met wie werkt u samen?",
        1000,
        "Zet elke partner op een eigen regel.",
        False,
        3,
    )
    resultaten = _tekstveld(
        "Wat levert het op?", 3000, "Resultaten, cijfers of ervaringen.", False, 4
    )
    links = _tekstveld(
        "Links naar meer informatie",
        2000,
        f"Zet elke link op een eigen regel, hooguit {MAX_LINKS}.",
        False,
        3,
    )
    bestanden = MeerdereBestandenVeld(label="Documenten of foto's", required=False)
    contact_naam = _tekstveld("Contactpersoon of team", 120, "Bijvoorbeeld: team Welzijn.", False)
    contact_email = forms.EmailField(
        label="E-mailadres voor vragen",
        max_length=254,
        required=False,
        help_text="Komt op de site.",
    )
    contact_telefoon = _tekstveld("Telefoonnummer voor vragen", 30, "Komt op de site.", False)

    field_order = [
        "gemeente", "titel", "samenvatting", *ONDERDELEN, "doelgroepen", "partners",
        "resultaten", "links", "bestanden", "contact_naam", "contact_email", "contact_telefoon",
        "inzender_naam", "inzender_email", "inzender_telefoon", "inzender_organisatie",
        "toestemming",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestanden"].help_text = (
            f"Hooguit {uploads.max_bestanden()} bestanden van elk hooguit "
            f"{uploads.max_grootte_mb()} MB: {uploads.TOEGESTAAN_TEKST}. Foto's en documenten "
            "komen op de site als wij uw voorbeeld plaatsen."
        )
        self.fields["doelgroepen"].choices = [
            (term.slug, term.label)
            for term in Term.objects.filter(vocabulaire="doelgroep").order_by("volgorde", "label")
        ]

    def clean_contact_telefoon(self):
        return controleer_telefoon(self.cleaned_data.get("contact_telefoon", ""))

    def clean_links(self):
        regels = [r.strip() for r in schoon(self.cleaned_data.get("links", "")).splitlines()]
        regels = [r for r in regels if r]
        if len(regels) > MAX_LINKS:
            raise ValidationError(f"Geef hooguit {MAX_LINKS} links.")
        goed = []
        for regel in regels:
            try:
                goed.append(controleer_link(regel))
            except ValidationError as exc:
                raise ValidationError(f"{regel[:60]}: {exc.messages[0]}") from exc
        return goed

    def clean(self):
        data = super().clean()
        if not any(data.get(naam) for naam in ONDERDELEN):
            fout = "Beschrijf minstens één onderdeel van uw aanpak."
            self.add_error("bewustwording", fout)
        return data

    def gegevens(self) -> dict:
        data = self.cleaned_data
        return {
            "gemeente": data["gemeente"],
            "titel": data["titel"],
            "samenvatting": data["samenvatting"],
            **{naam: data.get(naam, "") for naam in ONDERDELEN},
            "doelgroepen": list(data.get("doelgroepen", [])),
            "partners": data.get("partners", ""),
            "resultaten": data.get("resultaten", ""),
            "links": list(data.get("links", [])),
            "contact_naam": data.get("contact_naam", ""),
            "contact_email": data.get("contact_email", ""),
            "contact_telefoon": data.get("contact_telefoon", ""),
        }


# The kaart contract's fields, with the labels and hints a provider reads (B1).
DIENST_LABELS = {
    "naam": ("Naam van de dienst", "Zoals mensen hem kennen, bijvoorbeeld: Maatje voor ouderen."),
    "samenvatting": (
        "Korte samenvatting",
        "Eén of twee zinnen: wat is het, voor wie en hoe werkt het?",
    ),
    "beschrijving": (
        "Beschrijving",
        "Vertel meer: wat gebeurt er, en hoe doet iemand mee?",
    ),
    "aanbieder": ("Wie biedt het aan?", "De naam van uw organisatie."),
    "doelgroep": ("Voor wie is het?", "Kies alles wat past."),
    "leeftijd_min": (
        "Vanaf welke leeftijd?",
        "Leeg laten als er geen ondergrens is.",
    ),
    "leeftijd_max": (
        "Tot en met welke leeftijd?",
        "Leeg laten als er geen bovengrens is.",
    ),
    "voorwaarden": (
        "Andere voorwaarden",
        "Bijvoorbeeld: alleen voor inwoners van de wijk.",
    ),
    "indicatie_nodig": ("Er is een indicatie nodig", ""),
    "verwijzing_nodig": ("Er is een verwijzing nodig, bijvoorbeeld van de huisarts", ""),
    "inkomensgrens": ("Er geldt een inkomensgrens", ""),
    "thema": ("Waarbij helpt het?", "Kies alles wat past."),
    "activiteit": ("Wat houdt het in?", "Kies alles wat past."),
    "vorm": ("Samen of alleen?", ""),
    "frequentie": ("Hoe vaak?", ""),
    "plek": ("Waar vindt het plaats?", ""),
    "uitvoering": ("Wie doet het werk?", ""),
    "financiering": ("Wie betaalt het?", ""),
    "preventie": (
        "Soort preventie",
        "Is het voor iedereen, voor mensen met een risico, of om te voorkomen dat het erger wordt?",
    ),
    "eenzaamheidsgroep": ("Voor wie, naar mate van eenzaamheid?", ""),
    "erkenning": (
        "Is het erkend als werkzaam?",
        "Bijvoorbeeld door de databank Effectieve sociale interventies.",
    ),
    "kosten_bedrag": (
        "Wat kost het, in euro?",
        "Vul 0 in als het gratis is. Leeg laten als u het niet weet.",
    ),
    "kosten_eenheid": ("Per wat?", "Bijvoorbeeld: per keer, per maand."),
    "kosten_toelichting": (
        "Toelichting op de kosten",
        "Bijvoorbeeld: korting met een stadspas.",
    ),
    "landelijk": (
        "Overal in Nederland te gebruiken",
        "Vink dit aan als de dienst niet aan een gemeente gebonden is.",
    ),
    "gemeenten": (
        "In welke gemeenten?",
        "Kies de gemeenten waar de dienst te gebruiken is. "
        "Open een provincie om de gemeenten te zien.",
    ),
    "adres": ("Adres", "Straat en huisnummer, als er een vaste plek is."),
    "postcode": ("Postcode", "Zoals 1234 AB."),
    "plaats": ("Plaats", ""),
    "website": ("Website", "Het adres van een pagina met meer informatie."),
    "email": ("E-mailadres voor vragen", "Komt op de site."),
    "telefoon": ("Telefoonnummer voor vragen", "Komt op de site."),
}

DIENST_GROEPEN = [
    ("Over de dienst", ["naam", "samenvatting", "beschrijving", "aanbieder"]),
    (
        "Voor wie",
        ["doelgroep", "leeftijd_min", "leeftijd_max", "voorwaarden", "indicatie_nodig",
         "verwijzing_nodig", "inkomensgrens"],
    ),
    (
        "Wat is het",
        ["thema", "activiteit", "vorm", "frequentie", "plek", "uitvoering", "financiering",
         "preventie", "eenzaamheidsgroep", "erkenning"],
    ),
    ("Kosten", ["kosten_bedrag", "kosten_eenheid", "kosten_toelichting"]),
    ("Waar", ["landelijk", "gemeenten", "adres", "postcode", "plaats"]),
    ("Meer informatie en contact", ["website", "email", "telefoon"]),
]  # fmt: skip
DIENST_VELDEN = [naam for _, namen in DIENST_GROEPEN for naam in namen]
_SCALAIR = [naam for naam in DIENST_VELDEN if naam not in VOCABULAIRES and naam != "gemeenten"]


def _dienst_veld(naam: str) -> forms.Field:
    label, hint = DIENST_LABELS[naam]
    if naam in MEERVOUDIG:
        return forms.MultipleChoiceField(
            label=label, help_text=hint, required=False, widget=forms.CheckboxSelectMultiple
        )
    if naam in ENKELVOUDIG:
        return forms.ChoiceField(
            label=label, help_text=hint, required=False, widget=forms.RadioSelect
        )
    if naam == "gemeenten":
        return forms.MultipleChoiceField(
            label=label, help_text=hint, required=False, widget=forms.CheckboxSelectMultiple
        )
    model_veld = Dienst._meta.get_field(naam)
    verplicht = naam in ("naam", "samenvatting")
    if naam in ("indicatie_nodig", "verwijzing_nodig", "inkomensgrens", "landelijk"):
        return forms.BooleanField(label=label, help_text=hint, required=False)
    if naam in ("leeftijd_min", "leeftijd_max"):
        return forms.IntegerField(
            label=label,
            help_text=hint,
            required=False,
            min_value=0,
            max_value=120,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
    if naam == "kosten_bedrag":
        return forms.DecimalField(
            label=label,
            help_text=hint,
            required=False,
            min_value=Decimal("0"),
            max_digits=8,
            decimal_places=2,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
    if naam == "email":
        return forms.EmailField(label=label, help_text=hint, required=False, max_length=254)
    rijen = 5 if naam == "beschrijving" else 3 if naam in ("samenvatting", "voorwaarden") else None
    max_length = model_veld.max_length or (5000 if naam == "beschrijving" else 1000)
    return _tekstveld(label, max_length, hint, verplicht, rijen)


class DienstForm(InzenderVelden, Formulier):
    """Dienst aanmelden: a provider sends in a service with every field of the kaart contract."""

    naam_formulier = "dienst"
    groepen = DIENST_GROEPEN

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        velden = OrderedDict((naam, _dienst_veld(naam)) for naam in DIENST_VELDEN)
        for naam, veld in velden.items():
            _zet_meldingen(naam, veld)
        termen: dict[str, list[tuple[str, str]]] = {vocabulaire: [] for vocabulaire in VOCABULAIRES}
        for term in Term.objects.order_by("vocabulaire", "volgorde", "label"):
            termen[term.vocabulaire].append((term.slug, term.label))
        for vocabulaire in VOCABULAIRES:
            keuzes = termen[vocabulaire]
            if vocabulaire in ENKELVOUDIG:
                keuzes = [*keuzes, ("", "Weet ik niet")]
            velden[vocabulaire].choices = keuzes
        velden["gemeenten"].choices = gemeente_keuzes(leeg=None)
        eigen = [(naam, veld) for naam, veld in self.fields.items()]
        self.fields = OrderedDict([*velden.items(), *eigen])
        _zet_autocomplete(self, {"website": "url", "email": "email", "telefoon": "tel"})

    def clean_telefoon(self):
        return controleer_telefoon(self.cleaned_data.get("telefoon", ""))

    def clean_website(self):
        website = self.cleaned_data.get("website", "")
        return controleer_link(website) if website else ""

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").replace(" ", "").upper()
        if not postcode:
            return ""
        return f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode

    def clean(self):
        data = super().clean()
        if (
            not data.get("landelijk")
            and not data.get("gemeenten")
            and "gemeenten" not in self.errors
        ):
            self.add_error(
                "gemeenten",
                "Kies minstens één gemeente, of vink aan dat de dienst overal in Nederland is.",
            )
        # The kaart's own rules (postcode, ages, amounts) on an unsaved copy of the values.
        proef = Dienst(**{naam: data[naam] for naam in _SCALAIR if data.get(naam) is not None})
        try:
            proef.full_clean(
                exclude=[
                    veld.name
                    for veld in Dienst._meta.get_fields()
                    if getattr(veld, "name", None) not in _SCALAIR
                ],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for naam, fouten in exc.message_dict.items():
                if naam in self.fields and naam not in self.errors:
                    for fout in fouten:
                        self.add_error(naam, fout)
        return data

    def groepen_met_velden(self):
        """(legend, bound fields) per part of the form, in order, for the template."""
        return [(titel, [self[naam] for naam in namen]) for titel, namen in self.groepen]

    def gegevens(self) -> dict:
        """The service's fields as JSON: slugs for vocabularies, codes for gemeenten."""
        return {naam: _als_json(naam, self.cleaned_data.get(naam)) for naam in DIENST_VELDEN}


def _als_json(naam: str, waarde):
    """One service field as a comparable JSON value (the same for the same meaning)."""
    if naam in MEERVOUDIG or naam == "gemeenten":
        return sorted(waarde or [])
    if naam in ENKELVOUDIG:
        return waarde or ""
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}"
    if isinstance(waarde, str):
        return schoon(waarde)
    return waarde


def dienst_beginwaarden(dienst: Dienst) -> dict:
    """The form values of a service as it is now (for the prefilled change form)."""
    waarden = {}
    for naam in DIENST_VELDEN:
        if naam in MEERVOUDIG:
            waarden[naam] = [term.slug for term in getattr(dienst, naam).all()]
        elif naam in ENKELVOUDIG:
            term = getattr(dienst, naam)
            waarden[naam] = term.slug if term else ""
        elif naam == "gemeenten":
            waarden[naam] = [gemeente.code for gemeente in dienst.gemeenten.all()]
        elif naam == "beschrijving":
            from django.utils.html import strip_tags

            waarden[naam] = strip_tags(
                (dienst.beschrijving or "").replace("</p>", "\n\n").replace("<br>", "\n")
            ).strip()
        else:
            waarde = getattr(dienst, naam)
            waarden[naam] = (
                ""
                if waarde is None
                and isinstance(Dienst._meta.get_field(naam), models.CharField | models.TextField)
                else waarde
            )
    return waarden


class WijzigingForm(DienstForm):
    """Wijziging doorgeven: the service's current values, changed by whoever knows better."""

    naam_formulier = "wijziging"

    toelichting = _tekstveld(
        "Toelichting voor de redactie",
        2000,
        "Wat is er veranderd, en hoe weet u dat?",
        False,
        3,
    )

    def __init__(self, *args, dienst: Dienst, **kwargs):
        self.dienst = dienst
        self.beginwaarden = dienst_beginwaarden(dienst)
        kwargs["initial"] = {**self.beginwaarden, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.fields.move_to_end("toelichting", last=False)
        for naam in ("inzender_naam", "inzender_email", "inzender_telefoon",
                     "inzender_organisatie", "toestemming"):  # fmt: skip
            self.fields.move_to_end(naam)
        self.fields[
            "inzender_email"
        ].help_text = "Hierop krijgt u een ontvangstbevestiging en later ons besluit."

    def gewijzigde_velden(self) -> list[str]:
        """The service's fields whose value differs from what the form showed."""
        nieuw = self.gegevens()
        return [
            naam
            for naam in DIENST_VELDEN
            if nieuw[naam] != _als_json(naam, self.beginwaarden.get(naam))
        ]

    def clean(self):
        data = super().clean()
        if not self.errors and not self.gewijzigde_velden():
            raise ValidationError(
                "U heeft niets veranderd. Pas de gegevens aan die niet kloppen, of meld dat de "
                "dienst niet meer bestaat."
            )
        return data


class OpgehevenForm(Formulier):
    """Meld dat een dienst niet meer bestaat."""

    naam_formulier = "opgeheven"

    toelichting = _tekstveld(
        "Wat weet u ervan?",
        2000,
        "Bijvoorbeeld: de activiteit is gestopt op 1 maart. Of: de organisatie bestaat niet meer.",
        rijen=4,
    )
    inzender_naam = _tekstveld("Uw naam", 120, "", False, autocomplete="name")
    inzender_email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        required=False,
        help_text="Vul het in als u wilt horen wat wij met uw melding doen.",
    )
    toestemming = forms.BooleanField(label=TOESTEMMING_TEKST, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("inzender_email") or data.get("inzender_naam")) and not data.get(
            "toestemming"
        ):
            self.add_error("toestemming", "Vink dit aan, of laat uw naam en e-mailadres leeg.")
        return data

    def contact(self) -> dict[str, str]:
        return {
            "naam": self.cleaned_data.get("inzender_naam", ""),
            "email": self.cleaned_data.get("inzender_email", ""),
            "telefoon": "",
            "organisatie": "",
        }


class MeldingForm(OpgehevenForm):
    """Klopt er iets niet? What is wrong, and optionally how to reach the reporter."""

    naam_formulier = "melding"

    toelichting = _tekstveld(
        "Wat klopt er niet?",
        1000,
        "Bijvoorbeeld: het telefoonnummer werkt niet meer. Of: de koffieochtend is nu op woensdag.",
        rijen=4,
    )


class TipForm(Formulier):
    """Hulpmiddel tippen: anyone suggests a resource."""

    naam_formulier = "tip"

    titel = _tekstveld(
        "Naam van het hulpmiddel", 200, "Bijvoorbeeld: Handboek eenzaamheid voor vrijwilligers."
    )
    link = forms.CharField(
        label="Link naar het hulpmiddel",
        max_length=500,
        help_text="Het webadres, zoals https://www.voorbeeld.nl/handboek.",
        # Not "url": that token means the visitor's own home page, which this is not.
        widget=forms.URLInput(attrs={"autocomplete": "off", "inputmode": "url"}),
    )
    soort = forms.ChoiceField(label="Wat voor hulpmiddel is het?", widget=forms.RadioSelect)
    waarom = _tekstveld(
        "Waarom is het nuttig?", 2000, "Voor wie is het, en wat heeft u eraan gehad?", rijen=4
    )
    inzender_email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        required=False,
        help_text="Vul het in als u wilt horen wat wij met uw tip doen.",
    )
    toestemming = forms.BooleanField(label=TOESTEMMING_TEKST, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from hulpmiddelen.models import Soort

        self.fields["soort"].choices = [
            *((str(soort.pk), soort.naam) for soort in Soort.objects.order_by("naam")),
            ("", "Weet ik niet"),
        ]
        self.fields["soort"].required = False

    def clean_link(self):
        return controleer_link(self.cleaned_data.get("link", ""))

    def clean(self):
        data = super().clean()
        if data.get("inzender_email") and not data.get("toestemming"):
            self.add_error("toestemming", "Vink dit aan, of laat uw e-mailadres leeg.")
        return data


class TerugbelForm(Formulier):
    """Bel mij terug: for people who cannot use the site."""

    naam_formulier = "terugbellen"

    naam = _tekstveld("Uw naam", 120, autocomplete="name")
    telefoon = _tekstveld(
        "Uw telefoonnummer", 30, "Wij bellen u op dit nummer, bijvoorbeeld 06 12345678."
    )
    moment = forms.ChoiceField(
        label="Wanneer kunnen wij u het best bellen?",
        choices=Terugbelverzoek.Moment.choices,
        initial=Terugbelverzoek.Moment.MAAKT_NIET_UIT,
        widget=forms.RadioSelect,
    )
    vraag = _tekstveld("Waar gaat het over?", 1000, "Dan kunnen wij ons voorbereiden.", False, 3)
    toestemming = forms.BooleanField(
        label="Ik geef toestemming dat de redactie mij belt en mijn naam en nummer bewaart tot "
        "het gesprek is afgerond."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["telefoon"].widget.input_type = "tel"
        self.fields["telefoon"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean_telefoon(self):
        return controleer_telefoon(self.cleaned_data.get("telefoon", ""))


class BewaarlijstMailForm(Formulier):
    """ "Mail deze lijst": the bewaarlijst once to an address that is not kept."""

    naam_formulier = "bewaarlijst"

    email = forms.EmailField(
        label="Naar welk e-mailadres?",
        help_text="Wij sturen de lijst één keer. Wij bewaren uw adres niet.",
        max_length=254,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
