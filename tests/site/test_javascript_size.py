"""The site's JavaScript stays small: every script the pages load, gzipped, is 15 KB at most
together (phones on a slow line; issue #14)."""

import gzip
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 15 * 1024
PAGES = (
    "/",
    "/kaart/",
    "/kaart/hulpwijzer/",
    "/kaart/bewaarlijst/",
    "/zoeken/?q=maatje",
    "/inzendingen/bel-mij-terug/",
)


@pytest.mark.django_db
def test_the_scripts_the_pages_load_are_at_most_15_kb_gzipped(client, home_page):
    scripts = set()
    for path in PAGES:
        html = client.get(path).content.decode()
        scripts |= set(re.findall(r'<script[^>]+src="/static/([^"?]+)"', html))
    assert scripts, "the pages load no script of ours"
    assert all(s.startswith("js/") for s in scripts), scripts
    every = {p.name for p in (ROOT / "static" / "js").glob("*.js")}
    sizes = {s: len(gzip.compress((ROOT / "static" / s).read_bytes(), 9)) for s in scripts}
    total = sum(sizes.values())
    print(f"\nJS gzipped: {sizes} total={total} of {len(every)} files")
    assert total <= LIMIT, sizes
