#!/usr/bin/env python
"""Benchmark of the kaart's open data: HSDS ``/services?search=`` latency and the nightly dump.

Creates N generated services (default 10,000; the same data as ``bench_kaart.py``, in a
temporary SQLite file or ``BENCH_DATABASE_URL``), then calls ``/api/hsds/services`` through
Django's test client (the whole middleware stack, no network) with a few searches and prints the
p50, p95 and mean per search, the SQL queries and the hits; then writes the open-data dump once
(``kaart.opendata.schrijf_dump``, into a temporary folder) and prints its time and size.

    .venv/bin/python scripts/bench_opendata.py [--n 10000] [--runs 30]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_kaart  # noqa: E402 (after the path above)

SEARCHES = ["koffie", "wandelen", "ouderen", "computer hulp", "rouw"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    args = parser.parse_args()
    database_url, temporary = bench_kaart.choose_database(args.database_url)
    try:
        bench_kaart.setup_django(database_url)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        bench_kaart.load_data(args.n, args.seed, args.keep)
        client = Client()
        print(f"Start: {bench_kaart.load_average()}")
        print(f"HSDS /api/hsds/services, {args.n:,} services, {connection.vendor}")
        print(f"{'search':<16}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'queries':>9}{'hits':>7}")
        for search in SEARCHES:
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get("/api/hsds/services", {"search": search})
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content[:200]
            hits = response.json()["total_items"]
            print(
                f"{search:<16}{statistics.median(times):>9.1f}"
                f"{bench_kaart.percentile(times, 0.95):>9.1f}{statistics.mean(times):>9.1f}"
                f"{len(queries):>9}{hits:>7}"
            )
        from kaart import opendata

        with tempfile.TemporaryDirectory() as folder:
            dump = opendata.schrijf_dump(Path(folder))
            sizes = {p.name: p.stat().st_size for p in dump.map.iterdir()}
        print(f"Dump: {dump.aantal:,} services, {dump.bytes / 1e6:.1f} MB in {dump.seconden:.1f} s")
        for name, size in sizes.items():
            print(f"  {name:<28}{size / 1e6:>8.2f} MB")
        print(f"End: {bench_kaart.load_average()}")
    finally:
        if temporary:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(temporary + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
