"""Settings come from the environment; with nothing set, everything is embedded."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.searchconfig import search_backends_from_url

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "db": s.DATABASES["default"]["ENGINE"],
    "db_name": s.DATABASES["default"]["NAME"],
    "search": s.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search_urls": s.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "broker": s.CELERY_BROKER_URL,
    "email": s.EMAIL_BACKEND,
    "email_host": getattr(s, "EMAIL_HOST", ""),
    "debug": s.DEBUG,
    "hosts": s.ALLOWED_HOSTS,
    "site_url": s.SITE_URL,
    "cache": s.CACHES["default"]["BACKEND"],
    "db_options": s.DATABASES["default"].get("OPTIONS", {}),
}))
"""

CONFIG_VARS = (
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_DEBUG",
    "SITE_URL",
    "EMAIL_URL",
    "CELERY_BROKER_URL",
    "SEARCH_URL",
    "REDIS_URL",
)


def probe(settings_module: str, **env) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_default_with_no_environment():
    s = probe("portal.settings.dev")
    assert s["db"] == "django.db.backends.sqlite3"
    assert s["search"] == "search.backends.database"
    assert s["eager"] is True
    assert s["email"] == "django.core.mail.backends.console.EmailBackend"
    assert s["cache"].endswith("LocMemCache")
    assert s["debug"] is True
    # Parallel writers on SQLite wait for each other instead of failing (WAL, IMMEDIATE, timeout).
    assert s["db_options"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


def test_production_configuration_from_environment():
    s = probe(
        "portal.settings.production",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://u:p@db.internal:5432/portal",
        ALLOWED_HOSTS="portal.example.org,www.portal.example.org",
        SITE_URL="https://portal.example.org/",
        EMAIL_URL="smtp://mailer:secret@smtp.example.org:587/?tls=True",
        CELERY_BROKER_URL="redis://redis.internal:6379/1",
        REDIS_URL="redis://redis.internal:6379/0",
        SEARCH_URL="opensearch://search.internal:9200",
    )
    assert s["db"] == "django.db.backends.postgresql"
    assert s["db_name"] == "portal"
    assert "transaction_mode" not in s["db_options"]  # SQLite's options only for SQLite
    assert s["hosts"] == ["portal.example.org", "www.portal.example.org"]
    assert s["site_url"] == "https://portal.example.org"
    assert s["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert s["email_host"] == "smtp.example.org"
    assert s["eager"] is False
    assert s["broker"] == "redis://redis.internal:6379/1"
    assert s["cache"].endswith("RedisCache")
    assert s["search"] == "search.backends.opensearch2"
    assert s["search_urls"] == ["http://search.internal:9200"]
    assert s["debug"] is False


def test_production_refuses_to_start_without_secret_key():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        probe("portal.settings.production")


@pytest.mark.parametrize(
    ("url", "backend", "http_url"),
    [
        ("opensearch://127.0.0.1:9200", "opensearch2", "http://127.0.0.1:9200"),
        ("opensearch3://os:9200", "opensearch3", "http://os:9200"),
        ("elasticsearch://es:9200", "elasticsearch8", "http://es:9200"),
        ("elasticsearch9+https://u:p@es:443", "elasticsearch9", "https://u:p@es:443"),
        ("opensearch+https://u:p@os.example.org", "opensearch2", "https://u:p@os.example.org"),
    ],
)
def test_search_url_selects_engine(url, backend, http_url):
    backends = search_backends_from_url(url, "t_")
    assert backends["default"]["BACKEND"] == f"search.backends.{backend}"
    assert backends["default"]["URLS"] == [http_url]
    assert backends["default"]["INDEX_PREFIX"] == "t_"
    assert backends["database"]["BACKEND"] == "search.backends.database"


def test_unknown_search_scheme_is_refused():
    with pytest.raises(ValueError, match="solr"):
        search_backends_from_url("solr://x:8983")


def test_no_search_url_means_database_backend():
    backends = search_backends_from_url("")
    assert backends["default"]["BACKEND"] == "search.backends.database"


def test_the_sqlite_connection_runs_in_wal_mode_with_a_busy_timeout(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's options")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
    assert connection.transaction_mode == "IMMEDIATE"


def _names_read_from_the_environment() -> set[str]:
    """Every ``env("NAME")`` / ``env.int("NAME")`` … in portal/settings, found in the source."""
    import ast

    names = set()
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            reads_env = (isinstance(func, ast.Name) and func.id == "env") or (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "env"
            )
            first = node.args[0]
            if reads_env and isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def _names_in_the_readme_table() -> set[str]:
    import re

    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_cell))
    return names


def test_every_setting_read_from_the_environment_is_in_the_readme_table():
    read = _names_read_from_the_environment()
    assert {"SECRET_KEY", "NIEUWSBRIEF_HASH_KEY", "MEDIA_STORAGE_BACKEND"} <= read  # the parser
    missing = sorted(read - _names_in_the_readme_table())
    assert not missing, f"README.md's configuration table does not name {missing}"


def test_every_variable_of_env_example_is_in_the_readme_table():
    import re

    example = (ROOT / "deploy" / "env.example").read_text()
    named = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert "NIEUWSBRIEF_HASH_KEY" in named
    assert not sorted(named - _names_in_the_readme_table())


def test_each_worker_of_a_parallel_test_run_has_its_own_redis_database():
    """pytest-xdist's workers gw0, gw1 … add their number to REDIS_URL's database, so one
    worker's cache.clear() or broker queue never touches another's."""
    from portal.settings.test import _own_redis_database

    assert _own_redis_database("redis://127.0.0.1:6379/8", "gw0") == "redis://127.0.0.1:6379/8"
    assert _own_redis_database("redis://127.0.0.1:6379/8", "gw1") == "redis://127.0.0.1:6379/9"
    assert (
        _own_redis_database("redis://:pw@127.0.0.1:6379", "gw2") == "redis://:pw@127.0.0.1:6379/2"
    )
    assert _own_redis_database("redis://127.0.0.1:6379/3", "") == "redis://127.0.0.1:6379/3"
    assert _own_redis_database("", "gw1") == ""
