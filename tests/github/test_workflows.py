"""The issue workflows (an idea to a pull request, a new hire to their onboarding) pass actionlint and zizmor."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.github.test_forms import _tool

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = [
    ROOT / ".github/workflows/propose-idea.yml",
    ROOT / "hub_build/cli/starter/.github/workflows/propose-idea.yml",
    ROOT / ".github/workflows/onboarding.yml",
    ROOT / "hub_build/cli/starter/.github/workflows/onboarding.yml",
]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_the_propose_workflow_passes_actionlint(workflow: Path) -> None:
    completed = subprocess.run([_tool("actionlint"), str(workflow)], capture_output=True, text=True)

    assert completed.returncode == 0, completed.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_the_propose_workflow_has_no_high_zizmor_finding(workflow: Path) -> None:
    completed = subprocess.run(
        [_tool("zizmor"), "--offline", "--format", "json", str(workflow)], capture_output=True, text=True
    )

    findings = json.loads(completed.stdout or "[]")
    assert [f["ident"] for f in findings if f["determinations"]["severity"] == "High"] == []
