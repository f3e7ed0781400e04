"""Whose turn it is: what waits on whom in the playbook, as of a day.

Four things wait on a person: an idea waiting for the decision the SLA
promises (its deciders), a record due for review (its owner), a result not
reported for the last complete period (whoever the metric names in
`reported_by`), and a commitment missed in the last complete period (whoever
the SLA's escalation path names). Each item names the people whose turn it
is; an item that names nobody falls to a team. The playbook keeps no record
of new hires, so their first days are not part of it.

No GitHub and no Markdown here: `as_data` gives the digest as plain data, and
the GitHub adapter writes it for an issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import ClassVar

from hub_build.playbook.model import Clause, Idea, Playbook
from hub_build.playbook.periods import Period
from hub_build.playbook.review import review_items
from hub_build.playbook.scorecard import Card, Metric, decider_ids, scorecard, waiting_ideas

# A weekly digest names a review two weeks before it falls due, so the owner has a week to spare.
DUE_WITHIN_DAYS = 14


@dataclass(frozen=True, slots=True)
class Decision:
    """An idea waiting for the decision the SLA promises within a number of business days."""

    kind: ClassVar[str] = "decision"
    idea: Idea
    days: int  # business days waited so far
    promised: float
    clause: Clause
    late: bool
    people: tuple[str, ...]
    team: str | None


@dataclass(frozen=True, slots=True)
class ReviewDue:
    """A record due for review within DUE_WITHIN_DAYS, or overdue."""

    kind: ClassVar[str] = "review"
    label: str
    file: str
    due: dt.date
    overdue: bool
    people: tuple[str, ...]
    team: str | None


@dataclass(frozen=True, slots=True)
class ResultMissing:
    """A metric measured by hand with no result for its last complete period."""

    kind: ClassVar[str] = "result"
    metric: Metric
    period: Period
    people: tuple[str, ...]
    team: str | None


@dataclass(frozen=True, slots=True)
class CommitmentMissed:
    """A commitment missed in its last complete period, and the SLA's next step."""

    kind: ClassVar[str] = "missed"
    metric: Metric
    period: Period
    value: float
    next_step: Clause | None  # the first clause of the SLA's escalation path
    people: tuple[str, ...]
    team: str | None


Item = Decision | ReviewDue | ResultMissing | CommitmentMissed


@dataclass(frozen=True, slots=True)
class Group:
    """What waits on the same people, or on a team when it names nobody."""

    people: tuple[str, ...]
    team: str | None
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Digest:
    today: dt.date
    items: list[Item]

    @property
    def empty(self) -> bool:
        return not self.items

    def count(self, kind: str) -> int:
        return sum(item.kind == kind for item in self.items)

    def groups(self) -> list[Group]:
        """The items by whose turn it is: people A–Z by id, then the teams, then what names nobody."""
        by_key: dict[tuple[tuple[str, ...], str | None], Group] = {}
        for item in self.items:
            key = (item.people, None if item.people else item.team)
            by_key.setdefault(key, Group(*key)).items.append(item)
        return sorted(by_key.values(), key=lambda g: (not g.people, g.people, g.team is None, g.team or ""))


def digest(
    playbook: Playbook, *, today: dt.date, holidays: Collection[dt.date] = (), due_within: int = DUE_WITHIN_DAYS
) -> Digest:
    """Everything that waits on someone as of `today`: decisions, missed commitments, reviews, results."""
    cards = scorecard(playbook, today=today, holidays=holidays).cards
    items: list[Item] = [
        *_decisions(playbook, today, holidays),
        *_missed(playbook, cards),
        *_reviews(playbook, today, due_within),
        *_results(playbook, cards),
    ]
    return Digest(today, items)


def _decisions(playbook: Playbook, today: dt.date, holidays: Collection[dt.date]) -> list[Item]:
    found: list[Item] = []
    for waiting in waiting_ideas(playbook, today=today, holidays=holidays):
        people = tuple(decider_ids(playbook, waiting.clause))
        found.append(
            Decision(
                waiting.idea,
                waiting.days,
                waiting.promised,
                waiting.clause,
                waiting.late,
                people,
                waiting.clause.from_team,
            )
        )
    return found


