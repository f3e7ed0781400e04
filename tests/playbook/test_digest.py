"""The digest says, as of a day, what waits on whom: on the sample hub, and on the minimal hub changed one thing at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.playbook.digest import CommitmentMissed, Decision, Digest, ResultMissing, ReviewDue, digest
from hub_build.playbook.validation import validate_hub
from tests.helpers import REPO
from tests.playbook.validation.conftest import Hub


def _sample(day: str) -> Digest:
    today = dt.date.fromisoformat(day)
    result = validate_hub(REPO, today=today)
    return digest(result.playbook, today=today, holidays={h.date for h in result.config.holidays})


def _of(hub: Hub, day: str) -> Digest:
    today = dt.date.fromisoformat(day)
    return digest(validate_hub(hub.root, today=today).playbook, today=today)


def _whose(found: Digest, kind: type) -> dict[tuple[str, ...] | str | None, list[str]]:
    """What waits of one kind, by the people (or else the team) whose turn it is."""
    by: dict[tuple[str, ...] | str | None, list[str]] = {}
    for item in found.items:
        if isinstance(item, kind):
            key = item.people or item.team
            name = (
                item.idea.id
                if isinstance(item, Decision)
                else item.label
                if isinstance(item, ReviewDue)
                else f"{item.metric.id} {item.period}"
            )
            by.setdefault(key, []).append(name)
    return by


SIGNATORIES = ("marcus-bell", "ingrid-halvorsen", "priya-raman", "elena-vasquez", "oliver-strand", "theo-kowalczyk")


def test_the_sample_on_20_november_2026_waits_on_grace_for_nine_ideas_and_on_the_signatories_for_a_miss() -> None:
    found = _sample("2026-11-20")

    decisions = [item for item in found.items if isinstance(item, Decision)]
    assert [(d.idea.id, d.days, d.late) for d in decisions[:2]] == [
        ("cfo-one-pager", 8, False),
        ("second-team-rollout-webinar", 8, False),
    ]
    assert {d.people for d in decisions} == {("grace-lindqvist",)} and len(decisions) == 9
    [missed] = [item for item in found.items if isinstance(item, CommitmentMissed)]
    assert (missed.metric.id, str(missed.period), missed.value) == ("sales-content-ideas", "2026-10", 5.0)
    assert missed.next_step is not None and missed.next_step.id == "escalate-to-kpi-owners"
    assert missed.people == SIGNATORIES
    assert found.count("review") == found.count("result") == 0


def test_the_sample_on_7_december_2026_asks_who_reports_novembers_results() -> None:
    found = _sample("2026-12-07")

    assert _whose(found, ResultMissing) == {
        ("priya-raman",): [
            "pipeline-coverage 2026-11",
            "sal-acceptance-rate 2026-11",
            "speed-to-lead 2026-W49",
            "mql-follow-up 2026-11",
            "mql-accept-or-reject 2026-11",
            "rejection-reasons 2026-11",
            "follow-up-persistence 2026-11",
        ],
        ("theo-kowalczyk",): ["mql-to-sql-conversion-rate 2026-11", "monthly-mql-volume 2026-11"],
        ("yusuf-demir",): ["mql-icp-fit 2026-11", "mql-routing-with-context 2026-11"],
        "marketing": ["release-enablement 2026-11"],
        "sales": ["event-lead-follow-up 2026-11"],
    }
    assert [d.late for d in found.items if isinstance(d, Decision)] == [True] * 9
    assert _whose(found, CommitmentMissed) == {SIGNATORIES: ["content-idea-decision 2026-11"]}


def test_the_sample_a_year_later_asks_each_owner_for_their_overdue_reviews() -> None:
    found = _sample("2027-12-07")

    reviews = _whose(found, ReviewDue)
    assert reviews[("elena-vasquez",)] == [
        "Term: CAC payback period",
        "Term: Customer Acquisition Cost (CAC)",
        "Term: Customer Lifetime Value (LTV)",
        "Term: Total Addressable Market (TAM)",
    ]
    sla = next(item for item in found.items if isinstance(item, ReviewDue) and item.label == "SLA version 3.2")
    assert (sla.people, sla.due, sla.overdue) == (("priya-raman",), dt.date(2027, 5, 2), True)
    assert found.count("review") == 47 and found.count("result") == 17


def test_a_group_holds_what_waits_on_the_same_people_and_a_team_comes_after_the_people() -> None:
    groups = _sample("2026-12-07").groups()

    assert [g.people or g.team for g in groups] == [
        ("grace-lindqvist",),
        SIGNATORIES,
        ("priya-raman",),
        ("theo-kowalczyk",),
        ("yusuf-demir",),
        "marketing",
        "sales",
    ]


def test_nothing_waits_once_every_result_is_reported_and_met(hub: Hub) -> None:
    hub.write(
        "playbook/measurements/2026.csv",
        """\
        metric,period,value
        mql,2026-02,420
        mql-follow-up,2026-02,3
        """,
    )

    assert _of(hub, "2026-03-02").empty


def test_a_kpi_whose_reporter_is_not_named_is_asked_of_its_two_owners(hub: Hub) -> None:
    assert _whose(_of(hub, "2026-03-02"), ResultMissing)[("maya-chen", "sam-ortiz")] == ["mql 2026-02"]


def test_reported_by_on_a_kpi_names_who_reports_its_results(hub: Hub) -> None:
    hub.edit("playbook/terms/mql.yaml", "  cadence: monthly\n", "  cadence: monthly\n  reported_by: sam-ortiz\n")

    assert _whose(_of(hub, "2026-03-02"), ResultMissing)[("sam-ortiz",)] == ["mql 2026-02"]


def test_reported_by_on_a_commitment_names_who_reports_its_results(hub: Hub) -> None:
    hub.edit("playbook/sla.yaml", "    measured_by: mql\n", "    measured_by: mql\n    reported_by: maya-chen\n")

    whose = _whose(_of(hub, "2026-03-02"), ResultMissing)

    assert whose[("maya-chen",)] == ["mql-follow-up 2026-02"] and "sales" not in whose


@pytest.mark.parametrize(("day", "listed"), [("2026-12-16", False), ("2026-12-17", True)])
def test_a_review_is_listed_from_fourteen_days_before_it_falls_due(hub: Hub, day: str, listed: bool) -> None:
    # The SLA is due for review by 2026-12-31.
    reviews = _whose(_of(hub, day), ReviewDue)

    assert (("sam-ortiz",) in reviews and "SLA version 1.0" in reviews[("sam-ortiz",)]) is listed


def test_a_missed_commitment_goes_to_the_people_the_first_escalation_clause_names(hub: Hub) -> None:
    hub.edit(
        "playbook/sla.yaml",
        "  - id: pipeline-review\n",
        """\
  - id: owners-first
    family: escalation
    title: The KPI owners talk first
    text: They agree within five business days.
    contacts:
      - maya-chen
  - id: pipeline-review
