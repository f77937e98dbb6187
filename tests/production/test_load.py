"""Load and faults against the production stack on loopback: `make test-load`.

The stack is the one docs/deploy.md describes, started here on free ports so nothing shared is
touched: our own PostgreSQL cluster and Redis (scripts/services.sh with RUN_DIR/PGPORT/REDIS_PORT),
our own OpenSearch node (scripts/search-engine.sh), the demo content, gunicorn with
deploy/gunicorn.conf.py and the production settings. `wrk` puts 50 connections on each address for
LOAD_SECONDS (default 15); then PostgreSQL is restarted, Redis stopped and the search node stopped
while requests keep coming. Figures go to bench-results/load.json and the test output.

Runs only with LOAD_TEST=1 (`make test-load`); `make test` skips it.
"""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.services import missing

ROOT = Path(__file__).resolve().parents[2]
SECONDS = int(os.environ.get("LOAD_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "50"))
RESULTS = ROOT / "bench-results" / "load.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.engine,
    pytest.mark.skipif(not os.environ.get("LOAD_TEST"), reason="run with `make test-load`"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    """Our own services, the demo content and gunicorn, all on loopback."""

    def __init__(self):
        self.run_dir = ROOT / ".run" / f"load-{os.getpid()}"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.run_dir, 0o755)
        self.pg_port, self.redis_port = _free_port(), _free_port()
        self.search_port, self.web_port = _free_port(), _free_port()
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.services_env = {
            **os.environ,
            "RUN_DIR": str(self.run_dir),
            "PGPORT": str(self.pg_port),
            "REDIS_PORT": str(self.redis_port),
            "SEARCH_NODE_PORT": str(self.search_port),
            "SEARCH_NODE_TRANSPORT_PORT": str(_free_port()),
            "SEARCH_NODE_HOME": str(self.run_dir / "search-node"),
            "SEARCH_NODE_HEAP": os.environ.get("LOAD_SEARCH_HEAP", "512m"),
        }
        drop = {"DJANGO_ALLOW_ASYNC_UNSAFE", "SEARCH_TEST_URL", "CI"}
        self.env = {k: v for k, v in os.environ.items() if k not in drop}
        self.env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            SECRET_KEY="load-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL="https://127.0.0.1",
            DATABASE_URL=f"postgres://portal:portal@127.0.0.1:{self.pg_port}/portal",
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            CELERY_BROKER_URL=f"redis://127.0.0.1:{self.redis_port}/1",
            SEARCH_URL=f"opensearch://127.0.0.1:{self.search_port}",
            STATIC_ROOT=str(self.run_dir / "static"),
            MEDIA_ROOT=str(self.run_dir / "media"),
            GUNICORN_BIND=f"127.0.0.1:{self.web_port}",
            WEB_CONCURRENCY=os.environ.get("LOAD_WORKERS", "2"),
            GUNICORN_THREADS="4",
            GUNICORN_ACCESS_LOG="/dev/null",
            LOG_LEVEL="WARNING",
            LOG_FORMAT="plain",
            # Plain HTTP on loopback: wrk says https through X-Forwarded-Proto; Lighthouse cannot.
            SECURE_SSL_REDIRECT="false",
            CSP_UPGRADE_INSECURE_REQUESTS="false",
        )
        self.gunicorn = None

    def services(self, action: str, *names: str):
        subprocess.run(
            ["bash", "scripts/services.sh", action, *names],
            cwd=ROOT,
            env=self.services_env,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def search_engine(self, action: str):
        subprocess.run(
            ["bash", "scripts/search-engine.sh", action],
            cwd=ROOT,
            env=self.services_env,
            check=True,
            capture_output=True,
            timeout=300,
        )

    def manage(self, *args: str, timeout=900) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {args}: {result.stdout}\n{result.stderr}"
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "-v", "0", "-c", code).strip()

    def start(self):
        self.services("start", "postgres", "redis")
        self.search_engine("start")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_content", "--no-dev-user", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        # The engine client gives up after 5 s; a busy machine may need longer for an index.
        for attempt in range(3):
            try:
                self.manage("update_index", "-v", "0")
                break
            except AssertionError:
                if attempt == 2:
                    raise
                time.sleep(5)
        self.start_web()

    def start_web(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.web_log = open(self.run_dir / "gunicorn.log", "w")  # noqa: SIM115
        self.gunicorn = subprocess.Popen(
            [str(gunicorn), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self.web_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.status("/health/live") == 200:
                return
            time.sleep(0.3)
        log = (self.run_dir / "gunicorn.log").read_text()
        raise AssertionError(f"gunicorn did not answer: {log}")

    def stop(self):
        if self.gunicorn:
            self.gunicorn.send_signal(signal.SIGTERM)
            try:
                self.gunicorn.wait(30)
            except subprocess.TimeoutExpired:
                self.gunicorn.kill()
            self.web_log.close()
        for action in (lambda: self.search_engine("stop"), lambda: self.services("stop")):
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                action()
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def request(self, path: str, headers=None):
        request = urllib.request.Request(
            self.base + path, headers={"X-Forwarded-Proto": "https", **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def status(self, path: str) -> int:
        try:
            return self.request(path)[0]
        except OSError:
            return 0


def wrk(stack: Stack, path: str, seconds: int, script: str | None = None) -> dict:
    """Run wrk on one address; its figures: requests/s, p99 in ms, errors."""
    args = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if script:
        script_file = stack.run_dir / f"wrk-{uuid.uuid4().hex}.lua"
        script_file.write_text(script)
        args += ["-s", str(script_file)]
    result = subprocess.run(
        [*args, stack.base + path], capture_output=True, text=True, timeout=seconds + 60
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr

    def number(pattern, default="0"):
        match = re.search(pattern, out)
        return match.group(1) if match else default

    def ms(value: str) -> float:
        amount, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(amount) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    socket_line = number(r"(Socket errors:.*)", "")
    socket_counts = re.findall(r"(?:connect|read|write|timeout) (\d+)", socket_line)
    socket_errors = sum(int(n) for n in socket_counts)
    return {
        "path": path,
        "seconds": seconds,
        "connections": CONNECTIONS,
        "requests": int(number(r"(\d+) requests in")),
        "requests_per_second": float(number(r"Requests/sec:\s+([\d.]+)")),
        "p50_ms": ms(number(r"50%\s+([\d.]+\w+)", "0ms")),
        "p99_ms": ms(number(r"99%\s+([\d.]+\w+)", "0ms")),
        "non_2xx_3xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": socket_errors,
    }


def errors(figures: dict) -> int:
    return figures["non_2xx_3xx"] + figures["socket_errors"]


def record(name: str, value):
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[name] = value
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    print(f"\n{name}: {json.dumps(value, ensure_ascii=False)}")


@pytest.fixture(scope="module")
def stack():
    for tool in ("wrk", "redis-server", "java"):
        if not shutil.which(tool):
            missing(tool, f"apt-get install {tool}")
    stack = Stack()
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def urls(stack):
    """The addresses of the load test, taken from the demo content."""
    found = json.loads(
        stack.shell(
            "import json; from hulpmiddelen.models import SectiePage, ArtikelPage; "
            "from kaart.models import Dienst; "
            "s = SectiePage.objects.live().first(); a = ArtikelPage.objects.live().first(); "
            "d = Dienst.objects.order_by('pk').first(); "
            "print(json.dumps({'section': s.url, 'article': a.url, 'dienst': d.pk}))"
        ).splitlines()[-1]
    )
    kaart_query = "?q=ontmoeting&doelgroep=ouderen&plek=buitenshuis&financiering=gratis"
    return {
        "home": "/",
        "section": found["section"],
        "article": found["article"],
        "kaart": f"/kaart/{kaart_query}",
        "api": f"/api/kaart/diensten/{kaart_query}",
        "dienst": f"/kaart/dienst/{found['dienst']}/",
    }


@pytest.mark.parametrize("name", ["home", "section", "article", "kaart", "api"])
def test_load(stack, urls, name):
    status, headers, _ = stack.request(urls[name])
    assert status == 200, (urls[name], status)
    figures = wrk(stack, urls[name], SECONDS)
    record(f"load {name}", figures)
    assert figures["requests"] > 0
    assert errors(figures) == 0, figures


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@pytest.mark.browser
@pytest.mark.parametrize("name", ["home", "section", "kaart-start", "dienst", "hulpwijzer"])
def test_lighthouse_mobile(stack, urls, name):
    if not LIGHTHOUSE.exists():
        missing("Lighthouse", "run `npm ci` in the project folder (package-lock.json)")
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    path = {"kaart-start": "/kaart/", "hulpwijzer": "/kaart/hulpwijzer/"}.get(name) or urls[name]
    # Warm the page cache first: Lighthouse measures what visitors get.
    stack.request(path)
    # Performance varies from run to run on a shared machine: take the median of three runs, as
    # Lighthouse's own guidance on variability advises; the other categories must be 100 in each.
    runs = []
    for attempt in range(3):
        report = stack.run_dir / f"lighthouse-{name}-{attempt}.json"
        # Now and then Chrome loses the trace of the navigation and Lighthouse stops before it
        # measures anything ("Runtime error encountered", NO_NAVSTART; about one run in 80 here,
        # twice in a row once in CI): run that one again, up to three times, after a pause; any
        # other failure, and a runtime error four times in a row, fails the test.
        for retry in range(4):
            if retry:
                time.sleep(3)
            result = subprocess.run(
                [
                    str(LIGHTHOUSE),
                    stack.base + path,
                    "--quiet",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--output=json",
                    f"--output-path={report}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                    "--disable-dev-shm-usage",
                ],
                env={**os.environ, "CHROME_PATH": chromium},
                capture_output=True,
                text=True,
                timeout=240,
            )
            if result.returncode == 0 or "Runtime error encountered" not in result.stderr:
                break
        assert result.returncode == 0, result.stderr[-2000:]
        runs.append(json.loads(report.read_text()))
    runs.sort(key=lambda run: run["categories"]["performance"]["score"])
    data = runs[1]
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    for run in runs:
        for key in ("accessibility", "best-practices", "seo"):
            scores[key] = min(scores[key], round(run["categories"][key]["score"] * 100))
    failing = {
        audit["id"]: audit.get("displayValue", "")
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit["scoreDisplayMode"] in ("binary", "numeric")
    }
    record(f"lighthouse {name}", {"path": path, **scores})
    assert scores["accessibility"] == 100, failing
    assert scores["best-practices"] == 100, failing
    assert scores["seo"] == 100, failing
    assert scores["performance"] >= 95, failing


def _in_background(target):
    result = {}
    thread = threading.Thread(target=lambda: result.update(target()), daemon=True)
    thread.start()
    return thread, result


UNCACHED = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "{path}?r=" .. counter .. "-" .. math.random(1, 1000000000))
end
"""


def test_postgres_restart_during_load(stack, urls):
    marker = f"voor-herstart-{uuid.uuid4().hex[:8]}"
    group = "from django.contrib.auth.models import Group; Group.objects"
    stack.shell(f"{group}.create(name='{marker}')")
    script = UNCACHED.replace("{path}", urls["dienst"])  # every request misses the cache
    thread, during = _in_background(lambda: wrk(stack, urls["dienst"], 12, script))
    time.sleep(3)
    started = time.monotonic()
    stack.services("stop", "postgres")
    time.sleep(2)
    stack.services("start", "postgres")
    downtime = round(time.monotonic() - started, 1)
    thread.join(60)
    after = wrk(stack, urls["dienst"], 5, script)
    kept = stack.shell(f"{group}; print(Group.objects.filter(name='{marker}').count())")
    record(
        "fault postgres restart",
        {
            "downtime_s": downtime,
            "during": during,
            "after": after,
            "saved_before_restart_kept": kept.endswith("1"),
        },
    )
    assert during["requests"] > 0
    assert errors(during) < during["requests"], "every request failed"
    assert errors(after) == 0, "the site did not recover by itself"
    assert kept.endswith("1")


def test_redis_stopped_during_load(stack, urls):
    stack.services("stop", "redis")
    try:
        figures = {name: wrk(stack, urls[name], 5) for name in ("home", "kaart", "article")}
        status, _, body = stack.request("/health/ready")
        health = json.loads(body)
        record("fault redis stopped", {"load": figures, "health": health})
        for name, result in figures.items():
            assert errors(result) == 0, (name, result)
        assert status == 200 and health["status"] == "degraded"
        assert health["checks"]["cache"] == "error"
    finally:
        stack.services("start", "redis")
    # Back: after the pause each process gives Redis, the cache fills again by itself.
    seen = []
    for _ in range(20):
        time.sleep(1)
        seen.append(stack.request(urls["article"])[1].get("X-Page-Cache"))
        if seen[-1] == "hit":
            break
    assert seen[-1] == "hit", seen


def test_search_engine_stopped(stack, urls):
    query = "/kaart/?q=wandelen&thema=sociaal-isolement"
    status, _, body = stack.request(query)
    assert status == 200 and "Zoeken werkt op dit moment beperkt" not in body
    stack.search_engine("stop")
    fresh = f"{query}&sort=naam"  # not in the page cache yet
    status, _, body = stack.request(fresh)
    api_status, _, api_body = stack.request(f"/api/kaart/diensten/?q=wandelen&r={uuid.uuid4().hex}")
    script = UNCACHED.replace("{path}", "/kaart/").replace("?r=", "?q=wandelen&r=")
    figures = wrk(stack, fresh, 5, script)
    record(
        "fault search engine stopped",
        {
            "kaart_status": status,
            "notice": "Zoeken werkt op dit moment beperkt" in body,
            "api_status": api_status,
            "load": figures,
        },
    )
    assert status == 200 and "Zoeken werkt op dit moment beperkt" in body
    assert api_status == 200 and json.loads(api_body)["count"] >= 0
    assert errors(figures) == 0, figures


def test_oversized_and_malformed_requests_are_refused(stack):
    # A request line past gunicorn's limit, and a body past Django's.
    long_path = "/zoeken/?q=" + "a" * 9000
    assert stack.status(long_path) in (400, 414)
    big = urllib.request.Request(
        stack.base + "/zoeken/",
        data=b"q=" + b"x" * (13 * 1024 * 1024),
        headers={"X-Forwarded-Proto": "https", "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(big, timeout=30) as response:  # noqa: S310
            code = response.status
    except urllib.error.HTTPError as error:
        code = error.code
    except (ConnectionError, urllib.error.URLError):
        code = 0  # the server closed the connection: refused as well
    assert code in (0, 400, 403, 405, 413)
    # Headers with a line break never reach a response; a strange Host is refused.
    status, headers, _ = stack.request("/", headers={"Host": "evil.example"})
    assert status == 400
    assert stack.status("/health/live") == 200
