"""`load_demo_content` needs the runtime dependencies only, as docs/deploy.md installs them.

The command runs in a fresh interpreter on a fresh SQLite file, with every package that only the
``[test]`` extras bring made unimportable: the list is computed from pyproject.toml and the
installed packages' own requirements, so a new test-only package is refused too. It takes over a
minute, so it starts as soon as the run is collected (``@pytest.mark.early``, tests/conftest.py)
and runs beside the other tests; the test waits for it.
"""

import json
import sqlite3
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]

# Runs in the subprocess: refuse the given top-level modules, check the refusal works, then
# migrate and load the demo exactly as manage.py would.
WRAPPER = """
import importlib.abc, json, sys

REFUSED = set(json.loads(sys.argv[1]))


class RefuseTestPackages(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in REFUSED:
            raise ModuleNotFoundError(f"No module named {name!r} (test-only)", name=name)
        return None


sys.meta_path.insert(0, RefuseTestPackages())
for module in list(sys.modules):
    if module.partition(".")[0] in REFUSED:
        del sys.modules[module]
try:
    import factory  # noqa: F401
except ModuleNotFoundError:
    pass
else:
    sys.exit("factory_boy could still be imported")

from django.core.management import execute_from_command_line

execute_from_command_line(["manage.py", "migrate", "--noinput", "-v", "0"])
execute_from_command_line(["manage.py", "load_demo_content", "--no-dev-user"])
"""


def _closure(requirements: list[str]) -> set[str]:
    """The distributions ``requirements`` install, with their own requirements, recursively."""
    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency that is not installed
        seen.add(name)
        for text in dist.requires or []:
            sub = Requirement(text)
            extras = req.extras or {""}
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in extras):
                todo.append(sub)
    return seen


def modules_only_for_tests() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = _closure(project["dependencies"])
    test_only = _closure(project["optional-dependencies"]["test"]) - runtime
    refused = set()
    for module, dists in metadata.packages_distributions().items():
        if dists and all(canonicalize_name(d) in test_only for d in dists):
            refused.add(module)
    return refused


def start_the_demo_load(directory: Path) -> subprocess.Popen:
    """``migrate`` and ``load_demo_content`` in a fresh interpreter with the test-only packages
    refused, on a fresh SQLite file in ``directory``; its output goes to files there."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(directory),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{directory / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "INZENDINGEN_BESTANDEN_MAP": str(directory / "private"),
    }
    with open(directory / "stdout", "w") as stdout, open(directory / "stderr", "w") as stderr:
        return subprocess.Popen(
            [sys.executable, "-c", WRAPPER, json.dumps(sorted(modules_only_for_tests()))],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
            text=True,
        )


@pytest.mark.slow
@pytest.mark.early(start=start_the_demo_load)  # some 70 s: it runs beside the other tests
def test_load_demo_content_needs_no_test_packages(early):
    process, directory = early
    refused = modules_only_for_tests()
    assert {"factory", "wagtail_factories", "faker", "pytest", "hypothesis"} <= refused
    returncode = process.wait(timeout=600)
    assert returncode == 0, (directory / "stderr").read_text()[-3000:]
    assert "Voorbeeldinhoud geladen." in (directory / "stdout").read_text()
    with sqlite3.connect(directory / "demo.sqlite3") as connection:
        diensten, hulpmiddelen, paginas = (
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("kaart_dienst", "hulpmiddelen_hulpmiddel", "wagtailcore_page")
        )
    assert diensten >= 55 and hulpmiddelen >= 30 and paginas >= 20
