"""What changed between two versions of the playbook, record by record, in the words readers use.

A reviewer of a pull request reads YAML; a reader of the hub reads terms, clauses
and people. This compares two `Playbook`s the way the site shows them: each record
as a list of fields with their values as text (a target as "≤ 15 minutes", a person
by name), so a change reads "target ≤ 15 minutes → ≤ 10 minutes". It knows nothing
of Git or of Markdown: the command line says which records were renamed, and the
GitHub adapter writes the comment.

Changes to what both teams signed (the SLA's clauses, its signatories, a shared
KPI's formula or target) are marked as needing both teams' sign-off.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from hub_build.playbook.layout import BY_LOCATION, KINDS, PLAYBOOK
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
from hub_build.playbook.problems import Problem, Severity

# A field's value as readers see it: text, a list of items, or not set.
Value = str | tuple[str, ...] | None
# The sections of the playbook, in the order a reviewer reads them.
SECTIONS = ("sla", "narrative", "term", "person", "track", "idea")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a record, before and after; for a list, the items added and removed."""

    name: str  # as readers call it: "target", "definition", "KPI formula"
    old: Value
    new: Value
    note: str | None = None  # what goes with it: an idea's new owner with its new status
    sign_off: bool = False  # both teams must agree to this change

    @property
    def added(self) -> tuple[str, ...]:
        return _missing_from(self.old, self.new)

    @property
    def removed(self) -> tuple[str, ...]:
        return _missing_from(self.new, self.old)


@dataclass(frozen=True, slots=True)
class RecordChange:
    section: str  # one of SECTIONS
    kind: str  # "term", "clause", "signatory", "persona", …
    change: str  # "added", "removed", "renamed" or "changed"
    label: str  # how readers call the record: "MQL", "1.4 MQLs arrive routed…"
    file: str
    fields: tuple[FieldChange, ...] = ()
    old_id: str | None = None  # for a renamed record
    new_id: str | None = None
    sign_off: bool = False  # both teams must agree to the record's coming, going or new id

    @property
    def needs_sign_off(self) -> bool:
        return self.sign_off or any(change.sign_off for change in self.fields)


@dataclass(frozen=True, slots=True)
class Changes:
    records: tuple[RecordChange, ...]
    signatories: tuple[str, ...]  # person ids of whoever signs the SLA, before and after the change

    @property
    def needs_sign_off(self) -> bool:
        return any(record.needs_sign_off for record in self.records)


def compare(
    old: Playbook,
    new: Playbook,
    *,
    renamed: Mapping[tuple[str, str], str] | None = None,
    unread: Collection[tuple[str, str]] = (),
) -> Changes:
    """Every record added, removed, renamed or changed from `old` to `new`.

    `renamed` maps (kind, old id) to the new id of a file Git saw moved; `unread`
    holds (kind, id) of records whose file did not load on one side or the other,
    which are left out rather than reported as added or removed.
    """
    people = _People(old, new)
    renames = dict(renamed or {})
    records: list[RecordChange] = []
    records += _sla_changes(old.sla, new.sla, people, skip=("sla", "sla") in unread)
    records += _narrative_changes(old.narrative, new.narrative, people, skip=("narrative", "narrative") in unread)
    for kind, view, label, signs in _FOLDER_KINDS:
        records += _keyed_changes(
            kind,
            kind,
            getattr(old, _ATTRIBUTE[kind]),
            getattr(new, _ATTRIBUTE[kind]),
            view=_seen_by(view, people),
            label=label,
            file=_file_of(kind),
            signs=signs,
            renamed={old_id: new_id for (k, old_id), new_id in renames.items() if k == kind},
            unread={record_id for k, record_id in unread if k == kind},
        )
    return Changes(tuple(records), _signers(old.sla, new.sla))


def unread_records(playbook: Playbook, problems: Iterable[Problem]) -> list[tuple[str, str, str]]:
    """(kind, id, file) of each file with an error whose record the playbook lacks: it did not load."""
    unread = []
    for file in sorted({problem.file for problem in problems if problem.severity is Severity.ERROR}):
        record = record_of(file)
        if record is not None and not _has(playbook, *record):
            unread.append((*record, file))
    return unread


