"""Which real services the test run has, and what a test does when one is missing.

Locally a missing service skips the tests that need it, with a message that says how to start it.
With ``CI`` set, a missing service fails those tests: CI must prove everything.
"""

import os
import shutil
import socket
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

IN_CI = bool(os.environ.get("CI"))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def missing(what: str, how: str):
    """Skip locally, fail in CI."""
    message = f"{what} is not available ({how})"
    if IN_CI:
        pytest.fail(f"CI needs {message}", pytrace=False)
    pytest.skip(message)


def _port_open(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        address = (parts.hostname or "127.0.0.1", parts.port or default_port)
        with socket.create_connection(address, 1):
            return True
    except OSError:
        return False


@cache
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    return url if url and _port_open(url, 6379) else ""


@cache
def search_url() -> str:
    """The engine the engine tests use: SEARCH_TEST_URL, else SEARCH_URL (``opensearch://…``)."""
    url = os.environ.get("SEARCH_TEST_URL") or os.environ.get("SEARCH_URL", "")
    return url if url and _port_open(url.replace("+https", "").replace("+http", ""), 9200) else ""


def require_redis() -> str:
    url = redis_url()
    if not url:
        missing("Redis", "set REDIS_URL to a running server, e.g. redis://127.0.0.1:6379/0")
    return url


def require_search_engine() -> str:
    url = search_url()
    if not url:
        missing(
            "the search engine",
            "run `make search-engine` and set SEARCH_TEST_URL=opensearch://127.0.0.1:9200",
        )
    return url


def require_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        missing("PostgreSQL", "set DATABASE_URL=postgres://user:pass@127.0.0.1:5432/portal")


VNU_JAR = Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"


NODE_BIN = Path(__file__).resolve().parents[1] / "node_modules/.bin"


def require_node_tool(name: str) -> str:
    """A command-line tool of package.json's devDependencies (``npm ci`` installs them)."""
    if not shutil.which("node"):
        missing("Node.js", "apt-get install nodejs npm")
    tool = NODE_BIN / name
    if not tool.exists():
        missing(f"npm's {name}", "run `npm ci` (make test does it) for node_modules/.bin")
    return str(tool)


def require_vnu() -> list[str]:
    """The command of the W3C Nu HTML Checker (npm's ``vnu-jar``, run with the machine's Java)."""
    java = shutil.which("java")
    if not java:
        missing("Java", "apt-get install openjdk-17-jre-headless")
    if not VNU_JAR.exists():
        missing("the Nu HTML Checker", "run `npm ci` (make test does it) for node_modules/vnu-jar")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def require_chromium() -> str:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        missing("Chromium", "apt-get install chromium")
    return CHROMIUM
