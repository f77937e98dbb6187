"""The fortnightly cadence: DST-safe, drift-free, across year boundaries, with skip dates."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from nieuwsbrief.schedule import local_moment, next_slot

AMS = ZoneInfo("Europe/Amsterdam")
TUESDAY = 1


def slots(start, count, **kwargs):
    options = {"weekday": TUESDAY, "at": time(10, 0), "anchor": date(2026, 1, 6)} | kwargs
    found, moment = [], start
    for _ in range(count):
        moment = next_slot(moment, **options)
        found.append(moment)
    return found


def test_every_other_tuesday_at_ten_from_the_anchor():
    found = slots(datetime(2026, 1, 1, tzinfo=AMS), 4)
    assert [m.date() for m in found] == [
        date(2026, 1, 6),
        date(2026, 1, 20),
        date(2026, 2, 3),
        date(2026, 2, 17),
    ]
    assert all(m.weekday() == TUESDAY and m.time() == time(10, 0) for m in found)


@pytest.mark.parametrize(
    ("start", "before", "after", "utc_hours"),
    [
        # Clocks go forward on Sunday 29 March 2026: CET (+1) to CEST (+2).
        (datetime(2026, 3, 15, tzinfo=AMS), date(2026, 3, 17), date(2026, 3, 31), (9, 8)),
        # Clocks go back on Sunday 25 October 2026: CEST (+2) to CET (+1).
        (datetime(2026, 10, 10, tzinfo=AMS), date(2026, 10, 13), date(2026, 10, 27), (8, 9)),
    ],
)
def test_wall_clock_time_stays_across_the_clock_change(start, before, after, utc_hours):
    first, second = slots(start, 2)
    assert (first.date(), second.date()) == (before, after)
    assert first.time() == second.time() == time(10, 0)
    assert (first.astimezone(UTC).hour, second.astimezone(UTC).hour) == utc_hours
    # Two weeks apart on the calendar, one hour shorter or longer in real time.
    elapsed = second.astimezone(UTC) - first.astimezone(UTC)
    assert elapsed == timedelta(days=14) - timedelta(hours=utc_hours[0] - utc_hours[1])


def test_no_drift_over_two_years_and_through_iso_week_53():
    # 2026 has an ISO week 53; counting whole weeks between Mondays keeps the parity.
    found = slots(datetime(2026, 1, 1, tzinfo=AMS), 53)
    anchor_monday = date(2026, 1, 5)
    for moment in found:
        weeks = (moment.date() - timedelta(days=moment.weekday()) - anchor_monday).days // 7
        assert weeks % 2 == 0
        assert moment.time() == time(10, 0)
    gaps = {(b.date() - a.date()).days for a, b in zip(found, found[1:], strict=False)}
    assert gaps == {14}
    dates = {m.date() for m in found}
    # 2026 has an ISO week 53 (28 December to 3 January): the rhythm runs straight through it.
    assert {date(2026, 12, 22), date(2027, 1, 5), date(2027, 1, 19)} <= dates
    assert date(2026, 12, 29) not in dates


def test_strictly_after_the_given_moment():
    at_ten = datetime(2026, 1, 20, 10, 0, tzinfo=AMS)
    assert next_slot(at_ten, weekday=TUESDAY, at=time(10), anchor=date(2026, 1, 6)).date() == (
        date(2026, 2, 3)
    )
    just_before = at_ten - timedelta(seconds=1)
    assert next_slot(just_before, weekday=TUESDAY, at=time(10), anchor=date(2026, 1, 6)) == at_ten


def test_an_anchor_that_is_not_the_weekday_sets_the_week_only():
    found = slots(datetime(2026, 1, 1, tzinfo=AMS), 2, anchor=date(2026, 1, 9), weekday=0)
    assert [m.date() for m in found] == [date(2026, 1, 5), date(2026, 1, 19)]


def test_skip_dates_move_to_the_next_slot():
    found = slots(datetime(2026, 12, 20, tzinfo=AMS), 2, skip=frozenset({date(2026, 12, 22)}))
    assert [m.date() for m in found] == [date(2027, 1, 5), date(2027, 1, 19)]


def test_a_time_that_does_not_exist_moves_forward():
    # 02:30 on 29 March 2026 does not exist in Amsterdam.
    moment = local_moment(date(2026, 3, 29), time(2, 30))
    assert moment.astimezone(AMS).time() == time(3, 30)
    assert moment.utcoffset() == timedelta(hours=2)


def test_the_schedule_in_the_database(db):
    from nieuwsbrief.models import NewsletterSchedule, ScheduleSkipDate

    schedule = NewsletterSchedule.load()
    schedule.weekday, schedule.send_time, schedule.anchor_date = 3, time(9, 30), date(2026, 1, 1)
    schedule.save()
    ScheduleSkipDate.objects.create(schedule=schedule, date=date(2026, 1, 15))
    moment = NewsletterSchedule.load().next_send_at(datetime(2026, 1, 2, tzinfo=AMS))
    assert moment == datetime(2026, 1, 29, 9, 30, tzinfo=AMS)
