"""The shared rate-limit counter: atomic, shared by every process, windows that end and go."""

import pytest

from portal import ratelimit
from portal.models import RateCounter
from tests.processes import in_processes


@pytest.fixture
def committed_counters(committed_database, django_db_blocker):
    """Counters outside a transaction, so other processes see them; emptied before and after."""
    with django_db_blocker.unblock():
        RateCounter.objects.all().delete()
        try:
            yield
        finally:
            RateCounter.objects.all().delete()


def _hits(name, times):
    return [ratelimit.hit(name, 3600).hits for _ in range(times)]


def test_two_processes_at_once_never_get_the_same_number(committed_counters):
    results = in_processes(_hits, [("test:samen", 100), ("test:samen", 100)])
    counts = sorted(n for result in results for n in result)
    assert counts == list(range(1, 201))  # each hit counted once, by one atomic statement
    assert RateCounter.objects.get().hits == 200


def test_over_limit_in_two_processes_lets_exactly_the_maximum_through(committed_counters):
    def attempts(times):
        return [ratelimit.over_limit([("test:limiet", 7)]) for _ in range(times)]

    results = in_processes(attempts, [(20,), (20,)])
    waits = [w for result in results for w in result]
    assert waits.count(0) == 7
    assert all(3590 <= w <= 3600 for w in waits if w)


def test_password_resets_at_once_in_two_processes_mail_at_most_the_limit(committed_counters):
    """Twenty requests at once for one account, ten threads in each of two worker processes (no
    Redis): together they pass the limit of the account exactly three times."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from portal.password_reset import within_limit

    def attempt(_):
        try:
            return within_limit("user", "42", 3)
        finally:
            connections.close_all()  # this thread's connection

    def attempts(times):
        with ThreadPoolExecutor(max_workers=times) as pool:
            return list(pool.map(attempt, range(times)))

    results = in_processes(attempts, [(10,), (10,)])
    assert [allowed for result in results for allowed in result].count(True) == 3


@pytest.mark.django_db
def test_a_window_counts_until_it_ends_and_then_starts_afresh():
    start = 1_000_000.0
    assert ratelimit.hit("test:venster", 60, now=start).hits == 1
    second = ratelimit.hit("test:venster", 60, now=start + 59)
    assert second.hits == 2 and second.retry_after(now=start + 59) == 1
    assert second.retry_after(now=start + 10) == 50
    fresh = ratelimit.hit("test:venster", 60, now=start + 60)
    assert fresh.hits == 1 and fresh.expires_at == start + 120


@pytest.mark.django_db
def test_ended_windows_are_deleted_when_a_new_one_opens():
    ratelimit.hit("test:oud", 60, now=1_000.0)
    ratelimit.hit("test:lopend", 600, now=1_000.0)
    ratelimit.hit("test:nieuw", 60, now=1_100.0)
    assert sorted(RateCounter.objects.values_list("bucket", flat=True)) == [
        "test:lopend",
        "test:nieuw",
    ]


@pytest.mark.django_db
def test_over_limit_answers_the_longest_wait_and_zero_means_no_limit():
    assert ratelimit.over_limit([("test:a", 1), ("test:b", 0)], window=60, now=0) == 0
    assert ratelimit.over_limit([("test:a", 1), ("test:b", 0)], window=60, now=10) == 50
    for _ in range(5):
        assert ratelimit.over_limit([("test:b", 0)], window=60, now=10) == 0


@pytest.mark.django_db
def test_first_use_and_every_replay():
    assert ratelimit.first_use("test:token", 60, now=0)
    assert not ratelimit.first_use("test:token", 60, now=1)
    assert not ratelimit.first_use("test:token", 60, now=59)


def test_buckets_hold_no_address_and_ignore_case_and_spaces(settings):
    name = ratelimit.bucket("scope", " Petra@Example.org ")
    assert name == ratelimit.bucket("scope", "petra@example.org")
    assert name.startswith("scope:") and "petra" not in name
    assert name != ratelimit.bucket("other", "petra@example.org")
    settings.SECRET_KEY = "another-secret-" * 4
    assert name != ratelimit.bucket("scope", "petra@example.org")
