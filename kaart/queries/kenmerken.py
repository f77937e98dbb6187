"""The characteristics of a page of services (their terms and gemeenten) in one query.

Both ways of answering a search read only the ids of a page's services; :func:`met_kenmerken`
then loads what the result cards show.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connections

from ..models import ENKELVOUDIG, MEERVOUDIG, Dienst, Gemeente, Term, term_koppeltabel

_GEMEENTE_VELDEN = ["code", "naam", "provincie"]


@lru_cache(maxsize=32)
def _kenmerken_sql(db: str, aantal: int) -> str:
    """The one statement behind :func:`met_kenmerken`: every link of ``aantal`` services.

    Plain SQL that SQLite and PostgreSQL both run, and that stays the same for a page size, so
    the database driver reuses its parsed form; the ORM would build nine queries for it first.
    """
    quote = connections[db].ops.quote_name

    def kolom(model, veld: str) -> str:
        return quote(model._meta.get_field(veld).column)

    ids = ", ".join(["(%s)"] * aantal)
    # Only names of tables and columns of the models go into the text; the ids are parameters.
    delen = []
    for vocabulaire in MEERVOUDIG:
        koppel = term_koppeltabel(vocabulaire)
        tabel, dienst, term = (
            quote(koppel._meta.db_table),
            kolom(koppel, "dienst"),
            kolom(koppel, "term"),
        )
        delen.append(
            f"SELECT '{vocabulaire}', k.{dienst}, k.{term}, NULL, NULL, NULL "  # noqa: S608
            f"FROM {tabel} k JOIN ids ON k.{dienst} = ids.id"
        )
    koppel = Dienst.gemeenten.through
    tabel, dienst, gemeente = (
        quote(koppel._meta.db_table),
        kolom(koppel, "dienst"),
        kolom(koppel, "gemeente"),
    )
    gemeente_id = kolom(Gemeente, "id")
    velden = ", ".join(f"g.{kolom(Gemeente, veld)}" for veld in _GEMEENTE_VELDEN)
    delen.append(
        f"SELECT 'gemeenten', k.{dienst}, g.{gemeente_id}, {velden} "  # noqa: S608
        f"FROM {tabel} k JOIN ids ON k.{dienst} = ids.id "
        f"JOIN {quote(Gemeente._meta.db_table)} g ON g.{gemeente_id} = k.{gemeente}"
    )
    return f"WITH ids(id) AS (VALUES {ids}) " + " UNION ALL ".join(delen)


def met_kenmerken(diensten: list[Dienst], termen: dict[str, dict[str, Term]]) -> list[Dienst]:
    """Load the terms of every vocabulary and the gemeenten of ``diensten``.

    What ``prefetch_related(*MEERVOUDIG, "gemeenten")`` does, in one query instead of nine: the
    link tables are read together (``UNION ALL``), the terms are the ones the search has already
    read (``termen``). Each service keeps them in the plain attribute
    :attr:`Dienst.geladen_kenmerken`, so ``dienst.terms(...)`` and ``dienst.gekoppeld(...)`` ask
    the database nothing, while the relations themselves (``dienst.doelgroep``) stay untouched.
    A term that is not in ``termen`` (added since) is read in a second query.
    """
    if not diensten:
        return diensten
    db = diensten[0]._state.db
    ids = [dienst.pk for dienst in diensten]
    with connections[db].cursor() as cursor:
        cursor.execute(_kenmerken_sql(db, len(ids)), ids)
        rijen = cursor.fetchall()

    term_by_id = {term.pk: term for terms in termen.values() for term in terms.values()}
    missing = {row[2] for row in rijen if row[0] != "gemeenten" and row[2] not in term_by_id}
    if missing:
        term_by_id.update(Term.objects.in_bulk(missing))
    # In the order of the models: terms as Term, gemeenten by name.
    volgorde = sorted(term_by_id.values(), key=lambda t: (t.vocabulaire, t.volgorde, t.label))
    positie = {term.pk: index for index, term in enumerate(volgorde)}
    gekoppeld: dict[tuple[str, int], list] = {}
    for relatie, dienst_id, doel_id, *gemeente in rijen:
        if relatie == "gemeenten":
            doel = Gemeente.from_db(db, ["id", *_GEMEENTE_VELDEN], [doel_id, *gemeente])
        else:
            doel = term_by_id[doel_id]
        gekoppeld.setdefault((relatie, dienst_id), []).append(doel)
    enkelvoudig = [Dienst._meta.get_field(relatie) for relatie in ENKELVOUDIG]
    for dienst in diensten:
        for veld in enkelvoudig:  # the single-valued terms too, through the foreign key
            term_id = getattr(dienst, veld.attname)
            if term_id in term_by_id:
                setattr(dienst, veld.name, term_by_id[term_id])
        geladen = {}
        for relatie in [*MEERVOUDIG, "gemeenten"]:
            waarden = gekoppeld.get((relatie, dienst.pk), [])
            if relatie == "gemeenten":
                waarden.sort(key=lambda gemeente: gemeente.naam)
            else:
                waarden.sort(key=lambda term: positie.get(term.pk, len(positie)))
            geladen[relatie] = waarden
        dienst.geladen_kenmerken = geladen
    return diensten


def laad_diensten(ids: list[int], termen: dict[str, dict[str, Term]]) -> list[Dienst]:
    """The live services among ``ids``, in that order, with their characteristics (two queries,
    none without ids)."""
    if not ids:
        return []
    found = Dienst.objects.filter(pk__in=ids, live=True).order_by().in_bulk()
    return met_kenmerken([found[pk] for pk in ids if pk in found], termen)
