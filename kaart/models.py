"""The sociale kaart's data: gemeenten, the vocabularies (terms) and the services (diensten).

The public contract of these names and values is ``docs/kaart-contract.md``. A ``Dienst`` is a
snippet with drafts, revisions, locking, a moderation workflow and a preview; only live rows are
public (``Dienst.objects.filter(live=True)``). The vocabularies are ``Term`` rows that editors can
extend; ``kosten`` and ``bereik`` are derived from a service's own fields and have no terms.
"""

import csv
import uuid
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from . import plaatsen
from .tekst import nl_opsomming
from .versies import gemeenten_gewijzigd, termen_gewijzigd

GEMEENTEN_CSV = Path(__file__).resolve().parent / "data" / "gemeenten.csv"

# The vocabularies editors can extend, in the contract's order: slug -> (label, many values?).
VOCABULAIRES = {
    "doelgroep": ("Voor wie", True),
    "thema": ("Waarbij helpt het", True),
    "activiteit": ("Wat houdt het in", True),
    "vorm": ("Samen of alleen", True),
    "frequentie": ("Hoe vaak", False),
    "plek": ("Waar", True),
    "financiering": ("Betaald door", False),
    "uitvoering": ("Gedaan door", True),
    "preventie": ("Soort preventie", True),
    "eenzaamheidsgroep": ("Mate van eenzaamheid", True),
    "erkenning": ("Erkend als werkzaam", False),
}
MEERVOUDIG = [slug for slug, (_, many) in VOCABULAIRES.items() if many]
ENKELVOUDIG = [slug for slug, (_, many) in VOCABULAIRES.items() if not many]

# The contract's default values with the labels people read, in display order.
STANDAARD_TERMEN = {
    "doelgroep": [
        ("iedereen", "Iedereen"),
        ("jongeren", "Jongeren"),
        ("volwassenen", "Volwassenen"),
        ("ouderen", "Ouderen (65+)"),
        ("mantelzorgers", "Mantelzorgers"),
        ("nieuwkomers", "Nieuwkomers"),
        ("beperking", "Mensen met een beperking"),
        ("psychische-kwetsbaarheid", "Mensen met psychische klachten"),
        ("lhbtiq", "Lhbtiq+"),
        ("alleenstaanden", "Alleenstaanden"),
        ("nabestaanden", "Nabestaanden"),
    ],
    "thema": [
        ("sociaal-isolement", "Weinig contact met anderen"),
        ("emotionele-eenzaamheid", "Gemis van een hechte band"),
        ("verlies-en-rouw", "Verlies en rouw"),
        ("gezondheid", "Gezondheid"),
        ("geldzorgen", "Geldzorgen"),
        ("taal-en-cultuur", "Taal en cultuur"),
        ("digitale-vaardigheden", "Computer en internet"),
        ("zingeving", "Zingeving"),
        ("mantelzorg", "Zorgen voor een naaste"),
        ("levensfase", "Nieuwe levensfase"),
    ],
    "activiteit": [
        ("ontmoeting", "Ontmoeting"),
        ("een-op-een", "Eén op één contact"),
        ("cursus-en-gespreksgroep", "Cursus of gespreksgroep"),
        ("therapie-en-begeleiding", "Therapie en begeleiding"),
        ("praktische-hulp", "Praktische hulp"),
        ("informatie-en-advies", "Informatie en advies"),
        ("vrijwilligerswerk", "Vrijwilligerswerk doen"),
    ],
    "vorm": [
        ("groep", "In een groep"),
        ("individueel", "Alleen met u"),
    ],
    "frequentie": [
        ("eenmalig", "Eenmalig"),
        ("structureel", "Vaker of doorlopend"),
    ],
    "plek": [
        ("aan-huis", "Bij u thuis"),
        ("buitenshuis", "Buitenshuis"),
        ("online", "Online"),
        ("telefonisch", "Telefonisch"),
    ],
    "financiering": [
        ("gratis", "Gratis aanbod"),
        ("gesubsidieerd", "Gesubsidieerd"),
        ("commercieel", "Commercieel"),
    ],
    "uitvoering": [
        ("vrijwilligers", "Vrijwilligers"),
        ("professionals", "Professionals"),
    ],
    "preventie": [
        ("algemeen", "Voor iedereen"),
        ("risicogroepen", "Voor mensen met een risico"),
        ("verergering-voorkomen", "Voorkomen dat het erger wordt"),
    ],
    "eenzaamheidsgroep": [
        ("niet-eenzaam", "Niet eenzaam"),
        ("risico", "Risico op eenzaamheid"),
        ("eenzaam", "Eenzaam"),
        ("ernstig-eenzaam", "Ernstig eenzaam"),
    ],
    "erkenning": [
        ("effectief", "Effectief"),
        ("goed-onderbouwd", "Goed onderbouwd"),
        ("goed-beschreven", "Goed beschreven"),
        ("niet-beoordeeld", "Niet beoordeeld"),
    ],
}

