"""Loading and checking a whole hub: files → schemas → model → cross-checks → staleness."""

from __future__ import annotations

import datetime as dt
import operator
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

from hub_build.playbook.checks import Known, Rules, cross_check
from hub_build.playbook.config import HubConfig, load_config
from hub_build.playbook.layout import PLAYBOOK, SourceFile, discover
from hub_build.playbook.loading import Document, Documents, LoadError, load_file
from hub_build.playbook.measurements import check_rows, measurement_files, read_rows
from hub_build.playbook.model import Playbook, Record, make_record
from hub_build.playbook.placeholders import placeholder_reminder
from hub_build.playbook.problems import Problem, Severity
from hub_build.playbook.review import stale_records
from hub_build.playbook.schemas import BUILT_IN, HUB_SCHEMAS, KindValidator, check, hub_schemas
from hub_build.playbook.scorecard import idea_problems, measured_metrics

T = TypeVar("T")


@dataclass(slots=True)
class Result:
    """The playbook built from every valid record, and every problem found."""

    playbook: Playbook
    problems: list[Problem] = field(default_factory=list)
    config: HubConfig = field(default_factory=HubConfig)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems in the files that fail only `--strict`; reminders too where hub.yaml says `reminders: fail`."""
        return [p for p in self.problems if p.severity is Severity.WARNING or (p.is_reminder and self.reminders_fail)]

    @property
    def reminders(self) -> list[Problem]:
        """What depends on today (a review due, a decision late): shown to whose turn it is, never a failure."""
        return [p for p in self.problems if p.is_reminder and not self.reminders_fail]

    @property
    def reminders_fail(self) -> bool:
        return self.config.reminders == "fail"

    def passed(self, *, strict: bool = False) -> bool:
        return not (self.errors + self.warnings if strict else self.errors)


class NotAHub(Exception):
    """The folder has no playbook to check."""


def schema_dir_for(root: Path) -> Path:
    """The folder a hub's files are edited against: its own `schemas/` if it has one, else the built-in schemas."""
    own = root / HUB_SCHEMAS
    return own if own.is_dir() else BUILT_IN


