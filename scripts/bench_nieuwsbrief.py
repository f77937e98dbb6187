#!/usr/bin/env python
"""Benchmark of the nieuwsbrief's send engine: one issue to N subscribers with one Celery worker.

Creates N confirmed subscribers (default 10,000) and one approved issue in a database of its own,
starts an SMTP server on loopback and one ``celery -A portal worker`` with the production
settings, starts the send and waits until the issue is ``sent``. Prints the total time and the
messages per second, and checks that every subscriber got exactly one message.

    make bench-nieuwsbrief                                  # temporary SQLite file, 10,000
    make bench-nieuwsbrief BENCH_ARGS="--subscribers 2000 --concurrency 2"
    BENCH_DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/nb_bench make bench-nieuwsbrief

Needs Redis: the broker is database 5 of ``REDIS_URL`` (default ``redis://127.0.0.1:6379``), and is
emptied first. A database URL is only accepted when the database name contains ``bench``; a
PostgreSQL database that does not exist yet is created. The send rate limit is off
(``NIEUWSBRIEF_MAX_PER_MINUTE=0``): this measures the engine, not the throttle.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000, help="recipients (10,000)")
    parser.add_argument("--concurrency", type=int, default=1, help="worker processes (1)")
    parser.add_argument("--chunk", type=int, default=100, help="deliveries per task (100)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="database to use (its name must contain 'bench'); default: a temporary SQLite file",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="the Redis server; the benchmark uses its database 5",
    )
    parser.add_argument("--timeout", type=int, default=1800, help="give up after this many s")
    return parser.parse_args()


def choose_database(url: str) -> tuple[str, str | None]:
    if not url:
        handle, path = tempfile.mkstemp(prefix="bench-nieuwsbrief-", suffix=".sqlite3")
        os.close(handle)
        return f"sqlite:///{path}", path
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing {url!r}: the benchmark only uses a database whose name holds 'bench'.")
    if parts.scheme.startswith("postgres"):
        import psycopg

        with psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not exists.fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
    return url, None


class Collector:
    """aiosmtpd handler: counts the recipients of every accepted message."""

    def __init__(self):
        self.received = Counter()
        self.lock = threading.Lock()
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):
        now = time.perf_counter()
        with self.lock:
            self.received.update(envelope.rcpt_tos)
            self.first = self.first or now
            self.last = now
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    args = parse_args()
    database_url, temporary = choose_database(args.database_url)
    broker = args.redis_url.rsplit("/", 1)[0] + "/5"
    smtp_port = free_port()
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": broker,
        "REDIS_URL": broker,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SITE_URL": "https://portal.example",
        "LOG_FORMAT": "plain",
        "LOG_LEVEL": "WARNING",
        "NIEUWSBRIEF_MAX_PER_MINUTE": "0",
        "NIEUWSBRIEF_CHUNK_SIZE": str(args.chunk),
        "SEARCH_URL": "",
    }
    os.environ.update(env)

    import django

    django.setup()
    import redis
    from aiosmtpd.controller import Controller
    from django.core.management import call_command
    from django.db import transaction

    from nieuwsbrief import sending
    from nieuwsbrief.factories import IssueFactory
    from nieuwsbrief.hashing import email_hash
    from nieuwsbrief.models import Delivery, Issue, Subscriber, Suppression

    print(f"Database: {urlsplit(database_url).scheme}, broker: {broker}")
    call_command("migrate", verbosity=0)
    redis.Redis.from_url(broker).flushdb()
    started = time.perf_counter()
    with transaction.atomic():
        Delivery.objects.all().delete()
        Issue.objects.all().delete()
        Subscriber.objects.all().delete()
        Suppression.objects.all().delete()
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email=f"lezer{n}@example.org",
                    email_hash=email_hash(f"lezer{n}@example.org"),
                    status=Subscriber.Status.CONFIRMED,
                )
                for n in range(args.subscribers)
            ),
            batch_size=2000,
        )
        issue = IssueFactory(title="Benchmark", publish=True)
    print(f"Created {args.subscribers:,} subscribers in {time.perf_counter() - started:.1f} s.")

    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the worker writes to it until the end
        prefix="bench-nieuwsbrief-worker-", suffix=".log", delete=False
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            str(args.concurrency),
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"bench-nieuwsbrief-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        time.sleep(3)  # let the worker connect before the clock starts
        t0 = time.perf_counter()
        assert sending.start_send(issue.pk), "the issue could not be started"
        deadline = t0 + args.timeout
        while Issue.objects.get(pk=issue.pk).send_status != Issue.SendStatus.SENT:
            if time.perf_counter() > deadline or worker.poll() is not None:
                sys.exit(f"Not sent in time; worker log: {log.name}")
            time.sleep(0.2)
        elapsed = time.perf_counter() - t0
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
        controller.stop()

    issue = Issue.objects.get(pk=issue.pk)
    counts = Counter(collector.received.values())
    exactly_once = counts == Counter({1: args.subscribers})
    print(f"Sent {issue.sent_count:,} messages with 1 worker (concurrency {args.concurrency}).")
    print(f"Total time (start to 'sent'): {elapsed:.1f} s")
    print(f"Throughput: {args.subscribers / elapsed:.0f} messages/s")
    if collector.first and collector.last and collector.last > collector.first:
        print(
            "SMTP server: first to last message "
            f"{collector.last - collector.first:.1f} s "
            f"({args.subscribers / (collector.last - collector.first):.0f} messages/s)"
        )
    print(f"Every subscriber exactly one message: {'yes' if exactly_once else 'NO'} ({counts})")
    if temporary:
        os.unlink(temporary)
    sys.exit(0 if exactly_once else 1)


if __name__ == "__main__":
    main()