def _reviews(playbook: Playbook, today: dt.date, due_within: int) -> list[Item]:
    horizon = today + dt.timedelta(days=due_within)
    return [
        ReviewDue(
            item.label,
            item.document.file,
            item.review.due,
            item.is_stale(today),
            _known(playbook, [item.review.owner]),
            None,
        )
        for item in review_items(playbook)
        if item.review.due <= horizon
    ]


def _results(playbook: Playbook, cards: list[Card]) -> list[Item]:
    found: list[Item] = []
    for card in cards:
        metric = card.metric
        if card.latest is not None or card.metric.measured.computed:
            continue
        found.append(ResultMissing(metric, card.latest_period, *_reporters(playbook, metric)))
    return found


def _reporters(playbook: Playbook, metric: Metric) -> tuple[tuple[str, ...], str | None]:
    """Who adds a metric's results: whom it names; else a KPI's two owners, a commitment's team."""
    kpi = metric.term.kpi if metric.term is not None else None
    named = kpi.reported_by if kpi else metric.clause.reported_by if metric.clause else None
    if named:
        people = _known(playbook, [named])
    else:
        people = _known(playbook, [kpi.owners[team] for team in sorted(kpi.owners)]) if kpi else ()
    team = metric.clause.from_team if metric.clause is not None else None
    return people, team


def _missed(playbook: Playbook, cards: list[Card]) -> list[Item]:
    found: list[Item] = []
    for card in cards:
        if card.metric.clause is None or card.latest is None or card.status != "missed":
            continue
        step, people = _next_step(playbook)
        found.append(
            CommitmentMissed(
                card.metric, card.latest_period, card.latest.value, step, people, card.metric.clause.from_team
            )
        )
    return found


def _next_step(playbook: Playbook) -> tuple[Clause | None, tuple[str, ...]]:
    """The SLA's first escalation clause and who takes it: the people it names, else the signatories of both teams.

    The SLA does not tie a consequence to a commitment, so the escalation path is
    the step it names for every miss.
    """
    if playbook.sla is None:
        return None, ()
    path = playbook.sla.family("escalation")
    step = path[0] if path else None
    people = _known(playbook, step.contacts) if step else ()
    return step, people or _known(playbook, [s.person for s in playbook.sla.signatories])


def _known(playbook: Playbook, ids: Collection[str]) -> tuple[str, ...]:
    """The ids of people in the directory, in the order given: a name nobody has is no one's turn."""
    return tuple(i for i in dict.fromkeys(ids) if i in playbook.people)


def as_data(result: Digest, playbook: Playbook) -> dict[str, object]:
    """The digest as JSON-ready data: each group with its people, each item with its facts."""
    return {
        "today": result.today.isoformat(),
        "counts": {kind: result.count(kind) for kind in ("decision", "missed", "review", "result")},
        "groups": [
            {
                "people": [_person_data(playbook, i) for i in group.people],
                "team": group.team,
                "items": [_item_data(item) for item in group.items],
            }
            for group in result.groups()
        ],
    }


def _person_data(playbook: Playbook, person_id: str) -> dict[str, str | None]:
    person = playbook.people[person_id]
    return {"id": person.id, "name": person.name, "github": person.github}


def _item_data(item: Item) -> dict[str, object]:
    data: dict[str, object] = {"kind": item.kind, "people": list(item.people), "team": item.team}
    if isinstance(item, Decision):
        data |= {
            "idea": item.idea.id,
            "title": item.idea.title,
            "proposed_on": item.idea.proposed_on.isoformat(),
            "business_days": item.days,
            "promised": item.promised,
            "late": item.late,
            "clause": item.clause.id,
        }
    elif isinstance(item, ReviewDue):
        data |= {"record": item.label, "file": item.file, "due": item.due.isoformat(), "overdue": item.overdue}
    elif isinstance(item, ResultMissing):
        data |= {"metric": item.metric.id, "label": item.metric.label, "period": item.period.label}
    else:
        data |= {
            "metric": item.metric.id,
            "label": item.metric.label,
            "period": item.period.label,
            "value": item.value,
            "target": str(item.metric.target),
            "next_step": item.next_step.id if item.next_step else None,
        }
    return data
