"""`hub validate` reports an issue form `hub forms` wrote that no longer matches the playbook; `hub init` writes them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from hub_build.cli import main
from hub_build.cli.init import Answers, starter_files, write
from hub_build.github.forms import IDEA_FORM, NEW_HIRE_FORM

Hub = Callable[..., subprocess.CompletedProcess[str]]

NEW_PERSONA = """\
  - id: controller
    name: The controller
    role: Financial controller
    goals: [Close the books on time]
    pains: [Invoices nobody approved]
"""


@pytest.fixture
def run_hub(capsys: pytest.CaptureFixture[str]) -> Hub:
    """`hub COMMAND ... --root ROOT` run in-process, as it ended: its code and what it printed."""

    def run(command: str, *args: str, root: Path) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        code = main([command, "--root", str(root), *args])
        captured = capsys.readouterr()
        return subprocess.CompletedProcess([command, *args], code, captured.out, captured.err)

    return run


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    write(tmp_path, starter_files(Answers(company="Acme"), today=dt.date(2026, 12, 1)))
    return tmp_path


def _add_persona(root: Path) -> None:
    narrative = root / "playbook" / "narrative.yaml"
    text = narrative.read_text(encoding="utf-8")
    narrative.write_text(text.replace("personas:\n", "personas:\n" + NEW_PERSONA, 1), encoding="utf-8")


def test_a_form_lacking_a_new_persona_is_an_error_naming_the_command(starter: Path, run_hub: Hub) -> None:
    _add_persona(starter)

    completed = run_hub("validate", root=starter)

    assert completed.returncode == 1
    lines = completed.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(IDEA_FORM.file))
    assert lines[at] == (
        f'{IDEA_FORM.file}:30:1: error: $: the form no longer matches the playbook: "Persona" lacks "The controller"'
    )
    assert lines[at + 1] == (
        "    hint: run `hub forms` to write it again (or delete its first line to keep the form as your own, unchecked)"
    )


def test_a_form_still_offering_a_removed_format_is_an_error(starter: Path, run_hub: Hub) -> None:
    schema = starter / "schemas" / "idea.schema.json"
    data = json.loads(schema.read_text(encoding="utf-8"))
    data["properties"]["format"]["enum"].remove("calculator")
    schema.write_text(json.dumps(data), encoding="utf-8")

    completed = run_hub("validate", "--format", "json", root=starter)

    problems = [p for p in json.loads(completed.stdout)["errors"] if p["file"] == IDEA_FORM.file]
    assert [p["message"] for p in problems] == [
        'the form no longer matches the playbook: "Format" still offers "calculator"'
    ]


def test_hub_forms_brings_a_form_back_in_step(starter: Path, run_hub: Hub) -> None:
    _add_persona(starter)

    written = run_hub("forms", root=starter)

    assert (written.returncode, written.stdout) == (0, f"Wrote {IDEA_FORM.file}\nUnchanged {NEW_HIRE_FORM.file}\n")
    assert run_hub("validate", root=starter).returncode == 0


def test_a_hub_without_forms_is_not_asked_for_them(starter: Path, run_hub: Hub) -> None:
    (starter / IDEA_FORM.file).unlink()
    (starter / NEW_HIRE_FORM.file).unlink()
    _add_persona(starter)

    assert run_hub("validate", root=starter).returncode == 0


def test_a_form_kept_as_the_maintainers_own_is_not_checked(starter: Path, run_hub: Hub) -> None:
    form = starter / IDEA_FORM.file
    form.write_text(form.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    _add_persona(starter)

    assert run_hub("validate", root=starter).returncode == 0


@pytest.mark.parametrize("example", [False, True], ids=["starter", "example"])
def test_hub_init_writes_the_forms_and_the_propose_workflow(tmp_path: Path, example: bool, run_hub: Hub) -> None:
    assert main(["init", "--no-input", *(["--example"] if example else []), str(tmp_path / "hub")]) == 0

    root = tmp_path / "hub"
    for file in (IDEA_FORM.file, NEW_HIRE_FORM.file, ".github/workflows/propose-idea.yml"):
        assert (root / file).is_file(), file
    assert run_hub("validate", root=root).returncode == 0


def test_hub_forms_writes_nothing_from_a_playbook_with_errors(starter: Path, run_hub: Hub) -> None:
    before = (starter / IDEA_FORM.file).read_text(encoding="utf-8")
    narrative = starter / "playbook" / "narrative.yaml"
    narrative.write_text(
        narrative.read_text(encoding="utf-8").replace("personas:\n", "personas:\n  - 3\n", 1), encoding="utf-8"
    )

    completed = run_hub("forms", root=starter)

    assert completed.returncode == 1
    assert completed.stderr.startswith("playbook/narrative.yaml:")
    assert completed.stderr.splitlines()[-2:] == [
        "hub: error: the playbook has errors, so no form was written",
        "    hint: fix them (hub validate lists them), then run hub forms again",
    ]
    assert (starter / IDEA_FORM.file).read_text(encoding="utf-8") == before
