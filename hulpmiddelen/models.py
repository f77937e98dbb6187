"""Hulpmiddelen (reusable resources), the seven sections that list them, and the articles."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Orderable, Page, PreviewableMixin, RevisionMixin
from wagtail.search import index

from home.blocks import BodyBlock

from .blocks import SectieBodyBlock
from .validators import validate_link


class Soort(models.Model):
    """What kind of resource a hulpmiddel is (handreiking, tool, video…); editors add kinds."""

    naam = models.CharField("Naam", max_length=60, unique=True)
    slug = models.SlugField("Slug", max_length=60, unique=True)

    panels = [FieldPanel("naam"), FieldPanel("slug")]

    class Meta:
        ordering = ["naam"]
        verbose_name = "Soort hulpmiddel"
        verbose_name_plural = "Soorten hulpmiddelen"

    def __str__(self):
        return self.naam


class Organisatie(index.Indexed, models.Model):
    """Who made or publishes a hulpmiddel; browsable on its own so editors reuse one spelling."""

    naam = models.CharField("Naam", max_length=120, unique=True)
    slug = models.SlugField("Slug", max_length=120, unique=True)
    website = models.URLField("Website", blank=True)

    panels = [FieldPanel("naam"), FieldPanel("slug"), FieldPanel("website")]
    search_fields = [index.SearchField("naam"), index.AutocompleteField("naam")]

    class Meta:
        ordering = ["naam"]
        verbose_name = "Organisatie"
        verbose_name_plural = "Organisaties"

    def __str__(self):
        return self.naam


class HulpmiddelQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def for_cards(self):
        """What a card shows, in one query."""
        return self.select_related("soort", "organisatie", "document")


class Hulpmiddel(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """One resource (a link, a document or a video) that any section or article can list."""

    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField(
        "Slug", max_length=200, unique=True, help_text="Het laatste deel van het webadres."
    )
    beschrijving = models.TextField(
        "Beschrijving",
        help_text="Wat is het en waarom zou u het gebruiken? Kort, in gewone woorden.",
    )
    soort = models.ForeignKey(
        Soort, verbose_name="Soort", on_delete=models.PROTECT, related_name="hulpmiddelen"
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="Organisatie",
        on_delete=models.PROTECT,
        related_name="hulpmiddelen",
        null=True,
        blank=True,
    )
    jaar = models.PositiveSmallIntegerField(
        "Jaar",
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    link = models.CharField(
        "Webadres",
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="Een adres op een andere site (https://…) of op deze site (/kaart/).",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(
        "Video (adres op YouTube of Vimeo)",
        blank=True,
        help_text="De video laadt pas als de bezoeker op de knop klikt.",
    )

    objects = HulpmiddelQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("beschrijving"),
        MultiFieldPanel(
            [FieldPanel("soort"), FieldPanel("organisatie"), FieldPanel("jaar")], "Kenmerken"
        ),
        MultiFieldPanel(
            [FieldPanel("link"), FieldPanel("document"), FieldPanel("video_url")],
            "Waar staat het? Vul er één in.",
        ),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("beschrijving"),
        index.RelatedFields("soort", [index.SearchField("naam")]),
        index.RelatedFields("organisatie", [index.SearchField("naam")]),
        index.FilterField("live"),
        index.FilterField("soort"),
        index.FilterField("organisatie"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "Hulpmiddel"
        verbose_name_plural = "Hulpmiddelen"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        given = [bool(self.link), bool(self.document_id), bool(self.video_url)]
        if sum(given) != 1:
            message = "Vul precies één in: een webadres, een document of een video."
            raise ValidationError(
                {
                    "link": message,
                    "document": message,
                    "video_url": message,
                }
            )

    @property
    def vorm(self) -> str:
        """``video``, ``document`` or ``link``: how the visitor gets to the resource."""
        if self.video_url:
            return "video"
        if self.document_id:
            return "document"
        return "link"

    @property
    def href(self) -> str:
        if self.video_url:
            return self.video_url
        if self.document_id:
            return self.document.url
        return self.link

    @property
    def is_external(self) -> bool:
        return self.href.startswith(("http://", "https://"))

    @cached_property
    def bestandsinfo(self) -> str:
        """``PDF, 1,2 MB`` for a document; '' otherwise (no file system access for links)."""
        if not self.document_id:
            return ""
        document = self.document
        extension = document.file_extension.upper()
        size = document.get_file_size()
        if not size:
            return extension
        return f"{extension}, {filesizeformat(size)}"

    def get_preview_template(self, request, mode_name):
        return "hulpmiddelen/hulpmiddel_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["hulpmiddel"] = self
        context["secties"] = []
        return context


class SectiePage(Page):
    """One of the seven parts of the local approach, with its own hulpmiddelen and guidance."""

    samenvatting = models.CharField(
        "Korte omschrijving",
        max_length=200,
        help_text="Eén zin voor de overzichten op de homepagina en de hulpmiddelenpagina.",
    )
    intro = models.TextField("Introductie", blank=True)
    body = StreamField(SectieBodyBlock(), blank=True, verbose_name="Inhoud")

    content_panels = Page.content_panels + [
        FieldPanel("samenvatting"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("samenvatting"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["hulpmiddelen.HulpmiddelenIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Onderdeel (hulpmiddelen)"
        verbose_name_plural = "Onderdelen (hulpmiddelen)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["onderdelen"] = (
            SectiePage.objects.live()
            .public()
            .sibling_of(self)
            .order_by("path")
            .only("title", "url_path", "path", "depth")
        )
        return context

    def hulpmiddel_ids(self) -> list[int]:
        """The ids chosen in this section's hulpmiddelen blocks, in order, read without queries."""
        ids = []
        for block in self.body.raw_data:
            if block.get("type") == "hulpmiddelen":
                for item in block["value"].get("hulpmiddelen", []):
                    value = item.get("value") if isinstance(item, dict) else item
                    if value is not None and value not in ids:
                        ids.append(value)
        return ids


