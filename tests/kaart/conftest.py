"""Shared data for the kaart tests: the vocabularies and gemeenten, and a generated data set."""

import pytest
from django.db import transaction

DATASET_SIZE = 400
DATASET_SEED = 4242


@pytest.fixture(autouse=True)
def kaart_basisgegevens(request):
    """Default terms and gemeenten for every database test, also after a flush by another test."""
    for name in ("db", "transactional_db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            from kaart.models import zorg_voor_basisgegevens

            zorg_voor_basisgegevens()
            return


@pytest.fixture(scope="class")
def kaart_dataset(django_db_setup, django_db_blocker):
    """``DATASET_SIZE`` generated live services, plus the plain specs they were made from.

    Made once per test class inside a transaction that is rolled back at the end, so the tests of
    the class share the rows (read-only) and nothing is left behind.
    """
    from kaart.factories import genereer_specs, maak_diensten
    from kaart.models import zorg_voor_basisgegevens

    with django_db_blocker.unblock(), transaction.atomic():
        zorg_voor_basisgegevens()
        specs = genereer_specs(DATASET_SIZE, seed=DATASET_SEED)
        diensten = maak_diensten(specs)
        for spec, dienst in zip(specs, diensten, strict=True):
            spec["pk"] = dienst.pk
        _analyze()
        yield specs
        transaction.set_rollback(True)


def _analyze():
    """Give PostgreSQL's planner statistics for rows made in this still-open transaction.

    Without them it expects one row per table and nests loops over the search index, which turns
    a text search over a few hundred services into minutes.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kaart_dienst; ANALYZE wagtailsearch_indexentry")
