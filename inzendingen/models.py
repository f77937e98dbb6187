"""What the public sends in, and the gemeentelijke voorbeelden it can become.

Every form stores its submission first (``Inzending``, ``Tip``, ``Terugbelverzoek``) and only then
creates anything an editor moderates: a draft ``VoorbeeldPage`` or a draft (revision of a)
``kaart.Dienst`` in a Wagtail workflow, or a draft ``hulpmiddelen.Hulpmiddel`` made from a tip.
The submitter's contact details live on the submission, never on the public object, so they can
be purged on their own schedule (see ``inzendingen.opschonen``).
"""

import secrets
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from .uploads import prive_opslag

# The six parts of a local approach, in the order of the programme: field name -> label.
ONDERDELEN = {
    "bewustwording": "Bewustwording en agendering",
    "signalering": "Signalering: eenzame mensen vinden",
    "ondersteuning": "Ondersteuning en activering",
    "kwaliteit": "Kwaliteit en deskundigheid",
    "samenwerking": "Samenwerking",
    "informatievoorziening": "Informatievoorziening",
}

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]

# Letters and digits that cannot be mistaken for each other on the phone (no 0/O, 1/I/L).
_REFERENTIE_TEKENS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def nieuwe_referentie(prefix: str) -> str:
    """A reference number people can read out on the phone, e.g. ``VB-7K3M9Q``."""
    return f"{prefix}-" + "".join(secrets.choice(_REFERENTIE_TEKENS) for _ in range(6))


class ModeratiePaginaRechten(PagePermissionTester):
    """Wagtail's page permissions, but publishing a voorbeeld is a moderator's decision.

    Voorbeelden come in from the public and wait in the moderation workflow; anyone with Wagtail's
    publish permission could otherwise publish one past it. Publishing (also creating one
    published at once, or copying one) additionally needs the moderation permission
    (``home.rollen.MODEREREN``), as in ``docs/rollen.md``.
    """

    def _mag_modereren(self) -> bool:
        from home.rollen import MODEREREN

        return self.user.has_perm(MODEREREN)

    def can_publish(self):
        return super().can_publish() and self._mag_modereren()

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self._mag_modereren()


