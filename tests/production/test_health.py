"""/health/live and /health/ready: what a load balancer and the monitoring ask."""

from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_ready_names_every_dependency(client, home_page):
    response = client.get("/health/ready")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "search"}
    assert "no-cache" in response["Cache-Control"] and not response.cookies


@override_settings(CACHES=UNREACHABLE_REDIS, PAGE_CACHE_SECONDS=0)
def test_ready_without_cache_is_degraded_not_down(client, home_page):
    response = client.get("/health/ready")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded" and body["checks"]["cache"] == "error"
    assert body["checks"]["database"] == "ok"


def test_ready_without_database_is_down(client):
    with mock.patch("home.views._check_database", side_effect=OperationalError("down")):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == "error"


def test_live_checks_nothing(client):
    with mock.patch("home.views._check_database", side_effect=OperationalError("down")):
        response = client.get("/health/live")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
