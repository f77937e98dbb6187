"""The fortnightly cadence as pure functions: the next send moment, in Dutch time, without drift.

A slot is a date on the chosen weekday whose week is a whole number of intervals away from the week
of the anchor date. Counting whole weeks between Mondays (not ISO week numbers) makes week 53 and
year boundaries harmless; combining the local date and time in Europe/Amsterdam keeps the wall-clock
time the same across the March and October clock changes.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_ANCHOR = date(2026, 1, 6)  # a Tuesday


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_moment(day: date, at: time) -> datetime:
    """``day`` at ``at`` in Amsterdam; a time that does not exist (spring forward) moves forward."""
    moment = datetime.combine(day, at, tzinfo=AMSTERDAM)
    roundtrip = moment.astimezone(ZoneInfo("UTC")).astimezone(AMSTERDAM)
    if roundtrip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        # 02:30 on the last Sunday of March does not exist: use the same instant, now 03:30.
        return roundtrip
    return moment


def slot_dates(start: date, *, weekday: int, anchor: date, interval_weeks: int):
    """Every slot date on or after ``start``, in order (an endless generator)."""
    anchor_monday = _monday(anchor)
    week = _monday(start)
    offset = ((week - anchor_monday).days // 7) % interval_weeks
    if offset:
        week += timedelta(weeks=interval_weeks - offset)
    while True:
        day = week + timedelta(days=weekday)
        if day >= start:
            yield day
        week += timedelta(weeks=interval_weeks)


def next_slot(
    after: datetime,
    *,
    weekday: int,
    at: time,
    anchor: date,
    interval_weeks: int = 2,
    skip: frozenset = frozenset(),
) -> datetime:
    """The first send moment strictly after ``after`` (aware), skipping the dates in ``skip``."""
    local_after = after.astimezone(AMSTERDAM)
    for day in slot_dates(
        local_after.date(), weekday=weekday, anchor=anchor, interval_weeks=interval_weeks
    ):
        if day in skip:
            continue
        moment = local_moment(day, at)
        if moment > after:
            return moment
    raise AssertionError("unreachable: the slot generator is endless")
