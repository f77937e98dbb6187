"""The engine killed in the middle of searching: the kaart and the site search answer from the
database (quietly saying so), nothing saved meanwhile is lost, and all of it is in the engine once
it is back.

This test starts its own node with ``scripts/search-engine.sh`` on other ports (never the shared
one), kills it with SIGKILL, and starts it again on the same data, as after a crash.
"""

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.http import QueryDict

from kaart.factories import DienstFactory, genereer_specs, maak_diensten
from kaart.models import Dienst
from kaart.queries import parse_zoekvraag, zoek_diensten
from search import indexing
from tests.services import missing, require_search_engine

from .support import engine_prefix, engine_settings, index_diensten

pytestmark = [pytest.mark.django_db, pytest.mark.engine, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "search-engine.sh"
PORT = int(os.environ.get("SEARCH_TEST_NODE_PORT", "9217"))


class OwnNode:
    """A search node of this test alone: started, killed and started again by its pid file."""

    def __init__(self, port: int, home: Path):
        self.port = port
        self.home = home
        self.url = f"opensearch://127.0.0.1:{port}"
        self.env = {
            **os.environ,
            "SEARCH_NODE_PORT": str(port),
            "SEARCH_NODE_TRANSPORT_PORT": str(port + 100),
            "SEARCH_NODE_HOME": str(home),
            "SEARCH_NODE_HEAP": "384m",
        }

    def run(self, command: str, keep_data: bool = False) -> None:
        env = {**self.env, "SEARCH_NODE_KEEP_DATA": "1" if keep_data else "0"}
        result = subprocess.run(
            ["bash", str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=240
        )
        assert result.returncode == 0, result.stderr[-3000:]

    def kill(self) -> None:
        pid = int((self.home / "search-node.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


@pytest.fixture(scope="module")
def own_node():
    require_search_engine()  # same needs (java, the built node) as the shared engine
    if not shutil.which("java") or not shutil.which("curl"):
        missing("java and curl for a test node", "apt-get install openjdk-17-jdk-headless curl")
    home = ROOT / ".run" / f"search-node-test-{os.getpid()}"
    node = OwnNode(PORT, home)
    node.run("start")
    try:
        yield node
    finally:
        node.run("stop")
        shutil.rmtree(home, ignore_errors=True)


def kaart(q=""):
    return zoek_diensten(parse_zoekvraag(QueryDict(f"q={q}" if q else "")))


def test_killed_engine_falls_back_then_catches_up(own_node, client, caplog):
    with engine_settings(own_node.url, engine_prefix()):
        from search.engine import get_backend

        engine = get_backend("default")
        diensten = maak_diensten(genereer_specs(40, seed=11))
        index_diensten(engine, [d.pk for d in diensten])
        total = kaart().count
        assert total == 40 and kaart().backend == "opensearch"

        # Search without pause while the node is killed half way.
        answers = []
        killer = threading.Timer(1.0, own_node.kill)
        killer.start()
        started = time.monotonic()
        while time.monotonic() - started < 4 or not answers or answers[-1][0] != "database":
            result = kaart()
            answers.append((result.backend, result.degraded, result.count))
            assert time.monotonic() - started < 60, "the fallback never happened"
        killer.join()
        assert answers[0] == ("opensearch", False, 40)
        assert answers[-1] == ("database", True, 40)
        assert all(count == 40 for _, _, count in answers), "every answer counts everything"
        assert any("answering from the database" in r.getMessage() for r in caplog.records)

        # The API and the site search say so too, and nothing fails.
        api = client.get("/api/kaart/diensten/", {"q": "koffie"})
        assert api.status_code == 200 and api.json()["backend"] == "database"
        site = client.get("/zoeken/", {"q": "koffie"})
        assert site.status_code == 200 and "Zoeken werkt op dit moment beperkt" in site.text

        # Editors keep working: a new service, a changed name, a deleted one.
        nieuw = DienstFactory(naam="Zomerschool Noorderlicht")
        gewijzigd = diensten[0]
        gewijzigd.naam = "Winterwandeling Zuiderzon"
        gewijzigd.save()
        weg = diensten[1]
        weg_pk = weg.pk
        weg.delete()
        assert indexing.open_opdrachten().count() == 3
        assert [d.naam for d in kaart("zomerschool").diensten] == ["Zomerschool Noorderlicht"]

        # The node comes back with its old data: the first search that works catches up.
        own_node.run("start", keep_data=True)
        deadline = time.monotonic() + 60
        while kaart().backend != "opensearch":
            assert time.monotonic() < deadline, "the engine did not come back"
            time.sleep(0.5)
        engine.es.indices.refresh(index=engine.get_index_for_model(Dienst).name)
        assert not indexing.open_opdrachten().exists()
        for q, naam in (("zomerschool", nieuw.naam), ("winterwandeling", gewijzigd.naam)):
            result = kaart(q)
            assert result.backend == "opensearch" and not result.degraded
            assert [d.naam for d in result.diensten] == [naam]
        assert kaart().count == 40  # one new, one deleted
        index = engine.get_index_for_model(Dienst).name
        assert engine.es.exists(index=index, id=nieuw.pk)
        assert not engine.es.exists(index=index, id=weg_pk)
