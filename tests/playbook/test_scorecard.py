"""The scorecard's arithmetic: met or missed by each comparator, periods, and results counted from ideas."""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.playbook import periods
from hub_build.playbook.model import Clause, Idea, Person, Playbook, Sla, Target
from hub_build.playbook.scorecard import scorecard
from hub_build.playbook.targets import meets, status
from hub_build.playbook.validation import validate_hub
from hub_build.playbook.workdays import working_days_between
from tests.helpers import REPO


@pytest.mark.parametrize(
    ("comparator", "value", "expected"),
    [
        ("at-least", 419.0, "missed"),
        ("at-least", 420.0, "met"),
        ("at-least", 421.0, "met"),
        ("at-most", 419.0, "met"),
        ("at-most", 420.0, "met"),
        ("at-most", 421.0, "missed"),
        ("exactly", 419.0, "missed"),
        ("exactly", 420.0, "met"),
        ("exactly", 421.0, "missed"),
    ],
)
def test_each_comparator_below_on_and_above_its_target(comparator: str, value: float, expected: str) -> None:
    assert status(value, Target(420, "MQLs", comparator)) == expected


def test_an_exact_target_forgives_a_spreadsheets_rounding_but_not_a_real_difference() -> None:
    target = Target(100, "%", "exactly")
    assert meets(100.0000000001, target)
    assert not meets(99.9, target)


def test_no_result_is_no_data() -> None:
    assert status(None, Target(4, "business hours", "at-most")) == "no data"


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2026-W09", "week", dt.date(2026, 2, 23), dt.date(2026, 3, 2)),
        ("2026-03", "month", dt.date(2026, 3, 1), dt.date(2026, 4, 1)),
        ("2026-Q4", "quarter", dt.date(2026, 10, 1), dt.date(2027, 1, 1)),
        ("2026", "year", dt.date(2026, 1, 1), dt.date(2027, 1, 1)),
        ("2020-W53", "week", dt.date(2020, 12, 28), dt.date(2021, 1, 4)),
    ],
)
def test_a_period_as_written_covers_its_days(label: str, kind: str, start: dt.date, end: dt.date) -> None:
    period = periods.parse(label, kind)
    assert period is not None
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("2026-W54", "week"),
        ("2026-13", "month"),
        ("2026-Q5", "quarter"),
        ("2026-3", "month"),
        ("0000", "year"),
        ("2026-03", "quarter"),
    ],
)
def test_a_period_that_does_not_exist_or_is_written_otherwise_is_none(label: str, kind: str) -> None:
    assert periods.parse(label, kind) is None


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2024, 12, 30), "2025-W01"),  # a Monday of December in the next year's first week
        (dt.date(2021, 1, 3), "2020-W53"),  # a Sunday of January in the last year's last week
        (dt.date(2026, 12, 31), "2026-W53"),
    ],
)
def test_a_week_is_labelled_by_its_iso_year_not_its_calendar_year(day: dt.date, label: str) -> None:
    assert periods.containing(day, "week").label == label


def test_the_latest_complete_period_is_the_one_before_todays() -> None:
    today = dt.date(2026, 11, 23)
    assert [periods.last_complete(today, kind).label for kind in periods.KINDS] == [
        "2026-W47",
        "2026-10",
        "2026-Q3",
        "2025",
    ]


def test_business_days_skip_weekends_and_holidays() -> None:
    friday, next_friday = dt.date(2026, 11, 6), dt.date(2026, 11, 13)
    assert working_days_between(friday, next_friday, ()) == 5
    assert working_days_between(friday, next_friday, {dt.date(2026, 11, 11)}) == 4
    # Monday 1 January 0001 to Friday 31 December 9999: 521,722 whole weeks of 5, then Tuesday to Friday.
    assert working_days_between(dt.date(1, 1, 1), dt.date(9999, 12, 31), ()) == 2_608_614


def _idea(
    idea_id: str, proposed: dt.date, *, by: str = "rep", status: str = "proposed", decided: dt.date | None = None
) -> Idea:
    return Idea(idea_id, idea_id, by, proposed, "Why?", "persona", "stage", "article", status, decided_on=decided)


def _playbook(*clauses: Clause, ideas: list[Idea]) -> Playbook:
    people = {
        "rep": Person("rep", "Rep", "AE", "sales", "r@x.test", "UTC", []),
        "marketer": Person("marketer", "Marketer", "PMM", "marketing", "m@x.test", "UTC", []),
    }
    sla = Sla("SLA", "1", dt.date(2026, 1, 1), [], list(clauses), review=None)  # type: ignore[arg-type]
    return Playbook(sla=sla, people=people, ideas={i.id: i for i in ideas})


def test_ideas_proposed_are_counted_per_month_for_the_committing_team_only() -> None:
    clause = Clause(
        "ideas",
        "commitment",
        "Sales proposes ideas",
        "…",
        from_team="sales",
        to_team="marketing",
        target=Target(2, "ideas", "at-least", "month"),
        measured_from="ideas-proposed",
    )
    ideas = [
        _idea("a", dt.date(2026, 1, 5)),
        _idea("b", dt.date(2026, 1, 20)),
        _idea("c", dt.date(2026, 2, 3)),
        _idea("d", dt.date(2026, 2, 4), by="marketer"),
    ]
    card = scorecard(_playbook(clause, ideas=ideas), today=dt.date(2026, 3, 10)).cards[0]
    assert [(o.period.label, o.value, o.status) for o in card.outcomes] == [
        ("2026-01", 2.0, "met"),
        ("2026-02", 1.0, "missed"),
    ]
    assert (card.latest_period.label, card.status) == ("2026-02", "missed")


