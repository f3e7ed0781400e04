"""Working days: how an onboarding track's day numbers fall on a hire's calendar."""

from __future__ import annotations

import datetime as dt

from hub_build.playbook.workdays import is_working_day, working_day_dates

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
        1: dt.date(2027, 1, 4), 3: dt.date(2027, 1, 6)}


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert [is_working_day(dt.date(2027, 5, d), {WHIT_MONDAY}) for d in (14, 15, 16, 17, 18)] == [
        True, False, False, False, True]
