"""Where each kind of record lives under `playbook/`, and finding the files.

Records that people change independently get a file each, so two pull requests
rarely touch the same file; the narrative and the SLA are single documents.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from hub_build.problems import Problem

PLAYBOOK = "playbook"
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
    path: Path
    file: str  # relative to the hub's root, with forward slashes
    id: str  # the record's id: the file name without .yaml


def discover(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Every playbook file by kind, and problems with files that fit nowhere."""
    found: list[SourceFile] = []
    problems: list[Problem] = []
    real_root = os.path.realpath(root)
    # Plain strings and os.scandir: a large playbook has tens of thousands of files.
    pending = [("", os.path.join(root, PLAYBOOK))]
    while pending:
        relative, folder = pending.pop(0)
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.startswith("."):
                    continue
                file = f"{PLAYBOOK}/{relative}{entry.name}"
                if entry.is_symlink() and entry.is_dir():
                    problems.append(_stray(file, "symbolic links are not followed in the playbook",
                                           "replace the link with the folder itself"))
                elif entry.is_dir():
                    pending.append((f"{relative}{entry.name}/", entry.path))
                else:
                    source, problem = _classify(entry, file, relative.rstrip("/") or entry.name, real_root)
                    if source:
                        found.append(source)
                    if problem:
                        problems.append(problem)
    return found, problems


def _classify(entry: os.DirEntry[str], file: str, location: str, real_root: str) -> tuple[SourceFile | None, Problem | None]:
    name = entry.name
    if entry.is_symlink() and not os.path.realpath(entry.path).startswith(real_root + os.sep):
        return None, _stray(file, "symbolic link to a file outside the repository is refused",
                            "copy the content into the playbook instead of linking to it")
    stem, dot, extension = name.rpartition(".")
    if extension == "yml":
        return None, _stray(file, "playbook files end in .yaml, not .yml", f"rename it to {stem}.yaml")
    kind = BY_LOCATION.get(location)
    if kind is None or (not kind.is_folder and name != kind.location):
        return None, _stray(file, "this file is not part of the playbook's layout", _layout_hint())
    if extension != "yaml" or not dot:
        return None, _stray(file, "only .yaml files belong in the playbook", _layout_hint())
    if kind.is_folder and not SLUG.match(stem):
        return None, _stray(file, f"'{stem}' cannot be used as an id",
                            "name the file in lower case with hyphens, for example 'pricing-faq.yaml'")
    return SourceFile(kind, Path(entry.path), file, stem if kind.is_folder else kind.name), None


def _stray(file: str, message: str, hint: str) -> Problem:
    return Problem(file, 1, 1, message, hint=hint)


def _layout_hint() -> str:
    return ("the playbook holds narrative.yaml, sla.yaml and the folders "
            + ", ".join(kind.location + "/" for kind in KINDS if kind.is_folder))
