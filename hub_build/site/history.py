"""Recent changes to the playbook, read from Git when the hub is a Git checkout.

A hub built from a plain folder (a downloaded archive) has no history: the
functions here then return None and the pages leave the section out.

Each change says what happened to each playbook file: added, revised or
removed, and for a revised file what can be told from the commit's diff
without guessing: the top-level fields it wrote (an idea's new `status`) and,
in a file of several records (the SLA), which records its lines belong to.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.loading import LoadError, parse_text

MAX_COMMITS = 10  # the home page lists the latest ten
_SEPARATOR = "\x00"  # a commit message cannot contain NUL
_HOW = {"A": "added", "M": "revised", "D": "removed", "T": "revised"}
_SLA = f"{PLAYBOOK}/sla.yaml"
_IDEAS = f"{PLAYBOOK}/content/"
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
# A top-level `key: value` line the commit wrote; the value is trimmed apart, since a lazy value before
# trailing blanks would try each blank of a long run in turn.
_FIELD = re.compile(r"^\+([a-z_]+):(.*)")
_GIT = ("git", "-c", "core.quotepath=off")


@dataclass(frozen=True, slots=True)
class FileChange:
    """What one commit did to one playbook file."""

    file: str  # from the hub's root: "playbook/content/idea.yaml"
    how: str  # "added", "revised" or "removed"
    fields: Mapping[str, str] = field(default_factory=dict)  # top-level `key: value` lines written
    records: tuple[str, ...] = ()  # in the SLA: the ids of the clauses whose lines changed, in file order
    header: bool = False  # in the SLA: lines before the first clause (version, signatories) changed


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that touched the playbook: when, what it said, what it did to which files."""

    date: dt.date
    subject: str
    files: tuple[FileChange, ...]


def recent_changes(root: Path, *, limit: int = MAX_COMMITS) -> list[Change] | None:
    """The latest commits touching playbook/, newest first, or None without Git history."""
    listing = _git(
        root,
        "log",
        f"-n{limit}",
        "--no-merges",
        "--no-renames",
        "--no-color",
        "--name-status",
        "--format=%x00%H%x09%cs%x09%s",
        "--",
        PLAYBOOK,
    )
    if listing is None:
        return None
    prefix = _prefix(root)
    changes = []
    for block in listing.split(_SEPARATOR):
        if (parsed := _parse(block, prefix)) is not None:
            commit, change = parsed
            changes.append(_with_details(root, commit, prefix, change))
    return changes


def _git(root: Path, *args: str, timeout: float = 20) -> str | None:
    try:
        completed = subprocess.run(
            [*_GIT, "-C", str(root), *args],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout if completed.returncode == 0 else None


def _prefix(root: Path) -> str:
    """Git names files from the top of the checkout; the hub may sit in a subfolder of it."""
    shown = _git(root, "rev-parse", "--show-prefix", timeout=10)
    return shown.strip() if shown is not None else ""


def _parse(block: str, prefix: str) -> tuple[str, Change] | None:
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines or lines[0].count("\t") < 2:
        return None
    commit, day, subject = lines[0].split("\t", 2)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return None
    files = []
    for line in lines[1:]:
        status, _, path = line.partition("\t")
        if path.startswith(prefix + PLAYBOOK + "/"):
            files.append(FileChange(path.removeprefix(prefix), _HOW.get(status[:1], "revised")))
    return commit, Change(date, subject, tuple(files))


def _with_details(root: Path, commit: str, prefix: str, change: Change) -> Change:
    """Read the diff of the revised files whose change can be told in more words."""
    wanted = [f.file for f in change.files if f.how == "revised" and (f.file.startswith(_IDEAS) or f.file == _SLA)]
    if not wanted:
        return change
    diff = _git(
        root,
        "show",
        "--format=",
        "--unified=0",
        "--no-renames",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        commit,
        "--",
        *wanted,
    )  # pathspecs count from the hub's folder, git's -C
    if diff is None:
        return change
    hunks = _hunks(diff, prefix)
    files = []
    for file_change in change.files:
        written = hunks.get(file_change.file)
        if written is None:
            files.append(file_change)
        elif file_change.file == _SLA:
            files.append(_sla_change(root, commit, prefix, file_change, written[1]))
        else:
            files.append(FileChange(file_change.file, file_change.how, fields=written[0]))
    return Change(change.date, change.subject, tuple(files))


def _hunks(diff: str, prefix: str) -> dict[str, tuple[dict[str, str], list[int]]]:
    """For each file of a diff: the top-level fields it wrote, and the new lines it touched."""
    found: dict[str, tuple[dict[str, str], list[int]]] = {}
    current: tuple[dict[str, str], list[int]] | None = None
    for line in diff.split("\n"):
        if line.startswith("+++ "):
            name = line[4:].removeprefix("b/")
            current = found.setdefault(name.removeprefix(prefix), ({}, []))
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk[1]), int(hunk[2] if hunk[2] is not None else 1)
            # A hunk that only removes lines sits after its start line.
            current[1].extend(range(start, start + count) if count else [max(start, 1)])
        elif current is not None and (written := _FIELD.match(line)):
            current[0][written[1]] = written[2].lstrip(" \t").rstrip()
    return found


def _sla_change(root: Path, commit: str, prefix: str, change: FileChange, lines: list[int]) -> FileChange:
    """Which clauses the changed lines belong to, in the SLA as that commit left it."""
    shown = _git(root, "show", f"{commit}:{prefix}{_SLA}")
    starts = _clause_starts(shown) if shown is not None else None
    if not starts:
        return FileChange(change.file, change.how, header=True)
    records: list[str] = []
    header = False
    for line in lines:
        owner = next((clause_id for start, clause_id in reversed(starts) if start <= line), None)
        if owner is None:
            header = True
        elif owner not in records:
            records.append(owner)
    ordered = [clause_id for _, clause_id in starts if clause_id in records]
    return FileChange(change.file, change.how, records=tuple(ordered), header=header)


def _clause_starts(text: str) -> list[tuple[int, str]]:
    """(first line, id) of each clause with an id, in file order; empty if the file cannot be read."""
    try:
        document = parse_text(text, _SLA)
    except LoadError:
        return []
    clauses = document.data.get("clauses")  # the loader gives a mapping or refuses the file
    if not isinstance(clauses, list):
        return []
    return [
        (document.locate(("clauses", index))[0], clause["id"])
        for index, clause in enumerate(clauses)
        if isinstance(clause, dict) and isinstance(clause.get("id"), str)
    ]
