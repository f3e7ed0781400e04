"""The weekly digest's workflow, in the project and in the starter: thin, scheduled, with the least permissions."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

WORKFLOWS = [REPO / ".github/workflows/digest.yml", REPO / "hub_build/cli/starter/.github/workflows/digest.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=["project", "starter"])
def test_the_digest_runs_weekly_in_a_new_hub_and_on_demand_with_one_hub_command(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    job = workflow["jobs"]["digest"]

    # YAML 1.1 reads the key `on` as true. The project's own playbook is the fictional sample, whose
    # usernames belong to no one here: it runs on demand only.
    assert set(workflow[True]) == ({"workflow_dispatch"} if path == WORKFLOWS[0] else {"schedule", "workflow_dispatch"})
    assert workflow["permissions"] == {} and job["permissions"] == {"contents": "read", "issues": "write"}
    assert [step["run"] for step in job["steps"] if "hub " in step.get("run", "")] == ["hub digest --publish"]
    assert job["steps"][-1]["env"] == {"GH_TOKEN": "${{ github.token }}", "GH_REPO": "${{ github.repository }}"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=["project", "starter"])
def test_the_digest_workflow_has_no_high_finding_by_zizmor(path: Path) -> None:
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (python -m pip install zizmor)")
    completed = subprocess.run(
        [zizmor, "--offline", "--min-severity", "high", "--format", "plain", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
