"""Keeping the search indexes up to date: an outbox in the database, worked off by Celery.

Wagtail's own signal handlers index a saved object in a background task and delete a removed one
at once, from the engine too, inside the editor's request. When the engine or the broker is down,
that work is logged and lost. The portal replaces those handlers (:func:`connect`) with:

1. on save or delete of any indexed model (pages, snippets such as ``kaart.Dienst``, images…), an
   :class:`~search.models.IndexOpdracht` row, written in the same transaction as the change;
2. after the commit, a Celery task (:func:`search.tasks.werk_zoekindex_bij`) that puts the object
   in every search backend, or takes it out when it is gone or no longer indexed (a dienst that
   is unpublished stays in the index with ``live`` false; a deleted one is removed), and marks the
   row done. An editor's save never waits on the engine. Without a broker (the embedded default)
   Celery runs the task at once, inside the save;
3. a row the task could not finish (engine down, broker down, worker gone) stays open and is done
   later: by the periodic task, by the next successful indexing, by the first engine search that
   works again after a failure, and by ``manage.py zoekindex_bijwerken``.

Indexing is idempotent, so doing a row twice is harmless; a row changed again while its task runs
keeps its newer timestamp and is done once more.
"""

import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.index import get_indexed_instance, get_indexed_models

from portal.celery import app, task

from .models import IndexOpdracht

logger = logging.getLogger(__name__)

# Rows older than this are done by the periodic task (newer ones have their own task underway).
ACHTERSTAND_NA = timedelta(seconds=30)
# Done rows are kept this long: ``update_index`` uses them to catch changes made while it ran.
BEWAAR_VERWERKT = timedelta(days=7)

_connected_models: list[type] = []


# Signals ---------------------------------------------------------------------------------------


def connect() -> None:
    """Take over index updates from Wagtail's handlers for every auto-updated indexed model."""
    if _connected_models:
        return
    models = [m for m in get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        # Wagtail (modelsearch) connects its handlers when its app is ready, unless this is off;
        # should it already have connected them, disconnect them.
        model.search_auto_update = False
        post_save.disconnect(modelsearch_handlers.post_save_signal_handler, sender=model)
        post_delete.disconnect(modelsearch_handlers.post_delete_signal_handler, sender=model)
        post_save.connect(_na_opslaan, sender=model, dispatch_uid=f"zoekindex-save-{model}")
        post_delete.connect(_na_verwijderen, sender=model, dispatch_uid=f"zoekindex-del-{model}")
    _connected_models.extend(models)


def connected_models() -> list[type]:
    return list(_connected_models)


def _na_opslaan(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the objects are indexed by update_index afterwards
        return
    meld_wijziging(instance)


def _na_verwijderen(sender, instance, **kwargs):
    meld_wijziging(instance)


def meld_wijziging(instance) -> None:
    """Record that ``instance`` changed, and have the index updated after the commit."""
    content_type = ContentType.objects.get_for_model(instance)
    object_id = str(instance.pk)
    IndexOpdracht.objects.bulk_create(
        [
            IndexOpdracht(
                content_type=content_type,
                object_id=object_id,
                aangevraagd=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["aangevraagd", "verwerkt"],
    )
    if celery_eager():
        # No broker (the embedded default): do it now, in this transaction, as Wagtail would.
        _plan(content_type.pk, object_id)
    else:
        transaction.on_commit(lambda: _plan(content_type.pk, object_id))


def celery_eager() -> bool:
    """True when there is no broker and Celery runs tasks at once."""
    return bool(app.conf.task_always_eager)


def _plan(content_type_id: int, object_id: str) -> None:
    try:
        task("search.werk_zoekindex_bij").delay(content_type_id, object_id)
    except Exception as exc:  # the broker is down: the row stays open and is done later
        logger.warning("Zoekindex: taak niet in de wachtrij gezet (%s); volgt later", exc)


# Doing the work --------------------------------------------------------------------------------


def _backends():
    """Every search backend that is kept up to date automatically, each once."""
    from django.conf import settings

    from .engine import get_backend

    seen = []
    for name, config in settings.WAGTAILSEARCH_BACKENDS.items():
        if config.get("AUTO_UPDATE", True) is False or config in seen:
            continue
        seen.append(config)
        yield name, get_backend(name)


def _stub(model, object_id: str):
    """An unsaved instance that carries only the primary key: enough to delete its document."""
    instance = model()
    instance.pk = model._meta.pk.to_python(object_id)
    return instance


def verwerk(opdracht: IndexOpdracht) -> bool:
    """Bring one object's index entries up to date in every backend; True when all succeeded."""
    stamp = opdracht.aangevraagd
    model = opdracht.content_type.model_class()
    if model is None:  # the model is gone altogether
        opdracht.delete()
        return True
    instance = model._default_manager.filter(pk=opdracht.object_id).first()
    indexed = get_indexed_instance(instance) if instance is not None else None
    fouten = []
    for name, backend in _backends():
        try:
            if indexed is not None:
                backend.add(indexed)
            else:
                backend.delete(
                    instance if instance is not None else _stub(model, opdracht.object_id)
                )
        except Exception as exc:  # one backend failing must not stop the others
            fouten.append(f"{name}: {exc.__class__.__name__}: {exc}"[:300])
    klaar = IndexOpdracht.objects.filter(pk=opdracht.pk, aangevraagd=stamp)
    if fouten:
        logger.warning("Zoekindex: %s niet bijgewerkt (%s); volgt later", opdracht, fouten[0])
        klaar.update(pogingen=opdracht.pogingen + 1, laatste_fout=fouten[0])
        return False
    klaar.update(verwerkt=timezone.now(), pogingen=0, laatste_fout="")
    return True


def open_opdrachten():
    return IndexOpdracht.objects.filter(verwerkt__isnull=True)


def werk_bij(content_type_id: int, object_id: str) -> bool:
    """Do the open row of one object (if it is still open)."""
    opdracht = (
        open_opdrachten()
        .select_related("content_type")
        .filter(content_type_id=content_type_id, object_id=object_id)
        .first()
    )
    return True if opdracht is None else verwerk(opdracht)


def grens_achterstand(ouder_dan: timedelta = ACHTERSTAND_NA):
    return timezone.now() - ouder_dan


def werk_achterstand_bij(
    limit: int = 500, ouder_dan: timedelta = ACHTERSTAND_NA
) -> tuple[int, int]:
    """Do open rows older than ``ouder_dan``, oldest first; (done, still open)."""
    grens = grens_achterstand(ouder_dan)
    rows = list(
        open_opdrachten()
        .filter(aangevraagd__lte=grens)
        .select_related("content_type")
        .order_by("aangevraagd")[:limit]
    )
    gedaan = 0
    for opdracht in rows:
        if verwerk(opdracht):
            gedaan += 1
        elif not _engine_bereikbaar():
            break  # the engine is still down: the rest can wait for the next round
    IndexOpdracht.objects.filter(verwerkt__lt=timezone.now() - BEWAAR_VERWERKT).delete()
    return gedaan, open_opdrachten().count()


def _engine_bereikbaar() -> bool:
    from .engine import engine_status

    return engine_status() != "error"


def opnieuw_sinds(moment) -> int:
    """Open again every row done or changed since ``moment`` (``update_index`` ran meanwhile)."""
    return IndexOpdracht.objects.filter(
        Q(verwerkt__gte=moment) | Q(aangevraagd__gte=moment)
    ).update(verwerkt=None)
