"""Fixtures for the whole suite: the demo site, a browser, and axe-core."""

import hashlib
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from .services import IN_CI, require_chromium

# Playwright's sync API keeps an event loop in the main thread; Django's ORM calls from tests and
# fixtures there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def home_page(db):
    """The site root and home page of the demo content (no app demos)."""
    from home import demo

    return demo.load_site()


@pytest.fixture
def demo_site(db):
    """The whole demo content, inside the test's transaction (rolled back after the test)."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)


@contextmanager
def rolled_back(django_db_blocker):
    """A transaction around the tests of a module (or class), rolled back after them.

    For a module-scoped fixture that loads data once for tests that only read it: each test's
    ``db`` then runs in a savepoint inside it, so what a test changes is undone after that test,
    and what the fixture loaded is undone after the module; nothing leaks into other tests.
    pytest-django runs the ``db`` tests before the others, and tests/conftest.py the
    transactional ones last, so no test that flushes or commits runs inside it.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab; JavaScript on, desktop width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


def assert_no_axe_violations(tab):
    """axe-core with the WCAG 2.1 A and AA rules, and the 2.2 AA rules it has, finds nothing on
    the current page."""
    from axe_playwright_python.sync_playwright import Axe

    # Content the browser skips (content-visibility: auto, away from the screen) has no real
    # boxes, and axe's target-size rule would measure placeholders that overlap: lay it all out.
    tab.evaluate(
        "document.querySelectorAll('*').forEach(el => {"
        " if (getComputedStyle(el).contentVisibility === 'auto')"
        " el.style.contentVisibility = 'visible'; })"
    )
    results = Axe().run(
        tab,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    violations = results.response["violations"]
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


def assert_no_horizontal_scroll(tab):
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page scrolls {overflow}px sideways at {tab.viewport_size['width']}px"


__all__ = ["IN_CI", "assert_no_axe_violations", "assert_no_horizontal_scroll", "rolled_back"]


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """The demo site served by a real HTTP server thread for browser tests; its base URL.

    Browser tests use this and not pytest-django's ``live_server``, whose database flush after
    every test would wipe the demo content. They carry no ``db`` mark, so pytest-django runs them
    after every database test (the demo content never leaks into those). Tests that change data
    should use their own rows.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.management import call_command
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        created = _ensure_test_database()
        call_command("load_demo_content", verbosity=0)
        thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
        thread.terminate()
        if created:
            from django.test.utils import teardown_databases

            teardown_databases(created, verbosity=0)


def _ensure_test_database():
    """pytest-django creates the test database only when a collected test asks for ``db``; a run
    of browser tests alone does not, so create it here. Returns what to tear down, if anything."""
    from django.db import connection
    from django.test.utils import setup_databases

    configured = connection.settings_dict
    name = str(configured["NAME"])
    if name == str(configured.get("TEST", {}).get("NAME")) or name.startswith("test_"):
        return None  # pytest-django has set it up already
    return setup_databases(verbosity=0, interactive=False, aliases={"default"})


@pytest.fixture(scope="session")
def committed_database(django_db_setup, django_db_blocker):
    """The test database, also when no collected test asks for ``db``, for tests whose rows must
    be committed because another process reads them; such tests empty their own tables."""
    with django_db_blocker.unblock():
        created = _ensure_test_database()
    yield
    if created:
        from django.test.utils import teardown_databases

        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=0)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate limits, throttles), Redis or in-memory."""
    from django.core.cache import cache

    cache.clear()
    yield


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    )


