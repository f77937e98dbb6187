#!/usr/bin/env python
"""Benchmark of the kaart's JSON API: p50/p95 latency for a fixed mix of searches.

Creates N generated services (default 10,000; fixed seed) in a database of its own, then calls
``/api/kaart/diensten/`` through Django's test client (the whole middleware stack, no network) and
prints a table with the median, 95th percentile and mean per kind of search, the SQL queries each
request needs and the hits. ``--backend engine`` answers from the search engine instead of the
database: the index is built first with ``update_index`` (its time is printed), and the table adds
the engine's own ``took`` (p50/p95) of the one search request behind each API request, and the
time spent outside the engine ("buiten": each request's own time minus its ``took``, p50/p95).

    make bench-kaart                               # temporary SQLite file, 10,000 services
    make bench-kaart BENCH_ARGS="--n 2000 --runs 20"
    BENCH_DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_kaart_bench make bench-kaart
    BENCH_SEARCH_URL=opensearch://127.0.0.1:9200 make bench-kaart BENCH_ARGS="--backend engine"

It never touches the development database or index: without ``BENCH_DATABASE_URL`` (or
``--database-url``) it uses a temporary SQLite file, and a database URL is only accepted when the
database name contains ``bench``. A PostgreSQL database that does not exist yet is created. The
engine's indexes get a prefix of their own (``--index-prefix``, default ``bench_kaart_``, must
contain ``bench``). With ``--keep`` a database that already holds N generated services is reused,
and so is an engine index that holds N services.
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
        "--keep",
        action="store_true",
        help="reuse the services already in the database (and the engine's index)",
    )
    parser.add_argument(
        "--reindex",
        action="store_true",
        help="with --keep: rebuild the engine's index all the same (to time update_index)",
    )
    parser.add_argument(
        "--backend",
        choices=["database", "engine"],
        default="database",
        help="who answers the kaart: the database backend (default) or the search engine",
    )
    parser.add_argument(
        "--search-url",
        default=os.environ.get("BENCH_SEARCH_URL", ""),
        help="the engine for --backend engine, as SEARCH_URL (default: BENCH_SEARCH_URL)",
    )
    parser.add_argument(
        "--index-prefix",
        default="bench_kaart_",
        help="prefix of the engine's indexes (must contain 'bench'; default bench_kaart_)",
    )
    args = parser.parse_args()
    if args.backend == "engine":
        if not args.search_url:
            parser.error("--backend engine needs --search-url or BENCH_SEARCH_URL")
        if "bench" not in args.index_prefix:
            parser.error("the index prefix must contain 'bench'")
    return args


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

    from kaart.factories import genereer_specs, indexeer, maak_diensten
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
            diensten = maak_diensten(specs, index=False)
        print(f"Created {n:,} services in {time.perf_counter() - started:.1f} s.")
        started = time.perf_counter()
        indexeer([dienst.pk for dienst in diensten])
        print(
            f"Indexed {n:,} services for the database backend in "
            f"{time.perf_counter() - started:.1f} s."
        )
    # Table statistics, as a database in use has them (PostgreSQL's autovacuum gathers them;
    # without them SQLite plans the full-text join badly, running the match once per row).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return specs


def query_mix(specs: list[dict], n: int) -> dict[str, dict]:
    gemeente = next(code for spec in specs for code in spec["gemeenten"])
    postcode = next(spec["postcode"][:4] for spec in specs if spec["postcode"])
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
        # Issue #13: a place, nearest first; a distance that widens, with facets.
        "plaats (postcode), dichtbij": {"plaats": postcode},
        "plaats + 10 km + facet, dichtbij": {
            "plaats": postcode,
            "afstand": "10",
            "doelgroep": ["ouderen", "iedereen"],
        },
        "plaats + 25 km + tekst, dichtbij": {
            "plaats": postcode,
            "afstand": "25",
            "q": "koffie",
            "sort": "afstand",
        },
    }


SUGGESTIE_PREFIXEN = ["be", "den", "lunt", "35", "s-her", "amst", "ha", "zuid", "gron", "ede"]


def measure_suggesties(runs: int) -> list[tuple]:
    """p50/p95 of the place field's and the search box's suggestion requests."""
    from django.test import Client

    client = Client()
    rows = []
    for label, url in (
        ("plaatsen (Waar woont u?)", "/api/kaart/plaatsen/"),
        ("zoekvak (diensten, labels, plaatsen)", "/api/kaart/suggest/"),
    ):
        client.get(url, {"q": "be"})  # warm-up: the place index is read once per process
        timings = []
        for i in range(runs):
            q = SUGGESTIE_PREFIXEN[i % len(SUGGESTIE_PREFIXEN)]
            started = time.perf_counter()
            response = client.get(url, {"q": q})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, q)
        rows.append((label, percentile(timings, 0.5), percentile(timings, 0.95)))
    return rows


def print_suggesties(rows: list[tuple]) -> None:
    print()
    print(f"{'suggesties':<42} {'p50 ms':>8} {'p95 ms':>8}")
    for label, p50, p95 in rows:
        print(f"{label:<42} {p50:>8.1f} {p95:>8.1f}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def engine_settings(url: str, prefix: str):
    """Settings with the engine at ``url`` answering the kaart, its indexes under ``prefix``."""
    from django.test import override_settings

    from portal.searchconfig import search_backends_from_url

    backends = search_backends_from_url(url, prefix)
    return override_settings(SEARCH_URL=url, WAGTAILSEARCH_BACKENDS=backends)


def index_engine(n: int, keep: bool) -> float | None:
    """Build the engine's indexes with ``update_index`` (seconds), unless --keep finds them."""
    from django.core.management import call_command

    from kaart.models import Dienst
    from search.engine import get_backend

    backend = get_backend("default")
    index = backend.get_index_for_model(Dienst).name
    if keep and backend.index_exists(index):
        body = {"query": {"match_all": {}}, "size": 0, "track_total_hits": True}
        if backend.engine_search(index, body)["hits"]["total"]["value"] == n:
            print(f"Reusing the engine's index of {n:,} services.")
            return None
    started = time.perf_counter()
    call_command("update_index", backend_name="default", verbosity=0)
    seconds = time.perf_counter() - started
    print(f"Indexed {n:,} services in the engine (update_index) in {seconds:.1f} s.")
    return seconds


