"""Small markup rules the W3C checker and careful readers found: pagination links, machine times,
autocomplete tokens and Dutch plurals."""

from datetime import UTC, date, datetime

import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string

from home.templatetags.portal_tags import datetime_attribute, pagina_querystring


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "?page=2"),
        (None, "?page=2"),
        ("q=&tag=buurt&page=5", "?tag=buurt&page=2"),
        ("soort=a&soort=b", "?soort=a&soort=b&page=2"),
        ({"q": "koffie & thee"}, "?q=koffie+%26+thee&page=2"),
        ({"q": ""}, "?page=2"),
        (QueryDict("q=x&leeg="), "?q=x&page=2"),
    ],
)
def test_pagination_query_strings_have_no_empty_parameters(query, expected):
    assert pagina_querystring(query, 2) == expected


def test_the_pagination_partial_links_without_an_empty_parameter():
    page = Paginator(list(range(30)), 10).page(1)
    html = render_to_string("components/pagination.html", {"page_obj": page, "extra_query": ""})
    hrefs = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]
    assert hrefs == ["?page=2", "?page=3", "?page=2"]


def test_machine_readable_times_have_whole_seconds(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    moment = datetime(2026, 3, 3, 9, 15, 42, 123456, tzinfo=UTC)
    assert datetime_attribute(moment) == "2026-03-03T10:15:42+01:00"
    assert datetime_attribute(date(2026, 3, 3)) == "2026-03-03"
    assert datetime_attribute(None) == ""


@pytest.mark.django_db
def test_the_tip_forms_link_is_not_the_visitors_own_homepage(client, home_page):
    soup = BeautifulSoup(client.get("/inzendingen/tip/").content, "html.parser")
    link = soup.find("input", attrs={"name": "link"})
    assert link["type"] == "url"
    assert link.get("autocomplete") == "off"


@pytest.mark.django_db
def test_the_site_search_counts_in_dutch(client, demo_site):
    text = BeautifulSoup(client.get("/zoeken/?q=eenzaamheid").content, "html.parser").get_text()
    assert "resultaten voor" in text
    assert "resultaaten" not in text
