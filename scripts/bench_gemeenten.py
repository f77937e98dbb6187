#!/usr/bin/env python
"""Queries, time and bytes of the gemeente pages on the demo content (``docs/gemeenten.md``).

Migrates a temporary SQLite file, loads the demo content and asks a few gemeente pages through
Django's test client (the whole middleware stack, no network): the first request (cold: the
per-process lists of terms and gemeenten are read, the figures' files loaded), the best of
``--runs`` later ones (warm), and a page-cache hit. Prints the SQL queries, the time, the page's
bytes and the bytes of each chart (the inline SVG).

    .venv/bin/python scripts/bench_gemeenten.py
    .venv/bin/python scripts/bench_gemeenten.py --runs 20 utrecht voorne-aan-zee
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    for name in ("SEARCH_URL", "CELERY_BROKER_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()


def meet(client, url: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        duur = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), duur * 1000, response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", default=["utrecht", "voorne-aan-zee", "amsterdam"])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(f"sqlite:///{tmp}/bench.sqlite3")
        from django.core.management import call_command
        from django.test import Client, override_settings

        call_command("migrate", verbosity=0)
        call_command("load_demo_content", verbosity=0)
        client = Client()
        print(f"{'pagina':<32} {'koud':>14} {'warm':>14} {'bytes':>7}  grafieken (bytes)")
        for slug in args.slugs:
            url = f"/gemeenten/{slug}/"
            koud_q, koud_ms, _ = meet(client, url)
            warm = [meet(client, url) for _ in range(args.runs)]
            warm_q, warm_ms, response = min(warm, key=lambda m: m[1])
            html = response.content.decode()
            grafieken = [len(svg.encode()) for svg in re.findall(r"<svg.*?</svg>", html, re.S)]
            print(
                f"{url:<32} {koud_q:>3} q {koud_ms:>6.0f} ms {warm_q:>3} q {warm_ms:>6.0f} ms "
                f"{len(response.content):>7}  {grafieken}"
            )
        with override_settings(PAGE_CACHE_SECONDS=60, PAGE_CACHE_ALIAS="default"):
            url = f"/gemeenten/{args.slugs[0]}/"
            meet(client, url)
            queries, ms, response = meet(client, url)
            print(f"{url:<32} page cache {response.get('X-Page-Cache')}: {queries} q, {ms:.1f} ms")


if __name__ == "__main__":
    main()
