"""What changed between two versions of the playbook, record by record, in the words readers use.

A reviewer of a pull request reads YAML; a reader of the hub reads terms, clauses
and people. This compares two `Playbook`s the way the site shows them: each record
as a list of fields with their values as text (a target as "≤ 15 minutes", a person
by name), so a change reads "target ≤ 15 minutes → ≤ 10 minutes". It knows nothing
of Git or of Markdown: the command line says which records were renamed, and the
GitHub adapter writes the comment.

Changes to what both teams signed (the SLA's clauses, its signatories, a shared
KPI's formula or target) are marked as needing both teams' sign-off.

Each kind of record's fields as readers see them are in `record_fields.py`, what
both teams sign in `sign_off.py`, and which file holds which record in `record_files.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from hub_build.playbook.model import Narrative, Playbook, Sla, Term
from hub_build.playbook.record_fields import (
    People,
    Value,
    clause_fields,
    competitor_fields,
    idea_fields,
    narrative_fields,
    person_fields,
    persona_fields,
    sla_fields,
    stage_fields,
    term_fields,
    track_fields,
    value_proposition_fields,
)
from hub_build.playbook.record_files import ATTRIBUTE, file_of, one_file
from hub_build.playbook.sign_off import ALWAYS, KPI, NEVER, Signs, signers

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
    people = People(old, new)
    renames = dict(renamed or {})
    records: list[RecordChange] = []
    records += _sla_changes(old.sla, new.sla, people, skip=("sla", "sla") in unread)
    records += _narrative_changes(old.narrative, new.narrative, people, skip=("narrative", "narrative") in unread)
    for kind, view, label, signs in _FOLDER_KINDS:
        records += _keyed_changes(
            kind,
            kind,
            getattr(old, ATTRIBUTE[kind]),
            getattr(new, ATTRIBUTE[kind]),
            view=_seen_by(view, people),
            label=label,
            file=file_of(kind),
            signs=signs,
            renamed={old_id: new_id for (k, old_id), new_id in renames.items() if k == kind},
            unread={record_id for k, record_id in unread if k == kind},
        )
    return Changes(tuple(records), signers(old.sla, new.sla))


# ------------------------------------------------------------------ comparing

View = Callable[[Any], dict[str, Value]]


def _seen_by(view: Callable[[Any, People], dict[str, Value]], people: People) -> View:
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
    signs: Signs,
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


# ------------------------------------------------------------------ each kind of record


def _label_term(term: Term) -> str:
    return term.abbreviation or term.name


_FOLDER_KINDS: tuple[tuple[str, Callable[[Any, People], dict[str, Value]], Callable[[Any], str], Signs], ...] = (
    ("term", term_fields, _label_term, KPI),
    ("person", person_fields, lambda person: person.name, NEVER),
    ("track", track_fields, lambda track: track.title, NEVER),
    ("idea", idea_fields, lambda idea: idea.title, NEVER),
)


def _sla_changes(old: Sla | None, new: Sla | None, people: People, *, skip: bool) -> list[RecordChange]:
    if skip or (old is None and new is None):
        return []
    file = one_file("sla")
    records = _keyed_changes(
        "sla",
        "agreement",
        {"sla": old} if old else {},
        {"sla": new} if new else {},
        view=lambda sla: sla_fields(sla, people),
        label=lambda sla: sla.title,
        file=file,
        signs=NEVER,
    )
    clauses_before = {c.id: c for c in old.clauses} if old else {}
    clauses_after = {c.id: c for c in new.clauses} if new else {}
    records += _keyed_changes(
        "sla",
        "clause",
        clauses_before,
        clauses_after,
        view=lambda clause: clause_fields(clause, people),
        label=lambda clause: f"{clause.number} {clause.title}",
        file=file,
        signs=ALWAYS,
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
        signs=ALWAYS,
    )
    return records


def _narrative_changes(
    old: Narrative | None, new: Narrative | None, people: People, *, skip: bool
) -> list[RecordChange]:
    if skip or (old is None and new is None):
        return []
    file = one_file("narrative")
    records = _keyed_changes(
        "narrative",
        "narrative",
        {"n": old} if old else {},
        {"n": new} if new else {},
        view=lambda narrative: narrative_fields(narrative, people),
        label=lambda _n: "The narrative",
        file=file,
        signs=NEVER,
    )
    pieces: tuple[tuple[str, str, View, Callable[[Any], str], Callable[[Any], str]], ...] = (
        ("persona", "personas", persona_fields, lambda p: p.id, lambda p: p.name),
        ("value proposition", "value_propositions", value_proposition_fields, lambda v: v.id, lambda v: v.title),
        ("buying stage", "stages", stage_fields, lambda s: s.id, lambda s: s.name),
        ("competitor", "competitors", competitor_fields, lambda c: c.name, lambda c: c.name),
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
            signs=NEVER,
        )
    return records
