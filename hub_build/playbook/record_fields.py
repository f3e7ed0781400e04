"""A record of the playbook as readers see it: its fields by the names they use, each value as text.

A reader of the hub knows a target as "≤ 15 minutes" and a person by name, not as
YAML. Comparing two playbooks compares these views, so that a change reads as the
site shows the record ("target ≤ 15 minutes → ≤ 10 minutes"); the view of each kind
of record lives here, apart from how two views are compared (changes.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hub_build.playbook.model import (
    Clause,
    Competitor,
    Idea,
    Narrative,
    Person,
    Persona,
    Playbook,
    Review,
    Sla,
    Stage,
    Step,
    Term,
    Track,
    ValueProposition,
)

# A field's value as readers see it: text, a list of items, or not set.
Value = str | tuple[str, ...] | None


class People:
    """Person ids shown as names, from the new playbook first: a person removed keeps their old name."""

    def __init__(self, old: Playbook, new: Playbook) -> None:
        self.names = {pid: person.name for pid, person in old.people.items()}
        self.names.update({pid: person.name for pid, person in new.people.items()})

    def __call__(self, person_id: str | None) -> str | None:
        return None if person_id is None else self.names.get(person_id, person_id)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _items(values: Iterable[Any] | None) -> tuple[str, ...] | None:
    items = tuple(str(value) for value in values or ())
    return items or None


def _review(review: Review, people: People) -> dict[str, Value]:
    return {
        "owner": people(review.owner),
        "last reviewed": _text(review.last_reviewed),
        "review every": review.review_every,
        "review by": _text(review.review_by),
    }


def term_fields(term: Term, people: People) -> dict[str, Value]:
    kpi = term.kpi
    fields: dict[str, Value] = {
        "name": term.name,
        "abbreviation": term.abbreviation,
        "aliases": _items(term.aliases),
        "definition": term.definition.strip(),
        "example": _text(term.example and term.example.strip()),
        "team": term.team,
        "related terms": _items(term.related),
        "lifecycle stage": _text(term.lifecycle_stage),
        "KPI formula": kpi.formula if kpi else None,
        "KPI target": _text(kpi.target) if kpi else None,
        "KPI cadence": kpi.cadence if kpi else None,
        "KPI source": kpi.source if kpi else None,
    }
    for team, owner in kpi.owners.items() if kpi else ():
        fields[f"KPI owner in {team}"] = people(owner)
    return fields | _review(term.review, people)


def person_fields(person: Person, people: People) -> dict[str, Value]:
    return {
        "name": person.name,
        "role": person.role,
        "team": person.team,
        "group": person.group,
        "email": person.email,
        "chat": person.chat,
        "GitHub login": person.github,
        "time zone": person.time_zone,
        "location": person.location,
        "ask about": _items(person.ask_about),
        "bio": _text(person.bio and person.bio.strip()),
    }


# The steps whose subject is a person's id, shown by name; the others name a page or a meeting.
_WITH_PERSON = ("meet", "shadow")


def _step(step: Step, people: People) -> str:
    subject = people(step.subject) if step.action in _WITH_PERSON else step.subject
    details = [detail for detail in (step.why and step.why.strip(), step.mode, step.focus) if detail]
    details += [f"ask: {question}" for question in step.ask]
    return f"day {step.day}: {step.action} {subject}" + (f" ({'; '.join(details)})" if details else "")


def track_fields(track: Track, people: People) -> dict[str, Value]:
    fields: dict[str, Value] = {
        "title": track.title,
        "team": track.team,
        "summary": track.summary.strip(),
        "steps": tuple(_step(step, people) for step in track.steps),
    }
    return fields | _review(track.review, people)


def idea_fields(idea: Idea, people: People) -> dict[str, Value]:
    return {
        "title": idea.title,
        "proposed by": people(idea.proposed_by),
        "proposed on": _text(idea.proposed_on),
        "question": idea.question.strip(),
        "persona": idea.persona,
        "stage": idea.stage,
        "value proposition": idea.value_proposition,
        "format": idea.format,
        "status": idea.status,
        "owner": people(idea.owner),
        "scheduled for": _text(idea.scheduled_for),
        "channel": idea.channel,
        "address": idea.url,
        "published on": _text(idea.published_on),
        "decided on": _text(idea.decided_on),
        "reason declined": _text(idea.declined_reason and idea.declined_reason.strip()),
        "notes": _text(idea.notes and idea.notes.strip()),
    }


def clause_fields(clause: Clause, people: People) -> dict[str, Value]:
    return {
        "title": clause.title,
        "family": clause.family,
        "text": clause.text.strip(),
        "from": clause.from_team,
        "to": clause.to_team,
        "target": _text(clause.target),
        "measured by": clause.measured_by,
        "measured from": clause.measured_from,
        "cadence": clause.cadence,
        "contacts": _items(people(c) for c in clause.contacts),
    }


def persona_fields(persona: Persona) -> dict[str, Value]:
    return {
        "name": persona.name,
        "role": persona.role,
        "summary": _text(persona.summary and persona.summary.strip()),
        "goals": _items(persona.goals),
        "pains": _items(persona.pains),
        "objections": _items(persona.objections),
        "sources": _items(persona.sources),
    }


def value_proposition_fields(proposition: ValueProposition) -> dict[str, Value]:
    return {
        "title": proposition.title,
        "claim": proposition.claim.strip(),
        "personas": _items(proposition.personas),
        "proof points": _items(proposition.proof_points),
        "differentiators": _items(proposition.differentiators),
    }


def stage_fields(stage: Stage) -> dict[str, Value]:
    return {
        "name": stage.name,
        "buyer": stage.buyer.strip(),
        "marketing": stage.marketing.strip(),
        "sales": stage.sales.strip(),
        "exit criteria": _items(stage.exit_criteria),
    }


def competitor_fields(competitor: Competitor) -> dict[str, Value]:
    return {"where we win": _items(competitor.win), "where we lose": _items(competitor.lose)}


def narrative_fields(narrative: Narrative, people: People) -> dict[str, Value]:
    market, icp = narrative.market, narrative.icp
    return {
        "company": narrative.company,
        "summary": narrative.summary.strip(),
        "market": market.description.strip(),
        "segments": _items(market.segments),
        "regions": _items(market.regions),
        "company sizes": _items(market.company_sizes),
        "ideal customer profile": icp.summary.strip(),
        "ICP criteria": _items(icp.criteria),
        "ICP triggers": _items(icp.triggers),
        "ICP disqualifiers": _items(icp.disqualifiers),
    } | _review(narrative.review, people)


def sla_fields(sla: Sla, people: People) -> dict[str, Value]:
    return {
        "title": sla.title,
        "version": sla.version,
        "effective": _text(sla.effective),
        "summary": _text(sla.summary and sla.summary.strip()),
    } | _review(sla.review, people)
