"""Recent changes to the playbook, read from Git when the hub is a Git checkout.

A hub built from a plain folder (a downloaded archive) has no history: the
functions here then return None and the pages leave the section out.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hub_build.playbook.layout import PLAYBOOK

MAX_COMMITS = 30
_SEPARATOR = "\x00"  # a commit message cannot contain NUL


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that touched the playbook: when, what it said, which files."""

    date: dt.date
    subject: str
    files: tuple[str, ...]


def recent_changes(root: Path, *, limit: int = MAX_COMMITS) -> list[Change] | None:
    """The latest commits touching playbook/, newest first, or None without Git history."""
    command = ["git", "-C", str(root), "log", f"-n{limit}", "--no-merges", "--name-only",
               "--format=%x00%cs%x09%s", "--", PLAYBOOK]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if completed.returncode != 0:
        return None
    prefix = _prefix(root)
    return [change for block in completed.stdout.split(_SEPARATOR) if (change := _parse(block, prefix))]


def _prefix(root: Path) -> str:
    """Git names files from the top of the checkout; the hub may sit in a subfolder of it."""
    try:
        completed = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"],
                                   capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""


def _parse(block: str, prefix: str) -> Change | None:
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines or "\t" not in lines[0]:
        return None
    day, subject = lines[0].split("\t", 1)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return None
    files = tuple(line.removeprefix(prefix) for line in lines[1:] if line.startswith(prefix + PLAYBOOK + "/"))
    return Change(date, subject, files)
