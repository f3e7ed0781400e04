"""The rules JSON Schema cannot express: references, status rules, dates, team balance.

Each check reads the `Playbook` and yields `Problem`s that point at the line of
the field at fault. References are resolved against every file that exists,
even one that failed its schema, so one broken file does not make every
reference to it look broken too.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from hub_build.playbook.loading import Document
from hub_build.playbook.model import TEAMS, Clause, Idea, Playbook, Review, Term, Track, other_team
from hub_build.playbook.problems import Problem, json_path

# A path to a field, as the loader locates it: ("clauses", 3, "target").
FieldPath = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Known:
    """Ids that references may point at. `None` means unknown: its file failed to load."""

    people: set[str]
    terms: set[str]
    personas: set[str] | None
    stages: set[str] | None
    value_propositions: set[str] | None
    meetings: set[str] | None


@dataclass(frozen=True, slots=True)
class Rules:
    today: dt.date
    intro_within_days: int


def cross_check(playbook: Playbook, known: Known, rules: Rules) -> Iterator[Problem]:
    """Every cross-record problem in the playbook."""
    yield from _check_people(playbook)
    yield from _check_terms(playbook, known)
    yield from _check_narrative(playbook, known)
    yield from _check_sla(playbook, known)
    for track in playbook.tracks.values():
        yield from _check_track(track, playbook, known, rules)
    for idea in playbook.ideas.values():
        yield from _check_idea(idea, playbook, known, rules)


def _at(document: Document | None, path: FieldPath, message: str, hint: str | None = None) -> Problem:
    assert document is not None
    line, column = document.locate(path)
    return Problem(document.file, line, column, message, path=json_path(path), hint=hint)


def _reference(
    document: Document | None, path: FieldPath, value: str, known: set[str] | None, what: str, folder: str
) -> Iterator[Problem]:
    if known is None or value in known:
        return
    close = get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"use the id of an existing {what} ({folder})"
    yield _at(document, path, f"unknown {what} '{value}'", hint)


def _person(document: Document | None, path: FieldPath, value: str, known: Known) -> Iterator[Problem]:
    yield from _reference(document, path, value, known.people, "person", "a file name in playbook/people/")


def _owner(document: Document | None, review: Review, known: Known) -> Iterator[Problem]:
    yield from _person(document, ("owner",), review.owner, known)


def _team_of(playbook: Playbook, person_id: str) -> str | None:
    person = playbook.people.get(person_id)
    return person.team if person else None


def _unique(document: Document | None, items: Iterable[tuple[FieldPath, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, FieldPath] = {}
    for path, value in items:
        folded = value.casefold()
        if folded in seen:
            first = document.locate(seen[folded])[0] if document else 0
            yield _at(
                document, path, f"{what} '{value}' is used twice (first at line {first})", "give each one its own id"
            )
        else:
            seen[folded] = path


# ------------------------------------------------------------------ people


def _check_people(playbook: Playbook) -> Iterator[Problem]:
    logins: dict[str, str] = {}  # a GitHub username, as GitHub compares them (case-blind) → the first person with it
    for person in sorted(playbook.people.values(), key=lambda p: p.id):
        hint = unknown_time_zone(person.time_zone)
        if hint is not None:
            yield _at(person.document, ("time_zone",), f"unknown time zone '{person.time_zone}'", hint)
        if person.github is None:
            continue
        first = logins.setdefault(person.github.casefold(), person.id)
        if first != person.id:
            # Issues opened by this login would be credited to the wrong person.
            yield _at(
                person.document,
                ("github",),
                f"the GitHub username '{person.github}' is also {first}'s",
                "each person has their own GitHub username: correct it, or remove it from one of them",
            )


def unknown_time_zone(value: str) -> str | None:
    """None for a time zone of the IANA database; otherwise what to write instead, as a hint.

    The schema checks only the shape (`Region/City`), so `Europe/Berln` needs this.
    """
    zones = _time_zones()
    if value in zones:
        return None
    close = get_close_matches(value, sorted(zones), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "write it as the IANA time zone database names it, such as Europe/Berlin, America/New_York or UTC"


@functools.cache
def _time_zones() -> frozenset[str]:
    # From the system's database, or the tzdata package where there is none (Windows, slim containers).
    return frozenset(zoneinfo.available_timezones())


# ------------------------------------------------------------------ terms


def _check_terms(playbook: Playbook, known: Known) -> Iterator[Problem]:
    abbreviations: list[tuple[Term, str]] = []
    stages: list[Term] = []
    for term in playbook.terms.values():
        doc = term.document
        yield from _owner(doc, term.review, known)
        for index, related in enumerate(term.related):
            if related == term.id:
                yield _at(doc, ("related", index), "a term cannot be related to itself", "remove it from related")
            yield from _reference(
                doc, ("related", index), related, known.terms, "term", "a file name in playbook/terms/"
            )
        if term.abbreviation:
            abbreviations.append((term, term.abbreviation))
        if term.lifecycle_stage is not None:
            stages.append(term)
        if term.kpi:
            if term.kpi.reported_by:
                yield from _person(doc, ("kpi", "reported_by"), term.kpi.reported_by, known)
            for team in TEAMS:
                owner = term.kpi.owners[team]
                path = ("kpi", "owners", team)
                yield from _person(doc, path, owner, known)
                actual = _team_of(playbook, owner)
                if actual and actual != team:
                    yield _at(
                        doc,
                        path,
                        f"the {team} owner of a shared KPI must be in the {team} team, but '{owner}' is in {actual}",
                        f"name a person from the {team} team",
                    )
    yield from _unique_abbreviations(abbreviations)
    # A term that failed its schema may hold a lifecycle stage: number the stages
    # only when every term loaded, or the gap it leaves would be reported too.
    if len(playbook.terms) == len(known.terms):
        yield from _lifecycle_order(stages)


def _file(term: Term) -> str:
    # Terms reach the checks from their files, so each has its document.
    assert term.document is not None
    return term.document.file


def _unique_abbreviations(abbreviations: list[tuple[Term, str]]) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for term, abbreviation in sorted(abbreviations, key=lambda pair: _file(pair[0])):
        folded = abbreviation.casefold()
        if folded in seen:
            yield _at(
                term.document,
                ("abbreviation",),
                f"the abbreviation '{abbreviation}' is already used by {seen[folded]}",
                "each abbreviation gets one tooltip, so it can mean only one term",
            )
        else:
            seen[folded] = _file(term)


def _lifecycle_order(stages: list[Term]) -> Iterator[Problem]:
    ordered = sorted(stages, key=lambda t: (t.lifecycle_stage or 0, _file(t)))
    for expected, term in enumerate(ordered, start=1):
        if term.lifecycle_stage != expected:
            yield _at(
                term.document,
                ("lifecycle_stage",),
                "lifecycle stages must be numbered 1, 2, 3… without gaps or repeats; "
                f"expected {expected} here, found {term.lifecycle_stage}",
                "renumber the lead lifecycle terms in order",
            )
            return


# ------------------------------------------------------------------ narrative


def _check_narrative(playbook: Playbook, known: Known) -> Iterator[Problem]:
    narrative = playbook.narrative
    if narrative is None:
        return
    doc = narrative.document
    yield from _owner(doc, narrative.review, known)
    ids: dict[str, list[str]] = {
        "personas": [persona.id for persona in narrative.personas],
        "value_propositions": [proposition.id for proposition in narrative.value_propositions],
        "stages": [stage.id for stage in narrative.stages],
    }
    for field, item_ids in ids.items():
        yield from _unique(doc, (((field, i, "id"), item_id) for i, item_id in enumerate(item_ids)), "the id")
    for i, proposition in enumerate(narrative.value_propositions):
        for j, persona in enumerate(proposition.personas):
            yield from _reference(
                doc,
                ("value_propositions", i, "personas", j),
                persona,
                known.personas,
                "persona",
                "an id under personas in narrative.yaml",
            )


# ------------------------------------------------------------------ SLA


def _check_sla(playbook: Playbook, known: Known) -> Iterator[Problem]:
    sla = playbook.sla
    if sla is None:
        return
    doc = sla.document
    yield from _owner(doc, sla.review, known)
    yield from _unique(doc, ((("clauses", c.index, "id"), c.id) for c in sla.clauses), "the clause id")
    yield from _unique(
        doc, ((("signatories", i, "person"), s.person) for i, s in enumerate(sla.signatories)), "the signatory"
    )
    teams: set[str | None] = set()
    for i, signatory in enumerate(sla.signatories):
        yield from _person(doc, ("signatories", i, "person"), signatory.person, known)
        teams.add(_team_of(playbook, signatory.person))
        if signatory.signed > sla.effective:
            yield _at(
                doc,
                ("signatories", i, "signed"),
                f"signed on {signatory.signed} but the agreement took effect on {sla.effective}",
                "a version takes effect once everyone has signed: move the effective date or correct the signing date",
            )
    for team in TEAMS:
        if team not in teams and None not in teams:
            yield _at(
                doc,
                ("signatories",),
                f"the SLA has no signatory from the {team} team",
                "both teams sign the agreement: add someone from " + team,
            )
    if sla.review.review_by and sla.review.review_by <= sla.effective:
        yield _at(
            doc,
            ("review_by",),
            "the review date comes before the agreement takes effect",
            "set review_by after effective",
        )
    for clause in sla.clauses:
        yield from _check_clause(clause, doc, known)


def _check_clause(clause: Clause, doc: Document | None, known: Known) -> Iterator[Problem]:
    base: FieldPath = ("clauses", clause.index)
    if clause.family in ("commitment", "feedback"):
        for field in ("from", "to"):
            if getattr(clause, f"{field}_team") is None:
                yield _at(
                    doc,
                    base,
                    f"a {clause.family} clause must say which team it goes {field}",
                    f"add '{field}: sales' or '{field}: marketing'",
                )
        if clause.from_team and clause.from_team == clause.to_team:
            yield _at(
                doc,
                (*base, "to"),
                f"a {clause.family} clause goes from one team to the other, not to the same team",
                f"set to: {other_team(clause.from_team)}",
            )
    if clause.family == "commitment" and clause.target is None:
        yield _at(
            doc,
            base,
            "a commitment needs a measurable target",
            "add target: with a value and a unit, for example {value: 4, unit: business hours, comparator: at-most}",
        )
    if clause.family == "meeting":
        if clause.cadence is None:
            yield _at(
                doc, base, "a meeting needs a cadence", "add cadence: weekly (or daily, biweekly, monthly, quarterly)"
            )
        if not clause.contacts:
            yield _at(
                doc,
                base,
                "a meeting needs points of contact",
                "add contacts: the people who schedule it and set the agenda",
            )
    if clause.measured_by:
        yield from _reference(
            doc, (*base, "measured_by"), clause.measured_by, known.terms, "term", "a file name in playbook/terms/"
        )
    for i, contact in enumerate(clause.contacts):
        yield from _person(doc, (*base, "contacts", i), contact, known)
    if clause.reported_by:
        yield from _person(doc, (*base, "reported_by"), clause.reported_by, known)


# ------------------------------------------------------------------ onboarding


def _check_track(track: Track, playbook: Playbook, known: Known, rules: Rules) -> Iterator[Problem]:
    doc = track.document
    yield from _owner(doc, track.review, known)
    crossed = False
    for step in track.steps:
        path = ("steps", step.index, step.action)
        if step.action in ("meet", "shadow"):
            yield from _person(doc, path, step.subject, known)
            if (
                step.action == "meet"
                and step.day <= rules.intro_within_days
                and _team_of(playbook, step.subject) == other_team(track.team)
            ):
                crossed = True
        elif step.action == "attend":
            yield from _reference(
                doc, path, step.subject, known.meetings, "meeting", "the id of a meeting clause in sla.yaml"
            )
    # A hire's colleague whose file failed to load has no known team: judge the
    # track once that file is fixed rather than report a second, false problem.
    undecided = any(
        step.action == "meet" and step.subject in known.people and step.subject not in playbook.people
        for step in track.steps
    )
    if not crossed and not undecided and known.people:
        other = other_team(track.team)
        yield _at(
            doc,
            ("steps",),
            f"the track introduces the new hire to nobody from {other} "
            f"within the first {rules.intro_within_days} working days",
            f"add a 'meet' step with a {other} colleague on day {rules.intro_within_days} or earlier",
        )


# ------------------------------------------------------------------ content ideas

_STATUS_NEEDS = {
    "accepted": ("owner",),
    "scheduled": ("owner", "scheduled_for", "channel"),
    "published": ("owner", "url"),
    "declined": ("declined_reason",),
}
_FIELD_HINTS = {
    "owner": "the marketer who owns the piece, as a person id",
    "scheduled_for": "the planned publication date, YYYY-MM-DD",
    "channel": "where it will appear, for example blog or linkedin",
    "url": "the link to the published piece",
    "declined_reason": "a sentence the proposer can learn from",
}


def _check_idea(idea: Idea, playbook: Playbook, known: Known, rules: Rules) -> Iterator[Problem]:
    doc = idea.document
    yield from _person(doc, ("proposed_by",), idea.proposed_by, known)
    yield from _reference(
        doc, ("persona",), idea.persona, known.personas, "persona", "an id under personas in narrative.yaml"
    )
    yield from _reference(
        doc, ("stage",), idea.stage, known.stages, "buying stage", "an id under stages in narrative.yaml"
    )
    if idea.value_proposition:
        yield from _reference(
            doc,
            ("value_proposition",),
            idea.value_proposition,
            known.value_propositions,
            "value proposition",
            "an id under value_propositions in narrative.yaml",
        )
    for field in _STATUS_NEEDS.get(idea.status, ()):
        if getattr(idea, field) is None:
            yield _at(
                doc, ("status",), f"an idea that is {idea.status} needs {field}", f"add {field}: {_FIELD_HINTS[field]}"
            )
    if idea.owner:
        yield from _person(doc, ("owner",), idea.owner, known)
        team = _team_of(playbook, idea.owner)
        if team and team != "marketing":
            yield _at(
                doc,
                ("owner",),
                f"the owner of an accepted idea must be in marketing, but '{idea.owner}' is in {team}",
                "name the marketer who will produce the piece; the proposer stays credited in proposed_by",
            )
    if idea.proposed_on > rules.today:
        yield _at(
            doc,
            ("proposed_on",),
            f"proposed_on ({idea.proposed_on}) is in the future",
            "use the date the idea was proposed",
        )
    for field in ("scheduled_for", "published_on"):
        when = getattr(idea, field)
        if when is not None and when < idea.proposed_on:
            yield _at(
                doc,
                (field,),
                f"{field} ({when}) is before the idea was proposed ({idea.proposed_on})",
                "check both dates",
            )
    if idea.published_on and idea.published_on > rules.today and idea.status == "published":
        yield _at(
            doc,
            ("published_on",),
            f"published_on ({idea.published_on}) is in the future",
            "an idea is published once it is live: use status scheduled until then",
        )
