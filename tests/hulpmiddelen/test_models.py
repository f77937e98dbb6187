"""Hulpmiddelen models and blocks: the page tree, one target per hulpmiddel, chosen hulpmiddelen."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from hulpmiddelen.blocks import HulpmiddelChooserBlock
from hulpmiddelen.factories import (
    HulpmiddelenIndexPageFactory,
    HulpmiddelFactory,
    SectiePageFactory,
    SoortFactory,
)
from hulpmiddelen.models import (
    ArtikelIndexPage,
    ArtikelPage,
    Hulpmiddel,
    HulpmiddelenIndexPage,
    SectiePage,
)
from hulpmiddelen.validators import validate_link

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_index_pages_only_under_home(self):
        self.assertAllowedParentPageTypes(HulpmiddelenIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ArtikelIndexPage, {HomePage})

    def test_sections_only_under_the_hulpmiddelen_index(self):
        self.assertAllowedParentPageTypes(SectiePage, {HulpmiddelenIndexPage})
        self.assertAllowedSubpageTypes(HulpmiddelenIndexPage, {SectiePage})
        self.assertAllowedSubpageTypes(SectiePage, set())

    def test_articles_only_under_the_article_index(self):
        self.assertAllowedParentPageTypes(ArtikelPage, {ArtikelIndexPage})
        self.assertAllowedSubpageTypes(ArtikelIndexPage, {ArtikelPage})
        self.assertAllowedSubpageTypes(ArtikelPage, set())

    def test_nothing_of_ours_at_the_root_or_under_content_pages(self):
        self.assertCanNotCreateAt(Page, HulpmiddelenIndexPage)
        self.assertCanNotCreateAt(HomePage, SectiePage)
        self.assertCanNotCreateAt(HomePage, ArtikelPage)
        self.assertCanCreateAt(HomePage, HulpmiddelenIndexPage)
        self.assertCanCreateAt(HomePage, ArtikelIndexPage)


def test_index_pages_are_one_per_site(home_page):
    from hulpmiddelen.factories import ArtikelIndexPageFactory

    HulpmiddelenIndexPageFactory(parent=home_page)
    ArtikelIndexPageFactory(parent=home_page)
    assert not HulpmiddelenIndexPage.can_create_at(home_page)
    assert not ArtikelIndexPage.can_create_at(home_page)


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"link": "https://example.org/", "video_url": "https://vimeo.com/1"},
        {"link": "https://example.org/", "document": True},
    ],
)
def test_a_hulpmiddel_needs_exactly_one_target(fields):
    from wagtail.documents.models import Document

    if fields.pop("document", False):
        fields["document"] = Document.objects.create(title="Bestand", file="x.txt")
    targets = {"link": "", "video_url": "", "document": None, **fields}
    item = HulpmiddelFactory.build(soort=SoortFactory(), organisatie=None, **targets)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "Vul precies één in" in str(error.value)


def test_each_kind_of_target_is_accepted_and_named():
    link = HulpmiddelFactory(link="https://example.org/gids")
    link.full_clean()
    assert (link.vorm, link.href, link.is_external) == ("link", "https://example.org/gids", True)
    video = HulpmiddelFactory(link="", video_url="https://www.youtube.com/watch?v=abcdefghijk")
    video.full_clean()
    assert video.vorm == "video" and video.href.startswith("https://www.youtube.com/")
    internal = HulpmiddelFactory(link="/kaart/?bereik=landelijk")
    internal.full_clean()
    assert internal.is_external is False


@pytest.mark.parametrize("value", ["/kaart/", "https://example.org/a?b=c", "http://example.org"])
def test_links_may_be_paths_or_web_addresses(value):
    validate_link(value)


@pytest.mark.parametrize(
    "value", ["//evil.example.org/", "javascript:alert(1)", "kaart", "ftp://x.org"]
)
def test_other_links_are_refused(value):
    with pytest.raises(ValidationError):
        validate_link(value)


def test_chooser_block_keeps_order_and_missing_ones(django_assert_num_queries):
    first, second = HulpmiddelFactory(), HulpmiddelFactory()
    block = HulpmiddelChooserBlock()
    with django_assert_num_queries(1):
        values = block.bulk_to_python([second.pk, None, 999999, first.pk])
        # soort and organisatie come with the same query
        names = [v.soort.naam for v in values if v is not None]
    assert values[0] == second and values[3] == first
    assert values[1] is None and values[2] is None
    assert len(names) == 2


def test_section_knows_its_hulpmiddelen_without_queries(home_page, django_assert_num_queries):
    a, b = HulpmiddelFactory(), HulpmiddelFactory()
    index = HulpmiddelenIndexPageFactory(parent=home_page)
    sectie = SectiePageFactory(
        parent=index,
        body=[
            ("hulpmiddelen", {"titel": "Eerst", "hulpmiddelen": [a, b]}),
            ("paragraph", "<p>Tekst</p>"),
            ("hulpmiddelen", {"titel": "", "hulpmiddelen": [b]}),
        ],
    )
    sectie = SectiePage.objects.get(pk=sectie.pk)
    with django_assert_num_queries(0):
        assert sectie.hulpmiddel_ids() == [a.pk, b.pk]


def test_drafts_are_not_live_until_published():
    item = HulpmiddelFactory(live=False)
    assert item not in Hulpmiddel.objects.live()
    item.save_revision().publish()
    assert item in Hulpmiddel.objects.live()
