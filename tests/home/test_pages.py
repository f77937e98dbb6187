"""The home app's pages: tree rules, demo loader, site settings, health."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import ContentPage, HomePage, SiteSettings

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_home_page_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_content_page_parents(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})

    def test_content_page_children(self):
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})


def test_home_loader_builds_site_and_is_idempotent(home_page):
    from home import demo

    first = list(Page.objects.order_by("path").values_list("path", "slug"))
    again = demo.load_site()
    assert again.pk == home_page.pk
    assert list(Page.objects.order_by("path").values_list("path", "slug")) == first
    assert Site.objects.get(is_default_site=True).root_page_id == home_page.pk
    slugs = set(ContentPage.objects.child_of(home_page).values_list("slug", flat=True))
    assert {"over-ons", "contact", "privacy", "toegankelijkheid"} <= slugs


def test_every_page_shows_help_phone_from_site_settings(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.help_phone = "0800 123 4567"
    settings.help_hours = "maandag tot vrijdag"
    settings.save()
    for url in ("/", "/over-ons/", "/zoeken/?q=x"):
        html = client.get(url).content.decode()
        assert 'href="tel:08001234567"' in html, url
        assert "maandag tot vrijdag" in html, url


def test_content_page_renders_body(client, home_page):
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Privacyverklaring</h1>" in html
    assert "Welke gegevens bewaren wij?" in html
    assert 'lang="nl"' in html


def test_unknown_page_is_a_friendly_404(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_query_bound_home_and_content_pages(client, home_page, django_assert_max_num_queries):
    client.get("/")  # warm caches that hold per-process state
    with django_assert_max_num_queries(25):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/over-ons/").status_code == 200


def test_health_endpoints(client, home_page):
    live = client.get("/health/live")
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    checks = ready.json()["checks"]
    assert checks["database"] == "ok" and checks["cache"] == "ok"


def test_video_placeholder_loads_nothing_from_video_host(client, home_page):
    page = ContentPage(
        title="Film",
        slug="film",
        body=[
            (
                "video",
                {
                    "title": "Trailer",
                    "url": "https://www.youtube.com/watch?v=abcdefghijk",
                    "description": "",
                },
            )
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/film/").content.decode()
    assert "<iframe" not in html
    assert 'data-src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in html


def test_the_footer_links_to_the_pages_about_the_site(client, demo_site):
    from home import demo

    site = Site.objects.get(is_default_site=True)
    footer = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
    column = footer.find("nav", attrs={"aria-labelledby": "footer-links"})
    hrefs = [a["href"] for a in column.find_all("a")]
    for path in ("/over-ons/", "/contact/", "/meedoen/", "/privacy/", "/toegankelijkheid/"):
        assert path in hrefs
    stored = SiteSettings.for_site(site).footer_links.count()
    assert stored == len(hrefs)
    demo.load_footer_links(HomePage.objects.get())
    assert SiteSettings.for_site(site).footer_links.count() == stored
