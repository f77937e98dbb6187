"""scripts/backup.sh and scripts/restore.sh: dump → wipe → restore → the same pages, services,
subscribers and media. Runs the scripts as an operator would, on a database of their own."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.services import IN_CI, missing

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _env(database_url: str, media: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "CELERY_BROKER_URL", "SEARCH_URL")
    }
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        PYTHON=sys.executable,
    )
    return env


def _run(args, env, timeout=600):
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _manage(env, *args):
    return _run([sys.executable, "manage.py", *args], env)


def _fingerprint(env) -> dict:
    out = _manage(
        env, "shell", "-v", "0", "-c", "from tests.production.snapshot import main; main()"
    )
    return json.loads(out.strip().splitlines()[-1])


def _build_site(env, media: Path) -> dict:
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_demo_content", "-v", "0")
    (media / "original_images").mkdir(parents=True, exist_ok=True)
    (media / "original_images" / "bewaar-mij.txt").write_text("een geupload bestand\n")
    before = _fingerprint(env)
    # The test must be able to fail: the demo has pages, services and (if the app has them)
    # subscribers, so a restore that loses any of them shows.
    assert before["wagtailcore.page"][0] > 5
    for app in ("kaart", "nieuwsbrief"):
        rows = sum(count for label, (count, _) in before.items() if label.startswith(f"{app}."))
        has_models = any(label.startswith(f"{app}.") for label in before)
        assert not has_models or rows > 0, f"the demo has no {app} rows to restore"
    return before


def _media_files(media: Path) -> dict:
    return {
        str(p.relative_to(media)): p.read_bytes() for p in sorted(media.rglob("*")) if p.is_file()
    }


def _backup_wipe_restore(env, media: Path, backups: Path, wipe) -> tuple[dict, dict]:
    files_before = _media_files(media)
    folder = Path(_run(["bash", "scripts/backup.sh", str(backups)], env).strip().splitlines()[-1])
    assert (folder / "SHA256SUMS").exists() and (folder / "media.tar.gz").exists()
    wipe()
    shutil.rmtree(media)
    _run(["bash", "scripts/restore.sh", str(folder), "--yes"], env)
    return files_before, _media_files(media)


def test_sqlite_backup_and_restore(tmp_path):
    database = tmp_path / "portal.sqlite3"
    media = tmp_path / "media"
    media.mkdir()
    env = _env(f"sqlite:///{database}", media)
    before = _build_site(env, media)

    def wipe():
        database.unlink()
        assert not database.exists()

    files_before, files_after = _backup_wipe_restore(env, media, tmp_path / "backups", wipe)
    assert _fingerprint(env) == before
    assert files_after == files_before and "original_images/bewaar-mij.txt" in files_after


def test_postgres_backup_and_restore(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        missing("PostgreSQL", "set DATABASE_URL=postgres://user:pass@127.0.0.1:5432/portal")
    if not shutil.which("pg_dump") and not IN_CI:
        pytest.skip("pg_dump is not installed (apt-get install postgresql-client)")
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'portal'}_backup_{os.getpid()}"
    target = parts._replace(path=f"/{name}").geturl()
    pg = {
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "",
        "PGPASSWORD": parts.password or "",
    }
    pg_env = {**os.environ, **pg}
    media = tmp_path / "media"
    media.mkdir()
    env = _env(target, media)
    subprocess.run(["dropdb", "--if-exists", name], env=pg_env, check=True)
    subprocess.run(["createdb", name], env=pg_env, check=True)
    try:
        before = _build_site(env, media)

        def wipe():
            subprocess.run(["dropdb", "--force", name], env=pg_env, check=True)

        files_before, files_after = _backup_wipe_restore(env, media, tmp_path / "backups", wipe)
        assert _fingerprint(env) == before
        assert files_after == files_before
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", name], env=pg_env, check=False)
