"""Fixtures for the nieuwsbrief tests: settings, valid sign-up data, and real services.

Real services (SMTP, Redis, a Celery worker) live in ``services.py``; tests that use them work on
committed rows (a worker is another process) and clean up only the nieuwsbrief's own tables, so the
session's demo content for the browser tests stays intact (no database flush).
"""

import time

import pytest


@pytest.fixture(autouse=True)
def nieuwsbrief_settings(settings):
    """HTTPS links (as in production) and no send-rate wait unless a test asks for one."""
    settings.SITE_URL = "https://portal.example"
    settings.NIEUWSBRIEF_MAX_PER_MINUTE = 0
    settings.NIEUWSBRIEF_MIN_FILL_SECONDS = 3
    settings.NIEUWSBRIEF_RETRY_BASE_SECONDS = 30
    return settings


@pytest.fixture
def clean(db):
    """No nieuwsbrief rows from demo content (inside the test's transaction only)."""
    from nieuwsbrief.models import (
        ConsentEvent,
        Delivery,
        Issue,
        MailEvent,
        Subscriber,
        Suppression,
        TransactionalMail,
    )

    for model in (MailEvent, Delivery, TransactionalMail, ConsentEvent, Issue, Subscriber):
        model.objects.all().delete()
    Suppression.objects.all().delete()


def signup_data(email="lezer@example.org", name="Lezer", consent="ja", age=10, **extra):
    """POST data of the sign-up form as a person sends it, ``age`` seconds after it was shown."""
    from nieuwsbrief import consent as consent_module

    data = {
        "email": email,
        "name": name,
        "formulier": consent_module.form_token(now=time.time() - age),
        "bron": "/",
        "website": "",
    }
    if consent:
        data["consent"] = consent
    data.update(extra)
    return data


@pytest.fixture
def editor(db, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "redacteur", "redacteur@example.org", "geheim-wachtwoord"
    )
    perms = Permission.objects.filter(
        content_type__app_label__in=["nieuwsbrief", "wagtailadmin"],
        codename__in=[
            "access_admin",
            "add_issue",
            "change_issue",
            "publish_issue",
            "send_issue",
            "view_subscriber",
            "view_delivery",
            "delete_subscriber",
        ],
    )
    user.user_permissions.add(*perms)
    return user


def wipe_nieuwsbrief() -> None:
    """Delete every nieuwsbrief row (and the issues' revisions and log entries); nothing else."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry, Revision

    from nieuwsbrief.models import (
        ConsentEvent,
        ConsentText,
        Delivery,
        Issue,
        MailEvent,
        Subscriber,
        Suppression,
        TransactionalMail,
    )

    issue_type = ContentType.objects.get_for_model(Issue)
    for model in (MailEvent, Delivery, TransactionalMail, ConsentEvent, Subscriber, Suppression):
        model.objects.all().delete()
    Issue.objects.all().delete()
    ConsentText.objects.all().delete()
    Revision.objects.filter(base_content_type=issue_type).delete()
    ModelLogEntry.objects.filter(content_type=issue_type).delete()


@pytest.fixture(scope="session")
def test_database(committed_database):
    """The test database, also when no collected test asks for ``db`` (see ``live_site``)."""
    return committed_database


@pytest.fixture
def committed(test_database, django_db_blocker):
    """Database access outside a transaction, for tests with a worker in another process.

    No flush afterwards (it would wipe the session's demo content): only the nieuwsbrief's own
    tables are emptied, before and after.
    """
    with django_db_blocker.unblock():
        wipe_nieuwsbrief()
        try:
            yield
        finally:
            from django.db import connection

            wipe_nieuwsbrief()
            connection.close()
