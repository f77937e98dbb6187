"""Measure what a visitor downloads for a page: HTML, CSS, JS and fonts, raw and gzipped.

Usage (after `make demo`): .venv/bin/python scripts/page_weight.py [/path/ ...]
It renders through Django's test client against the dev database and reads the static files the
page links to, the way a browser would fetch them (fonts preloaded or referenced from the CSS).
"""

import gzip
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402


def static_file(url: str) -> bytes:
    path = url.split("?")[0].removeprefix("/static/")
    found = finders.find(path)
    return Path(found).read_bytes() if found else b""


def weigh(path: str) -> dict[str, tuple[int, int]]:
    client = Client(HTTP_HOST="localhost")
    html = client.get(path).content
    parts = {"html": [html], "css": [], "js": [], "fonts": []}
    text = html.decode()
    for href in re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text):
        css = static_file(href)
        parts["css"].append(css)
        base = href.rsplit("/", 1)[0]
        for font in re.findall(r'url\("?([^")]+\.woff2)"?\)', css.decode()):
            resolved = os.path.normpath(f"{base}/{font}")
            parts["fonts"].append(static_file(resolved))
    for src in re.findall(r'<script[^>]+src="([^"]+)"', text):
        parts["js"].append(static_file(src))
    return {
        kind: (sum(len(b) for b in blobs), sum(len(gzip.compress(b)) for b in blobs))
        for kind, blobs in parts.items()
    }


def main(paths: list[str]) -> None:
    for path in paths or ["/"]:
        sizes = weigh(path)
        total = tuple(sum(v[i] for v in sizes.values()) for i in (0, 1))
        print(f"{path}")
        for kind, (raw, gz) in {**sizes, "total": total}.items():
            print(f"  {kind:6} {raw:>8,} B raw  {gz:>8,} B gzip")


if __name__ == "__main__":
    main(sys.argv[1:])
