"""The issue forms `hub forms` writes: GitHub accepts them, they offer the playbook's names, and stay in step."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hub_build.github.forms import IDEA_FORM, NEW_HIRE_FORM, choices, form_files, shown
from hub_build.playbook.validation import schema_dir_for, validate_hub
from tests.helpers import run_hub


def _tool(name: str) -> str:
    """A checking tool from the virtualenv or PATH; skipped only when missing outside CI."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed")
        pytest.skip(f"{name} is not installed")
    return found


def _forms(root: Path) -> dict[str, str]:
    return form_files(validate_hub(root).playbook, schema_dir_for(root))


def _questions(text: str) -> dict[str, dict[str, object]]:
    return {element["id"]: element for element in yaml.safe_load(text)["body"] if "id" in element}


def test_the_forms_pass_githubs_issue_form_schema(idea_hub: Path) -> None:
    assert run_hub("forms", cwd=idea_hub).returncode == 0

    completed = subprocess.run(
        [
            _tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-issue-forms",
            IDEA_FORM.file,
            NEW_HIRE_FORM.file,
        ],
        cwd=idea_hub,
        capture_output=True,
        text=True,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_sample_hubs_own_forms_pass_githubs_issue_form_schema() -> None:
    root = Path(__file__).resolve().parents[2]
    completed = subprocess.run(
        [
            _tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-issue-forms",
            IDEA_FORM.file,
            NEW_HIRE_FORM.file,
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_idea_forms_dropdowns_offer_the_narratives_names(idea_hub: Path) -> None:
    questions = _questions(_forms(idea_hub)[IDEA_FORM.file])

    assert questions["persona"]["attributes"]["options"] == ["The economic buyer", "The champion"]
    assert questions["stage"]["attributes"]["options"] == [
        "Problem recognition",
        "Solution research",
        "Evaluation",
        "Purchase",
    ]
    assert questions["format"]["attributes"]["options"][:3] == ["article", "case-study", "one-pager"]


def test_the_schemas_descriptions_are_the_questions_help(idea_hub: Path) -> None:
    questions = _questions(_forms(idea_hub)[IDEA_FORM.file])

    assert questions["title"]["attributes"]["description"] == "A working title for the piece."
    assert questions["persona"]["attributes"]["description"] == "The persona it serves (from the narrative)."


def test_each_name_shown_maps_back_to_its_id(idea_hub: Path) -> None:
    options = choices(validate_hub(idea_hub).playbook, schema_dir_for(idea_hub))

    assert options.personas == {"The economic buyer": "economic-buyer", "The champion": "champion"}
    assert options.people == {"Your marketing lead": "marketing-lead", "Your sales lead": "sales-lead"}


def test_a_name_two_records_share_or_github_keeps_gets_its_id() -> None:
    assert shown([("cfo", "Finance"), ("controller", "finance"), ("n", "None")]) == {
        "Finance (cfo)": "cfo",
        "finance (controller)": "controller",
        "None (n)": "n",
    }


def test_the_new_hire_form_asks_for_a_track_and_a_manager_from_the_playbook(idea_hub: Path) -> None:
    questions = _questions(_forms(idea_hub)[NEW_HIRE_FORM.file])

    assert [q["attributes"]["label"] for q in questions.values()] == list(NEW_HIRE_FORM.labels)
    assert questions["track"]["attributes"]["options"] == ["Account Executive"]
    assert questions["manager"]["attributes"]["options"] == ["Your marketing lead", "Your sales lead"]


def test_the_forms_are_written_the_same_every_time(idea_hub: Path) -> None:
    shutil.rmtree(idea_hub / ".github" / "ISSUE_TEMPLATE")
    assert run_hub("forms", cwd=idea_hub).stdout == (f"Wrote {IDEA_FORM.file}\nWrote {NEW_HIRE_FORM.file}\n")

    assert run_hub("forms", cwd=idea_hub).stdout == (f"Unchanged {IDEA_FORM.file}\nUnchanged {NEW_HIRE_FORM.file}\n")
