"""The scorecard: each shared KPI and SLA commitment against what actually happened.

A metric is a shared KPI (a term with `kpi`) or an SLA commitment with a
target. Its results come from `playbook/measurements/` (measurements.py) or,
for a commitment with `measured_from`, from the content ideas themselves.
Each result is met or missed by the target's comparator (targets.py); the
headline is the latest complete period. Until someone reports that period, a
card still answers with its latest reported result and says which period it
is waiting for.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from hub_build.playbook import periods
from hub_build.playbook.measurements import Measured
from hub_build.playbook.model import Clause, Idea, Playbook, Target, Term
from hub_build.playbook.periods import Period
from hub_build.playbook.problems import Problem, Severity, json_path
from hub_build.playbook.targets import NO_DATA, status
from hub_build.playbook.workdays import working_days_between

IDEAS_PROPOSED = "ideas-proposed"
IDEA_DECISION_DAYS = "idea-decision-days"


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    label: str
    target: Target
    period_kind: str
    term: Term | None = None  # a shared KPI
    clause: Clause | None = None  # or an SLA commitment

    @property
    def teams(self) -> tuple[str, ...]:
        """The teams accountable: both owners' teams for a KPI, the committing team for a commitment."""
        if self.term is not None and self.term.kpi is not None:
            return tuple(sorted(self.term.kpi.owners))
        return (self.clause.from_team,) if self.clause is not None and self.clause.from_team else ()

    @property
    def measured(self) -> Measured:
        computed = self.clause is not None and self.clause.measured_from is not None
        return Measured(self.id, self.label, self.period_kind, self.target.unit, computed=computed)


@dataclass(frozen=True, slots=True)
class Outcome:
    period: Period
    value: float
    status: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """One metric's results, oldest first, and its headline for the latest complete period."""

    metric: Metric
    outcomes: list[Outcome]
    latest_period: Period
    latest: Outcome | None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else NO_DATA

    @property
    def missed_count(self) -> int:
        return sum(outcome.status == "missed" for outcome in self.outcomes)

    @property
    def reported(self) -> Outcome | None:
        """The latest result anyone reported up to the latest complete period: what the card answers with."""
        return next((o for o in reversed(self.outcomes) if o.period.end <= self.latest_period.end), None)

    @property
    def awaited(self) -> Period | None:
        """The latest complete period, while its result is not reported yet; None once it is.

        Results counted from the content ideas are never awaited: the hub counts them itself."""
        if self.latest is not None or self.metric.measured.computed:
            return None
        return self.latest_period

    @property
    def reported_by(self) -> str | None:
        """Who reports the metric's results (a person's id), where the playbook names them."""
        if self.metric.term is not None and self.metric.term.kpi is not None:
            return self.metric.term.kpi.reported_by
        return self.metric.clause.reported_by if self.metric.clause is not None else None

    @property
    def trend(self) -> str | None:
        """ "better", "worse" or "steady": the latest reported result against the one before, judged by the target."""
        shown = [o for o in self.outcomes if o.period.end <= self.latest_period.end]
        if len(shown) < 2:
            return None
        before, now = (_short_of(self.metric.target, o.value) for o in shown[-2:])
        return "steady" if now == before else ("better" if now < before else "worse")


def _short_of(target: Target, value: float) -> float:
    """How far a result falls short of its target: less is better, and past an at-least or at-most target
    it keeps getting better (negative)."""
    if target.comparator == "at-least":
        return target.value - value
    if target.comparator == "at-most":
        return value - target.value
    return abs(value - target.value)


