"""No command writes through a symbolic link or out of the hub: it refuses before writing anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hub_build.cli import main
from tests.helpers import TODAY, copy_playbook

LINK_HINT = "    hint: replace the symbolic link with the file itself, or remove it"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_playbook(tmp_path / "hub")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file of someone's, outside the hub, that a link in the hub points at."""
    path = tmp_path / "elsewhere" / "payroll.csv"
    path.parent.mkdir()
    path.write_text("name,salary\n")
    return path


def test_import_refuses_a_measurements_file_that_links_outside_the_hub_before_writing(
    root: Path, tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "playbook" / "measurements" / "linked.csv").symlink_to(outside)
    export = tmp_path / "crm.csv"
    export.write_text("metric,period,value\ncac-payback-period,2025-Q3,18.0\n")

    code = main(["import", "measurements", str(export), "--root", str(root), "--into", "linked", "--today", TODAY])

    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "playbook/measurements/linked.csv:1:1: error: this is a symbolic link: the hub does not write through links",
        LINK_HINT,
        "hub: nothing was imported",
    ]
    assert outside.read_text() == "name,salary\n"


def test_import_refuses_a_measurements_folder_that_leads_outside_the_hub(
    root: Path, tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(root / "playbook" / "measurements")
    (root / "playbook" / "measurements").symlink_to(outside.parent)
    export = tmp_path / "crm.csv"
    export.write_text("metric,period,value\ncac-payback-period,2025-Q3,18.0\n")

    code = main(["import", "measurements", str(export), "--root", str(root), "--into", "payroll", "--today", TODAY])

    assert code == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "playbook/measurements/payroll.csv:1:1: error: measurements/ leads outside the hub through a symbolic link"
    )
    assert outside.read_text() == "name,salary\n"


def test_new_refuses_a_folder_that_leads_outside_the_hub(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(root / "playbook" / "terms")
    (root / "playbook" / "terms").symlink_to(elsewhere)

    code = main(
        [
            "new",
            "term",
            "--root",
            str(root),
            "--name",
            "Sales accepted lead",
            "--abbreviation",
            "SAL2",
            "--definition",
            "A lead sales agreed to work.",
            "--team",
            "shared",
            "--owner",
            "sofia-marchetti",
        ]
    )

    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "playbook/terms/sal2.yaml:1:1: error: terms/ leads outside the hub through a symbolic link",
        "    hint: replace the symbolic link with a real folder, so the file stays inside the hub",
    ]
    assert list(elsewhere.iterdir()) == []


def test_init_refuses_a_folder_that_leads_elsewhere_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, elsewhere = tmp_path / "hub", tmp_path / "elsewhere"
    target.mkdir()
    elsewhere.mkdir()
    (target / ".github").symlink_to(elsewhere)

    code = main(["init", str(target), "--no-input"])

    assert code == 1
    assert capsys.readouterr().err.splitlines()[1] == (
        "    hint: replace the symbolic link with a real folder, so the file stays inside the hub"
    )
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in target.iterdir()) == [".github"]
