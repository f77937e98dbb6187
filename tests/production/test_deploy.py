"""The production settings: check --deploy is silent, static files are hashed and compressed,
the process manager files are valid, and the settings refuse to start without a secret."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "prod-test-9f8e7d6c5b4a39281706f5e4d3c2b1a0-zyxwvutsrqponmlkjihgfedcba"


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SENTRY_DSN", "LOG_FORMAT", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": SECRET,
            "NIEUWSBRIEF_HASH_KEY": "n" * 50,
            "ALLOWED_HOSTS": "eenzaamheid.example.nl",
            "SITE_URL": "https://eenzaamheid.example.nl",
            **extra,
        }
    )
    return env


def run(*args, env, timeout=300):
    return subprocess.run(
        [*args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.slow
def test_check_deploy_answers_no_warnings():
    result = run(
        sys.executable,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


@pytest.mark.slow
def test_check_deploy_warns_when_transport_security_is_switched_off():
    # The test above must be able to fail: switch HSTS and the redirect off.
    result = run(
        sys.executable,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="false"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_production_refuses_to_start_without_secret():
    env = production_env(SECRET_KEY="")
    result = run(sys.executable, "manage.py", "check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_sentry_dsn_without_sentry_sdk_is_a_clear_error():
    pytest.importorskip("django")
    try:
        import sentry_sdk  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("sentry-sdk is installed here")
    result = run(
        sys.executable,
        "manage.py",
        "check",
        env=production_env(SENTRY_DSN="https://key@sentry.example.nl/1"),
    )
    assert result.returncode != 0 and "pip install sentry-sdk" in result.stderr


def test_production_settings_from_environment():
    code = (
        "from django.conf import settings as s; import json; print(json.dumps({"
        "'proxy': s.SECURE_PROXY_SSL_HEADER, 'hsts': s.SECURE_HSTS_SECONDS, "
        "'session': [s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_SAMESITE], 'csrf': [s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE,"
        " s.CSRF_COOKIE_HTTPONLY], 'log': s.LOGGING['handlers']['console']['formatter'],"
        " 'upgrade': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests'],"
        " 'cache': s.CACHES['default']['BACKEND'], 'page_cache': s.PAGE_CACHE_SECONDS,"
        " 'media': s.STORAGES['default']['BACKEND'], 'debug': s.DEBUG}))"
    )
    result = run(
        sys.executable,
        "manage.py",
        "shell",
        "-v",
        "0",
        "-c",
        code,
        env=production_env(
            REDIS_URL="redis://127.0.0.1:6399/8",
            MEDIA_STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
        ),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["hsts"] == 31536000
    assert values["session"] == ["__Host-sessionid", True, True, "Lax"]
    assert values["csrf"] == ["__Host-csrftoken", True, True]
    assert values["log"] == "json" and values["upgrade"] is True and values["debug"] is False
    assert values["cache"] == "portal.cache_backend.ResilientRedisCache"
    assert values["page_cache"] == 600
    assert values["media"] == "django.core.files.storage.InMemoryStorage"


@pytest.mark.slow
def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    result = run(
        sys.executable,
        "manage.py",
        "collectstatic",
        "--noinput",
        "-v",
        "0",
        env=production_env(STATIC_ROOT=str(tmp_path)),
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/portal.css"]
    assert hashed != "css/portal.css" and hashed.startswith("css/portal.")
    assert (tmp_path / hashed).exists()
    assert (tmp_path / f"{hashed}.gz").exists()
    assert "wagtailadmin/js/core.js" in manifest


def test_gunicorn_configuration_is_valid():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    result = run(
        str(gunicorn),
        "--check-config",
        "-c",
        "deploy/gunicorn.conf.py",
        env=production_env(WEB_CONCURRENCY="2"),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_process_files_start_web_worker_and_beat():
    procfile = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    assert procfile["web"] == "gunicorn -c deploy/gunicorn.conf.py"
    assert procfile["worker"].startswith("celery -A portal worker")
    assert procfile["beat"].startswith("celery -A portal beat")
    assert "migrate" in procfile["release"] and "update_index" in procfile["release"]
    for unit in ("portal-web", "portal-worker", "portal-beat"):
        text = (ROOT / "deploy" / "systemd" / f"{unit}.service").read_text()
        assert "EnvironmentFile=/etc/portal/env" in text
        assert "ExecStart=/srv/portal/app/.venv/bin/" in text
        assert "Restart=on-failure" in text and "NoNewPrivileges=true" in text
    env_example = (ROOT / "deploy" / "env.example").read_text()
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "CELERY_BROKER_URL",
        "ALLOWED_HOSTS",
        "MEDIA_ROOT",
        "STATIC_ROOT",
    ):
        assert f"\n{name}=" in env_example, name