def engine_took_log() -> list[int]:
    """The engine's own ``took`` (ms) of every kaart search request from now on."""
    from kaart.queries import engine

    took: list[int] = []
    run = engine.KaartEngineQuery.run

    def logged_run(self):
        answer = run(self)
        took.append(answer[3])
        return answer

    engine.KaartEngineQuery.run = logged_run
    return took


def load_average() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def measure(mix: dict[str, dict], runs: int, took: list[int] | None = None) -> list[tuple]:
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
        if took is not None:
            took.clear()
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        data = response.json()
        outside = None
        if took:
            # Each request makes one engine search: its own time minus that search's ``took``.
            assert len(took) == runs, (label, len(took), runs)
            outside = [timing - engine_ms for timing, engine_ms in zip(timings, took, strict=True)]
        rows.append(
            (
                label,
                percentile(timings, 0.5),
                percentile(timings, 0.95),
                statistics.fmean(timings),
                queries,
                data["count"],
                len(data["results"]),
                data["backend"],
                (
                    (
                        percentile(took, 0.5),
                        percentile(took, 0.95),
                        percentile(outside, 0.5),
                        percentile(outside, 0.95),
                    )
                    if took
                    else None
                ),
            )
        )
    return rows


def print_rows(title: str, rows: list[tuple]) -> None:
    print()
    print(title)
    header = f"{'zoekvraag':<42} {'p50 ms':>8} {'p95 ms':>8} {'gem. ms':>8} {'SQL':>4}"
    took_header = ""
    if rows and rows[0][8]:
        took_header = f" {'took p50':>9} {'took p95':>9} {'buiten p50':>10} {'buiten p95':>10}"
    print(header + f" {'treffers':>9} {'op pagina':>9}" + took_header)
    print("-" * (len(header) + 20 + len(took_header)))
    for label, p50, p95, mean, queries, count, shown, _backend, took in rows:
        line = f"{label:<42} {p50:>8.1f} {p95:>8.1f} {mean:>8.1f} {queries:>4} "
        line += f"{count:>9,} {shown:>9}"
        if took:
            line += f" {took[0]:>9.0f} {took[1]:>9.0f} {took[2]:>10.1f} {took[3]:>10.1f}"
        print(line)


def main():
    args = parse_args()
    database_url, temporary = choose_database(args.database_url)
    try:
        setup_django(database_url)
        from django.db import connection

        specs = load_data(args.n, args.seed, args.keep)
        mix = query_mix(specs, args.n)
        title = f"Kaart API, {args.n:,} services, {args.runs} requests each"
        title += f", database: {connection.vendor}"
        if args.backend == "database":
            print(f"Start: {load_average()}")
            rows = measure(mix, args.runs)
            print_rows(f"{title}, answered by the database backend", rows)
            print_suggesties(measure_suggesties(args.runs))
        else:
            with engine_settings(args.search_url, args.index_prefix):
                from search.engine import engine_name

                print(f"Index build start: {load_average()}")
                index_engine(args.n, args.keep and not args.reindex)
                print(f"Start: {load_average()}")
                rows = measure(mix, args.runs, took=engine_took_log())
                answered = {row[7] for row in rows}
                assert answered == {engine_name()}, f"answered by {answered}, not the engine"
                suggesties = measure_suggesties(args.runs)
            print_rows(
                f"{title}, answered by the engine {args.search_url} "
                "(took: the engine's own ms for the one search request)",
                rows,
            )
            print_suggesties(suggesties)
        print(f"End: {load_average()}")
    finally:
        if temporary:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(temporary + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
