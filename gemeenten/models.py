"""What editors add to a gemeente's generated page, and which admin group edits for which gemeente.

A gemeente page (``/gemeenten/<slug>/``) is made from data for all 342 gemeenten; a
``GemeentePagina`` adds the gemeente's own words to it: an introduction, the local coordinator,
a local help number and links. It is a snippet with drafts, revisions, locking and the site's
moderation workflow, so only its published version is ever shown.

A ``GemeenteRedactie`` ties an admin group ("Redactie <gemeente>", made by ``manage.py
gemeenteredactie_aanmaken``) to its gemeente: its members edit only that gemeente's local
services and its page (``gemeenten.rechten``).
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

from .forms import GemeentePaginaForm


class GemeentePagina(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    """A gemeente's own content on its page: introduction, coordinator, help number, links."""

    gemeente = models.OneToOneField(
        "kaart.Gemeente",
        verbose_name="Gemeente",
        on_delete=models.CASCADE,
        related_name="pagina",
    )
    introductie = RichTextField(
        "Introductie",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Wat doet de gemeente tegen eenzaamheid? Staat bovenaan de gemeentepagina.",
    )
    coordinator_naam = models.CharField("Naam coördinator", max_length=120, blank=True)
    coordinator_functie = models.CharField(
        "Functie", max_length=120, blank=True, help_text="Bijvoorbeeld: beleidsadviseur."
    )
    coordinator_email = models.EmailField("E-mailadres coördinator", blank=True)
    coordinator_telefoon = models.CharField("Telefoon coördinator", max_length=30, blank=True)
    hulpnummer = models.CharField(
        "Lokaal hulpnummer",
        max_length=30,
        blank=True,
        help_text="Het nummer dat inwoners kunnen bellen voor hulp. Leeg: het nummer van de site.",
    )
    hulpnummer_tekst = models.CharField(
        "Bij het hulpnummer",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: het sociaal wijkteam, op werkdagen van 9 tot 17 uur.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="gemeentepagina")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="gemeentepagina",
        for_concrete_model=False,
    )

    base_form_class = GemeentePaginaForm

    panels = [
        FieldPanel("gemeente"),
        FieldPanel("introductie"),
        MultiFieldPanel(
            [
                FieldPanel("coordinator_naam"),
                FieldPanel("coordinator_functie"),
                FieldPanel("coordinator_email"),
                FieldPanel("coordinator_telefoon"),
            ],
            heading="Lokale coördinator",
        ),
        MultiFieldPanel(
            [FieldPanel("hulpnummer"), FieldPanel("hulpnummer_tekst")], heading="Hulpnummer"
        ),
        InlinePanel("links", heading="Links", label="Link"),
    ]

    class Meta:
        ordering = ["gemeente__naam"]
        verbose_name = "Gemeentepagina"
        verbose_name_plural = "Gemeentepagina's"

    def __str__(self):
        return f"Gemeentepagina {self.gemeente.naam}"

    @property
    def revisions(self):
        return self._revisions

    @property
    def heeft_coordinator(self) -> bool:
        return bool(self.coordinator_naam or self.coordinator_email or self.coordinator_telefoon)


class GemeentePaginaLink(Orderable):
    """A link on a gemeente page: the gemeente's own pages about loneliness, a local partner."""

    pagina = ParentalKey(GemeentePagina, on_delete=models.CASCADE, related_name="links")
    titel = models.CharField("Titel", max_length=120)
    url = models.URLField("Adres", max_length=300)

    panels = [FieldPanel("titel"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "Link"
        verbose_name_plural = "Links"


class GemeenteRedactie(models.Model):
    """An admin group whose members edit for one gemeente only."""

    groep = models.OneToOneField(
        Group, verbose_name="Groep", on_delete=models.CASCADE, related_name="gemeenteredactie"
    )
    gemeente = models.ForeignKey(
        "kaart.Gemeente",
        verbose_name="Gemeente",
        on_delete=models.CASCADE,
        related_name="redacties",
    )

    class Meta:
        verbose_name = "Gemeenteredactie"
        verbose_name_plural = "Gemeenteredacties"

    def __str__(self):
        return self.groep.name
