"""``update_index`` under load: searches running all the time never get an empty or doubled answer.

Threads search the kaart's index as fast as they can while ``update_index`` rebuilds it three
times; every answer must have exactly the number of services there are.
"""

import threading
import time

import pytest
from django.core.management import call_command

from kaart.factories import genereer_specs, maak_diensten
from kaart.models import Dienst

from .support import index_diensten

pytestmark = [pytest.mark.django_db, pytest.mark.engine, pytest.mark.slow]

SERVICES = 150
SEARCHERS = 3


def test_no_search_finds_nothing_while_the_index_is_rebuilt(engine):
    diensten = maak_diensten(genereer_specs(SERVICES, seed=5))
    index_diensten(engine, [d.pk for d in diensten])
    alias = engine.get_index_for_model(Dienst).name
    queries = [
        {"query": {"match_all": {}}},
        {"query": {"match": {"_all_text": {"query": "koffie", "operator": "and"}}}},
    ]
    expected = [
        engine.engine_search(alias, {**q, "size": 0, "track_total_hits": True})["hits"]["total"][
            "value"
        ]
        for q in queries
    ]
    assert expected[0] == SERVICES and 0 < expected[1] < SERVICES

    stop = threading.Event()
    answers: list[tuple[int, int]] = []
    errors: list[str] = []

    def search():
        i = 0
        while not stop.is_set():
            which = i % len(queries)
            body = {**queries[which], "size": 0, "track_total_hits": True}
            try:
                total = engine.engine_search(alias, body)["hits"]["total"]["value"]
                answers.append((which, total))
            except Exception as exc:  # collected: any failure fails the test
                errors.append(repr(exc))
            i += 1

    threads = [threading.Thread(target=search) for _ in range(SEARCHERS)]
    for thread in threads:
        thread.start()
    try:
        indexes = set()
        for _ in range(3):
            call_command("update_index", backend_name="default", verbosity=0)
            indexes |= set(engine.es.indices.get_alias(name=alias))
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()

    assert errors == []
    assert len(indexes) == 3  # three rebuilds, three new indexes behind the alias
    assert len(answers) > 30, "the searches should have run during the rebuilds"
    wrong = [(which, total) for which, total in answers if total != expected[which]]
    assert wrong == [], f"{len(wrong)} of {len(answers)} answers were wrong: {wrong[:5]}"
    assert len(engine.es.indices.get_alias(name=alias)) == 1
