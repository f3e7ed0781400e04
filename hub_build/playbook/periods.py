"""Reporting periods: the weeks, months, quarters and years results are measured in.

Written as people write them in a report: `2026-W09` (an ISO week, Monday to
Sunday), `2026-03` (a month), `2026-Q1` (a quarter), `2026` (a year).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

KINDS = ("week", "month", "quarter", "year")
EXAMPLES = {"week": "2026-W09", "month": "2026-03", "quarter": "2026-Q1", "year": "2026"}
_PATTERNS = {
    "week": re.compile(r"^(\d{4})-W(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "year": re.compile(r"^(\d{4})$"),
}
# How a target's period or a KPI's cadence is said in the playbook, as a period kind.
_WORDS = {
    "week": "week",
    "weekly": "week",
    "month": "month",
    "monthly": "month",
    "biweekly": "month",  # two-weekly figures are reported monthly
    "quarter": "quarter",
    "quarterly": "quarter",
    "year": "year",
    "yearly": "year",
    "annual": "year",
}


@dataclass(frozen=True, slots=True, order=True)
class Period:
    start: dt.date
    kind: str

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        return following(self).start

    @property
    def label(self) -> str:
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}"

    def __str__(self) -> str:
        return self.label


def kind_for(word: str | None, default: str = "month") -> str:
    """`"quarterly"` → `"quarter"`; a word the hub does not know counts as the default."""
    return _WORDS.get((word or "").strip().lower(), default)


def parse(label: str, kind: str) -> Period | None:
    """The period `label` names, if it is written as a period of `kind` and exists."""
    found = _PATTERNS[kind].match(label)
    if not found:
        return None
    year = int(found.group(1))
    number = int(found.group(2)) if kind != "year" else 1
    try:
        if kind == "week":
            return Period(dt.date.fromisocalendar(year, number, 1), kind)
        if kind == "month":
            return Period(dt.date(year, number, 1), kind)
        if kind == "quarter":
            return Period(dt.date(year, 3 * number - 2, 1), kind)
        return Period(dt.date(year, 1, 1), kind)
    except ValueError:  # week 54, month 13, year 0
        return None


def written_as(label: str) -> str | None:
    """Which kind of period `label` looks like, to say what was written instead."""
    return next((kind for kind in KINDS if _PATTERNS[kind].match(label)), None)


def containing(day: dt.date, kind: str) -> Period:
    if kind == "week":
        return Period(day - dt.timedelta(days=day.weekday()), kind)
    if kind == "month":
        return Period(day.replace(day=1), kind)
    if kind == "quarter":
        return Period(dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), kind)
    return Period(dt.date(day.year, 1, 1), kind)


def following(period: Period) -> Period:
    start = period.start
    if period.kind == "week":
        return Period(start + dt.timedelta(weeks=1), "week")
    months = {"month": 1, "quarter": 3, "year": 12}[period.kind]
    year, month = divmod(start.month - 1 + months, 12)
    return Period(dt.date(start.year + year, month + 1, 1), period.kind)


def preceding(period: Period) -> Period:
    return containing(period.start - dt.timedelta(days=1), period.kind)


def last_complete(today: dt.date, kind: str) -> Period:
    """The latest period that has ended by `today`: the one before today's."""
    return preceding(containing(today, kind))


def between(first: Period, last: Period) -> list[Period]:
    """Every period from `first` to `last`, both included."""
    periods = []
    current = first
    while current <= last:
        periods.append(current)
        current = following(current)
    return periods
