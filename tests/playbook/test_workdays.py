"""Working days: how an onboarding track's day numbers fall on a hire's calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.playbook.workdays import is_working_day, working_day_dates, working_days_between

WHIT_MONDAY = dt.date(2027, 5, 17)


def test_a_monday_start_counts_the_week_then_skips_the_weekend() -> None:
    dates = working_day_dates(dt.date(2027, 1, 4), [1, 5, 6], holidays=set())
    assert dates == {1: dt.date(2027, 1, 4), 5: dt.date(2027, 1, 8), 6: dt.date(2027, 1, 11)}


def test_a_start_on_a_friday_before_a_holiday_has_day_two_on_tuesday() -> None:
    dates = working_day_dates(dt.date(2027, 5, 14), [1, 2, 3], holidays={WHIT_MONDAY})
    assert dates == {1: dt.date(2027, 5, 14), 2: dt.date(2027, 5, 18), 3: dt.date(2027, 5, 19)}


def test_a_start_on_a_saturday_makes_monday_day_one() -> None:
    assert working_day_dates(dt.date(2027, 1, 2), [1], holidays=set()) == {1: dt.date(2027, 1, 4)}


def test_a_start_on_a_holiday_makes_the_next_working_day_day_one() -> None:
    assert working_day_dates(WHIT_MONDAY, [1], holidays={WHIT_MONDAY}) == {1: dt.date(2027, 5, 18)}


def test_days_asked_out_of_order_and_twice_get_the_same_dates() -> None:
    assert working_day_dates(dt.date(2027, 1, 4), [3, 1, 3], holidays=set()) == {
        1: dt.date(2027, 1, 4),
        3: dt.date(2027, 1, 6),
    }


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert [is_working_day(dt.date(2027, 5, d), {WHIT_MONDAY}) for d in (14, 15, 16, 17, 18)] == [
        True,
        False,
        False,
        False,
        True,
    ]


# Friday 2027-01-08, Saturday 9, Sunday 10, Monday 11, Tuesday 12.
@pytest.mark.parametrize(
    ("start", "end", "holidays", "expected"),
    [
        (dt.date(2027, 1, 8), dt.date(2027, 1, 8), set(), 0),
        (dt.date(2027, 1, 11), dt.date(2027, 1, 8), set(), 0),
        (dt.date(2027, 1, 8), dt.date(2027, 1, 9), set(), 0),
        (dt.date(2027, 1, 8), dt.date(2027, 1, 10), set(), 0),
        (dt.date(2027, 1, 8), dt.date(2027, 1, 11), set(), 1),
        (dt.date(2027, 1, 8), dt.date(2027, 1, 12), set(), 2),
    ],
)
def test_working_days_between_count_the_days_after_the_first_up_to_the_last(
    start: dt.date, end: dt.date, holidays: set[dt.date], expected: int
) -> None:
    assert working_days_between(start, end, holidays) == expected


@pytest.mark.parametrize(
    ("holiday", "expected"),
    [
        (dt.date(2027, 1, 7), 2),  # Thursday before the range
        (dt.date(2027, 1, 8), 2),  # the Friday it starts from, which is not counted anyway
        (dt.date(2027, 1, 9), 2),  # a Saturday, not a working day anyway
        (dt.date(2027, 1, 11), 1),  # the Monday inside the range
        (dt.date(2027, 1, 12), 1),  # the Tuesday it ends on
        (dt.date(2027, 1, 13), 2),  # Wednesday after the range
    ],
)
def test_only_a_holiday_on_a_working_day_inside_the_range_is_taken_off(holiday: dt.date, expected: int) -> None:
    assert working_days_between(dt.date(2027, 1, 8), dt.date(2027, 1, 12), {holiday}) == expected
