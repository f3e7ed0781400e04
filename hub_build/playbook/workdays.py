"""Working days: the calendar an onboarding track's day numbers are counted in.

Day 1 is the hire's first working day, on or after the day they start; each
later day is the next working day. Saturdays, Sundays and the company's
holidays (from hub.yaml) are not working days. The track page's script counts
the same way in the browser (site/assets/hub.js); both are tested with the
same dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

_SATURDAY = 5


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < _SATURDAY and day not in holidays


def working_day_dates(start: dt.date, days: Iterable[int], holidays: Collection[dt.date]) -> dict[int, dt.date]:
    """The date of each numbered working day (1 for the first) for a hire starting on `start`.

    Linear in the last day asked for, which the track schema holds to 90.
    """
    wanted = sorted(set(days))
    dates: dict[int, dt.date] = {}
    day = start
    count = 0
    for number in wanted:
        while count < number:
            if count:
                day += dt.timedelta(days=1)
            while not is_working_day(day, holidays):
                day += dt.timedelta(days=1)
            count += 1
        dates[number] = day
    return dates


def working_days_between(start: dt.date, end: dt.date, holidays: Collection[dt.date]) -> int:
    """The working days after `start` up to and including `end` (0 if `end` is not later).

    Counted by whole weeks, so an idea proposed decades ago costs no more than one from last week.
    """
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    day = start + dt.timedelta(days=weeks * 7)
    for _ in range(rest):
        day += dt.timedelta(days=1)
        count += day.weekday() < _SATURDAY
    return count - sum(1 for holiday in holidays if start < holiday <= end and holiday.weekday() < _SATURDAY)
