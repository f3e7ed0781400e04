"""The playbook at a Git revision, read without touching the work tree.

`hub diff` compares two revisions. The first is written into a temporary
folder, then turned into the second by replacing only the files that differ, so
the files a person is editing are never checked out over, stashed or moved.

Writing ten thousand new files can take longer than validating them, so a file
of the revision that the work tree holds unchanged is hard-linked into the
folder instead; Git checks each link's content against the revision's blob, and
whatever does not match (or cannot be linked) comes from Git itself
(`git archive`). Nothing ever writes through a link: a file to be replaced is
unlinked first.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.record_files import record_of

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
        raise GitRefused(
            f"{root} is not in a Git repository, so there are no revisions to compare",
            "run hub diff in the hub's Git repository (or pass --root with its folder)",
        )


def resolve(root: Path, name: str) -> Revision:
    """The commit a revision name points at; a name Git does not know is refused."""
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        raise GitRefused(
            f"{name!r} is not a revision in this repository",
            "this clone is shallow: fetch the history the revision is in (git fetch --unshallow, or "
            "actions/checkout's fetch-depth)"
            if shallow
            else "name a branch, a tag or a commit, such as main, origin/main or HEAD~1",
        )
    return Revision(name, found.stdout.decode().strip())


def extract(root: Path, revision: Revision, into: Path) -> None:
    """Write the hub's files at `revision` into `into`: its playbook (empty if it had none), settings and schemas."""
    into.mkdir(parents=True, exist_ok=True)
    files = _files(root, revision)
    linked = _link_unchanged(root, files, into)
    rest = [path for path in files if path not in linked]
    if len(rest) == len(files):
        listed = _git(root, "ls-tree", "--name-only", revision.commit, "--", *_HUB_PATHS)
        rest = [name for name in listed.stdout.decode().splitlines() if name in _HUB_PATHS]
    _unpack(root, revision, rest, into)
    (into / PLAYBOOK).mkdir(exist_ok=True)


def _files(root: Path, revision: Revision) -> dict[str, tuple[str, str]]:
    """Each file of the hub at `revision`: its path → (mode, blob id)."""
    listed = _git(root, "ls-tree", "-r", "-z", revision.commit, "--", *_HUB_PATHS)
    files = {}
    for entry in listed.stdout.decode(errors="surrogateescape").split("\0"):
        info, tab, path = entry.partition("\t")
        if tab:
            mode, _kind, blob = info.split(" ")
            files[path] = (mode, blob)
    return files


_REGULAR = ("100644", "100755")


def _link_unchanged(root: Path, files: dict[str, tuple[str, str]], into: Path) -> set[str]:
    """Hard-link each work-tree file that holds the revision's content; the paths linked."""
    linked: list[str] = []
    folders: set[str] = set()
    for path, (mode, _blob) in files.items():
        source, target = os.path.join(root, path), os.path.join(into, path)
        if mode not in _REGULAR or "\n" in path:
            continue
        try:
            if not stat.S_ISREG(os.lstat(source).st_mode):
                continue
        except OSError:
            continue  # not in the work tree: Git writes it
        try:
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            os.link(source, target, follow_symlinks=False)
        except OSError:
            if not linked:
                return set()  # links do not work here (another file system): Git writes every file
            continue
        linked.append(path)
    if not linked:
        return set()
    hashed = subprocess.run(
        ["git", "-C", str(root), "hash-object", "--no-filters", "--stdin-paths"],
        input="\n".join(str(into / path) for path in linked).encode(errors="surrogateescape"),
        capture_output=True,
        check=False,
    )
    blobs = hashed.stdout.decode().split()
    same = {
        path for path, blob in zip(linked, blobs, strict=False) if hashed.returncode == 0 and blob == files[path][1]
    }
    for path in linked:
        if path not in same:
            (into / path).unlink()
    return same


def advance(root: Path, base: Revision, head: Revision, folder: Path) -> list[str]:
    """Turn `folder`, holding the hub at `base`, into the hub at `head`; return the files replaced.

    Only the files that differ are written: most of a playbook is the same on both
    sides of a pull request, and writing ten thousand files costs more than reading them.
    """
    listed = _git(
        root, "diff", "--relative", "--no-renames", "--name-only", "-z", base.commit, head.commit, "--", *_HUB_PATHS
    )
    changed = [name for name in listed.stdout.decode(errors="surrogateescape").split("\0") if name]
    for name in changed:
        path = folder / name
        if path.is_symlink() or path.is_file():
            path.unlink()
    for name in sorted(changed, key=lambda n: -n.count("/")):
        # A folder whose files all went may be replaced by a file of the same name.
        parent = (folder / name).parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    at_head = _git(root, "ls-tree", "-r", "--name-only", "-z", head.commit, "--", *changed) if changed else None
    present = [
        name for name in (at_head.stdout.decode(errors="surrogateescape").split("\0") if at_head else []) if name
    ]
    _unpack(root, head, present, folder)
    (folder / PLAYBOOK).mkdir(exist_ok=True)
    return changed


def _unpack(root: Path, revision: Revision, paths: list[str], into: Path) -> None:
    # A few hundred paths at a time keeps each command line short, however many files differ.
    for start in range(0, len(paths), 500):
        archive = _git(root, "archive", "--format=tar", revision.commit, "--", *paths[start : start + 500])
        if archive.returncode != 0:
            raise GitRefused(
                f"could not read {revision.name} from Git: {archive.stderr.decode().strip()}",
                "check that the repository is not damaged: git fsck",
            )
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            members = tar.getmembers()
            for member in members:
                # Never write through a hard link into the work tree: replace the link itself.
                target = into / member.name
                if not member.isdir() and (target.is_symlink() or target.is_file()):
                    target.unlink()
            # The "data" filter refuses links out of the folder and special files, whatever a commit holds.
            tar.extractall(into, members=members, filter="data")


def renamed_records(root: Path, base: Revision, head: Revision) -> dict[tuple[str, str], str]:
    """(kind, old id) → new id for each playbook file Git sees moved within its folder."""
    listed = _git(
        root,
        "diff",
        "--relative",
        "--find-renames",
        "--name-status",
        "-z",
        base.commit,
        head.commit,
        "--",
        f"{PLAYBOOK}/",
    )
    fields = listed.stdout.decode(errors="replace").split("\0")
    renames: dict[tuple[str, str], str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            before, after = record_of(fields[index + 1]), record_of(fields[index + 2])
            if status.startswith("R") and before and after and before[0] == after[0]:
                renames[before] = after[1]
            index += 3
        else:
            index += 2
    return renames