# The derived vocabularies: slug -> label, in display order.
KOSTEN = {
    "gratis": "Gratis",
    "tot-10": "Tot € 10",
    "10-tot-50": "€ 10 tot € 50",
    "50-of-meer": "Meer dan € 50",
    "onbekend": "Onbekend",
}
BEREIK = {"landelijk": "Landelijk", "lokaal": "In de eigen gemeente"}

LEEFTIJD_MAX = 120


def facet_waarde(facet: str, waarde) -> str:
    """One value of ``Dienst.facet_waarden``: the facet and a term id or slug."""
    return f"{facet}:{waarde}"


def kosten_categorie(bedrag: Decimal | None) -> str:
    """The ``kosten`` slug of an amount: the contract's bands, ``onbekend`` when empty."""
    if bedrag is None:
        return "onbekend"
    if bedrag == 0:
        return "gratis"
    if bedrag <= 10:
        return "tot-10"
    if bedrag <= 50:
        return "10-tot-50"
    return "50-of-meer"


class Gemeente(models.Model):
    """A Dutch gemeente (CBS code, name, province), the unit of a service's local reach."""

    code = models.CharField(
        "CBS-code",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", "Een CBS-code ziet eruit als GM0344.")],
    )
    naam = models.CharField("Naam", max_length=100)
    provincie = models.CharField("Provincie", max_length=40)

    class Meta:
        ordering = ["naam"]
        verbose_name = "Gemeente"
        verbose_name_plural = "Gemeenten"

    def __str__(self):
        return self.naam

    @property
    def slug(self) -> str:
        """The gemeente's part of its page's address, ``/gemeenten/<slug>/``."""
        return slugify(self.naam)


def lees_gemeenten_csv(path: Path | str = GEMEENTEN_CSV) -> list[dict[str, str]]:
    """The rows of a gemeenten file (``code,naam,provincie``), checked and stripped."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]
    for number, row in enumerate(rows, start=2):
        if not row.get("code", "").startswith("GM") or not row.get("naam"):
            raise ValueError(f"Regel {number} van {path} is geen gemeente: {row}")
    return rows


def laad_gemeenten(path: Path | str = GEMEENTEN_CSV, model=None) -> tuple[int, int]:
    """Create or update every gemeente of the file; returns (created, updated).

    ``model`` lets a data migration pass its historical model.
    """
    model = model or Gemeente
    rows = lees_gemeenten_csv(path)
    existing = {g.code: g for g in model.objects.all()}
    created = updated = 0
    new = []
    for row in rows:
        gemeente = existing.get(row["code"])
        if gemeente is None:
            new.append(model(code=row["code"], naam=row["naam"], provincie=row["provincie"]))
            created += 1
        elif (gemeente.naam, gemeente.provincie) != (row["naam"], row["provincie"]):
            gemeente.naam, gemeente.provincie = row["naam"], row["provincie"]
            gemeente.save(update_fields=["naam", "provincie"])
            updated += 1
    model.objects.bulk_create(new)
    if new:
        gemeenten_gewijzigd()  # a bulk insert sends no signals
    return created, updated


class Term(index.Indexed, models.Model):
    """One value of a vocabulary (for example doelgroep ``ouderen``); editors may add values."""

    vocabulaire = models.CharField(
        "Lijst",
        max_length=30,
        choices=[(slug, f"{label} ({slug})") for slug, (label, _) in VOCABULAIRES.items()],
    )
    slug = models.SlugField(
        "Code",
        max_length=60,
        help_text="Staat in links en in de CSV. Kleine letters en streepjes, bijvoorbeeld "
        "'ouderen'. Verander een code liever niet: oude links werken dan niet meer.",
    )
    label = models.CharField("Tekst voor bezoekers", max_length=80)
    toelichting = models.CharField(
        "Uitleg",
        max_length=250,
        blank=True,
        help_text="Korte uitleg in eenvoudige taal, als het woord niet voor iedereen duidelijk is.",
    )
    volgorde = models.PositiveSmallIntegerField("Volgorde", default=100)

    search_fields = [
        index.SearchField("label"),
        index.AutocompleteField("label"),
        index.FilterField("vocabulaire"),
    ]

    class Meta:
        ordering = ["vocabulaire", "volgorde", "label"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulaire", "slug"], name="kaart_term_uniek")
        ]
        verbose_name = "Kenmerk"
        verbose_name_plural = "Kenmerken"

    def __str__(self):
        return f"{self.label} ({self.get_vocabulaire_display().split(' (')[0].lower()})"


def laad_standaard_termen(model=None) -> int:
    """Create the contract's default terms that are missing; returns how many were created."""
    model = model or Term
    existing = set(model.objects.values_list("vocabulaire", "slug"))
    new = [
        model(vocabulaire=vocabulaire, slug=slug, label=label, volgorde=(position + 1) * 10)
        for vocabulaire, values in STANDAARD_TERMEN.items()
        for position, (slug, label) in enumerate(values)
        if (vocabulaire, slug) not in existing
    ]
    model.objects.bulk_create(new)
    if new:
        termen_gewijzigd()  # a bulk insert sends no signals
    return len(new)


