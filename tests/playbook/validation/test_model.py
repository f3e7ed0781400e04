"""The playbook's records as Python objects: targets, review periods, labels and days."""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.playbook.loading import parse_text
from hub_build.playbook.model import Playbook, Review, Step, Target, Term, Track, add_period, other_team
from hub_build.playbook.problems import Problem


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (Target(4, "business hours", "at-most"), "≤ 4 business hours"),
        (Target(400, "MQLs", "at-least", "month"), "≥ 400 MQLs per month"),
        (Target(400, "MQLs"), "≥ 400 MQLs"),
        (Target(95, "%", "exactly"), "= 95%"),
        (Target(2.5, "%", "at-least", "quarter"), "≥ 2.5% per quarter"),
        (Target(1500, "leads"), "≥ 1,500 leads"),
        (Target(2.0, "days", "at-most"), "≤ 2 days"),
        (Target(12345.5, "EUR"), "≥ 12,345.5 EUR"),
        (
            Target(60, "% of MQLs in ICP tiers A to C"),
            "≥ 60% of MQLs in ICP tiers A to C",
        ),  # as the scorecard shows a result
    ],
)
def test_a_target_reads_as_a_comparison_a_number_and_a_unit(target: Target, shown: str) -> None:
    assert str(target) == shown


def test_a_target_from_the_yaml_compares_at_least_unless_it_says_otherwise() -> None:
    assert Target.from_data({"value": 3, "unit": "days"}) == Target(3, "days", "at-least", None)
    assert Target.from_data({"value": 3, "unit": "days", "comparator": "exactly", "period": "week"}) == Target(
        3, "days", "exactly", "week"
    )
    assert Target.from_data(None) is None


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        ("2026-01-31", "1 month", "2026-02-28"),
        ("2028-01-31", "1 month", "2028-02-29"),
        ("2026-01-15", "6 months", "2026-07-15"),
        ("2026-08-31", "6 months", "2027-02-28"),
        ("2026-11-30", "3 months", "2027-02-28"),
        ("2026-12-15", "1 month", "2027-01-15"),
        ("2026-12-15", "12 months", "2027-12-15"),
        ("2028-02-29", "1 year", "2029-02-28"),
        ("2026-01-15", "2 years", "2028-01-15"),
        ("2026-01-15", "1 week", "2026-01-22"),
        ("2026-01-15", "3 weeks", "2026-02-05"),
        ("2026-01-15", "1 day", "2026-01-16"),
        ("2026-01-15", "90 days", "2026-04-15"),
        ("9998-06-01", "1 year", "9999-06-01"),
        ("9999-01-15", "11 months", "9999-12-15"),
        ("9999-12-15", "1 month", "9999-12-31"),
    ],
)
def test_a_review_period_is_added_in_its_own_unit(start: str, period: str, due: str) -> None:
    assert add_period(dt.date.fromisoformat(start), period) == dt.date.fromisoformat(due)


def test_a_review_is_due_on_its_review_by_date_before_any_period() -> None:
    every = Review("maya-chen", dt.date(2026, 1, 15), "6 months", None)
    both = Review("maya-chen", dt.date(2026, 1, 15), "6 months", dt.date(2026, 3, 1))

    assert every.due == dt.date(2026, 7, 15)
    assert both.due == dt.date(2026, 3, 1)


def test_a_review_from_the_yaml_reads_its_dates() -> None:
    assert Review.from_data({"owner": "maya-chen", "last_reviewed": "2026-01-15", "review_every": "1 year"}) == Review(
        "maya-chen", dt.date(2026, 1, 15), "1 year", None
    )
    assert Review.from_data({"owner": "sam-ortiz", "review_by": "2026-12-31"}) == Review(
        "sam-ortiz", None, None, dt.date(2026, 12, 31)
    )


REVIEW = Review("maya-chen", None, None, dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("name", "abbreviation", "label"),
    [
        ("Marketing Qualified Lead", "MQL", "Marketing Qualified Lead (MQL)"),
        ("Lead", None, "Lead"),
        ("ARR", "ARR", "ARR"),
    ],
)
def test_a_term_is_labelled_by_its_name_and_a_different_abbreviation(
    name: str, abbreviation: str | None, label: str
) -> None:
    assert Term("t", name, "definition", "shared", REVIEW, abbreviation=abbreviation).label == label


def test_the_other_team_of_sales_is_marketing_and_of_marketing_sales() -> None:
    assert (other_team("sales"), other_team("marketing")) == ("marketing", "sales")


def test_a_tracks_days_come_in_order_with_their_steps_in_file_order() -> None:
    steps = [
        Step(3, "read", "sla", index=0),
        Step(1, "meet", "maya-chen", index=1),
        Step(3, "attend", "x", index=2),
        Step(1, "read", "narrative", index=3),
    ]
    track = Track("ae", "Account Executive", "sales", "First weeks.", steps, REVIEW)

    assert [(day, [step.index for step in day_steps]) for day, day_steps in track.days()] == [(1, [1, 3]), (3, [0, 2])]


def test_a_playbook_counts_its_records_by_kind() -> None:
    playbook = Playbook(terms={"a": Term("a", "A", "d", "shared", REVIEW), "b": Term("b", "B", "d", "shared", REVIEW)})

    assert playbook.counts() == {"narrative": 0, "sla": 0, "terms": 2, "people": 0, "tracks": 0, "ideas": 0}


def test_a_kind_the_playbook_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind 'widget'"):
        Playbook().add("widget", "x", parse_text("a: 1\n", "playbook/widget.yaml"))


def test_a_problem_reads_as_one_line_with_its_hint_when_it_has_one() -> None:
    with_hint = Problem("playbook/sla.yaml", 8, 13, "signed late", path="$.signatories[1].signed", hint="sign earlier")
    without = Problem("playbook/sla.yaml", 1, 1, "no narrative")

    assert with_hint.one_line() == "playbook/sla.yaml:8:13: $.signatories[1].signed: signed late (hint: sign earlier)"
    assert without.one_line() == "playbook/sla.yaml:1:1: $: no narrative"
