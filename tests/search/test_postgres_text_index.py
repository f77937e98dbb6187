"""Pins the expression GIN index of search/migrations/0002 to what Wagtail's PostgreSQL search
backend matches (``title || body``): if the backend matches anything else, the index no longer
answers the kaart's text search, and this test fails."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from kaart.factories import DienstFactory, indexeer
from kaart.models import Dienst
from tests.services import require_postgres

pytestmark = pytest.mark.django_db

INDEX = "search_indexentry_tekst_gin"


def test_the_text_search_matches_what_the_gin_index_holds():
    require_postgres()
    dienst = DienstFactory(naam="Koffieochtend De Linde")
    indexeer([dienst.pk])
    results = get_search_backend("database").search(
        "koffie", Dienst.objects.filter(live=True), operator="and", order_by_relevance=False
    )
    sql, params = results.get_queryset().order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
        cursor.execute(sql, params)
        assert [row[0] for row in cursor.fetchall()] == [dienst.pk]
    assert definition.endswith("USING gin (((title || body)))"), definition
    # The backend matches exactly the indexed expression, so PostgreSQL can use the index.
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql
