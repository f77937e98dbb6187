"""``/api/v1/``: the kaart's JSON API under the Dutch API Design Rules.

The served description passes the official ADR ruleset (Spectral, read from
``../shared/validators/nl-api-design-rules/``) with no error and no warning, and Redocly's
recommended rules with no error; both tools come from package.json (``npm ci``) and are
required in CI. The answers are the kaart contract's (the same serialisers as ``/api/kaart/``),
with an ``API-Version`` header, and every bad input of the contract answers an RFC 9457
problem naming the parameter. Schemathesis checks the answers against the description.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.wsgi import get_wsgi_application

from kaart.openapi import API_V1_VERSION, beschrijving_v1
from tests.services import missing, require_node_tool

from .test_api import twee_diensten  # noqa: F401 (a fixture)
from .test_openapi import CONFIG, HYPOTHESIS, kaart_met_diensten, volledig  # noqa: F401
from .test_queries import BAD_INPUT

URL = "/api/v1/openapi.json"
ADR_RULESET = (
    Path(django_settings.BASE_DIR).parent / "shared/validators/nl-api-design-rules/linter.yaml"
)
V1_NAMES = {"page_size": "pageSize"}

schema = schemathesis.openapi.from_wsgi(URL, get_wsgi_application(), config=CONFIG)


@pytest.fixture
def served_description(client, db, tmp_path) -> Path:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["API-Version"] == API_V1_VERSION
    path = tmp_path / "openapi.json"
    path.write_bytes(response.content)
    return path


def test_the_adr_ruleset_finds_no_error_and_no_warning(served_description, tmp_path):
    spectral = require_node_tool("spectral")
    if not ADR_RULESET.exists():
        missing("The ADR ruleset", f"expected it at {ADR_RULESET}")
    report = tmp_path / "spectral.json"
    subprocess.run(
        [spectral, "lint", "--ruleset", str(ADR_RULESET), "--format", "json"]
        + ["--output", str(report), "--fail-severity", "error", str(served_description)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    results = json.loads(report.read_text(encoding="utf-8"))
    # Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
    problems = [f"{r['code']} at {'.'.join(map(str, r['path']))}" for r in results]
    assert [r for r in results if r["severity"] <= 1] == [], problems


def test_redocly_recommended_rules_find_no_error(served_description):
    redocly = require_node_tool("redocly")
    result = subprocess.run(
        [redocly, "lint", "--format", "json", str(served_description)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        # No telemetry or update check: the test asks no host outside this machine.
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
    )
    report = json.loads(result.stdout[result.stdout.index("{") :])
    assert report["totals"]["errors"] == 0, report["problems"]
    assert result.returncode == 0


def test_the_description_follows_the_rules_the_linters_cannot_see():
    description = beschrijving_v1()
    assert description["servers"] == [{"url": "/api/v1", "description": "Deze site."}]
    assert set(description["info"]["contact"]) == {"name", "email", "url"}
    assert description["info"]["license"]["identifier"] == "CC-BY-4.0"
    for path, operations in description["paths"].items():
        assert not path.endswith("/")
        for parameter in operations["get"]["parameters"]:
            assert "_" not in parameter["name"], parameter["name"]


@pytest.mark.parametrize(("query", "parameter"), BAD_INPUT)
def test_bad_input_is_a_problem_naming_the_parameter(client, db, query, parameter):
    query = query.replace("page_size", "pageSize")
    response = client.get(f"/api/v1/diensten?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == API_V1_VERSION
    assert response["Access-Control-Allow-Origin"] == "*"
    problem = response.json()
    name = V1_NAMES.get(parameter, parameter)
    assert problem == {
        "type": "about:blank",
        "title": "Ongeldige invoer",
        "status": 400,
        "detail": problem["detail"],
        "instance": "/api/v1/diensten",
        "invalidParams": [{"type": "about:blank", "name": name, "reason": problem["detail"]}],
    }
    # The same message as the kaart contract's answer gives.
    old = client.get(f"/api/kaart/diensten/?{query.replace('pageSize', 'page_size')}").json()
    assert old == {"error": problem["detail"], "parameter": parameter, "suggesties": []}


def test_the_answers_are_the_kaart_contracts(client, twee_diensten):  # noqa: F811
    koffie, _ = twee_diensten
    for query in ("", "q=koffie", "doelgroep=ouderen&sort=kosten", "page=1"):
        new = client.get(f"/api/v1/diensten?{query}")
        assert new.status_code == 200 and new["API-Version"] == API_V1_VERSION
        assert new.json() == client.get(f"/api/kaart/diensten/?{query}").json()
        assert client.get(f"/api/v1/diensten/?{query}").json() == new.json()  # no redirect
    small = client.get("/api/v1/diensten", {"pageSize": 1}).json()
    assert (small["page_size"], len(small["results"])) == (1, 1)
    ignored = client.get("/api/v1/diensten", {"page_size": 1}).json()
    assert ignored["page_size"] == 20  # the kaart's spelling is unknown in version 1
    one = client.get(f"/api/v1/diensten/{koffie.pk}")
    assert one.json() == client.get(f"/api/kaart/diensten/{koffie.pk}/").json()
    suggesties = client.get("/api/v1/suggesties", {"q": "koff"})
    assert suggesties.json() == client.get("/api/kaart/suggest/", {"q": "koff"}).json()
    assert suggesties["Access-Control-Allow-Origin"] == "*"


def test_not_found_wrong_method_and_preflight(client, db):
    for path in ("/api/v1/diensten/0", "/api/v1/diensten/99999999999999999999", "/api/v1/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
        assert response["API-Version"] == API_V1_VERSION
        assert response.json()["status"] == 404
    long = client.get("/api/v1/suggesties", {"q": "a" * 201})
    assert long.status_code == 400 and long.json()["invalidParams"][0]["name"] == "q"
    post = client.post("/api/v1/diensten")
    assert post.status_code == 405 and post["Content-Type"] == "application/problem+json"
    assert post["Allow"] == "GET, HEAD, OPTIONS"
    preflight = client.options("/api/v1/diensten", headers={"Origin": "https://x.example"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["API-Version"] == API_V1_VERSION


def test_the_description_is_valid_openapi():
    schema.validate()


@schema.parametrize()
@HYPOTHESIS
def test_schemathesis_finds_nothing(case, kaart_met_diensten):  # noqa: F811
    case.call_and_validate()


OPEN_PATHS = [
    "/api/v1/diensten",
    "/api/v1/diensten/{pk}",
    "/api/v1/suggesties",
    "/api/v1/openapi.json",
    "/api/kaart/diensten/",
    "/api/kaart/diensten/{pk}/",
    "/api/kaart/suggest/",
    "/api/kaart/openapi.json",
]


@pytest.mark.parametrize("path", OPEN_PATHS)
def test_every_path_allows_any_origin_and_answers_preflights(client, twee_diensten, path):  # noqa: F811
    path = path.format(pk=twee_diensten[0].pk)
    response = client.get(path, {"q": "koffie"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        path,
        headers={"Origin": "https://gemeente.example.nl", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    refused = client.delete(path)
    assert refused.status_code == 405 and refused["Access-Control-Allow-Origin"] == "*"