""",
    )
    hub.write("playbook/measurements/2026.csv", "metric,period,value\nmql-follow-up,2026-02,9\n")

    [missed] = [item for item in _of(hub, "2026-03-02").items if isinstance(item, CommitmentMissed)]

    assert (missed.metric.id, missed.value, missed.people) == ("mql-follow-up", 9.0, ("maya-chen",))
    assert missed.next_step is not None and missed.next_step.id == "owners-first"


def test_reported_by_must_name_a_person_in_the_directory(hub: Hub) -> None:
    hub.edit("playbook/terms/mql.yaml", "  cadence: monthly\n", "  cadence: monthly\n  reported_by: sam-ortis\n")

    run = hub.validate()

    assert run.report == [
        "playbook/terms/mql.yaml:15:16: error: $.kpi.reported_by: unknown person 'sam-ortis'",
        "    hint: did you mean 'sam-ortiz'?",
    ]


def test_reported_by_on_a_clause_must_name_a_person_in_the_directory(hub: Hub) -> None:
    hub.edit("playbook/sla.yaml", "    measured_by: mql\n", "    measured_by: mql\n    reported_by: nobody\n")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:21:18: error: $.clauses[0].reported_by: unknown person 'nobody'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
    ]


def test_a_digest_groups_people_a_to_z_then_teams_a_to_z_then_what_names_nobody() -> None:
    def due(people: tuple[str, ...], team: str | None) -> ReviewDue:
        return ReviewDue("a term", "playbook/terms/x.yaml", dt.date(2026, 12, 1), True, people, team)

    items = [due((), None), due((), "sales"), due(("zoe",), None), due((), "marketing"), due(("ada",), "sales")]

    groups = Digest(dt.date(2026, 12, 7), items).groups()

    assert [(group.people, group.team) for group in groups] == [
        (("ada",), None),
        (("zoe",), None),
        ((), "marketing"),
        ((), "sales"),
        ((), None),
    ]