class HulpmiddelenIndexPage(RoutablePageMixin, Page):
    """The overview of the seven sections and the browsable list of every hulpmiddel."""

    kop = models.CharField(
        "Kop op de pagina",
        max_length=120,
        blank=True,
        help_text="Bijvoorbeeld een vraag aan de bezoeker. Leeg: de titel.",
    )
    intro = models.TextField("Introductie", blank=True)
    lijst_titel = models.CharField(
        "Titel boven de lijst met alle hulpmiddelen",
        max_length=120,
        default="Alle hulpmiddelen",
    )

    content_panels = Page.content_panels + [
        FieldPanel("kop"),
        FieldPanel("intro"),
        FieldPanel("lijst_titel"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["hulpmiddelen.SectiePage"]
    max_count = 1

    class Meta:
        verbose_name = "Hulpmiddelen (overzicht)"

    def hulpmiddel_url(self, hulpmiddel, request=None) -> str:
        base = self.get_url(request)
        return base + self.reverse_subpage("hulpmiddel", args=[hulpmiddel.slug])

    @path("")
    def overzicht(self, request):
        """The seven sections, then every hulpmiddel with its filters."""
        from .queries import filter_hulpmiddelen, sectie_kaarten

        resultaat = filter_hulpmiddelen(request.GET)
        context = self.get_context(request)
        context.update(
            {
                "secties": sectie_kaarten(self, request),
                "resultaat": resultaat,
                "hulpmiddelen": resultaat.page_obj,
            }
        )
        return TemplateResponse(request, "hulpmiddelen/hulpmiddelen_index_page.html", context)

    @path("hulpmiddel/<slug:slug>/", name="hulpmiddel")
    def hulpmiddel(self, request, slug):
        item = get_object_or_404(Hulpmiddel.objects.live().for_cards(), slug=slug)
        from .queries import secties_met

        return TemplateResponse(
            request,
            "hulpmiddelen/hulpmiddel_detail.html",
            {
                "page": self,
                "self": self,
                "hulpmiddel": item,
                "secties": secties_met(item, request),
            },
        )


class ArtikelTag(TaggedItemBase):
    content_object = ParentalKey(
        "hulpmiddelen.ArtikelPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArtikelIndexPage(Page):
    """All articles, newest first, to browse by tag."""

    intro = models.TextField("Introductie", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["hulpmiddelen.ArtikelPage"]
    max_count = 1

    class Meta:
        verbose_name = "Artikelen (overzicht)"

    def get_context(self, request, *args, **kwargs):
        from .queries import artikel_overzicht

        context = super().get_context(request, *args, **kwargs)
        context.update(artikel_overzicht(self, request))
        return context


class ArtikelPage(Page):
    """An article about the local approach to loneliness, with its date, author and tags."""

    datum = models.DateField("Datum", default=timezone.localdate)
    auteur = models.CharField("Auteur", max_length=120, blank=True)
    lead = models.TextField("Inleiding", help_text="Twee of drie zinnen: waar gaat het over?")
    body = StreamField(BodyBlock(), blank=True, verbose_name="Inhoud")
    tags = ClusterTaggableManager(through=ArtikelTag, blank=True, verbose_name="Onderwerpen")

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("datum"), FieldPanel("auteur")], "Over dit artikel"),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("gerelateerde_hulpmiddelen", label="Hulpmiddel bij dit artikel"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("auteur"),
        index.FilterField("datum"),
    ]

    parent_page_types = ["hulpmiddelen.ArtikelIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Artikel"
        verbose_name_plural = "Artikelen"
        ordering = ["-datum"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hulpmiddelen"] = [
            item.hulpmiddel
            for item in self.gerelateerde_hulpmiddelen.select_related(
                "hulpmiddel__soort", "hulpmiddel__organisatie", "hulpmiddel__document"
            )
            if item.hulpmiddel.live
        ]
        context["artikel_tags"] = list(self.tags.all())
        parent = self.get_parent()
        context["artikelen_url"] = parent.get_url(request) if parent else ""
        return context


class ArtikelHulpmiddel(Orderable):
    page = ParentalKey(
        ArtikelPage, on_delete=models.CASCADE, related_name="gerelateerde_hulpmiddelen"
    )
    hulpmiddel = models.ForeignKey(
        Hulpmiddel, verbose_name="Hulpmiddel", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("hulpmiddel")]

    class Meta(Orderable.Meta):
        verbose_name = "Hulpmiddel bij artikel"
        verbose_name_plural = "Hulpmiddelen bij artikel"
