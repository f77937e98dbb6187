"""Keeping the indexes up to date: the outbox, what happens when the broker or the engine is down,
publishing, unpublishing and deleting, and ``update_index``.

The test run has no broker, so Celery runs the index task at once inside the save (the embedded
default); the tests that need the broker path simulate it. The real worker is tested in
``test_worker.py``.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models.signals import post_save
from django.http import QueryDict
from django.test import override_settings
from django.utils import timezone
from modelsearch import signal_handlers as modelsearch_handlers

from kaart.factories import DienstFactory
from kaart.models import Dienst
from kaart.queries import parse_zoekvraag, zoek_diensten
from portal.searchconfig import search_backends_from_url
from search import indexing
from search.engine import engine_name
from search.models import IndexOpdracht

pytestmark = pytest.mark.django_db

DEAD_ENGINE = "opensearch://127.0.0.1:9"


def kaart_namen(q):
    return [d.naam for d in zoek_diensten(parse_zoekvraag(QueryDict(f"q={q}"))).diensten]


def opdracht_voor(obj):
    return IndexOpdracht.objects.get(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def engine_ids(backend, model=Dienst):
    index = backend.get_index_for_model(model).name
    backend.es.indices.refresh(index=index)
    answer = backend.es.search(index=index, body={"query": {"match_all": {}}, "size": 100})
    return {int(hit["_id"]) for hit in answer["hits"]["hits"]}


def test_wagtails_own_handlers_are_replaced_by_the_outbox():
    sync_receivers, async_receivers = post_save._live_receivers(Dienst)
    functions = [*sync_receivers, *async_receivers]
    assert modelsearch_handlers.post_save_signal_handler not in functions
    assert indexing._na_opslaan in functions
    assert Dienst in indexing.connected_models()


def test_a_save_is_recorded_and_done_at_once_without_a_broker():
    dienst = DienstFactory(naam="Wandelclub Zonnebloem", samenvatting="Samen wandelen.")
    opdracht = opdracht_voor(dienst)
    assert opdracht.verwerkt is not None and opdracht.pogingen == 0
    assert kaart_namen("wandelclub") == ["Wandelclub Zonnebloem"]


def test_with_a_broker_the_task_is_queued_after_the_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    from search import tasks

    queued = []
    monkeypatch.setattr(indexing, "celery_eager", lambda: False)
    monkeypatch.setattr(tasks.werk_zoekindex_bij, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dienst = DienstFactory(naam="Wandelclub Zonnebloem")
        assert queued == []  # nothing before the commit
        assert opdracht_voor(dienst).verwerkt is None
    for callback in callbacks:
        callback()
    ct = ContentType.objects.get_for_model(Dienst)
    assert (ct.pk, str(dienst.pk)) in queued


def test_broker_down_loses_nothing(django_capture_on_commit_callbacks, monkeypatch, caplog):
    from search import tasks

    def broker_down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(indexing, "celery_eager", lambda: False)
    monkeypatch.setattr(tasks.werk_zoekindex_bij, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        dienst = DienstFactory(naam="Wandelclub Zonnebloem", samenvatting="Samen wandelen.")
    assert opdracht_voor(dienst).verwerkt is None
    assert kaart_namen("wandelclub") == []  # not in the index yet
    assert any("volgt later" in r.getMessage() for r in caplog.records)

    # The periodic catch-up (or the command) does it once the row is old enough.
    IndexOpdracht.objects.update(aangevraagd=timezone.now() - timedelta(minutes=5))
    assert tasks.zoekindex_achterstand() >= 1
    assert opdracht_voor(dienst).verwerkt is not None
    assert kaart_namen("wandelclub") == ["Wandelclub Zonnebloem"]


def test_engine_down_keeps_the_row_open_and_the_database_index_current(caplog):
    with override_settings(
        SEARCH_URL=DEAD_ENGINE, WAGTAILSEARCH_BACKENDS=search_backends_from_url(DEAD_ENGINE, "x_")
    ):
        dienst = DienstFactory(naam="Wandelclub Zonnebloem", samenvatting="Samen wandelen.")
        opdracht = opdracht_voor(dienst)
        assert opdracht.verwerkt is None
        assert opdracht.pogingen == 1 and "default" in opdracht.laatste_fout
        # The kaart answers from the database meanwhile, and finds it there.
        resultaat = zoek_diensten(parse_zoekvraag(QueryDict("q=wandelclub")))
        assert resultaat.backend == "database" and resultaat.degraded
        assert [d.naam for d in resultaat.diensten] == ["Wandelclub Zonnebloem"]


def test_a_change_during_the_work_keeps_the_row_open():
    dienst = DienstFactory(naam="Eerste naam")
    IndexOpdracht.objects.update(verwerkt=None)
    oud = opdracht_voor(dienst)
    later = timezone.now() + timedelta(seconds=1)
    IndexOpdracht.objects.filter(pk=oud.pk).update(aangevraagd=later)  # saved again meanwhile
    assert indexing.verwerk(oud) is True
    assert opdracht_voor(dienst).verwerkt is None  # the newer change is still to be done


def test_unpublished_and_deleted_services_are_not_found():
    dienst = DienstFactory(naam="Wandelclub Zonnebloem")
    assert kaart_namen("wandelclub") == ["Wandelclub Zonnebloem"]
    dienst.live = False
    dienst.save()
    assert kaart_namen("wandelclub") == []
    dienst.live = True
    dienst.save()
    assert kaart_namen("wandelclub") == ["Wandelclub Zonnebloem"]
    dienst.delete()
    assert kaart_namen("wandelclub") == []


def test_the_command_does_what_is_open(capsys):
    dienst = DienstFactory(naam="Wandelclub Zonnebloem")
    IndexOpdracht.objects.update(verwerkt=None)
    call_command("zoekindex_bijwerken")
    assert "Bijgewerkt: 1. Nog open: 0." in capsys.readouterr().out
    assert opdracht_voor(dienst).verwerkt is not None


def test_done_rows_are_forgotten_after_a_week():
    dienst = DienstFactory(naam="Oud")
    IndexOpdracht.objects.update(verwerkt=timezone.now() - timedelta(days=8))
    indexing.werk_achterstand_bij()
    assert not IndexOpdracht.objects.filter(object_id=str(dienst.pk)).exists()


@pytest.mark.engine
class TestOnTheEngine:
    def test_save_unpublish_and_delete_reach_the_engine(self, engine):
        dienst = DienstFactory(naam="Wandelclub Zonnebloem", samenvatting="Samen wandelen.")
        assert dienst.pk in engine_ids(engine)
        resultaat = zoek_diensten(parse_zoekvraag(QueryDict("q=wandelclub")))
        assert resultaat.backend == engine_name()
        assert [d.naam for d in resultaat.diensten] == ["Wandelclub Zonnebloem"]

        dienst.live = False
        dienst.save()
        engine.es.indices.refresh(index=engine.get_index_for_model(Dienst).name)
        assert kaart_namen("wandelclub") == []

        pk = dienst.pk
        dienst.delete()
        assert pk not in engine_ids(engine)

    def test_a_page_published_and_unpublished(self, engine, home_page):
        from home.models import ContentPage

        page = ContentPage(title="Zangkoor De Lijster", slug="zangkoor", intro="Samen zingen.")
        home_page.add_child(instance=page)
        page.save_revision().publish()
        from wagtail.models import Page

        assert page.pk in engine_ids(engine, Page)

    def test_engine_back_after_a_failure_gets_everything(self, engine):
        dead = search_backends_from_url(DEAD_ENGINE, "x_")
        with override_settings(SEARCH_URL=DEAD_ENGINE, WAGTAILSEARCH_BACKENDS=dead):
            dienst = DienstFactory(naam="Wandelclub Zonnebloem")
            doomed = DienstFactory(naam="Verdwijnt")
            doomed_pk = doomed.pk
            doomed.delete()
        assert opdracht_voor(dienst).verwerkt is None
        call_command("zoekindex_bijwerken")
        assert engine_ids(engine) == {dienst.pk}
        assert doomed_pk not in engine_ids(engine)
        assert not indexing.open_opdrachten().exists()

    def test_update_index_swaps_an_alias_and_keeps_changes_made_meanwhile(self, engine):
        dienst = DienstFactory(naam="Wandelclub Zonnebloem")
        index = engine.get_index_for_model(Dienst).name
        before = set(engine.es.indices.get_alias(name=index))
        call_command("update_index", backend_name="default", verbosity=0)
        after = set(engine.es.indices.get_alias(name=index))
        assert len(after) == 1 and after != before
        assert not any(engine.es.indices.exists(index=name) for name in before)
        assert dienst.pk in engine_ids(engine)