def _phase(item) -> int:
    """When a test runs: 0 the ``db`` tests (each in a transaction), 1 the tests without one
    (browser tests, tests that commit), 2 the transactional tests (each ends in a flush)."""
    if _transactional(item):
        return 2
    marker = item.get_closest_marker("django_db")
    return 0 if marker or "db" in getattr(item, "fixturenames", ()) else 1


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests last of all, after the browser tests and the tests that commit.

    pytest-django runs them between the ``db`` tests and the rest; but the flush after each of
    them empties every table, also what the migrations made (Wagtail's root page and locale,
    content types, the kaart's terms) that the later tests and the demo site need. Tests whose
    slow subprocess starts early (below) come first, so that it runs beside the others.
    """
    items.sort(key=lambda item: (_transactional(item), not item.get_closest_marker("early")))


# In a parallel run (`make test` passes ``-n 2 --dist loadgroup --no-loadscope-reorder``) each
# worker has its own databases, Redis database (portal/settings/test.py), engine indexes and
# live site. The controller hands out whole groups, in the order of the run, one at a time: a
# group is one module's tests of one phase (``_phase``), so a worker loads a module's demo content
# once, and runs its phase-0 groups before its phase-1 groups before its phase-2 groups, the same
# order as a serial run (each worker runs a part of the serial order: handing out slow groups
# first made a test that depends on that order fail). New tests get this by the fixtures and
# marks they use.


def _group(item) -> str:
    return f"{_phase(item)}:{item.nodeid.split('::')[0]}"


class _XdistGroups:
    @pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the marks
    def pytest_collection_modifyitems(self, items):
        for item in items:
            item.add_marker(pytest.mark.xdist_group(_group(item)))


def pytest_configure(config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        config.pluginmanager.register(_XdistGroups(), "portal-xdist-groups")


# `make test` passes --reuse-db outside CI. pytest-django then keeps the test database, but the
# transactional tests, which run last, empty every table, also what the migrations put there
# (Wagtail's root page, the kaart's terms); a kept database would lack them in the next run. So a
# copy of the database as the migrations left it is kept instead, per state of the migrations,
# and each run starts from a copy of that (SQLite, the default; other engines start fresh).


def _sqlite_test_file() -> Path | None:
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict.get("TEST", {}).get("NAME") or "")
    return Path(name) if name and name != ":memory:" and "mode=memory" not in name else None


def _migrated_copy() -> Path:
    """Where the migrated database is kept: named by a digest of everything that shapes it."""
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in sorted(
        [*root.glob("*/migrations/*.py"), root / "constraints.txt", root / "pyproject.toml"]
    ):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return root / ".run" / f"test-migrated-{digest.hexdigest()[:16]}.sqlite3"


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's own backup, written under a temporary name first."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    partial.replace(target)


@pytest.fixture(scope="session")
def django_db_createdb(request):
    """With --reuse-db, a database other than a SQLite file is still made afresh (see above)."""
    return request.config.getvalue("create_db") or (
        request.config.getvalue("reuse_db") and _sqlite_test_file() is None
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """With --reuse-db, this run's SQLite test file starts as the kept migrated copy."""
    test_file = _sqlite_test_file()
    if request.config.getvalue("reuse_db") and test_file is not None:
        test_file.unlink(missing_ok=True)
        if _migrated_copy().exists():
            _copy_sqlite(_migrated_copy(), test_file)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, request):
    """pytest-django's setup; with --reuse-db, keep the migrated copy and remove this run's file."""
    from django.db import connection

    test_file = _sqlite_test_file()
    reuse = request.config.getvalue("reuse_db") and test_file is not None
    # Set up only if a collected test asked for a database.
    migrated = reuse and str(connection.settings_dict["NAME"]) == str(test_file)
    if migrated and not _migrated_copy().exists():
        for stale in _migrated_copy().parent.glob("test-migrated-*.sqlite3"):
            stale.unlink(missing_ok=True)
        _copy_sqlite(test_file, _migrated_copy())
    yield
    if reuse:
        for path in (test_file, *test_file.parent.glob(f"{test_file.name}-*")):  # -wal, -shm
            path.unlink(missing_ok=True)


# A test whose slow part is a subprocess of its own (no database of the run, no fixture) can have
# it started as soon as the run is collected, so that it runs on the other core beside the rest of
# the suite: ``@pytest.mark.early(start=start)``, where ``start(directory)`` starts it in an empty
# directory of its own and returns the ``subprocess.Popen``. The test gets ``(process, directory)``
# from the ``early`` fixture, waits for the process and checks its outcome.
_started_early: dict[str, tuple] = {}


# In a parallel run every worker collects every test but runs only some, so there the process
# starts with its test, which comes first (see pytest_collection_modifyitems) and has the other
# worker beside it.


def _start_early(item) -> tuple:
    directory = Path(tempfile.mkdtemp(prefix="portal-early-"))
    return item.get_closest_marker("early").kwargs["start"](directory), directory


def pytest_collection_finish(session):
    if session.config.option.collectonly or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    for item in session.items:
        if item.get_closest_marker("early"):
            _started_early[item.nodeid] = _start_early(item)


@pytest.fixture
def early(request):
    """The process that ``@pytest.mark.early`` started for this test, and its directory."""
    started = _started_early.pop(request.node.nodeid, None)
    process, directory = started or _start_early(request.node)
    try:
        yield process, directory
    finally:
        _stop(process, directory)


def pytest_sessionfinish(session):
    """Processes of tests that did not run (a stop after a failure, an interrupt) end here."""
    while _started_early:
        _stop(*_started_early.popitem()[1])


def _stop(process, directory):
    if process.poll() is None:
        process.kill()
        process.wait()
    shutil.rmtree(directory, ignore_errors=True)
