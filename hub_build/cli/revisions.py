"""The playbook at a Git revision, read without touching the work tree.

`hub diff` compares two revisions. Each is copied out of Git's object store
(`git archive`) into a temporary folder, so the files a person is editing are
never checked out over, stashed or otherwise moved.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from hub_build.playbook.layout import BY_LOCATION, PLAYBOOK

# What validating a hub reads besides the playbook: its settings and its own schemas, when it has them.
_HUB_PATHS = (PLAYBOOK, "hub.yaml", "schemas")


class GitRefused(Exception):
    """Git could not give what was asked: not a repository, or no such revision."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Revision:
    name: str  # as the person wrote it: main, HEAD~1, a tag
    commit: str


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitRefused("git is not installed", "install Git, then run hub diff again") from None


def check_repository(root: Path) -> None:
    if _git(root, "rev-parse", "--show-toplevel").returncode != 0:
        raise GitRefused(f"{root} is not in a Git repository, so there are no revisions to compare",
                         "run hub diff in the hub's Git repository (or pass --root with its folder)")


def resolve(root: Path, name: str) -> Revision:
    """The commit a revision name points at; a name Git does not know is refused."""
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        raise GitRefused(f"{name!r} is not a revision in this repository",
                         "name a branch, a tag or a commit, such as main, origin/main or HEAD~1")
    return Revision(name, found.stdout.decode().strip())


def extract(root: Path, revision: Revision, into: Path) -> None:
    """Write the hub's files at `revision` into `into`: its playbook (empty if it had none), settings and schemas."""
    listed = _git(root, "ls-tree", "--name-only", revision.commit, "--", *_HUB_PATHS)
    present = [name for name in listed.stdout.decode().splitlines() if name in _HUB_PATHS]
    into.mkdir(parents=True, exist_ok=True)
    if present:
        archive = _git(root, "archive", "--format=tar", revision.commit, "--", *present)
        if archive.returncode != 0:
            raise GitRefused(f"could not read {revision.name} from Git: {archive.stderr.decode().strip()}",
                             "check that the repository is not damaged: git fsck")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            # The "data" filter refuses links out of the folder and special files, whatever a commit holds.
            tar.extractall(into, filter="data")
    (into / PLAYBOOK).mkdir(exist_ok=True)


def renamed_records(root: Path, base: Revision, head: Revision) -> dict[tuple[str, str], str]:
    """(kind, old id) → new id for each playbook file Git sees moved within its folder."""
    listed = _git(root, "diff", "--relative", "--find-renames", "--name-status", "-z",
                  base.commit, head.commit, "--", f"{PLAYBOOK}/")
    fields = listed.stdout.decode(errors="replace").split("\0")
    renames: dict[tuple[str, str], str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            before, after = _record(fields[index + 1]), _record(fields[index + 2])
            if status.startswith("R") and before and after and before[0] == after[0]:
                renames[before] = after[1]
            index += 3
        else:
            index += 2
    return renames


def _record(path: str) -> tuple[str, str] | None:
    """("term", "mql") for playbook/terms/mql.yaml; None for what is not one record's file."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != PLAYBOOK or not parts[2].endswith(".yaml"):
        return None
    kind = BY_LOCATION.get(parts[1])
    return (kind.name, parts[2].removesuffix(".yaml")) if kind and kind.is_folder else None
