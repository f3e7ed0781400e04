"""Where each kind of record lives under `playbook/`, and finding the files.

Records that people change independently get a file each, so two pull requests
rarely touch the same file; the narrative and the SLA are single documents.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from hub_build.playbook.loading import not_a_regular_file
from hub_build.playbook.problems import Problem, escaped

PLAYBOOK = "playbook"
MEASUREMENTS = "measurements"  # results as CSV, read by measurements.py
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # the schema's name, `schemas/<name>.schema.json`
    location: str  # a file, or a folder of one file per record
    label: str  # how people call a record of this kind

    @property
    def is_folder(self) -> bool:
        return not self.location.endswith(".yaml")


KINDS = (
    Kind("narrative", "narrative.yaml", "narrative"),
    Kind("sla", "sla.yaml", "service-level agreement"),
    Kind("term", "terms", "term"),
    Kind("person", "people", "person"),
    Kind("track", "onboarding", "onboarding track"),
    Kind("idea", "content", "content idea"),
)
BY_LOCATION = {kind.location: kind for kind in KINDS}


@dataclass(frozen=True, slots=True)
class SourceFile:
    kind: Kind
    path: str  # where to read it; a string, as os.scandir gives it (a big playbook has many)
    file: str  # relative to the hub's root, with forward slashes
    id: str  # the record's id: the file name without .yaml


def discover(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Every playbook file by kind, and problems with files that fit nowhere.

    Nothing here opens a file or follows a link blindly: entries are judged by
    what they are (folder, regular file, link, pipe…) before anything reads them.
    """
    found: list[SourceFile] = []
    problems: list[Problem] = []
    real_root = os.path.realpath(root)
    # Plain strings and os.scandir: a large playbook has tens of thousands of files.
    pending = [("", os.path.join(root, PLAYBOOK))]
    while pending:
        relative, folder = pending.pop(0)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                _stray(
                    shown_path(f"{PLAYBOOK}/{relative}".rstrip("/")),
                    f"cannot read this folder ({exc.strerror or type(exc).__name__})",
                    "check its permissions, or remove it from the playbook",
                )
            )
            continue
        for entry in entries:
            file = shown_path(f"{PLAYBOOK}/{relative}{entry.name}")
            what = _what(entry)
            if entry.name.startswith("."):
                if entry.name.endswith((".yaml", ".yml")):
                    problems.append(
                        _stray(
                            file,
                            "hidden files are not read, so this record is left out",
                            f"rename it without the leading dot: {entry.name.lstrip('.')}",
                        )
                    )
                continue
            if what == "folder":
                if entry.name.endswith((".yaml", ".yml")):
                    problems.append(
                        _stray(
                            file,
                            "a folder named like a playbook file is not read",
                            "rename the folder, or replace it with the file it was meant to be",
                        )
                    )
                elif not relative and entry.name == MEASUREMENTS:
                    continue  # results, not records: measurements.py reads them
                else:
                    pending.append((f"{relative}{entry.name}/", entry.path))
                continue
            source, problem = _classify(entry, what, file, relative.rstrip("/") or entry.name, real_root)
            if source:
                found.append(source)
            if problem:
                problems.append(problem)
    return found, problems


def _what(entry: os.DirEntry[str]) -> str:
    """ "folder", "file", "link to folder", "link to file", "broken link" or "special"."""
    try:
        if entry.is_symlink():
            target = os.stat(entry.path)  # follows the link; a loop or a dangling link raises
            if stat.S_ISDIR(target.st_mode):
                return "link to folder"
            return "link to file" if stat.S_ISREG(target.st_mode) else "special"
        # The listing says what each entry is (on most systems), with no call to stat per file.
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        return "file" if entry.is_file(follow_symlinks=False) else "special"
    except OSError:
        return "broken link" if entry.is_symlink() else "special"


def shown_path(path: str) -> str:
    """A path fit for a one-line message: every character that does not print written as an escape.

    Stricter than `problems.inert`, which every message goes through as well: a
    file name has no reason to hold even a no-break space, and seeing it helps.
    """
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else escaped(c) for c in path)


def _classify(
    entry: os.DirEntry[str], what: str, file: str, location: str, real_root: str
) -> tuple[SourceFile | None, Problem | None]:
    name = entry.name
    if what == "link to folder":
        return None, _stray(
            file, "symbolic links are not followed in the playbook", "replace the link with the folder itself"
        )
    if what == "broken link":
        return None, _stray(
            file,
            "a symbolic link that leads nowhere (missing target or a loop)",
            "remove the link, or replace it with the file itself",
        )
    if what == "special":
        return None, not_a_regular_file(file)
    if what == "link to file" and not os.path.realpath(entry.path).startswith(real_root + os.sep):
        return None, _stray(
            file,
            "symbolic link to a file outside the repository is refused",
            "copy the content into the playbook instead of linking to it",
        )
    stem, dot, extension = name.rpartition(".")
    if extension == "yml":
        return None, _stray(file, "playbook files end in .yaml, not .yml", f"rename it to {stem}.yaml")
    kind = BY_LOCATION.get(location)
    if kind is None or (not kind.is_folder and name != kind.location):
        return None, _stray(file, "this file is not part of the playbook's layout", _layout_hint())
    if extension != "yaml" or not dot:
        return None, _stray(file, "only .yaml files belong in the playbook", _layout_hint())
    if kind.is_folder and not SLUG.match(stem):
        return None, _stray(
            file,
            f"'{shown_path(stem)}' cannot be used as an id",
            "name the file in lower case with hyphens, for example 'pricing-faq.yaml'",
        )
    return SourceFile(kind, entry.path, file, stem if kind.is_folder else kind.name), None


def _stray(file: str, message: str, hint: str) -> Problem:
    return Problem(file, 1, 1, message, hint=hint)


def _layout_hint() -> str:
    return "the playbook holds narrative.yaml, sla.yaml and the folders " + ", ".join(
        kind.location + "/" for kind in KINDS if kind.is_folder
    )
