"""Real services for the nieuwsbrief tests: an SMTP server, a Redis server, a Celery worker.

- :class:`SMTPServer`: aiosmtpd on loopback in a thread; keeps every message it accepted and can
  answer 451 for the first N messages, refuse recipients, delay its answer, or call back.
- :func:`redis_server`: our own ``redis-server`` on a free port, so a test may stop and start it
  without touching the shared one.
- :class:`Worker`: a real ``celery -A portal worker`` process against a given broker and database.
"""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import kombu.pools
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(message or f"condition not met within {timeout} s")


class SMTPServer:
    """An SMTP server that collects messages; its behaviour can be changed while it runs."""

    def __init__(self):
        self.messages: list[tuple[list[str], bytes]] = []
        self.lock = threading.Lock()
        self.fail_first = 0  # answer 451 to the first N messages (after their DATA)
        self.refuse = set()  # recipients answered with 550 at RCPT TO
        self.delay = 0.0  # seconds to wait before answering the end of DATA
        self.on_message = None  # called with the number of messages kept so far, before answering
        self.on_rcpt = None  # called with the number of RCPT commands so far, before answering
        self.rcpts = 0
        self.attempts = 0
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpts += 1
            seen = self.rcpts
        if self.on_rcpt is not None:
            self.on_rcpt(seen)
        if address in self.refuse:
            return "550 5.1.1 Onbekende ontvanger"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.attempts += 1
            if self.attempts <= self.fail_first:
                return "451 4.3.0 Even niet, probeer het later"
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
            kept = len(self.messages)
        if self.on_message is not None:
            self.on_message(kept)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def per_recipient(self) -> Counter:
        with self.lock:
            return Counter(rcpt for rcpts, _ in self.messages for rcpt in rcpts)

    def parsed(self):
        with self.lock:
            return [message_from_bytes(raw, policy=default_policy) for _, raw in self.messages]

    def raw(self):
        with self.lock:
            return [raw for _, raw in self.messages]


@contextmanager
def redis_server():
    """Our own redis-server on a free port; yields a controller with ``stop()``/``start()``."""
    binary = shutil.which("redis-server")
    if binary is None:
        from tests.services import missing

        missing("redis-server", "apt-get install redis-server")
    workdir = tempfile.mkdtemp(prefix="nb-redis-")

    class Redis:
        port = free_port()
        process = None

        @property
        def url(self):
            return f"redis://127.0.0.1:{self.port}/0"

        def start(self):
            self.process = subprocess.Popen(
                [
                    binary,
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    workdir,
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_until(self.up, 10, message="redis-server did not start")

        def up(self):
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.2):
                    return True
            except OSError:
                return False

        def stop(self):
            if self.process is not None:
                self.process.kill()
                self.process.wait(10)
                self.process = None

    server = Redis()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def database_url_for_worker() -> str:
    """The URL of the database pytest-django created, for a worker in another process."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


class Worker:
    """``celery -A portal worker`` (with its own beat) as a separate process group."""

    def __init__(self, broker_url: str, email_url: str, env: dict | None = None, concurrency=1):
        self.broker_url = broker_url
        self.email_url = email_url
        self.extra_env = env or {}
        self.concurrency = concurrency
        self.process = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - open while the worker runs
            prefix="nb-worker-", suffix=".log", delete=False
        )
        self.schedule = tempfile.mkdtemp(prefix="nb-beat-")

    def start(self):
        env = {
            **os.environ,
            "REDIS_URL": self.broker_url,
            "DJANGO_SETTINGS_MODULE": "tests.nieuwsbrief.worker_settings",
            "DATABASE_URL": database_url_for_worker(),
            "CELERY_BROKER_URL": self.broker_url,
            "EMAIL_URL": self.email_url,
            "EMAIL_TIMEOUT": "5",
            "SITE_URL": "https://portal.example",
            "DATABASE_CONN_MAX_AGE": "0",
            "PYTHONPATH": str(ROOT),
            **self.extra_env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--beat",
                "--schedule",
                os.path.join(self.schedule, "beat"),
                "--pool",
                "prefork",
                "--concurrency",
                str(self.concurrency),
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"nb-test-{os.getpid()}-{time.monotonic_ns()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self):
        """SIGKILL the whole worker: main process, pool children and beat, like a power cut."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-6000:]


def broker_url_for_tests(redis_url: str) -> str:
    """Database 5 of the given Redis server: the nieuwsbrief tests' own broker."""
    return redis_url.rsplit("/", 1)[0] + "/5"


@contextmanager
def celery_publishing_to(broker_url: str):
    """Let this (test) process publish tasks to ``broker_url`` instead of running them eagerly."""
    from portal.celery import app

    def reset_pools():
        # kombu keeps one pool per broker in a registry of the process. Closing only the app's
        # pool left that closed pool in the registry: back on the test's own broker, the next
        # task (eager ones too acquire a producer) failed with "Acquire on closed pool".
        kombu.pools.reset()  # closes every pool and empties the registry
        app._pool = None
        amqp = app.__dict__.get("amqp")
        if amqp is not None:
            amqp._producer_pool = None

    before = (app.conf.broker_url, app.conf.task_always_eager)
    reset_pools()
    app.conf.broker_url, app.conf.task_always_eager = broker_url, False
    try:
        yield app
    finally:
        reset_pools()
        app.conf.broker_url, app.conf.task_always_eager = before
