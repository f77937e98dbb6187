"""The page cache: anonymous pages from the cache, with Cache-Control and ETag; publish purges."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from home.models import ContentPage

pytestmark = pytest.mark.django_db

CACHE_ON = {"PAGE_CACHE_SECONDS": 300, "PAGE_CACHE_BROWSER_SECONDS": 60}


@pytest.fixture
def page(home_page):
    content = home_page.add_child(instance=ContentPage(title="Over de kaart", slug="over-de-kaart"))
    content.save_revision().publish()
    return content


@override_settings(**CACHE_ON)
def test_anonymous_page_is_served_from_cache(client, page, django_assert_max_num_queries):
    first = client.get(page.url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(0):
        second = client.get(page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # A hit still gets the security headers of this response, and no cookie.
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    assert not second.cookies


@override_settings(**CACHE_ON)
def test_cache_control_etag_and_not_modified(client, page):
    response = client.get(page.url)
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    etag = response["ETag"]
    again = client.get(page.url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content


@override_settings(**CACHE_ON)
def test_publishing_purges_the_cache(client, page, django_capture_on_commit_callbacks):
    assert b"Over de kaart" in client.get(page.url).content
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    page.title = "Over de sociale kaart"
    # The purge waits for the commit, so no request can cache the old page in between.
    with django_capture_on_commit_callbacks() as callbacks:
        page.save_revision().publish()
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    fresh = client.get(page.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert b"Over de sociale kaart" in fresh.content


@override_settings(**CACHE_ON)
def test_unpublishing_purges_the_cache(client, page, django_capture_on_commit_callbacks):
    client.get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(page.url).status_code == 404


@override_settings(**CACHE_ON)
def test_changing_site_settings_purges_the_cache(client, page, django_capture_on_commit_callbacks):
    from home.models import SiteSettings

    client.get("/")
    settings_obj = SiteSettings.for_site(page.get_site())
    settings_obj.help_phone = "0800 1234"
    with django_capture_on_commit_callbacks(execute=True):
        settings_obj.save()
    fresh = client.get("/")
    assert fresh["X-Page-Cache"] == "miss"
    assert b"0800 1234" in fresh.content


@override_settings(**CACHE_ON)
def test_saving_something_no_page_shows_does_not_purge(
    client, page, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageLogEntry

    from portal.cache import _shows_on_pages

    _shows_on_pages.cache_clear()
    client.get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        PageLogEntry.objects.log_action(page, "wagtail.edit")
        Group.objects.create(name="Vrijwilligers")
    assert client.get(page.url)["X-Page-Cache"] == "hit"


@override_settings(**CACHE_ON, PAGE_CACHE_CONTENT_MODELS=["auth.group"])
def test_listed_models_of_other_apps_purge(client, page, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    from portal.cache import _shows_on_pages

    _shows_on_pages.cache_clear()
    try:
        client.get(page.url)
        with django_capture_on_commit_callbacks(execute=True):
            Group.objects.create(name="Vrijwilligers")
        assert client.get(page.url)["X-Page-Cache"] == "miss"
    finally:
        _shows_on_pages.cache_clear()


@override_settings(**CACHE_ON)
def test_signed_in_editor_bypasses_the_cache(admin_client, client, page):
    client.get(page.url)
    response = admin_client.get(page.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


@override_settings(**CACHE_ON)
def test_admin_health_and_posts_are_never_cached(client, admin_client, page):
    assert "X-Page-Cache" not in admin_client.get("/beheer/")
    assert "X-Page-Cache" not in client.get("/health/live")
    assert "X-Page-Cache" not in client.post(page.url)


@override_settings(**CACHE_ON)
def test_not_found_and_query_strings(client, page):
    missing = client.get("/bestaat-niet/")
    assert missing.status_code == 404 and "X-Page-Cache" not in missing
    # Each query string is its own entry: a search result is never served for another search.
    one = client.get("/zoeken/?q=kaart")
    two = client.get("/zoeken/?q=nieuwsbrief")
    assert one["X-Page-Cache"] == two["X-Page-Cache"] == "miss"
    assert client.get("/zoeken/?q=kaart").content == one.content


@override_settings(
    **CACHE_ON,
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Nothing listens on port 1: every cache call fails at once.
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    },
    PAGE_CACHE_ALIAS="down",
)
def test_pages_render_when_the_cache_is_down(client, page):
    with pytest.raises(Exception):  # noqa: B017 - the point is that the cache really is down
        caches["down"].get("x")
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


@override_settings(**CACHE_ON)
def test_pages_are_compressed_for_whoever_accepts_it(client, page):
    """Also without a proxy that compresses: a kaart page is ~90 KB of HTML, ~12 KB gzipped."""
    import gzip

    plain = client.get(page.url)
    assert "Content-Encoding" not in plain  # a client that does not ask gets the plain page
    for _ in range(2):
        packed = client.get(page.url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert packed["X-Page-Cache"] == "hit"  # the cache keeps the plain body
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 2
    # the weak ETag of the compressed answer still validates
    again = client.get(
        page.url, headers={"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]}
    )
    assert again.status_code == 304


def test_api_answers_are_not_compressed(client, db):
    """JSON goes out as it is: some API clients ask for gzip and do not unpack it."""
    response = client.get("/api/kaart/diensten/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert response.json()["count"] == 0
