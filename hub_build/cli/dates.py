"""Days given on the command line, and why one that is not a day is refused."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_WRITTEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_day(text: str) -> dt.date:
    """The day `text` names, written YYYY-MM-DD; ValueError says what is wrong with it.

    A date written correctly that is not in the calendar (30 February) is named
    as such: telling its writer to use YYYY-MM-DD, as they did, would not help.
    """
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    written = _WRITTEN.fullmatch(text)
    if written is None:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    year, month, _day = (int(part) for part in written.groups())
    if year == 0:
        raise ValueError(f"{text!r} does not exist: the calendar's years start at 0001")
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} does not exist: there is no month {month:02d}")
    days = calendar.monthrange(year, month)[1]
    raise ValueError(f"{text!r} does not exist: {calendar.month_name[month]} {year} has {days} days")
