"""Security headers on every response, and no cookie at all for an anonymous visitor."""

import re

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from portal.security import cross_origin_reason, origin_protected

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/zoeken/?q=eenzaamheid", "/bestaat-niet/", "/health/live"]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", PUBLIC)
def test_security_headers_on_public_responses(client, home_page, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no nonce: public pages have no inline script
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


@pytest.mark.parametrize("path", PUBLIC)
def test_anonymous_visitor_gets_no_cookie(client, home_page, path):
    response = client.get(path)
    assert not response.cookies, f"{path} sets {list(response.cookies)}"
    assert "Set-Cookie" not in response


def test_public_pages_have_no_inline_script_or_style(client, home_page):
    html = client.get("/").content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not [s for s in inline_scripts if "application/json" not in s and "ld+json" not in s]
    assert not re.search(r"\sstyle=\"", html)
    assert not re.search(r"\son[a-z]+=\"", html)


def test_admin_inline_scripts_carry_the_response_nonce(admin_client, home_page):
    # The page editor has date pickers (go-live and expiry) whose set-up script is inline.
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    executable = [attrs for attrs in inline if "application/json" not in attrs]
    assert executable, "expected Wagtail's inline date-picker scripts on the page editor"
    assert all(f'nonce="{nonce}"' in attrs for attrs in executable), executable
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_admin_chooser_widget_script_carries_the_nonce(admin_client, home_page):
    from home.models import SiteSettings

    settings_obj = SiteSettings.for_site(home_page.get_site())
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", settings_obj.site_id])
    response = admin_client.get(url)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    assert f'<script nonce="{nonce}">new PageChooser(' in html
    assert "<script>new PageChooser(" not in html


def test_preview_may_be_framed_by_the_site_itself(admin_client, home_page):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[home_page.pk])
    data = {"title": home_page.title, "slug": home_page.slug, "body-count": "0"}
    post = admin_client.post(url, data)
    assert post.status_code == 200 and post.json()["is_valid"], post.content
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert _policy(response)["frame-ancestors"] == ["'self'"]


# Public forms: no CSRF cookie, but no cross-site posts either.


def _post(**headers):
    request = RequestFactory().post("/form/", {"a": "b"}, headers=headers)
    request.META["HTTP_HOST"] = "testserver"
    return request


@pytest.mark.parametrize(
    ("headers", "refused"),
    [
        ({"Sec-Fetch-Site": "same-origin"}, False),
        ({"Sec-Fetch-Site": "none"}, False),
        ({"Sec-Fetch-Site": "cross-site"}, True),
        ({"Sec-Fetch-Site": "same-site"}, True),
        ({"Origin": "http://testserver"}, False),
        ({"Origin": "https://evil.example"}, True),
        ({"Origin": "null"}, True),
        ({"Referer": "http://testserver/pagina/"}, False),
        ({"Referer": "https://evil.example/"}, True),
        ({}, False),  # not sent by a browser page: no forgery possible
        # Sec-Fetch-Site decides when present, whatever Origin says.
        ({"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"}, True),
    ],
)
def test_cross_origin_reason(headers, refused):
    assert bool(cross_origin_reason(_post(**headers))) is refused


def test_origin_protected_view_needs_no_csrf_token(client, home_page):
    calls = []

    @origin_protected
    def view(request):
        calls.append(request.POST["a"])
        from django.http import HttpResponse

        return HttpResponse("ok")

    ok = view(_post(**{"Sec-Fetch-Site": "same-origin"}))
    assert ok.status_code == 200 and calls == ["b"]
    assert getattr(view, "csrf_exempt", False)
    refused = view(_post(**{"Sec-Fetch-Site": "cross-site"}))
    assert refused.status_code == 403 and calls == ["b"]
    assert "niet verstuurd" in refused.content.decode()


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_ip_trusts_only_the_configured_proxies():
    from portal.security import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    request.META["HTTP_X_FORWARDED_FOR"] = "1.1.1.1, 2.2.2.2"
    assert client_ip(request) == "2.2.2.2"
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_ip(request) == "10.0.0.1"
