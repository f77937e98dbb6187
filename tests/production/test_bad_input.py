"""Bad input never breaks a page: random query parameters and form posts on every public address,
path traversal and header injection. Never a 500, never someone else's file or header."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import rolled_back

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

KAART_PARAMS = [
    "q", "doelgroep", "thema", "activiteit", "vorm", "frequentie", "plek", "financiering",
    "uitvoering", "preventie", "eenzaamheidsgroep", "erkenning", "kosten", "bereik", "gemeente",
    "plaats", "afstand", "leeftijd", "sort", "page", "page_size", "vergelijk",
]  # fmt: skip
NOT_PUBLIC = ("beheer", "django-admin", "documenten", "health", "api")

nasty_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["", "-1", "0", "999999999999999999999", "1e309", "NaN", "ouderen", "GM0363",
         "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\x00",
         "\r\nSet-Cookie: x=1", "😀" * 20, "a" * 2000, "3511 AB", "35111", "Hengelo", "10",
         "afstand", "den haag, (", "GM0788"]
    ),
)  # fmt: skip
params = st.lists(
    st.tuples(st.one_of(st.sampled_from(KAART_PARAMS), st.text(max_size=12)), nasty_text),
    max_size=8,
)
fuzz = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _query(pairs) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v.replace("\x00", "")) for k, v in pairs])


def public_paths() -> list[str]:
    """Every address of the site without a parameter in its path, except admin, API and health."""
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern) and "<" not in route and "(?P" not in route:
                path = "/" + (prefix + route).lstrip("^").rstrip("$").lstrip("/")
                if not path.strip("/").startswith(NOT_PUBLIC) and "\\" not in path:
                    paths.append(path)

    walk(get_resolver().url_patterns, "")
    return sorted(set(paths))


@pytest.fixture(scope="module")
def site_module(django_db_setup, django_db_blocker):
    """The home page and the kaart's example services, loaded once for the whole module (the
    whole demo takes too long); rolled back after it."""
    from home import demo as home_demo
    from kaart import demo

    with rolled_back(django_db_blocker):
        demo.load(home_demo.load_site())
        yield


@pytest.fixture
def site(site_module, db):
    """The site of ``site_module``; what a test sends is undone after the test (its savepoint)."""


@fuzz
@given(pairs=params)
def test_kaart_page_answers_any_query(client, site, pairs):
    response = client.get(f"/kaart/?{_query(pairs)}")
    if response.status_code == 302:
        # Empty values: the same search without them, which is answered at once.
        assert response["Location"].startswith("/kaart/")
        response = client.get(response["Location"])
    assert response.status_code in (200, 400), response.status_code
    assert "Set-Cookie" not in response and "x=1" not in response.headers.get("Set-Cookie", "")


@fuzz
@given(pairs=params)
def test_kaart_api_answers_any_query(client, site, pairs):
    response = client.get(f"/api/kaart/diensten/?{_query(pairs)}")
    assert response.status_code in (200, 400), response.status_code
    body = response.json()
    if response.status_code == 400:
        assert body["error"], body  # a clear message


@fuzz
@given(pairs=params, data=st.data())
def test_every_public_address_survives_any_post_and_query(client, site, pairs, data):
    path = data.draw(st.sampled_from(public_paths()))
    query = _query(pairs)
    got = client.get(f"{path}?{query}")
    assert got.status_code < 500, (path, query, got.status_code)
    posted = client.post(path, dict(pairs), headers={"Sec-Fetch-Site": "same-origin"})
    assert posted.status_code < 500, (path, dict(pairs), posted.status_code)


def test_public_paths_include_the_forms():
    paths = public_paths()
    assert "/kaart/" in paths and "/zoeken/" in paths
    assert not any(p.startswith(("/beheer", "/api", "/health")) for p in paths)


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2fportal%2fsettings%2fbase.py",
        "/media/../portal/settings/base.py",
        "/documenten/..%2f..%2fmanage.py",
        "/kaart/dienst/..%2f..%2f1/",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/kaart/%00/",
    ],
)
def test_path_traversal_finds_nothing(client, site, path):
    response = client.get(path)
    assert response.status_code in (301, 302, 400, 404), (path, response.status_code)
    body = b"".join(response) if response.streaming else response.content
    assert b"root:x:" not in body and b"SECRET_KEY" not in body


def test_header_injection_in_parameters_and_headers(client, site):
    response = client.get("/zoeken/", {"q": "eenzaam\r\nSet-Cookie: sessionid=gestolen"})
    assert response.status_code == 200
    assert "gestolen" not in response.headers.get("Set-Cookie", "")
    assert not response.cookies
    # A forwarded host is not trusted: no link or redirect points elsewhere.
    forwarded = client.get("/", headers={"X-Forwarded-Host": "evil.example"})
    assert b"evil.example" not in forwarded.content
    redirect = client.get("/kaart", headers={"X-Forwarded-Host": "evil.example"})
    assert "evil.example" not in redirect.headers.get("Location", "")


def test_oversized_form_body_is_refused(client, site):
    from django.conf import settings as django_settings
    from django.urls import reverse

    # The sign-in form reads the body: Django refuses it before any field is looked at.
    login = reverse("wagtailadmin_login")
    size = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024
    form = "application/x-www-form-urlencoded"
    response = client.post(login, data=b"username=" + b"x" * size, content_type=form)
    assert response.status_code == 400
    fields = django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    too_many = "&".join(f"v{i}=1" for i in range(fields))
    response = client.post(login, data=too_many, content_type=form)
    assert response.status_code == 400