def validate_hub(
    root: Path,
    *,
    today: dt.date | None = None,
    documents: Documents | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """Load and check the playbook under `root`, collecting every problem.

    With `documents` kept from the last validation of the same hub, only the files
    changed since are parsed again; the result is the same as without. `progress`
    is told how many files of how many are read, as they are.
    """
    if not (root / PLAYBOOK).is_dir():
        raise NotAHub(
            f"{root} has no {PLAYBOOK}/ folder: run this in the root of a hub, or pass --root; "
            "`hub init` starts a new hub"
        )
    schemas = hub_schemas(root)
    problems = list(schemas.problems)
    config, config_problems = load_config(root, schemas)
    problems += config_problems
    sources, stray = discover(root)
    problems += stray
    playbook = Playbook()
    known_ids: dict[str, set[str]] = {}
    for done, source in enumerate(sources, start=1):
        if progress is not None:
            progress(done, len(sources))
        known_ids.setdefault(source.kind.name, set()).add(source.id)
        document = _load(source, config, problems, documents)
        if document is None:
            continue
        validators = schemas.checks[source.kind.name]
        # The document's file names its kind and id, so the same document with the same checks gives the same.
        outcome = _derived(documents, document, "outcome", validators, partial(_outcome, source, document, validators))
        if outcome.schema_problems:
            problems += outcome.schema_problems
            continue
        if isinstance(outcome.record, list):
            problems += outcome.record
        else:
            playbook.file(source.kind.name, source.id, outcome.record)
        if outcome.prompts is not None:
            problems.append(outcome.prompts)
    if documents is not None:
        documents.forget_unseen()
    _forget_gone(documents, sources)
    problems += _missing_documents(known_ids)
    rules = Rules(today=today or dt.date.today(), intro_within_days=config.intro_within_days)
    problems += cross_check(playbook, _known(playbook, known_ids), rules)
    problems += stale_records(playbook, rules.today)
    problems += _measurements(root, playbook, config, rules.today)
    problems += idea_problems(playbook, today=rules.today, holidays={h.date for h in config.holidays})
    problems.sort(key=Problem.sort_key)
    return Result(playbook, problems, config)


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What one file's document gives the validation: its schema problems, else its record (or the
    problems that keep it out) and its prompts reminder."""

    schema_problems: list[Problem]
    record: Record | list[Problem] = field(default_factory=list)
    prompts: Problem | None = None


def _outcome(source: SourceFile, document: Document, validators: tuple[KindValidator, ...]) -> _Outcome:
    schema_problems = check(document, validators)
    if schema_problems:
        return _Outcome(schema_problems)
    return _Outcome([], make_record(source.kind.name, source.id, document), placeholder_reminder(document))


# Under `hub serve`: what was worked out from each file's document (its schema problems, its record, its
# prompts), kept with the `Documents` of the session: file → (document, name → (inputs, outcome)).
_WORKED_OUT: weakref.WeakKeyDictionary[Documents, dict[str, tuple[Document, dict[str, tuple[tuple[object, ...], Any]]]]]
_WORKED_OUT = weakref.WeakKeyDictionary()


def _derived(
    documents: Documents | None, document: Document, name: str, inputs: tuple[object, ...], make: Callable[[], T]
) -> T:
    """What `make` gives for the document; with `documents` (under `hub serve`), as worked out last
    time when the document and `inputs` are the very same objects: an unchanged file is not checked again."""
    if documents is None:
        return make()
    kept = _WORKED_OUT.setdefault(documents, {})
    entry = kept.get(document.file)
    if entry is None or entry[0] is not document:
        entry = kept[document.file] = (document, {})
    before = entry[1].get(name)
    if before is not None and len(before[0]) == len(inputs) and all(map(operator.is_, before[0], inputs)):
        return cast(T, before[1])
    value = make()
    entry[1][name] = (inputs, value)
    return value


def _forget_gone(documents: Documents | None, sources: list[SourceFile]) -> None:
    """What was worked out from files no longer in the playbook is dropped."""
    kept = _WORKED_OUT.get(documents) if documents is not None else None
    if kept:
        for file in kept.keys() - {source.file for source in sources}:
            del kept[file]


def _load(
    source: SourceFile, config: HubConfig, problems: list[Problem], documents: Documents | None
) -> Document | None:
    load = documents.load if documents is not None else load_file
    try:
        return load(source.path, source.file, max_bytes=config.max_file_bytes)
    except LoadError as exc:
        problems.append(exc.problem)
    return None


def _measurements(root: Path, playbook: Playbook, config: HubConfig, today: dt.date) -> list[Problem]:
    """Read and check the results in playbook/measurements/, filing those that hold in the playbook."""
    files, problems = measurement_files(root)
    rows = []
    for path, file in files:
        file_rows, file_problems = read_rows(path, file, max_bytes=config.max_file_bytes)
        rows += file_rows
        problems += file_problems
    playbook.measurements, row_problems = check_rows(rows, measured_metrics(playbook), today=today)
    return problems + row_problems


def _missing_documents(known_ids: dict[str, set[str]]) -> list[Problem]:
    missing = []
    for kind in ("narrative", "sla"):
        if kind not in known_ids:
            missing.append(
                Problem(
                    f"{PLAYBOOK}/{kind}.yaml",
                    1,
                    1,
                    f"the playbook has no {kind}.yaml",
                    hint=f"create {PLAYBOOK}/{kind}.yaml: `hub init DIR` writes one to fill in, "
                    "`hub init --example DIR` a complete one",
                )
            )
    return missing


def _known(playbook: Playbook, known_ids: dict[str, set[str]]) -> Known:
    narrative, sla = playbook.narrative, playbook.sla
    return Known(
        people=known_ids.get("person", set()),
        terms=known_ids.get("term", set()),
        personas={p.id for p in narrative.personas} if narrative else None,
        stages={s.id for s in narrative.stages} if narrative else None,
        value_propositions={v.id for v in narrative.value_propositions} if narrative else None,
        meetings={c.id for c in sla.family("meeting")} if sla else None,
    )


def summary(result: Result, *, strict: bool = False) -> str:
    counts = result.playbook.counts()
    records = sum(counts.values())
    errors, warnings = len(result.errors), len(result.warnings)
    if strict:
        errors, warnings = errors + warnings, 0
    verdict = "ok" if errors == 0 else "failed"
    detail = ", ".join(_plural(n, _SINGULAR[kind]) for kind, n in counts.items() if kind in _SINGULAR)
    reminders = f", {_plural(len(result.reminders), 'reminder')}" if result.reminders else ""
    return (
        f"{verdict}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}{reminders} "
        f"in {_plural(records, 'valid record')} ({detail})"
    )


_SINGULAR = {"terms": "term", "people": "person", "tracks": "track", "ideas": "idea"}


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {'people' if noun == 'person' else noun + 's'}"