class VoorbeeldenIndexPage(Page):
    """The public collection of how gemeenten approach loneliness, filterable."""

    intro = models.TextField("Introductie", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["inzendingen.VoorbeeldPage"]
    max_count = 1

    class Meta:
        verbose_name = "Voorbeelden van gemeenten (overzicht)"

    def permissions_for_user(self, user):
        return ModeratiePaginaRechten(user, self)

    def get_context(self, request, *args, **kwargs):
        from .queries import zoek_voorbeelden

        context = super().get_context(request, *args, **kwargs)
        resultaat = zoek_voorbeelden(self, request.GET)
        context["zoekresultaat"] = resultaat
        context["extra_query"] = urlencode(resultaat.zoekparameters())
        return context


class VoorbeeldPage(Page):
    """One gemeente's approach to loneliness, told along the six parts of a local approach."""

    gemeente = models.ForeignKey(
        "kaart.Gemeente",
        verbose_name="Gemeente",
        on_delete=models.PROTECT,
        related_name="voorbeelden",
    )
    samenvatting = models.CharField(
        "Samenvatting",
        max_length=300,
        help_text="Eén of twee zinnen: wat doet de gemeente en voor wie?",
    )
    bewustwording = RichTextField(
        ONDERDELEN["bewustwording"], blank=True, features=RICH_TEXT_FEATURES
    )
    signalering = RichTextField(ONDERDELEN["signalering"], blank=True, features=RICH_TEXT_FEATURES)
    ondersteuning = RichTextField(
        ONDERDELEN["ondersteuning"], blank=True, features=RICH_TEXT_FEATURES
    )
    kwaliteit = RichTextField(ONDERDELEN["kwaliteit"], blank=True, features=RICH_TEXT_FEATURES)
    samenwerking = RichTextField(
        ONDERDELEN["samenwerking"], blank=True, features=RICH_TEXT_FEATURES
    )
    informatievoorziening = RichTextField(
        ONDERDELEN["informatievoorziening"], blank=True, features=RICH_TEXT_FEATURES
    )
    doelgroepen = ParentalManyToManyField(
        "kaart.Term",
        verbose_name="Voor wie",
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulaire": "doelgroep"},
    )
    partners = models.TextField(
        "Partners", blank=True, help_text="Met wie werkt de gemeente samen? Eén partner per regel."
    )
    resultaten = RichTextField("Resultaten", blank=True, features=RICH_TEXT_FEATURES)
    contact_naam = models.CharField("Contactpersoon of team", max_length=120, blank=True)
    contact_email = models.EmailField("E-mailadres voor vragen", blank=True)
    contact_telefoon = models.CharField("Telefoonnummer voor vragen", max_length=30, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("gemeente"),
        FieldPanel("samenvatting"),
        MultiFieldPanel(
            [FieldPanel(name) for name in ONDERDELEN], "De aanpak, per onderdeel (vul in wat past)"
        ),
        FieldPanel("doelgroepen", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partners"),
        FieldPanel("resultaten"),
        MultiFieldPanel(
            [
                FieldPanel("contact_naam"),
                FieldPanel("contact_email"),
                FieldPanel("contact_telefoon"),
            ],
            "Contact voor andere gemeenten",
        ),
        InlinePanel("links", label="Links"),
        InlinePanel("documenten", label="Documenten"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("samenvatting", boost=2),
        *[index.SearchField(name) for name in ONDERDELEN],
        index.SearchField("resultaten"),
        index.SearchField("partners"),
        index.RelatedFields(
            "gemeente", [index.SearchField("naam"), index.SearchField("provincie")]
        ),
        index.FilterField("gemeente"),
    ]

    parent_page_types = ["inzendingen.VoorbeeldenIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Voorbeeld van een gemeente"
        verbose_name_plural = "Voorbeelden van gemeenten"

    def permissions_for_user(self, user):
        return ModeratiePaginaRechten(user, self)

    def onderdelen(self) -> list[tuple[str, str, str]]:
        """The parts this example describes: (field name, label, rich text), in programme order."""
        return [
            (name, label, getattr(self, name))
            for name, label in ONDERDELEN.items()
            if getattr(self, name)
        ]

    def partnerlijst(self) -> list[str]:
        return [regel.strip() for regel in self.partners.splitlines() if regel.strip()]


class VoorbeeldLink(Orderable):
    pagina = ParentalKey(VoorbeeldPage, on_delete=models.CASCADE, related_name="links")
    titel = models.CharField("Tekst van de link", max_length=150)
    url = models.URLField("Adres", max_length=500)

    panels = [FieldPanel("titel"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "Link"
        verbose_name_plural = "Links"


class VoorbeeldDocument(Orderable):
    pagina = ParentalKey(VoorbeeldPage, on_delete=models.CASCADE, related_name="documenten")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Document", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "Document"
        verbose_name_plural = "Documenten"


class Beoordeling(models.TextChoices):
    NIEUW = "nieuw", "Te beoordelen"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    SPAM = "spam", "Spam (verdacht)"


class Ontvangen(models.Model):
    """What every submission has: a reference, a time, and why it may be spam."""

    referentie = models.CharField("Referentie", max_length=12, unique=True, editable=False)
    ontvangen_op = models.DateTimeField("Ontvangen op", default=timezone.now, editable=False)
    spam_redenen = models.JSONField("Waarom verdacht", default=list, blank=True, editable=False)
    notitie = models.TextField(
        "Notitie voor collega's", blank=True, help_text="Alleen zichtbaar in het beheer."
    )

    referentie_prefix = "IN"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.referentie:
            self.referentie = self._unieke_referentie()
        super().save(*args, **kwargs)

    def _unieke_referentie(self) -> str:
        while True:
            referentie = nieuwe_referentie(self.referentie_prefix)
            if not type(self).objects.filter(referentie=referentie).exists():
                return referentie


class Inzending(Ontvangen):
    """A submission that becomes (part of) a public object after moderation, with its sender."""

    class Soort(models.TextChoices):
        VOORBEELD = "voorbeeld", "Voorbeeld van een gemeente"
        DIENST = "dienst", "Nieuwe dienst voor de sociale kaart"
        WIJZIGING = "wijziging", "Wijziging van een dienst"
        OPGEHEVEN = "opgeheven", "Dienst bestaat niet meer"
        MELDING = "melding", "Klopt er iets niet?"

    PREFIXEN = {
        "voorbeeld": "VB",
        "dienst": "DA",
        "wijziging": "WD",
        "opgeheven": "WD",
        "melding": "KN",
    }

    soort = models.CharField("Soort", max_length=20, choices=Soort.choices)
    status = models.CharField(
        "Status", max_length=20, choices=Beoordeling.choices, default=Beoordeling.NIEUW
    )
    onderwerp = models.CharField("Onderwerp", max_length=200, blank=True)
    gegevens = models.JSONField(
        "Ingestuurde gegevens",
        default=dict,
        blank=True,
        help_text="Wat de inzender invulde, zoals het is opgeslagen voor de redactie.",
    )
    toelichting = models.TextField("Toelichting van de inzender", blank=True)
    besloten_op = models.DateTimeField("Besluit op", null=True, blank=True, editable=False)
    besluit_toelichting = models.TextField(
        "Toelichting bij het besluit",
        blank=True,
        help_text="Deze tekst krijgt de inzender in de e-mail over het besluit.",
    )

    # The sender: kept apart from the public object, purged after the decision.
    naam = models.CharField("Naam inzender", max_length=120, blank=True)
    email = models.EmailField("E-mailadres inzender", blank=True)
    telefoon = models.CharField("Telefoon inzender", max_length=30, blank=True)
    organisatie = models.CharField("Organisatie inzender", max_length=150, blank=True)
    contact_gewist_op = models.DateTimeField(
        "Contactgegevens gewist op", null=True, blank=True, editable=False
    )

    # What the submission made: a draft page, a (draft revision of a) dienst, and its workflow.
    voorbeeld = models.ForeignKey(
        VoorbeeldPage,
        verbose_name="Voorbeeld",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inzendingen",
        editable=False,
    )
    dienst = models.ForeignKey(
        "kaart.Dienst",
        verbose_name="Dienst",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revisie = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="Voorgestelde versie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState",
        verbose_name="Beoordeling in Wagtail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-ontvangen_op"]
        verbose_name = "Inzending"
        verbose_name_plural = "Inzendingen"
        indexes = [models.Index(fields=["status", "ontvangen_op"])]

    def __str__(self):
        return f"{self.referentie} — {self.onderwerp or self.get_soort_display()}"

    def save(self, *args, **kwargs):
        self.referentie_prefix = self.PREFIXEN.get(self.soort, "IN")
        super().save(*args, **kwargs)


class Bijlage(models.Model):
    """A file sent with a submission: checked by content, stored privately, for moderators only."""

    inzending = models.ForeignKey(Inzending, on_delete=models.CASCADE, related_name="bijlagen")
    bestand = models.FileField(storage=prive_opslag, upload_to="%Y/%m/", max_length=200)
    naam = models.CharField("Oorspronkelijke naam", max_length=150)
    soort = models.CharField("Soort", max_length=10)
    mime = models.CharField("Inhoudstype", max_length=100)
    grootte = models.PositiveIntegerField("Grootte in bytes")
    openbaar = models.BooleanField(
        "Openbaar maken bij goedkeuring",
        default=True,
        help_text="Bij goedkeuring komt dit bestand als document bij het voorbeeld te staan.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Gepubliceerd als document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "Bijlage"
        verbose_name_plural = "Bijlagen"

    def __str__(self):
        return self.naam

    def delete(self, *args, **kwargs):
        self.bestand.delete(save=False)
        return super().delete(*args, **kwargs)


class Tip(Ontvangen):
    """A resource someone suggests; an editor turns it into a draft hulpmiddel in one step."""

    class Status(models.TextChoices):
        NIEUW = "nieuw", "Te beoordelen"
        VERWERKT = "verwerkt", "Hulpmiddel gemaakt"
        AFGEWEZEN = "afgewezen", "Afgewezen"
        SPAM = "spam", "Spam (verdacht)"

    referentie_prefix = "TIP"

    titel = models.CharField("Naam van het hulpmiddel", max_length=200)
    link = models.URLField("Link", max_length=500)
    soort = models.ForeignKey(
        "hulpmiddelen.Soort",
        verbose_name="Soort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    waarom = models.TextField("Waarom is het nuttig?")
    email = models.EmailField("E-mailadres tipgever", blank=True)
    status = models.CharField("Status", max_length=20, choices=Status.choices, default=Status.NIEUW)
    dubbel_met = models.CharField(
        "Lijkt op",
        max_length=250,
        blank=True,
        editable=False,
        help_text="Een hulpmiddel of tip met dezelfde link of site.",
    )
    hulpmiddel = models.ForeignKey(
        "hulpmiddelen.Hulpmiddel",
        verbose_name="Gemaakt hulpmiddel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    besloten_op = models.DateTimeField("Besluit op", null=True, blank=True, editable=False)
    contact_gewist_op = models.DateTimeField(
        "Contactgegevens gewist op", null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-ontvangen_op"]
        verbose_name = "Tip voor een hulpmiddel"
        verbose_name_plural = "Tips voor hulpmiddelen"

    def __str__(self):
        return f"{self.referentie} — {self.titel}"


class Terugbelverzoek(Ontvangen):
    """Someone who cannot use the site asks to be called back; purged after it is handled."""

    class Status(models.TextChoices):
        OPEN = "open", "Nog bellen"
        GEBELD = "gebeld", "Gebeld, nog niet klaar"
        KLAAR = "klaar", "Afgehandeld"
        SPAM = "spam", "Spam (verdacht)"

    class Moment(models.TextChoices):
        OCHTEND = "ochtend", "In de ochtend (9.00 tot 12.00 uur)"
        MIDDAG = "middag", "In de middag (12.00 tot 17.00 uur)"
        MAAKT_NIET_UIT = "maakt-niet-uit", "Het maakt mij niet uit"

    referentie_prefix = "TB"

    naam = models.CharField("Naam", max_length=120)
    telefoon = models.CharField("Telefoonnummer", max_length=30)
    moment = models.CharField(
        "Beste moment", max_length=20, choices=Moment.choices, default=Moment.MAAKT_NIET_UIT
    )
    vraag = models.TextField("Vraag", blank=True)
    status = models.CharField("Status", max_length=20, choices=Status.choices, default=Status.OPEN)
    afgehandeld_op = models.DateTimeField("Afgehandeld op", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["ontvangen_op"]
        verbose_name = "Terugbelverzoek"
        verbose_name_plural = "Terugbelverzoeken"

    def __str__(self):
        return f"{self.referentie} — {self.naam}"

    def save(self, *args, **kwargs):
        if self.status == self.Status.KLAAR and self.afgehandeld_op is None:
            self.afgehandeld_op = timezone.now()
        elif self.status != self.Status.KLAAR:
            self.afgehandeld_op = None
        super().save(*args, **kwargs)


class Mail(models.Model):
    """One outgoing mail, stored with the submission before anyone tries to send it.

    ``inzendingen.tasks.verstuur_mail`` claims and sends it; the sweeper re-queues what a broker or
    mail server outage left waiting, so a mail is delayed but never lost or sent twice.
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "Wacht op verzending"
        BEZIG = "bezig", "Wordt verzonden"
        VERZONDEN = "verzonden", "Verzonden"
        MISLUKT = "mislukt", "Mislukt"

    aan = models.EmailField("Aan")
    onderwerp = models.CharField("Onderwerp", max_length=200)
    tekst = models.TextField("Tekst")
    referentie = models.CharField("Over inzending", max_length=12, blank=True)
    status = models.CharField(
        "Status", max_length=20, choices=Status.choices, default=Status.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField("Pogingen", default=0)
    laatste_fout = models.CharField("Laatste fout", max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField("Aangemaakt op", default=timezone.now)
    bezig_tot = models.DateTimeField(null=True, blank=True)
    verzonden_op = models.DateTimeField("Verzonden op", null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "Uitgaande mail"
        verbose_name_plural = "Uitgaande mails"
        indexes = [models.Index(fields=["status", "aangemaakt_op"])]

    def __str__(self):
        return f"{self.onderwerp} ({self.get_status_display().lower()})"

    @classmethod
    def te_versturen(cls, nu=None):
        """Mails that are waiting, or whose sender died while holding them."""
        nu = nu or timezone.now()
        return cls.objects.filter(
            Q(status=cls.Status.WACHTEND) | Q(status=cls.Status.BEZIG, bezig_tot__lt=nu)
        )


class Controleronde(models.Model):
    """One yearly "Klopt uw dienst nog?" to a service's beheerder, and its answer.

    At most one open round per service (a unique constraint); each mail of the round is a
    :class:`Controlemail`, one per step, so a run that is killed and started again never sends a
    step twice. See ``inzendingen.controle`` and ``docs/controle.md``.
    """

    class Uitkomst(models.TextChoices):
        OPEN = "open", "Nog geen antwoord"
        KLOPT = "klopt", "Alles klopt"
        GEWIJZIGD = "gewijzigd", "Er is iets veranderd"
        OPGEHEVEN = "opgeheven", "Deze dienst bestaat niet meer"
        VERLOPEN = "verlopen", "Geen antwoord, link verlopen"

    dienst = models.ForeignKey(
        "kaart.Dienst", verbose_name="Dienst", on_delete=models.CASCADE, related_name="+"
    )
    aan = models.EmailField("Gevraagd aan")
    gestart_op = models.DateTimeField("Gevraagd op", default=timezone.now)
    uitkomst = models.CharField(
        "Antwoord", max_length=20, choices=Uitkomst.choices, default=Uitkomst.OPEN
    )
    beantwoord_op = models.DateTimeField("Beantwoord op", null=True, blank=True)
    beantwoord_door = models.EmailField("Beantwoord door", blank=True)
    inzending = models.ForeignKey(
        Inzending,
        verbose_name="Inzending",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-gestart_op"]
        verbose_name = "Controleronde"
        verbose_name_plural = "Controlerondes"
        constraints = [
            models.UniqueConstraint(
                fields=["dienst"],
                condition=Q(uitkomst="open"),
                name="inzendingen_een_open_controleronde",
            )
        ]
        indexes = [models.Index(fields=["uitkomst", "gestart_op"])]

    def __str__(self):
        return f"{self.dienst} ({self.get_uitkomst_display().lower()})"


class Controlemail(models.Model):
    """One step of a round (the question, the first or second reminder) and its outbox mail."""

    class Stap(models.TextChoices):
        VRAAG = "vraag", "Klopt uw dienst nog?"
        HERINNERING_1 = "herinnering-1", "Eerste herinnering"
        HERINNERING_2 = "herinnering-2", "Tweede herinnering"

    ronde = models.ForeignKey(Controleronde, on_delete=models.CASCADE, related_name="mails")
    stap = models.CharField("Stap", max_length=20, choices=Stap.choices)
    # The outbox row; emptied when the retention period removes old mails (inzendingen.opschonen),
    # the step itself stays, so it is never sent again.
    mail = models.OneToOneField(
        Mail, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("Aangemaakt op", default=timezone.now)

    class Meta:
        ordering = ["aangemaakt_op"]
        verbose_name = "Controlemail"
        verbose_name_plural = "Controlemails"
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "stap"], name="inzendingen_een_controlemail_per_stap"
            )
        ]

    def __str__(self):
        return f"{self.get_stap_display()}: {self.ronde.dienst}"
