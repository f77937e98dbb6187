"""The kaart's gemeente filter leads to that gemeente's published examples (inzendingen)."""

import pytest

from inzendingen.factories import VoorbeeldenIndexPageFactory, VoorbeeldPageFactory
from kaart.models import Gemeente

pytestmark = pytest.mark.django_db


def test_gemeente_filter_links_to_its_examples(client, home_page):
    index = VoorbeeldenIndexPageFactory(parent=home_page)
    utrecht = Gemeente.objects.get(code="GM0344")
    VoorbeeldPageFactory(parent=index, gemeente=utrecht, title="Een")
    VoorbeeldPageFactory(parent=index, gemeente=utrecht, title="Concept", live=False)

    html = client.get("/kaart/", {"gemeente": "GM0344"}).content.decode()
    assert "1 voorbeeld van de aanpak van eenzaamheid in deze gemeente" in html
    assert "?gemeente=GM0344" in html

    other = client.get("/kaart/", {"gemeente": "GM0014"}).content.decode()
    assert "van de aanpak van eenzaamheid in deze gemeente" not in other