@dataclass(frozen=True, slots=True)
class Scorecard:
    cards: list[Card] = field(default_factory=list)

    @property
    def kpis(self) -> list[Card]:
        return [card for card in self.cards if card.metric.term is not None]

    @property
    def commitments(self) -> list[Card]:
        return [card for card in self.cards if card.metric.clause is not None]

    @property
    def has_data(self) -> bool:
        return any(card.outcomes for card in self.cards)

    def missed(self) -> list[Card]:
        return [card for card in self.cards if card.status == "missed"]

    def not_reported(self) -> list[Card]:
        """The metrics whose latest complete period has no result yet: someone owes a report."""
        return [card for card in self.cards if card.awaited is not None]

    def card(self, metric_id: str) -> Card | None:
        return next((card for card in self.cards if card.metric.id == metric_id), None)


def metrics(playbook: Playbook) -> dict[str, Metric]:
    """Every metric by id: the shared KPIs A–Z, then the commitments in the SLA's order."""
    found: dict[str, Metric] = {}
    for term in sorted(playbook.terms.values(), key=lambda t: t.name.casefold()):
        if term.kpi is not None:
            kind = periods.kind_for(term.kpi.target.period or term.kpi.cadence)
            found[term.id] = Metric(term.id, term.label, term.kpi.target, kind, term=term)
    for clause in playbook.sla.family("commitment") if playbook.sla else []:
        if clause.target is not None and clause.id not in found:
            kind = periods.kind_for(clause.target.period)
            found[clause.id] = Metric(clause.id, clause.title, clause.target, kind, clause=clause)
    return found


def scorecard(playbook: Playbook, *, today: dt.date, holidays: Collection[dt.date] = ()) -> Scorecard:
    """Every metric's results and headline, as of `today`."""
    by_metric: dict[str, list[Outcome]] = {}
    for measurement in sorted(playbook.measurements, key=lambda m: m.period):
        metric_outcomes = by_metric.setdefault(measurement.metric, [])
        metric_outcomes.append(Outcome(measurement.period, measurement.value, "", measurement.note))
    cards = []
    for metric in metrics(playbook).values():
        if metric.clause is not None and metric.clause.measured_from is not None:
            raw = _from_ideas(metric, metric.clause.measured_from, playbook, today, holidays)
        else:
            raw = by_metric.get(metric.id, [])
        outcomes = [Outcome(o.period, o.value, status(o.value, metric.target), o.note) for o in raw]
        latest_period = periods.last_complete(today, metric.period_kind)
        latest = next((o for o in outcomes if o.period == latest_period), None)
        cards.append(Card(metric, outcomes, latest_period, latest))
    return Scorecard(cards)


def _from_ideas(
    metric: Metric, measure: str, playbook: Playbook, today: dt.date, holidays: Collection[dt.date]
) -> list[Outcome]:
    """Results counted from the content ideas, for every complete period since the first idea."""
    ideas = sorted(playbook.ideas.values(), key=lambda i: i.proposed_on)
    if not ideas:
        return []
    kind = metric.period_kind
    last = periods.last_complete(today, kind)
    by_period: dict[periods.Period, list[Idea]] = defaultdict(list)
    for idea in ideas:
        by_period[periods.containing(idea.proposed_on, kind)].append(idea)
    outcomes = []
    for period in periods.between(periods.containing(ideas[0].proposed_on, kind), last):
        proposed = by_period.get(period, [])
        if measure == IDEAS_PROPOSED:
            team = metric.clause.from_team if metric.clause else None
            count = sum(1 for i in proposed if team is None or _team(playbook, i.proposed_by) == team)
            outcomes.append(Outcome(period, float(count), ""))
            continue
        waits = [w for w in (decision_wait(i, today, holidays) for i in proposed) if w is not None]
        if waits:
            outcomes.append(Outcome(period, float(max(waits)), ""))
    return outcomes


def decision_wait(idea: Idea, today: dt.date, holidays: Collection[dt.date]) -> int | None:
    """Business days from proposal to decision, or waited so far; None if decided on an unrecorded day."""
    if idea.decided_on is not None:
        return working_days_between(idea.proposed_on, idea.decided_on, holidays)
    if idea.status == "proposed":
        return working_days_between(idea.proposed_on, today, holidays)
    return None


