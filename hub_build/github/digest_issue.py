"""One open issue with the digest, kept by GitHub's `gh` command: created, updated in place, closed.

The issue is found by its label, so the digest never opens a second one while
one is open: it edits the oldest open issue with the label, closes any other
(someone copied the label by hand), and closes it when nothing waits.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

LABEL = "hub-digest"
_LABEL_COLOR = "FBCA04"
_LABEL_DESCRIPTION = "The hub's weekly digest: whose turn it is"


PERMISSIONS_HINT = "the workflow needs `permissions: issues: write` and GH_TOKEN set to github.token"


class GhFailed(Exception):
    """`gh` is missing, or a call to it failed; the message says which and why, the hint what to do."""

    def __init__(self, message: str, hint: str = PERMISSIONS_HINT) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Published:
    """What was done to the digest's issue: "created", "updated", "closed" or "none", and its number."""

    action: str
    number: int | None = None


def publish(body: str, *, title: str, waiting: bool, closing_note: str) -> Published:
    """Keep one open issue labelled LABEL with `body`: create it, update it, or close it when nothing is `waiting`."""
    open_issues = _open_issues()
    kept, extra = (open_issues[0], open_issues[1:]) if open_issues else (None, [])
    for number in extra:
        _gh("issue", "close", str(number), "--comment", f"The digest is kept in #{kept}.")
    if not waiting:
        if kept is None:
            return Published("none")
        _with_body_file(body, lambda file: _gh("issue", "edit", str(kept), "--title", title, "--body-file", file))
        _gh("issue", "close", str(kept), "--comment", closing_note)
        return Published("closed", kept)
    if kept is not None:
        _with_body_file(body, lambda file: _gh("issue", "edit", str(kept), "--title", title, "--body-file", file))
        return Published("updated", kept)
    # `gh issue create --label` refuses a label the repository does not have yet.
    _gh("label", "create", LABEL, "--color", _LABEL_COLOR, "--description", _LABEL_DESCRIPTION, "--force")
    created = _with_body_file(
        body, lambda file: _gh("issue", "create", "--title", title, "--label", LABEL, "--body-file", file)
    )
    return Published("created", _issue_number(created))


def _open_issues() -> list[int]:
    listed = _gh("issue", "list", "--label", LABEL, "--state", "open", "--json", "number", "--limit", "100")
    try:
        numbers = sorted(int(entry["number"]) for entry in json.loads(listed or "[]"))
    except (ValueError, TypeError, KeyError) as exc:
        raise GhFailed(f"gh issue list answered what is not a list of issues: {listed[:200]!r}") from exc
    return numbers


def _issue_number(created: str) -> int | None:
    """The number at the end of the address `gh issue create` prints."""
    last = created.strip().rstrip("/").rsplit("/", 1)[-1]
    return int(last) if last.isdigit() else None


def _with_body_file(body: str, call: Callable[[str], str]) -> str:
    with tempfile.TemporaryDirectory(prefix="hub-digest-") as folder:
        file = Path(folder) / "digest.md"
        file.write_text(body, encoding="utf-8")
        return call(str(file))


def _gh(*args: str) -> str:
    gh = shutil.which("gh")
    if gh is None:
        raise GhFailed(
            "gh, GitHub's command line, is not installed or not on PATH",
            "install it from https://cli.github.com/ (GitHub's runners have it)",
        )
    try:
        completed = subprocess.run([gh, *args], capture_output=True, text=True, check=False, timeout=120)
    except subprocess.TimeoutExpired:
        raise GhFailed(f"gh {_shown(args)} did not answer within two minutes") from None
    if completed.returncode != 0:
        raise GhFailed(f"gh {_shown(args)} failed: {completed.stderr.strip() or completed.stdout.strip()}")
    return completed.stdout


def _shown(args: Sequence[str]) -> str:
    return " ".join(args[:2])
