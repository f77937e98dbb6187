"""Demo content of the home app: the site, the home page, the plain content pages and the groups."""

from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Page, Site

from . import rollen
from .models import ContentPage, FooterLink, HomePage, SiteSettings

CONTENT_PAGES = [
    {
        "slug": "over-ons",
        "title": "Over deze site",
        "intro": (
            "Deze site helpt gemeenten, professionals, vrijwilligers en inwoners bij een lokale "
            "aanpak van eenzaamheid."
        ),
        "body": [
            ("heading", {"text": "Voor wie is deze site?", "level": "h2"}),
            (
                "paragraph",
                "<p>Voor medewerkers van gemeenten die een aanpak opzetten, voor professionals en "
                "vrijwilligers die eenzame mensen willen helpen, en voor inwoners die iets zoeken "
                "voor zichzelf of een ander.</p>",
            ),
            ("heading", {"text": "Wat vindt u hier?", "level": "h2"}),
            (
                "paragraph",
                "<p>Hulpmiddelen in zeven onderdelen, artikelen, een sociale kaart met diensten "
                "tegen eenzaamheid en een nieuwsbrief die elke twee weken verschijnt.</p>",
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "intro": "Heeft u een vraag of een tip? Neem contact met ons op.",
        "body": [
            (
                "paragraph",
                "<p>U kunt ons bellen op werkdagen of een e-mail sturen. Liever teruggebeld "
                "worden? "
                "Laat uw nummer achter, dan bellen wij u.</p>",
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacyverklaring",
        "intro": "Hoe wij omgaan met uw gegevens.",
        "body": [
            ("heading", {"text": "Welke gegevens bewaren wij?", "level": "h2"}),
            (
                "paragraph",
                "<p>Wij bewaren alleen wat nodig is: uw e-mailadres als u zich aanmeldt voor de "
                "nieuwsbrief, en de gegevens die u zelf invult in een formulier. Wie alleen leest "
                "of zoekt, krijgt geen cookies.</p>",
            ),
            ("heading", {"text": "Hoe lang?", "level": "h2"}),
            (
                "paragraph",
                "<p>Een aanmelding die u niet bevestigt, wissen wij na 14 dagen. Contactgegevens "
                "bij een inzending wissen wij uiterlijk zes maanden na ons besluit.</p>",
            ),
            ("heading", {"text": "Uw rechten", "level": "h2"}),
            (
                "paragraph",
                "<p>U kunt uw gegevens inzien, laten wissen of uw toestemming intrekken. Elke "
                "nieuwsbrief bevat een link om u af te melden.</p>",
            ),
        ],
    },
    {
        "slug": "toegankelijkheid",
        "title": "Toegankelijkheidsverklaring",
        "intro": "Wij willen dat iedereen deze site kan gebruiken.",
        "body": [
            (
                "paragraph",
                "<p>Deze site is gebouwd om te voldoen aan de WCAG 2.1 op niveau AA. Elke pagina "
                "werkt zonder JavaScript, is te bedienen met het toetsenbord en past zich aan op "
                "kleine schermen. Wij testen elke wijziging automatisch met axe-core.</p>",
            ),
            ("heading", {"text": "Loopt u ergens tegenaan?", "level": "h2"}),
            (
                "paragraph",
                "<p>Meld het ons via de contactpagina of bel ons. Wij reageren binnen vijf "
                "werkdagen.</p>",
            ),
        ],
    },
]

EDITORS = rollen.REDACTEUREN
MODERATORS = rollen.MODERATOREN


def load_site() -> HomePage:
    """The site root and the home page; returns the home page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Replace Wagtail's welcome page, if it is still there.
        for page in root.get_children():
            if type(page.specific) is Page:
                page.delete()
        home = HomePage(
            title="Samen tegen eenzaamheid",
            slug="home",
            intro=(
                "Hulpmiddelen, voorbeelden en een sociale kaart voor iedereen die eenzaamheid "
                "in de eigen gemeente wil aanpakken."
            ),
            kaart_title="Zoek hulp en activiteiten in de sociale kaart",
            kaart_text=(
                "Van een maatje tot een koffieochtend in de buurt: vind wat er is, bij u in "
                "de buurt of in heel Nederland."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Aanpak Eenzaamheid",
        )
    elif site.root_page_id != home.id:
        site.root_page = home
        site.site_name = "Aanpak Eenzaamheid"
        site.save()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if not settings.help_phone:
        # A number that is plainly not real; the site-wide notice says so once.
        settings.help_phone = "0800 000 0000"
        settings.help_hours = "werkdagen 9.00–17.00 uur"
        settings.email = "info@example.org"
        settings.demo_content = True
        settings.save()
    for spec in CONTENT_PAGES:
        if not ContentPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
            page = ContentPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"]
            )
            home.add_child(instance=page)
            page.save_revision().publish()
    return home


def load_footer_links(home: HomePage) -> None:
    """The column "Over deze site": a link to each live content page under the home page.

    ``footer_links`` is a ParentalKey relation: its rows are written when the settings are saved,
    not when they are added, so they are set on the settings and then saved.
    """
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if FooterLink.objects.filter(settings=settings).exists():
        return
    settings.footer_links = [
        FooterLink(title=page.title, page=page, sort_order=order)
        for order, page in enumerate(ContentPage.objects.child_of(home).live().order_by("path"))
    ]
    settings.save()


def load_groups() -> None:
    """The admin's groups with exactly the permissions of docs/rollen.md (see home/rollen.py)."""
    rollen.richt_groepen_in()


def load_dev_user() -> None:
    """A development-only superuser: 'beheer' / 'beheer'. Never run this in production."""
    user_model = get_user_model()
    if not user_model.objects.filter(username="beheer").exists():
        user_model.objects.create_superuser("beheer", "beheer@example.org", "beheer")


def refresh_planner_statistics() -> None:
    """On PostgreSQL, ``ANALYZE`` the database after a bulk load.

    Until autovacuum comes round, the planner knows nothing of the rows just made (nor, inside a
    transaction that is still open, can autovacuum see them) and may expect a table of one row:
    it then nests loops over the search index and a site search or a kaart page takes seconds
    instead of milliseconds. ``ANALYZE`` may run inside a transaction and sees its rows.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
