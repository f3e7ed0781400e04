"""Fixtures for the GitHub adapter's tests: the fake gh, and the minimal hub of tests/playbook/validation."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from hub_build.cli.init import Answers, starter_files, write
from tests.github.fake_gh import fake_gh
from tests.playbook.validation.conftest import hub

__all__ = ["fake_gh", "hub", "idea_hub"]

# The rep the starter's sales lead is on GitHub.
REP_LOGIN = "rita-sales"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def idea_hub(tmp_path: Path) -> Path:
    """A starter hub checked out from a bare `origin`, its sales lead known on GitHub as rita-sales."""
    origin = tmp_path / "origin.git"
    root = tmp_path / "hub"
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(origin)], check=True)
    write(
        root, starter_files(Answers(company="Acme", repo_url="https://github.com/acme/hub"), today=dt.date(2026, 12, 1))
    )
    person = root / "playbook" / "people" / "sales-lead.yaml"
    person.write_text(person.read_text(encoding="utf-8") + f"github: {REP_LOGIN}\n", encoding="utf-8")
    git(root, "init", "--quiet", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Start the hub")
    git(root, "remote", "add", "origin", str(origin))
    git(root, "push", "--quiet", "origin", "main")
    return root
