"""A hub is read months after its files were written: time shows reminders, it never breaks a check or a build.

The sample and a hub from `hub init` are checked and built with the clock moved
forward by libfaketime, so every part of the hub that asks for today's date (the
checks, the engine, the pages, the scorecard) sees the later day, as a team would
on a real morning weeks or a year after the last commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hub_build.cli.report import REMINDERS_HEADING
from tests.conftest import STARTER_FLAGS
from tests.helpers import HUB_PARTS, REPO

FAKETIME = shutil.which("faketime")

pytestmark = pytest.mark.skipif(
    FAKETIME is None and not os.environ.get("CI"),
    reason="needs faketime (Debian's faketime package; .ci/run installs it)",
)


def hub_later(days: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`hub ARGS` as of `days` days after today."""
    assert FAKETIME is not None, "faketime is not installed"
    return subprocess.run(
        [FAKETIME, f"+{days} days", sys.executable, "-P", "-m", "hub_build", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def sample(target: Path) -> Path:
    """The sample hub as it is in the repository, with no date pinned."""
    target.mkdir()
    for part in HUB_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    return target


def starter(target: Path) -> Path:
    made = subprocess.run(
        [sys.executable, "-P", "-m", "hub_build", "init", str(target), *STARTER_FLAGS],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    return target


@pytest.mark.parametrize("days", [35, 400])
@pytest.mark.parametrize("make", [sample, starter], ids=["sample", "starter"])
def test_a_hub_passes_strict_checks_and_builds_weeks_and_a_year_later(make, days: int, tmp_path: Path) -> None:
    root = make(tmp_path / "hub")

    checked = hub_later(days, "validate", "--strict", cwd=root)
    built = hub_later(days, "build", "--strict", cwd=root)

    assert checked.returncode == 0, checked.stdout
    assert built.returncode == 0, built.stderr
    assert (root / "site" / "index.html").is_file()
    if days == 400:
        # A year on, every record is due for review: each is a reminder, listed under its heading.
        assert REMINDERS_HEADING in checked.stdout.splitlines()
        assert ": reminder: $.last_reviewed: due for review since " in checked.stdout
        assert "INFO    -  reminder: playbook/" in built.stderr
        assert "WARNING" not in built.stderr


def reminders(report: str) -> int:
    return sum(1 for line in report.splitlines() if ": reminder: " in line)


def test_the_clock_really_moves_for_the_hub(tmp_path: Path) -> None:
    # Without this, a faketime that did nothing would let the test above pass on an unchanged clock.
    root = sample(tmp_path / "hub")

    now, later = hub_later(0, "validate", cwd=root), hub_later(400, "validate", cwd=root)

    assert reminders(later.stdout) > reminders(now.stdout)
