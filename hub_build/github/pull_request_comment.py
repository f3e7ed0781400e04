"""Keeping one comment on a pull request up to date, through GitHub's `gh` command.

The comment is found again by the hidden marker on its first line, among the
comments a bot wrote (a person could paste the marker, and a workflow could not
edit their comment anyway). Found, it is edited; not found, it is created, unless
there is nothing to say yet.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class CommentRefused(Exception):
    """gh could not read or write the pull request's comments."""

    def __init__(self, message: str, *, read_only: bool = False) -> None:
        super().__init__(message)
        self.read_only = read_only  # the token may not write here, as for a pull request from a fork


@dataclass(frozen=True, slots=True)
class Published:
    action: str  # "created", "updated" or "skipped"
    comment_id: int | None = None


def publish(pull_request: int, body: str, *, marker: str, create: bool = True) -> Published:
    """Edit the pull request's comment that starts with `marker`, or create it when `create` is true."""
    existing = _find(pull_request, marker)
    with tempfile.TemporaryDirectory(prefix="hub-comment-") as folder:
        payload = Path(folder) / "comment.json"
        payload.write_text(json.dumps({"body": body}), encoding="utf-8")
        if existing is not None:
            _gh(
                "api",
                "--method",
                "PATCH",
                f"repos/{{owner}}/{{repo}}/issues/comments/{existing}",
                "--input",
                str(payload),
            )
            return Published("updated", existing)
        if not create:
            return Published("skipped")
        created = _gh(
            "api",
            "--method",
            "POST",
            f"repos/{{owner}}/{{repo}}/issues/{pull_request}/comments",
            "--input",
            str(payload),
        )
    return Published("created", _id(created))


def _find(pull_request: int, marker: str) -> int | None:
    listed = _gh("api", "--paginate", "--slurp", f"repos/{{owner}}/{{repo}}/issues/{pull_request}/comments")
    try:
        pages = json.loads(listed or "[]")
    except json.JSONDecodeError:
        raise CommentRefused("gh gave comments that are not JSON") from None
    comments = [comment for page in pages for comment in (page if isinstance(page, list) else [page])]
    for comment in comments:
        if _is_ours(comment, marker):
            return int(comment["id"])
    return None


def _is_ours(comment: Any, marker: str) -> bool:
    if not isinstance(comment, dict) or not isinstance(comment.get("id"), int):
        return False
    user, body = comment.get("user"), comment.get("body")
    return isinstance(user, dict) and user.get("type") == "Bot" and isinstance(body, str) and body.startswith(marker)


def _id(output: str) -> int | None:
    try:
        value = json.loads(output).get("id")
    except (json.JSONDecodeError, AttributeError):
        return None
    return value if isinstance(value, int) else None


# What gh prints when the token may not write: a pull request from a fork gets a read-only one.
_READ_ONLY = ("HTTP 403", "Resource not accessible by integration")


def _gh(*args: str) -> str:
    try:
        done = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise CommentRefused("gh, GitHub's command line, is not installed") from None
    if done.returncode != 0:
        said = " ".join(done.stderr.split()) or f"gh exited with {done.returncode}"
        raise CommentRefused(said, read_only=any(sign in said for sign in _READ_ONLY))
    return done.stdout