def test_time_to_a_decision_is_the_longest_wait_of_the_month_including_ideas_still_waiting() -> None:
    clause = Clause(
        "answer",
        "commitment",
        "Every idea gets an answer",
        "…",
        from_team="marketing",
        to_team="sales",
        target=Target(10, "business days", "at-most"),
        measured_from="idea-decision-days",
    )
    ideas = [
        _idea("quick", dt.date(2026, 1, 5), status="accepted", decided=dt.date(2026, 1, 9)),
        _idea("slow", dt.date(2026, 1, 6), status="declined", decided=dt.date(2026, 1, 27)),
        _idea("waiting", dt.date(2026, 2, 23)),
    ]
    card = scorecard(_playbook(clause, ideas=ideas), today=dt.date(2026, 3, 2)).cards[0]
    assert [(o.period.label, o.value, o.status) for o in card.outcomes] == [
        ("2026-01", 15.0, "missed"),
        ("2026-02", 5.0, "met"),
    ]


def test_ideas_are_counted_for_every_week_since_the_first_including_weeks_without_any() -> None:
    clause = Clause(
        "ideas",
        "commitment",
        "Sales proposes an idea a week",
        "…",
        from_team="sales",
        to_team="marketing",
        target=Target(1, "ideas", "at-least", "week"),
        measured_from="ideas-proposed",
    )
    # Monday 2026-01-05 is in 2026-W02; "gone" is in no team: the people file of someone who left was removed.
    ideas = [
        _idea("a", dt.date(2026, 1, 5)),
        _idea("b", dt.date(2026, 1, 21)),
        _idea("c", dt.date(2026, 1, 22), by="gone"),
    ]
    card = scorecard(_playbook(clause, ideas=ideas), today=dt.date(2026, 2, 2)).cards[0]
    assert [(o.period.label, o.period.start, o.value, o.status) for o in card.outcomes] == [
        ("2026-W02", dt.date(2026, 1, 5), 1.0, "met"),
        ("2026-W03", dt.date(2026, 1, 12), 0.0, "missed"),
        ("2026-W04", dt.date(2026, 1, 19), 1.0, "met"),
        ("2026-W05", dt.date(2026, 1, 26), 0.0, "missed"),
    ]


def test_an_exact_target_of_zero_forgives_a_spreadsheets_rounding() -> None:
    target = Target(0, "escalations", "exactly")
    assert meets(0.0000000001, target)
    assert not meets(0.1, target)


def test_each_result_keeps_the_note_written_beside_it() -> None:
    today = dt.date(2026, 11, 23)
    cards = {card.metric.id: card for card in scorecard(validate_hub(REPO, today=today).playbook, today=today).cards}
    follow_up = {outcome.period.label: outcome for outcome in cards["mql-follow-up"].outcomes}

    assert (follow_up["2026-05"].value, follow_up["2026-05"].status, follow_up["2026-05"].note) == (
        5.5,
        "missed",
        "Two SDRs left in April; the queue was shared across regions until the hires started.",
    )
    assert follow_up["2026-07"].note == "Back under 4 hours after the round-robin was split by region."


@pytest.mark.parametrize(
    ("day", "kind", "label"),
    [
        (dt.date(2026, 1, 1), "quarter", "2026-Q1"),
        (dt.date(2026, 3, 31), "quarter", "2026-Q1"),
        (dt.date(2026, 4, 1), "quarter", "2026-Q2"),
        (dt.date(2026, 7, 15), "quarter", "2026-Q3"),
        (dt.date(2026, 10, 1), "quarter", "2026-Q4"),
        (dt.date(2026, 12, 31), "quarter", "2026-Q4"),
        (dt.date(2026, 6, 30), "year", "2026"),
        (dt.date(2026, 6, 30), "month", "2026-06"),
        (dt.date(2026, 11, 23), "week", "2026-W48"),
    ],
)
def test_a_day_falls_in_the_period_of_its_kind_that_contains_it(day: dt.date, kind: str, label: str) -> None:
    period = periods.containing(day, kind)
    assert (period.label, period.kind) == (label, kind)


def test_the_shared_kpis_are_the_terms_with_a_kpi_each_owned_by_both_teams() -> None:
    card = scorecard(validate_hub(REPO, today=dt.date(2026, 11, 23)).playbook, today=dt.date(2026, 11, 23))

    assert [c.metric.id for c in card.kpis] == [
        "cac-payback-period",
        "marketing-sourced-pipeline",
        "mql-to-sql-conversion-rate",
        "pipeline-coverage",
        "sal-acceptance-rate",
        "speed-to-lead",
        "win-rate",
    ]
    assert {c.metric.teams for c in card.kpis} == {("marketing", "sales")}
    assert all(c.metric.term is not None and c.metric.term.id == c.metric.id for c in card.kpis)
