"""Versions of the kaart's data: tokens in the shared cache that every change replaces.

A search reads every term (:func:`kaart.queries.zoekvraag.alle_termen`), looks up a gemeente by
its code, and the API writes every result as a card (:func:`kaart.api.kaarten`). All of it
changes rarely, so each process keeps it (:class:`PerVersie`) and builds it again only when the
token it was made under has changed:

* ``termen``: a term saved or deleted, or the default terms inserted in bulk
  (:func:`kaart.models.laad_standaard_termen`, which sends no signals);
* ``gemeenten``: a gemeente saved or deleted, or the gemeenten loaded in bulk
  (:func:`kaart.models.laad_gemeenten`);
* ``diensten``: a service saved or deleted, its terms or gemeenten changed, a gemeente or term
  changed, or services made in bulk (:func:`kaart.factories.maak_diensten`).

The signals are connected in ``kaart.apps``. Every process sees a change on its next request.
Without a token (an emptied cache, Redis away) nothing is trusted: each request reads again.

The tokens must live where every process sees them: with ``KAART_VERSIES_GEDEELD`` off (the
default without ``REDIS_URL``, where the cache is each process's own memory and a change in one
gunicorn worker would go unseen by the others) nothing is kept either. The development and test
settings, one process each, turn it on.
"""

import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

TERMEN = "termen"
GEMEENTEN = "gemeenten"
DIENSTEN = "diensten"


def _key(naam: str) -> str:
    return f"kaart:versie:{naam}"


def _vervang(*namen: str) -> None:
    cache.set_many({_key(naam): uuid.uuid4().hex for naam in namen}, None)


def gewijzigd(*namen: str) -> None:
    """Replace the tokens: now, and again when the change is committed (a process that read the
    data in between, before the commit, read it without the change)."""
    _vervang(*namen)
    transaction.on_commit(lambda: _vervang(*namen))


def termen_gewijzigd(**kwargs) -> None:
    """Signal receiver: a term changed, and with it the cards that show its slug."""
    gewijzigd(TERMEN, DIENSTEN)


def gemeenten_gewijzigd(**kwargs) -> None:
    """Signal receiver: a gemeente changed, and with it the cards that show its code."""
    gewijzigd(GEMEENTEN, DIENSTEN)


def diensten_gewijzigd(**kwargs) -> None:
    """Signal receiver: a service or its links changed."""
    gewijzigd(DIENSTEN)


def versie(naam: str) -> str | None:
    """The current token (made when there is none); None when the cache keeps nothing or is not
    shared by every process."""
    if not settings.KAART_VERSIES_GEDEELD:
        return None
    token = cache.get(_key(naam))
    if token is None:
        cache.add(_key(naam), uuid.uuid4().hex, None)
        token = cache.get(_key(naam))
    return token


class PerVersie:
    """A value kept per process: ``bouw()`` makes it again when the token ``naam`` changed, and
    for every call while there is no token. Shared between requests and threads: read only."""

    def __init__(self, naam: str, bouw):
        self.naam = naam
        self.bouw = bouw
        self._bewaard = (None, None)  # (token, value), replaced as one
        self._lock = threading.Lock()

    def get(self):
        token = versie(self.naam)
        onder, waarde = self._bewaard
        if token is not None and onder == token:
            return waarde
        with self._lock:
            waarde = self.bouw()
            if token is not None:
                self._bewaard = (token, waarde)
        return waarde
