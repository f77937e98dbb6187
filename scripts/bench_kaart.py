#!/usr/bin/env python
"""Benchmark of the kaart's JSON API: p50/p95 latency for a fixed mix of searches.

Creates N generated services (default 10,000; fixed seed) in a database of its own, then calls
``/api/kaart/diensten/`` through Django's test client (the whole middleware stack, no network) and
prints a table with the median and 95th percentile per kind of search, and the SQL queries each
request needs.

    make bench-kaart                               # temporary SQLite file, 10,000 services
    make bench-kaart BENCH_ARGS="--n 2000 --runs 20"
    BENCH_DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_kaart_bench make bench-kaart

It never touches the development database: without ``BENCH_DATABASE_URL`` (or ``--database-url``)
it uses a temporary SQLite file, and a database URL is only accepted when the database name
contains ``bench``. A PostgreSQL database that does not exist yet is created. With ``--keep`` a
database that already holds N generated services is reused.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of services (10,000)")
    parser.add_argument("--runs", type=int, default=30, help="requests per kind of search (30)")
    parser.add_argument("--seed", type=int, default=20260101, help="seed of the generated data")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="database to use (its name must contain 'bench'); default: a temporary SQLite file",
    )
    parser.add_argument(
        "--keep", action="store_true", help="reuse the services already in the database"
    )
    return parser.parse_args()


def choose_database(url: str) -> tuple[str, str | None]:
    """The database URL to use, and a temporary file to remove afterwards (or None)."""
    if not url:
        handle, path = tempfile.mkstemp(prefix="bench-kaart-", suffix=".sqlite3")
        os.close(handle)
        return f"sqlite:///{path}", path
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in Path(name).name:
        sys.exit(f"Refusing {url!r}: the benchmark only uses a database whose name holds 'bench'.")
    if parts.scheme.startswith("postgres"):
        ensure_postgres_database(parts, name)
    return url, None


def ensure_postgres_database(parts, name: str) -> None:
    import psycopg

    admin = psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    for name in ("SEARCH_URL", "CELERY_BROKER_URL", "REDIS_URL"):
        os.environ.pop(name, None)  # the kaart answers from the database; no services needed
    import django

    django.setup()


def load_data(n: int, seed: int, keep: bool) -> list[dict]:
    from django.core.management import call_command
    from django.db import connection, transaction

    from kaart.factories import genereer_specs, maak_diensten
    from kaart.models import Dienst, zorg_voor_basisgegevens

    call_command("migrate", verbosity=0)
    zorg_voor_basisgegevens()
    specs = genereer_specs(n, seed=seed)
    prefix = f"gen-{seed}-"
    have = Dienst.objects.filter(extern_id__startswith=prefix).count()
    if keep and have == n:
        print(f"Reusing {n:,} services.")
    else:
        started = time.perf_counter()
        with transaction.atomic():
            Dienst.objects.all().delete()
            maak_diensten(specs)
        print(f"Created and indexed {n:,} services in {time.perf_counter() - started:.1f} s.")
    # Table statistics, as a database in use has them (PostgreSQL's autovacuum gathers them;
    # without them SQLite plans the full-text join badly, running the match once per row).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return specs


def query_mix(specs: list[dict], n: int) -> dict[str, dict]:
    gemeente = next(code for spec in specs for code in spec["gemeenten"])
    deep_page = max(1, int(n / 20 * 0.8))
    return {
        "alles (geen filters)": {},
        "alleen tekst": {"q": "koffie"},
        "alleen facetten": {
            "doelgroep": ["ouderen", "mantelzorgers"],
            "plek": ["aan-huis"],
            "kosten": ["gratis", "tot-10"],
        },
        "tekst + 3 facetten + gemeente + leeftijd": {
            "q": "wandelgroep",
            "doelgroep": ["ouderen", "iedereen"],
            "plek": ["buitenshuis"],
            "kosten": ["gratis", "tot-10"],
            "gemeente": gemeente,
            "leeftijd": "70",
        },
        f"diepe pagina ({deep_page})": {"page": str(deep_page)},
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(mix: dict[str, dict], runs: int) -> list[tuple]:
    from django.db import connection
    from django.test import Client

    client = Client()
    executed = []

    def count_queries(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    rows = []
    for label, params in mix.items():
        url = "/api/kaart/diensten/?" + urlencode(params, doseq=True)
        response = client.get(url)  # warm-up
        assert response.status_code == 200, (url, response.content[:300])
        executed.clear()
        with connection.execute_wrapper(count_queries):
            client.get(url)
        queries = len(executed)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        data = response.json()
        rows.append(
            (
                label,
                percentile(timings, 0.5),
                percentile(timings, 0.95),
                statistics.fmean(timings),
                queries,
                data["count"],
                len(data["results"]),
            )
        )
    return rows


def main():
    args = parse_args()
    database_url, temporary = choose_database(args.database_url)
    try:
        setup_django(database_url)
        from django.db import connection

        specs = load_data(args.n, args.seed, args.keep)
        rows = measure(query_mix(specs, args.n), args.runs)
        vendor = connection.vendor
        print()
        print(f"Kaart API, {args.n:,} services, {args.runs} requests each, database: {vendor}")
        header = f"{'zoekvraag':<42} {'p50 ms':>8} {'p95 ms':>8} {'gem. ms':>8} {'SQL':>4}"
        print(header + f" {'treffers':>9} {'op pagina':>9}")
        print("-" * (len(header) + 20))
        for label, p50, p95, mean, queries, count, shown in rows:
            print(
                f"{label:<42} {p50:>8.1f} {p95:>8.1f} {mean:>8.1f} {queries:>4} "
                f"{count:>9,} {shown:>9}"
            )
    finally:
        if temporary:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(temporary + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
