"""The phone channel and the ways to take part, on every page: the help number with its hours
(site settings), "Bel mij terug", the public forms in the footer and on the home page, and the
demo content marked once by a site-wide notice."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from home.models import SiteSettings

PAGINAS = ("/", "/over-ons/", "/zoeken/?q=x", "/kaart/", "/kaart/hulpwijzer/")


def soep(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_the_demo_help_number_reads_honestly_once(client, home_page):
    """The demo's hours carry no second bracket; that the number is an example is said once."""
    instellingen = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert instellingen.help_hours == "werkdagen 9.00–17.00 uur"
    assert instellingen.demo_content
    for url in PAGINAS:
        pagina = soep(client, url)
        balk = pagina.select_one(".portal-helpbar").get_text(" ", strip=True)
        assert "(werkdagen 9.00–17.00 uur)" in balk and "((" not in balk and "))" not in balk
        assert "voorbeeld" not in balk
        meldingen = pagina.select(".portal-demo-notice")
        assert len(meldingen) == 1, url
        assert "voorbeeldinhoud" in meldingen[0].get_text()


def test_no_demo_notice_when_the_setting_is_off(client, home_page):
    instellingen = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    instellingen.demo_content = False
    instellingen.save()
    assert not soep(client, "/").select(".portal-demo-notice")


@pytest.mark.parametrize("url", PAGINAS)
def test_every_page_offers_a_call_back(client, home_page, url):
    balk = soep(client, url).select_one(".portal-helpbar")
    assert balk.find("a", href="/inzendingen/bel-mij-terug/"), url


def test_the_footer_and_the_home_page_lead_to_the_public_forms(client, demo_site):
    formulieren = {
        "/inzendingen/dienst/",
        "/inzendingen/tip/",
        "/inzendingen/voorbeeld/",
        "/inzendingen/bel-mij-terug/",
    }
    for url in ("/", "/over-ons/", "/kaart/"):
        voet = soep(client, url).find("footer")
        links = {a["href"] for a in voet.find_all("a")}
        assert formulieren <= links, url
        assert "/meedoen/" in links, url
    home = soep(client, "/").find("main")
    links = {a["href"] for a in home.find_all("a")}
    assert formulieren | {"/meedoen/", "/kaart/hulpwijzer/"} <= links


def test_laat_het_ons_weten_is_a_link_to_the_tip_form(client, demo_site):
    pagina = soep(client, "/hulpmiddelen/").find("main")
    link = pagina.find("a", string="Laat het ons weten")
    assert link is not None and link["href"] == "/inzendingen/tip/"
    assert "Laat het ons weten." not in pagina.select_one(".portal-lead").get_text()


def test_kaart_help_boxes_offer_a_call_back(client, home_page):
    for url in ("/kaart/", "/kaart/vergelijk/"):
        hulp = soep(client, url).select("main aside.portal-callout")
        assert hulp and hulp[-1].find("a", href="/inzendingen/bel-mij-terug/"), url
