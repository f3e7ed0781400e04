"""Recent changes told as what happened to records, not as commit subjects.

"Content idea *X* scheduled for 3 Feb 2027", "SLA clause 1.7 *Lead follow-up*
revised", "Person *Ana Ruiz* added": the kind of record, a link to where it
shows (or its file name once it is gone), and what the commit did to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from hub_build.playbook.model import Playbook
from hub_build.site import text
from hub_build.site.history import Change, FileChange

if TYPE_CHECKING:
    from hub_build.site.links import Links

MAX_EVENTS = 5  # per change; beyond that, a change is told as counts per kind of record

# The verb for an idea whose commit wrote its new status.
_IDEA_VERBS = {
    "proposed": "proposed",
    "accepted": "accepted",
    "scheduled": "scheduled",
    "published": "published",
    "declined": "declined",
}
_KINDS = {"terms": "Term", "people": "Person", "onboarding": "Onboarding track", "content": "Content idea"}
_PLURALS = {
    "Term": "terms",
    "Shared KPI": "shared KPIs",
    "Person": "people",
    "Onboarding track": "onboarding tracks",
    "Content idea": "content ideas",
    "SLA clause": "SLA clauses",
    "File": "files",
}


@dataclass(frozen=True, slots=True)
class Event:
    """One record and what happened to it."""

    kind: str  # "Content idea", "SLA clause 1.7", "Shared KPI", or "" for the narrative
    record: Markup  # a link to it, or its file name once it is gone
    verb: str  # "added", "revised", "removed", "scheduled", "published"…
    on: dt.date | None = None  # "scheduled for" this day
    by: Markup | None = None  # "proposed by" this person


@dataclass(frozen=True, slots=True)
class RecentChange:
    date: dt.date
    events: list[Event]


def recent(history: list[Change], playbook: Playbook, links: Links) -> list[RecentChange]:
    """Each change as the records it touched, newest first."""
    told = []
    for change in history:
        events = [event for file in change.files for event in _events(file, playbook, links)]
        told.append(RecentChange(change.date, events if len(events) <= MAX_EVENTS else _counted(events)))
    return told


def _counted(events: list[Event]) -> list[Event]:
    """A bulk change as "34 content ideas proposed; 29 terms added", in the order first met."""
    counts: dict[tuple[str, str], int] = {}
    for event in events:
        kind = "SLA clause" if event.kind.startswith("SLA clause") else event.kind
        counts[kind, event.verb] = counts.get((kind, event.verb), 0) + 1
    told: list[Event] = []
    for (kind, verb), count in counts.items():
        if not kind:  # the narrative and the SLA are one record each
            told.extend(event for event in events if not event.kind and event.verb == verb)
        else:
            noun = kind[:1].lower() + kind[1:] if count == 1 else _PLURALS[kind]
            told.append(Event("", Markup(f"{count} {text.plain(noun)}"), verb))
    return told


def _events(change: FileChange, playbook: Playbook, links: Links) -> list[Event]:
    parts = change.file.split("/")
    if change.file == "playbook/sla.yaml":
        return _sla_events(change, playbook, links)
    if change.file == "playbook/narrative.yaml":
        return [Event("", links.file(change.file), change.how)]
    kind = _KINDS.get(parts[1]) if len(parts) == 3 else None
    record_id = parts[-1].removesuffix(".yaml")
    if kind is None or change.how == "removed":
        return [Event(kind or "File", text.plain(record_id if kind else change.file), change.how)]
    if kind == "Content idea":
        return [_idea_event(change, record_id, playbook, links)]
    term = playbook.terms.get(record_id) if kind == "Term" else None
    return [Event("Shared KPI" if term and term.kpi else kind, links.file(change.file), change.how)]


def _idea_event(change: FileChange, idea_id: str, playbook: Playbook, links: Links) -> Event:
    idea = playbook.ideas.get(idea_id)
    if idea is None:
        return Event("Content idea", text.plain(idea_id), change.how)
    record = links.idea(idea)
    if change.how == "added":
        return Event("Content idea", record, "proposed", by=links.person(idea.proposed_by))
    verb = _IDEA_VERBS.get(change.fields.get("status", ""), "revised")
    on = idea.scheduled_for if verb == "scheduled" else None
    return Event("Content idea", record, verb, on=on)


def _sla_events(change: FileChange, playbook: Playbook, links: Links) -> list[Event]:
    events = []
    if change.header or not change.records or change.how != "revised":
        events.append(Event("", links.file(change.file), change.how))
    clauses = {clause.id: clause for clause in playbook.sla.clauses} if playbook.sla else {}
    for clause_id in change.records:
        clause = clauses.get(clause_id)
        if clause is None:
            events.append(Event("SLA clause", text.plain(clause_id), "revised"))  # since removed
        else:
            events.append(Event(f"SLA clause {clause.number}", links.clause(clause.id, label=clause.title), "revised"))
    return events
