"""The project's workflows and those `hub init` writes: checked by actionlint and zizmor, offline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, run_hub

AUDIENCES = ["internet", "members", "sign-in"]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: it comes with the test extra (python -m pip install -e '.[test]')")
    return found


def _zizmor(*paths: Path) -> list[str]:
    """zizmor's medium and high findings, as `audit: file:line`, without reaching GitHub."""
    completed = subprocess.run(
        [_tool("zizmor"), "--offline", "--min-severity", "medium", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.stdout.strip(), completed.stderr
    findings = json.loads(completed.stdout)
    return [
        f"{finding['ident']}: {location['symbolic']['key']['Local']['given_path']}:"
        f"{location['concrete']['location']['start_point']['row'] + 1}"
        for finding in findings
        for location in finding["locations"][:1]
    ]


def _actionlint(*workflows: Path) -> tuple[int, str, str]:
    completed = subprocess.run(
        [_tool("actionlint"), "-no-color", *map(str, workflows)], capture_output=True, text=True, timeout=120
    )
    return completed.returncode, completed.stdout, completed.stderr


def _new_hub(tmp_path: Path, audience: str) -> Path:
    completed = run_hub("init", str(tmp_path / "hub"), "--no-input", "--audience", audience, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    return tmp_path / "hub"


def test_the_projects_workflows_and_dependabot_settings_have_no_medium_or_high_zizmor_finding() -> None:
    assert _zizmor(REPO / ".github") == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_workflows_hub_init_writes_have_no_medium_or_high_zizmor_finding(tmp_path: Path, audience: str) -> None:
    hub = _new_hub(tmp_path, audience)

    assert _zizmor(hub / ".github") == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_workflows_hub_init_writes_pass_actionlint(tmp_path: Path, audience: str) -> None:
    hub = _new_hub(tmp_path, audience)

    assert _actionlint(*sorted((hub / ".github" / "workflows").glob("*.yml"))) == (0, "", "")


def test_the_release_workflow_passes_actionlint() -> None:
    assert _actionlint(REPO / ".github" / "workflows" / "release.yml") == (0, "", "")


def test_the_release_publishes_by_trusted_publishing_with_no_stored_token() -> None:
    workflow = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")

    assert "uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33 # v1.14.2" in workflow
    assert "id-token: write" in workflow
    assert "secrets." not in workflow and "password:" not in workflow