def record_of(file: str) -> tuple[str, str] | None:
    """("term", "mql") for playbook/terms/mql.yaml, ("sla", "sla") for playbook/sla.yaml; None for other files."""
    parts = file.split("/")
    if parts[0] != PLAYBOOK or not file.endswith(".yaml"):
        return None
    if len(parts) == 2:
        kind = BY_LOCATION.get(parts[1])
        return (kind.name, kind.name) if kind and not kind.is_folder else None
    kind = BY_LOCATION.get(parts[1]) if len(parts) == 3 else None
    return (kind.name, parts[2].removesuffix(".yaml")) if kind and kind.is_folder else None


def _has(playbook: Playbook, kind: str, record_id: str) -> bool:
    if kind in ("narrative", "sla"):
        return getattr(playbook, kind) is not None
    return record_id in getattr(playbook, _ATTRIBUTE[kind])


# ------------------------------------------------------------------ people by name


class _People:
    """Person ids shown as names, from the new playbook first: a person removed keeps their old name."""

    def __init__(self, old: Playbook, new: Playbook) -> None:
        self.names = {pid: person.name for pid, person in old.people.items()}
        self.names.update({pid: person.name for pid, person in new.people.items()})

    def __call__(self, person_id: str | None) -> str | None:
        return None if person_id is None else self.names.get(person_id, person_id)


def _signers(old: Sla | None, new: Sla | None) -> tuple[str, ...]:
    # Those who signed the agreement in force agree to change it; those who join sign it too.
    signers = [s.person for sla in (old, new) if sla is not None for s in sla.signatories]
    return tuple(dict.fromkeys(signers))


# ------------------------------------------------------------------ views: a record as fields of text


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _items(values: Iterable[Any] | None) -> tuple[str, ...] | None:
    items = tuple(str(value) for value in values or ())
    return items or None


def _review(review: Review, people: _People) -> dict[str, Value]:
    return {
        "owner": people(review.owner),
        "last reviewed": _text(review.last_reviewed),
        "review every": review.review_every,
        "review by": _text(review.review_by),
    }


def _term(term: Term, people: _People) -> dict[str, Value]:
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


def _person(person: Person, people: _People) -> dict[str, Value]:
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


def _step(step: Step, people: _People) -> str:
    subject = people(step.subject) if step.action == "meet" else step.subject
    details = [detail for detail in (step.why and step.why.strip(), step.mode, step.focus) if detail]
    details += [f"ask: {question}" for question in step.ask]
    return f"day {step.day}: {step.action} {subject}" + (f" ({'; '.join(details)})" if details else "")


def _track(track: Track, people: _People) -> dict[str, Value]:
    fields: dict[str, Value] = {
        "title": track.title,
        "team": track.team,
        "summary": track.summary.strip(),
        "steps": tuple(_step(step, people) for step in track.steps),
    }
    return fields | _review(track.review, people)


def _idea(idea: Idea, people: _People) -> dict[str, Value]:
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


def _clause(clause: Clause, people: _People) -> dict[str, Value]:
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


def _persona(persona: Persona) -> dict[str, Value]:
    return {
        "name": persona.name,
        "role": persona.role,
        "summary": _text(persona.summary and persona.summary.strip()),
        "goals": _items(persona.goals),
        "pains": _items(persona.pains),
        "objections": _items(persona.objections),
        "sources": _items(persona.sources),
    }


def _value_proposition(proposition: ValueProposition) -> dict[str, Value]:
    return {
        "title": proposition.title,
        "claim": proposition.claim.strip(),
        "personas": _items(proposition.personas),
        "proof points": _items(proposition.proof_points),
        "differentiators": _items(proposition.differentiators),
    }


def _stage(stage: Stage) -> dict[str, Value]:
    return {
        "name": stage.name,
        "buyer": stage.buyer.strip(),
        "marketing": stage.marketing.strip(),
        "sales": stage.sales.strip(),
        "exit criteria": _items(stage.exit_criteria),
    }


def _competitor(competitor: Competitor) -> dict[str, Value]:
    return {"where we win": _items(competitor.win), "where we lose": _items(competitor.lose)}


def _narrative(narrative: Narrative, people: _People) -> dict[str, Value]:
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


def _sla_fields(sla: Sla, people: _People) -> dict[str, Value]:
    return {
        "title": sla.title,
        "version": sla.version,
        "effective": _text(sla.effective),
        "summary": _text(sla.summary and sla.summary.strip()),
    } | _review(sla.review, people)


