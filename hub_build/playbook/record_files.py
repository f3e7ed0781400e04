"""Which file of the playbook holds which record, both ways.

Git sees files; readers see records. A comparison names each record's file, and the
command line, which reads what Git moved or failed to load, asks which record a file
holds: `playbook/terms/mql.yaml` is the term `mql`, `playbook/sla.yaml` the SLA.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hub_build.playbook.layout import BY_LOCATION, KINDS, PLAYBOOK
from hub_build.playbook.model import Playbook
from hub_build.playbook.problems import Problem, Severity

# The attribute of a `Playbook` that holds each kind kept in a folder, by id.
ATTRIBUTE = {"term": "terms", "person": "people", "track": "tracks", "idea": "ideas"}
_LOCATION = {kind.name: kind.location for kind in KINDS}


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
    return record_id in getattr(playbook, ATTRIBUTE[kind])


def file_of(kind: str) -> Callable[[str], str]:
    """The file of each record of a kind kept in a folder, by its id."""
    return lambda record_id: f"{PLAYBOOK}/{_LOCATION[kind]}/{record_id}.yaml"


def one_file(kind: str) -> Callable[[str], str]:
    """The file of a kind kept in one file, whatever the id of the part of it that changed."""
    return lambda _record_id: f"{PLAYBOOK}/{_LOCATION[kind]}"
