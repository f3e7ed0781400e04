"""Running `gh` and `git` for the workflows' commands: one place that turns their failures into one message."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

# Who the commits the hub makes for a rep are by: GitHub's own Actions bot.
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"


class CommandFailed(Exception):
    """`gh` or `git` failed: the message names the command and what it said."""


def run(args: list[str], *, cwd: Path, stdin: str | None = None) -> str:
    """The standard output of a command, or CommandFailed."""
    try:
        done = subprocess.run(
            args,
            cwd=cwd,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "GH_PROMPT_DISABLED": "1", "GIT_TERMINAL_PROMPT": "0"},
            check=False,
            timeout=300,
        )
    except FileNotFoundError:
        raise CommandFailed(f"{args[0]} is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise CommandFailed(f"`{' '.join(args[:3])}` did not answer within five minutes") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise CommandFailed(f"`{' '.join(args[:3])}` failed: {said[-1] if said else f'exit {done.returncode}'}")
    return done.stdout


def gh_json(args: list[str], *, cwd: Path) -> object:
    text = run(["gh", *args], cwd=cwd)
    try:
        return json.loads(text)
    except ValueError:
        raise CommandFailed(f"`gh {' '.join(args[:2])}` did not answer in JSON") from None


def git(args: list[str], *, cwd: Path) -> str:
    return run(["git", "-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}", *args], cwd=cwd)
