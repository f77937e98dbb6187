"""The home page, plain content pages and the site-wide settings every page shows."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    """The front door: entry points to the kaart, the sections, articles and the newsletter."""

    intro = models.TextField("Introductie", blank=True)
    kaart_title = models.CharField("Titel zoekblok sociale kaart", max_length=120, blank=True)
    kaart_text = models.TextField("Tekst zoekblok sociale kaart", blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name="Inhoud")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("kaart_title"), FieldPanel("kaart_text")], "Sociale kaart"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Homepagina"


class ContentPage(Page):
    """A plain page: over ons, contact, privacy, toegankelijkheidsverklaring."""

    intro = models.TextField("Introductie", blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name="Inhoud")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = "Inhoudspagina"
        verbose_name_plural = "Inhoudspagina's"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """What every page shows in its header and footer, editable by editors."""

    organisation_name = models.CharField(
        "Naam organisatie", max_length=120, default="Aanpak Eenzaamheid"
    )
    tagline = models.CharField(
        "Ondertitel", max_length=200, default="Kennisportal voor de lokale aanpak van eenzaamheid"
    )
    help_phone = models.CharField(
        "Telefoonnummer voor hulp",
        max_length=30,
        blank=True,
        help_text="Voor mensen die de site niet zelf kunnen gebruiken.",
    )
    help_hours = models.CharField(
        "Openingstijden telefoon", max_length=120, blank=True, default="werkdagen 9.00–17.00 uur"
    )
    email = models.EmailField("E-mailadres", blank=True)
    demo_content = models.BooleanField(
        "Melding voorbeeldinhoud",
        default=False,
        help_text="Toon op elke pagina dat de diensten, namen en nummers voorbeelden zijn.",
    )
    footer_text = RichTextField("Tekst in de voet", blank=True, features=["bold", "italic", "link"])

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        MultiFieldPanel(
            [FieldPanel("help_phone"), FieldPanel("help_hours"), FieldPanel("email")], "Contact"
        ),
        FieldPanel("footer_text"),
        FieldPanel("demo_content"),
        InlinePanel("footer_links", label="Links in de voet"),
    ]

    class Meta:
        verbose_name = "Site-instellingen"

    @property
    def footer_link_list(self):
        """The footer's links with their pages, in one query."""
        return self.footer_links.select_related("page")

    @property
    def help_phone_href(self) -> str:
        digits = "".join(c for c in self.help_phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""


class FooterLink(Orderable):
    settings = ParentalKey(SiteSettings, related_name="footer_links", on_delete=models.CASCADE)
    title = models.CharField("Tekst", max_length=80)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField("Of een adres", blank=True)

    panels = [FieldPanel("title"), FieldPanel("page"), FieldPanel("url")]

    @property
    def href(self) -> str:
        return self.page.url if self.page_id else self.url