# ------------------------------------------------------------------ comparing

View = Callable[[Any], dict[str, Value]]


def _seen_by(view: Callable[[Any, _People], dict[str, Value]], people: _People) -> View:
    return lambda record: view(record, people)


def _field_changes(old: dict[str, Value], new: dict[str, Value]) -> tuple[FieldChange, ...]:
    names = list(dict.fromkeys([*new, *old]))
    return tuple(FieldChange(name, old.get(name), new.get(name)) for name in names if old.get(name) != new.get(name))


def _missing_from(values: Value, others: Value) -> tuple[str, ...]:
    """The items of `others` that `values` lacks, for two lists; nothing for text."""
    if isinstance(values, str) or isinstance(others, str):
        return ()
    return tuple(item for item in others or () if item not in (values or ()))


def _keyed_changes(
    section: str,
    kind: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    view: View,
    label: Callable[[Any], str],
    file: Callable[[str], str],
    signs: _Signs,
    renamed: Mapping[str, str] | None = None,
    unread: Collection[str] = (),
) -> list[RecordChange]:
    """Records of one kind matched by id (or by a rename), in the new order, then those removed."""
    renames = {
        old_id: new_id
        for old_id, new_id in (renamed or {}).items()
        if old_id in old and new_id in new and new_id not in old and old_id not in new
    }
    renames.update(_same_content_renames(old, new, view, renames, unread))
    was = {new_id: old_id for old_id, new_id in renames.items()}
    changes = []
    for record_id, record in new.items():
        if record_id in unread:
            continue
        old_id = was.get(record_id, record_id)
        if old_id not in old:
            changes.append(
                RecordChange(
                    section, kind, "added", label(record), file(record_id), sign_off=signs.record(view(record))
                )
            )
            continue
        if old_id == record_id and _same_document(old[old_id], record):
            continue  # built from the very same parsed file: nothing in it changed
        before, after = view(old[old_id]), view(record)
        fields = tuple(
            replace(change, sign_off=signs.field(change.name))
            for change in _with_owner(kind, _field_changes(before, after), after)
        )
        if old_id != record_id:
            changes.append(
                RecordChange(
                    section,
                    kind,
                    "renamed",
                    label(record),
                    file(record_id),
                    fields,
                    old_id=old_id,
                    new_id=record_id,
                    sign_off=signs.field("id"),
                )
            )
        elif fields:
            changes.append(RecordChange(section, kind, "changed", label(record), file(record_id), fields))
    for record_id, record in old.items():
        if record_id not in new and record_id not in renames and record_id not in unread:
            changes.append(
                RecordChange(
                    section, kind, "removed", label(record), file(record_id), sign_off=signs.record(view(record))
                )
            )
    return changes


def _same_document(old: Any, new: Any) -> bool:
    document = getattr(old, "document", None)
    return document is not None and document is getattr(new, "document", None)


def _same_content_renames(
    old: Mapping[str, Any], new: Mapping[str, Any], view: View, known: Mapping[str, str], unread: Collection[str]
) -> dict[str, str]:
    """A record gone and one come whose fields read the same: the id changed, nothing else."""
    taken = set(known.values())
    gone: dict[tuple[tuple[str, Value], ...], list[str]] = {}
    for record_id, record in old.items():
        if record_id not in new and record_id not in known and record_id not in unread:
            gone.setdefault(tuple(view(record).items()), []).append(record_id)
    found: dict[str, str] = {}
    for record_id, record in new.items():
        if record_id in old or record_id in taken or record_id in unread:
            continue
        same = gone.get(tuple(view(record).items()))
        if same:
            found[same.pop(0)] = record_id
    return found


def _with_owner(kind: str, fields: tuple[FieldChange, ...], after: dict[str, Value]) -> tuple[FieldChange, ...]:
    """An idea's new status says who owns it now, in one line rather than two."""
    if kind != "idea" or not any(f.name == "status" for f in fields) or not after.get("owner"):
        return fields
    owner = f"owner {after['owner']}"
    return tuple(
        FieldChange(f.name, f.old, f.new, note=owner) if f.name == "status" else f for f in fields if f.name != "owner"
    )


# ------------------------------------------------------------------ what both teams sign