def zorg_voor_basisgegevens() -> None:
    """Make sure the default terms and the gemeenten are there (idempotent, two queries if so)."""
    if not Term.objects.exists():
        laad_standaard_termen()
    if Gemeente.objects.count() < len(lees_gemeenten_csv()):
        laad_gemeenten()


def nieuw_extern_id() -> str:
    return f"kaart-{uuid.uuid4().hex[:12]}"


def _term_m2m(vocabulaire: str) -> ParentalManyToManyField:
    label, _ = VOCABULAIRES[vocabulaire]
    return ParentalManyToManyField(
        Term,
        verbose_name=label,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulaire": vocabulaire},
    )


def _term_fk(vocabulaire: str) -> models.ForeignKey:
    label, _ = VOCABULAIRES[vocabulaire]
    return models.ForeignKey(
        Term,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"vocabulaire": vocabulaire},
    )


postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3} ?[A-Za-z]{2}$", "Vul een postcode in zoals 1234 AB."
)


# The rows of the dienst page's "Kenmerken" and of the compare table, in reading order.
KENMERK_VOLGORDE = [
    "vorm",
    "frequentie",
    "plek",
    "financiering",
    "uitvoering",
    "thema",
    "activiteit",
    "preventie",
    "eenzaamheidsgroep",
    "erkenning",
]


