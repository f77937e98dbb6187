"""Fixtures of the hulpmiddelen tests: the demo content once per module, rolled back after it."""

import pytest
from django.core.management import call_command

from tests.conftest import rolled_back


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The whole demo content, loaded once for the read-only tests of a module.

    It lives in a transaction around the module's tests (each test adds a savepoint through
    ``db``), rolled back at the end, so nothing leaks into other tests.
    """
    with rolled_back(django_db_blocker):
        call_command("load_demo_content", verbosity=0)
        yield


@pytest.fixture
def demo(demo_module, db):
    """The demo content, for a test that reads it (or changes it inside its own savepoint)."""
    from home.models import HomePage

    return HomePage.objects.get()