_KPI_SIGNED = ("KPI formula", "KPI target")


@dataclass(frozen=True, slots=True)
class _Signs:
    """What of a kind of record both teams sign: the record coming or going, and which of its fields."""

    record: Callable[[dict[str, Value]], bool]
    field: Callable[[str], bool]  # a field's name, or "id" for the record's new id


_NEVER = _Signs(lambda _view: False, lambda _name: False)
_ALWAYS = _Signs(lambda _view: True, lambda _name: True)
# A term comes or goes with its KPI, or its KPI's formula or target changes.
_KPI = _Signs(lambda view: view.get("KPI formula") is not None, lambda name: name in _KPI_SIGNED)


def _label_term(term: Term) -> str:
    return term.abbreviation or term.name


_FOLDER_KINDS: tuple[tuple[str, Callable[[Any, _People], dict[str, Value]], Callable[[Any], str], _Signs], ...] = (
    ("term", _term, _label_term, _KPI),
    ("person", _person, lambda person: person.name, _NEVER),
    ("track", _track, lambda track: track.title, _NEVER),
    ("idea", _idea, lambda idea: idea.title, _NEVER),
)
_ATTRIBUTE = {"term": "terms", "person": "people", "track": "tracks", "idea": "ideas"}
_LOCATION = {kind.name: kind.location for kind in KINDS}


def _file_of(kind: str) -> Callable[[str], str]:
    return lambda record_id: f"{PLAYBOOK}/{_LOCATION[kind]}/{record_id}.yaml"


def _one_file(kind: str) -> Callable[[str], str]:
    return lambda _record_id: f"{PLAYBOOK}/{_LOCATION[kind]}"


def _sla_changes(old: Sla | None, new: Sla | None, people: _People, *, skip: bool) -> list[RecordChange]:
    if skip or (old is None and new is None):
        return []
    file = _one_file("sla")
    records = _keyed_changes(
        "sla",
        "agreement",
        {"sla": old} if old else {},
        {"sla": new} if new else {},
        view=lambda sla: _sla_fields(sla, people),
        label=lambda sla: sla.title,
        file=file,
        signs=_NEVER,
    )
    clauses_before = {c.id: c for c in old.clauses} if old else {}
    clauses_after = {c.id: c for c in new.clauses} if new else {}
    records += _keyed_changes(
        "sla",
        "clause",
        clauses_before,
        clauses_after,
        view=lambda clause: _clause(clause, people),
        label=lambda clause: f"{clause.number} {clause.title}",
        file=file,
        signs=_ALWAYS,
    )
    signed_before = {s.person: s for s in old.signatories} if old else {}
    signed_after = {s.person: s for s in new.signatories} if new else {}
    records += _keyed_changes(
        "sla",
        "signatory",
        signed_before,
        signed_after,
        view=lambda signatory: {"signed": str(signatory.signed)},
        label=lambda signatory: people(signatory.person) or signatory.person,
        file=file,
        signs=_ALWAYS,
    )
    return records


def _narrative_changes(
    old: Narrative | None, new: Narrative | None, people: _People, *, skip: bool
) -> list[RecordChange]:
    if skip or (old is None and new is None):
        return []
    file = _one_file("narrative")
    records = _keyed_changes(
        "narrative",
        "narrative",
        {"n": old} if old else {},
        {"n": new} if new else {},
        view=lambda narrative: _narrative(narrative, people),
        label=lambda _n: "The narrative",
        file=file,
        signs=_NEVER,
    )
    pieces: tuple[tuple[str, str, View, Callable[[Any], str], Callable[[Any], str]], ...] = (
        ("persona", "personas", _persona, lambda p: p.id, lambda p: p.name),
        ("value proposition", "value_propositions", _value_proposition, lambda v: v.id, lambda v: v.title),
        ("buying stage", "stages", _stage, lambda s: s.id, lambda s: s.name),
        ("competitor", "competitors", _competitor, lambda c: c.name, lambda c: c.name),
    )
    for kind, attribute, view, key, label in pieces:
        records += _keyed_changes(
            "narrative",
            kind,
            {key(p): p for p in getattr(old, attribute, [])},
            {key(p): p for p in getattr(new, attribute, [])},
            view=view,
            label=label,
            file=file,
            signs=_NEVER,
        )
    return records