class Dienst(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A service against loneliness as people look for it: what, for whom, cost and contact."""

    # 1 and 2: name and essence
    naam = models.CharField("Naam van de dienst", max_length=200)
    samenvatting = models.CharField(
        "Samenvatting",
        max_length=300,
        help_text="Eén of twee zinnen: wat is het, voor wie en hoe werkt het? Hooguit 300 tekens.",
    )
    beschrijving = RichTextField("Beschrijving", blank=True)
    aanbieder = models.CharField("Aanbieder", max_length=200, blank=True)

    # 3: key characteristics
    vorm = _term_m2m("vorm")
    frequentie = _term_fk("frequentie")
    plek = _term_m2m("plek")
    financiering = _term_fk("financiering")
    uitvoering = _term_m2m("uitvoering")
    thema = _term_m2m("thema")
    activiteit = _term_m2m("activiteit")

    # 4: conditions
    doelgroep = _term_m2m("doelgroep")
    leeftijd_min = models.PositiveSmallIntegerField(
        "Vanaf leeftijd",
        null=True,
        blank=True,
        validators=[MaxValueValidator(LEEFTIJD_MAX)],
        help_text="Leeg laten als er geen ondergrens is.",
    )
    leeftijd_max = models.PositiveSmallIntegerField(
        "Tot en met leeftijd",
        null=True,
        blank=True,
        validators=[MaxValueValidator(LEEFTIJD_MAX)],
        help_text="Leeg laten als er geen bovengrens is.",
    )
    voorwaarden = models.TextField("Voorwaarden", blank=True)
    indicatie_nodig = models.BooleanField("Indicatie nodig", default=False)
    verwijzing_nodig = models.BooleanField("Verwijzing nodig", default=False)
    inkomensgrens = models.BooleanField("Inkomensgrens", default=False)

    # 5: cost
    kosten_bedrag = models.DecimalField(
        "Kosten in euro",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="0 is gratis. Leeg laten als de kosten onbekend zijn.",
    )
    kosten_eenheid = models.CharField(
        "Kosten per", max_length=60, blank=True, help_text="Bijvoorbeeld: per keer, per maand."
    )
    kosten_toelichting = models.TextField("Toelichting op de kosten", blank=True)

    # 6 and 7: more information and direct contact
    website = models.URLField("Website", max_length=300, blank=True)
    email = models.EmailField("E-mailadres", blank=True)
    telefoon = models.CharField("Telefoonnummer", max_length=30, blank=True)

    # Where
    landelijk = models.BooleanField(
        "Landelijk", default=False, help_text="Overal in Nederland te gebruiken."
    )
    gemeenten = ParentalManyToManyField(
        Gemeente, verbose_name="Gemeenten", blank=True, related_name="diensten"
    )
    adres = models.CharField("Adres", max_length=200, blank=True)
    postcode = models.CharField(
        "Postcode", max_length=7, blank=True, validators=[postcode_validator]
    )
    plaats = models.CharField("Plaats", max_length=100, blank=True)
    # Where it is, for distances: filled on save from the postcode (PC4 centroid) or the place.
    lat = models.FloatField("Breedtegraad", null=True, blank=True, editable=False)
    lon = models.FloatField("Lengtegraad", null=True, blank=True, editable=False)

    # Approach and evidence
    preventie = _term_m2m("preventie")
    eenzaamheidsgroep = _term_m2m("eenzaamheidsgroep")
    erkenning = _term_fk("erkenning")

    # Upkeep
    laatst_gecontroleerd = models.DateField(
        "Laatst gecontroleerd",
        null=True,
        blank=True,
        help_text="De datum waarop iemand deze gegevens heeft nagekeken.",
    )
    extern_id = models.CharField(
        "Extern ID",
        max_length=100,
        unique=True,
        default=nieuw_extern_id,
        validators=[RegexValidator(r"^[A-Za-z0-9._:-]+$", "Alleen letters, cijfers en . _ : -")],
        help_text="Vaste sleutel voor de CSV-import: een rij met dit ID werkt deze dienst bij.",
    )

    # The beheerder: who keeps the entry right. Never public (page, API, HSDS, public exports);
    # the admin, the admin CSV and the verification mails only (docs/controle.md).
    beheerder_naam = models.CharField("Naam beheerder", max_length=120, blank=True)
    beheerder_email = models.EmailField(
        "E-mailadres beheerder",
        blank=True,
        help_text="Krijgt eens per jaar de vraag of de gegevens nog kloppen. Niet openbaar.",
    )
    niet_actueel_sinds = models.DateField(
        "Mogelijk niet meer actueel sinds",
        null=True,
        blank=True,
        editable=False,
        help_text="De beheerder antwoordde niet op de vraag en twee herinneringen.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="dienst")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="dienst",
        for_concrete_model=False,
    )

    #: The many-valued relations as a search read them for its page (``kaart.zoeken.kenmerken``):
    #: ``{relation: [rows in display order]}``, read by :meth:`gekoppeld`. A plain attribute: the
    #: relations themselves (``dienst.doelgroep``) still ask the database.
    geladen_kenmerken: dict[str, list] | None = None

    search_fields = [
        index.SearchField("naam", boost=4),
        index.AutocompleteField("naam"),
        index.SearchField("samenvatting", boost=2),
        index.SearchField("beschrijving"),
        index.SearchField("aanbieder"),
        # The labels of its terms: plain text of the document itself. As RelatedFields they were
        # nested documents, 15 engine documents per service that every search had to step over.
        index.SearchField("kenmerk_labels"),
        index.FilterField("live"),
        index.FilterField("landelijk"),
        index.FilterField("kosten_bedrag"),
        index.FilterField("leeftijd_min"),
        index.FilterField("leeftijd_max"),
        index.FilterField("laatst_gecontroleerd"),
        index.FilterField("niet_actueel"),
        index.FilterField("naam"),
        index.FilterField("gemeenten"),
        # Every facet value in one keyword column: the engine counts all facets that share their
        # filter with one aggregation (kaart.queries.engine).
        index.FilterField("facet_waarden", es_extra={"eager_global_ordinals": True}),
        # Where it is, for distances (kaart.queries.engine); the database uses lat/lon itself.
        index.FilterField("punt", es_extra={"type": "geo_point"}),
    ]

    # The engine keeps the services in the kaart's default order (search.backends.engine), so a
    # page in that order, a deep one too, reads them in order instead of sorting them all.
    search_index_sort = ["naam.sort", "naam", "pk"]

    class Meta:
        ordering = ["naam", "pk"]
        indexes = [
            # The kaart's order by name (kaart.queries.database): a page, also a deep one, is
            # read along the index instead of sorting every service.
            models.Index(Lower("naam"), "naam", "id", name="kaart_dienst_naam_volgorde"),
        ]
        verbose_name = "Dienst"
        verbose_name_plural = "Diensten"

    def __str__(self):
        return self.naam

    @classmethod
    def get_indexed_objects(cls):
        """What ``update_index`` reads, with every relation the document needs in a few queries.

        The document reads every vocabulary (``kenmerk_labels``, ``facet_waarden``) and the
        gemeenten; Wagtail would read each many-valued ``FilterField`` with a query of its own.
        The engine mapping (``search.backends.engine``) reads the ids of a prefetched relation
        from the prefetched rows.
        """
        return (
            super()
            .get_indexed_objects()
            .select_related(*ENKELVOUDIG)
            .prefetch_related(*MEERVOUDIG, "gemeenten")
        )

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        """A revision as an object, with the verification state of the entry as a whole.

        The date of the last check never goes back when an older revision is published, and
        the "mogelijk niet meer actueel" state stays unless that revision was checked after it.
        """
        obj = super().with_content_json(content)
        datums = [d for d in (self.laatst_gecontroleerd, obj.laatst_gecontroleerd) if d]
        obj.laatst_gecontroleerd = max(datums) if datums else None
        sinds = self.niet_actueel_sinds
        if sinds and (obj.laatst_gecontroleerd is None or obj.laatst_gecontroleerd < sinds):
            obj.niet_actueel_sinds = sinds
        else:
            obj.niet_actueel_sinds = None
        return obj

    def niet_actueel(self) -> bool:
        """The search engine's column for :meth:`mogelijk_niet_actueel` (sorts it last)."""
        return self.mogelijk_niet_actueel()

    def mogelijk_niet_actueel(self) -> bool:
        """True when the beheerder did not answer the verification cycle (docs/controle.md)."""
        return self.niet_actueel_sinds is not None

    def get_absolute_url(self) -> str:
        """The public page; empty for a service that is not saved yet (a preview of a new one)."""
        if self.pk is None:
            return ""
        return reverse("kaart:dienst", kwargs={"pk": self.pk})

    def kosten_categorie(self) -> str:
        return kosten_categorie(self.kosten_bedrag)

    def bereik(self) -> str:
        return "landelijk" if self.landelijk else "lokaal"

    def kenmerk_labels(self) -> list[str]:
        """The labels of every term of this service, for text search ("mantelzorgers")."""
        labels = []
        for vocabulaire in VOCABULAIRES:
            if vocabulaire in ENKELVOUDIG:
                term = getattr(self, vocabulaire)
                labels.extend([term.label] if term is not None else [])
            else:
                labels.extend(term.label for term in getattr(self, vocabulaire).all())
        return labels

    def facet_waarden(self) -> list[str]:
        """Every facet value of this service as ``facet:value``: ``doelgroep:<term id>`` for a
        vocabulary (ids, so renaming a term or its slug leaves the index right), the slug for
        ``kosten`` and ``bereik``. The engine filters and counts the kaart's facets on these."""
        waarden = [
            facet_waarde("kosten", self.kosten_categorie()),
            facet_waarde("bereik", self.bereik()),
        ]
        for vocabulaire in ENKELVOUDIG:
            term_id = getattr(self, f"{vocabulaire}_id")
            if term_id is not None:
                waarden.append(facet_waarde(vocabulaire, term_id))
        for vocabulaire in MEERVOUDIG:
            waarden.extend(
                facet_waarde(vocabulaire, term.pk) for term in getattr(self, vocabulaire).all()
            )
        return waarden

    def terms(self, vocabulaire: str) -> list[Term]:
        """The terms of one vocabulary, in display order; uses prefetched data when there is."""
        if vocabulaire not in VOCABULAIRES:
            raise ValueError(f"{vocabulaire!r} is geen lijst met kenmerken")
        if vocabulaire in ENKELVOUDIG:
            term = getattr(self, vocabulaire)
            return [term] if term is not None else []
        return sorted(self.gekoppeld(vocabulaire), key=lambda t: (t.volgorde, t.label))

    def gekoppeld(self, relatie: str) -> list:
        """The rows of a many-valued relation (a vocabulary or ``gemeenten``): the ones a search
        loaded for its page (:attr:`geladen_kenmerken`, no query), else the relation's own."""
        if self.geladen_kenmerken is not None and relatie in self.geladen_kenmerken:
            return self.geladen_kenmerken[relatie]
        return list(getattr(self, relatie).all())

    def kenmerk_rijen(self) -> list[dict]:
        """The "Kenmerken" of the dienst page (and its preview): label and Dutch list of terms,
        in :data:`KENMERK_VOLGORDE`, the empty ones left out."""
        rijen = [
            {
                "label": VOCABULAIRES[vocabulaire][0],
                "waarde": nl_opsomming(term.label for term in self.terms(vocabulaire)),
            }
            for vocabulaire in KENMERK_VOLGORDE
        ]
        return [rij for rij in rijen if rij["waarde"]]

    def slugs(self, vocabulaire: str) -> list[str]:
        return [term.slug for term in self.terms(vocabulaire)]

    def is_verouderd(self, vandaag=None) -> bool:
        """True when nobody verified the entry in the last year (or ever)."""
        from django.utils import timezone

        vandaag = vandaag or timezone.localdate()
        if self.laatst_gecontroleerd is None:
            return True
        return (vandaag - self.laatst_gecontroleerd).days > 365

    def punt(self) -> str | None:
        """The engine's ``geo_point``: ``"lat,lon"``, or ``None`` without a point."""
        if self.lat is None or self.lon is None:
            return None
        return f"{self.lat},{self.lon}"

    def vul_punt(self, gemeenten: list[str] = ()) -> None:
        """Set ``lat``/``lon`` from the postcode or the place (:mod:`kaart.plaatsen`)."""
        punt = plaatsen.punt_van_dienst(self.postcode, self.plaats, gemeenten)
        self.lat, self.lon = punt if punt else (None, None)

    def save(self, *args, **kwargs):
        gemeenten = [g.code for g in self.gemeenten.all()]
        self.vul_punt(gemeenten)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"postcode", "plaats"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "lat", "lon"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.leeftijd_min is not None
            and self.leeftijd_max is not None
            and self.leeftijd_min > self.leeftijd_max
        ):
            raise ValidationError(
                {"leeftijd_max": "De hoogste leeftijd is lager dan de laagste leeftijd."}
            )
        if self.postcode:
            self.postcode = _postcode_normaal(self.postcode)

    # Preview: the public page of the service, and its card as it shows in the results.
    preview_modes = [("", "Dienstpagina"), ("kaartje", "Resultaat in de lijst")]

    def get_preview_template(self, request, mode_name):
        if mode_name == "kaartje":
            return "kaart/admin/dienst_preview.html"
        return "kaart/dienst.html"

    def get_preview_context(self, request, mode_name):
        # The public page's own rows and wording (kaart.views.dienst), so the preview is that page.
        context = super().get_preview_context(request, mode_name)
        context.update(
            dienst=self,
            kenmerken=self.kenmerk_rijen(),
            verouderd=self.laatst_gecontroleerd is not None and self.is_verouderd(),
        )
        return context


def _postcode_normaal(value: str) -> str:
    compact = value.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else value.strip().upper()


# The through tables of the many-valued vocabularies, for counting without extra joins.
def term_koppeltabel(vocabulaire: str):
    return getattr(Dienst, vocabulaire).through


__all__ = [
    "BEREIK",
    "ENKELVOUDIG",
    "KOSTEN",
    "MEERVOUDIG",
    "STANDAARD_TERMEN",
    "VOCABULAIRES",
    "Dienst",
    "Gemeente",
    "Term",
    "facet_waarde",
    "kosten_categorie",
    "laad_gemeenten",
    "laad_standaard_termen",
    "zorg_voor_basisgegevens",
]