def _team(playbook: Playbook, person_id: str) -> str | None:
    person = playbook.people.get(person_id)
    return person.team if person else None


@dataclass(frozen=True, slots=True)
class Waiting:
    """An idea still waiting for a decision the SLA promises within a number of business days."""

    idea: Idea
    days: int  # business days waited so far
    clause: Clause
    deciders: tuple[str, ...]  # who decides, as "Name (team)"; empty when the SLA names nobody

    @property
    def promised(self) -> float:
        assert self.clause.target is not None
        return self.clause.target.value

    @property
    def late(self) -> bool:
        assert self.clause.target is not None
        return status(float(self.days), self.clause.target) == "missed"

    @property
    def who(self) -> str:
        return " or ".join(self.deciders) if self.deciders else f"the {self.clause.from_team or 'owning'} team"


def waiting_ideas(playbook: Playbook, *, today: dt.date, holidays: Collection[dt.date]) -> list[Waiting]:
    """Every idea still proposed, against each commitment to decide on ideas, longest wait first."""
    found = []
    for metric in metrics(playbook).values():
        clause = metric.clause
        if clause is None or clause.measured_from != IDEA_DECISION_DAYS or clause.target is None:
            continue
        deciders = tuple(_deciders(playbook, clause))
        for idea in playbook.ideas.values():
            if idea.status == "proposed" and idea.decided_on is None:
                found.append(Waiting(idea, working_days_between(idea.proposed_on, today, holidays), clause, deciders))
    return sorted(found, key=lambda w: (-w.days, w.idea.id))


def idea_problems(playbook: Playbook, *, today: dt.date, holidays: Collection[dt.date]) -> list[Problem]:
    """Ideas waiting past the promised time (a reminder naming who decides), and decisions dated before proposals."""
    problems = [
        _decided_too_early(idea)
        for idea in playbook.ideas.values()
        if idea.decided_on is not None and idea.decided_on < idea.proposed_on
    ]
    problems += [_waiting(w) for w in waiting_ideas(playbook, today=today, holidays=holidays) if w.late]
    return problems


def _decided_too_early(idea: Idea) -> Problem:
    line, column = idea.document.locate(("decided_on",)) if idea.document else (1, 1)
    file = idea.document.file if idea.document else f"playbook/content/{idea.id}.yaml"
    return Problem(
        file,
        line,
        column,
        f"decided on {idea.decided_on} but proposed on {idea.proposed_on}",
        path="$.decided_on",
        hint="an idea is decided on or after the day it was proposed",
    )


def _waiting(waiting: Waiting) -> Problem:
    idea = waiting.idea
    line, column = idea.document.locate(("status",)) if idea.document else (1, 1)
    file = idea.document.file if idea.document else f"playbook/content/{idea.id}.yaml"
    return Problem(
        file,
        line,
        column,
        f"waiting {waiting.days} business days for a decision; the SLA promises one within "
        f"{waiting.promised:g} ({waiting.clause.id})",
        severity=Severity.REMINDER,
        path=json_path(("status",)),
        hint=f"{waiting.who} to accept it with an owner or decline it with a reason",
    )


def _deciders(playbook: Playbook, clause: Clause) -> list[str]:
    return [f"{playbook.people[i].name} ({playbook.people[i].team})" for i in decider_ids(playbook, clause)]


def decider_ids(playbook: Playbook, clause: Clause) -> list[str]:
    """Who answers for a commitment: its contacts in the committing team, else that team's signatories."""

    def in_team(ids: Iterable[str]) -> list[str]:
        return [
            i
            for i in ids
            if i in playbook.people and (clause.from_team is None or playbook.people[i].team == clause.from_team)
        ]

    named = in_team(clause.contacts)
    if not named and playbook.sla is not None:
        named = in_team(s.person for s in playbook.sla.signatories)
    return named


def measured_metrics(playbook: Playbook) -> dict[str, Measured]:
    return {metric_id: metric.measured for metric_id, metric in metrics(playbook).items()}
