"""`hub plan` refuses what it cannot write with one line and a hint, and writes neither file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hub_build.cli import main, onboarding
from tests.helpers import copy_playbook

LONG_ID = "a" * 240  # fits a file name as a track, not as a plan named after it


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_playbook(tmp_path / "hub")


def _plan(root: Path, *options: str) -> int:
    return main(["plan", "--root", str(root), *options])


def test_a_plan_that_would_run_past_the_year_9999_is_refused(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _plan(root, "--track", "account-executive", "--start", "9999-12-28", "--output-dir", str(tmp_path / "out"))

    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "--start:1:1: error: a plan starting 9999-12-28 would run past the year 9999",
        "    hint: check the year of the hire's first day",
        "hub: error: no plan was written",
    ]
    assert not (tmp_path / "out").exists()


def test_a_track_id_too_long_for_the_plans_file_name_is_refused(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracks = root / "playbook" / "onboarding"
    shutil.copy2(tracks / "sdr.yaml", tracks / f"{LONG_ID}.yaml")

    code = _plan(root, "--track", LONG_ID, "--start", "2027-01-04", "--output-dir", str(tmp_path / "out"))

    assert code == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"playbook/onboarding/{LONG_ID}.yaml:1:1: error: the plan's file name, onboarding-")
    assert lines[0].endswith(".ics, is longer than this system allows")
    assert lines[1] == "    hint: give the track a shorter file name in playbook/onboarding/"
    assert list((tmp_path / "out").iterdir()) == []


def test_an_output_dir_that_is_a_file_is_refused(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine")

    code = _plan(root, "--track", "sdr", "--start", "2027-01-04", "--output-dir", str(file))

    assert code == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"--output-dir:1:1: error: {file} is a file, not a folder",
        "    hint: give a folder for the plan, or leave --output-dir out to write it in the current folder",
    ]
    assert file.read_text() == "mine"


def test_a_plan_file_name_that_is_a_symbolic_link_is_refused_and_neither_file_is_written(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim.md"
    out.mkdir()
    victim.write_text("mine")
    (out / "onboarding-sdr-2027-01-04.md").symlink_to(victim)

    code = _plan(root, "--track", "sdr", "--start", "2027-01-04", "--output-dir", str(out))

    assert code == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{out}/onboarding-sdr-2027-01-04.md:1:1: error: this is a symbolic link: the hub does not write through links"
    )
    assert victim.read_text() == "mine"
    assert [p.name for p in out.iterdir()] == ["onboarding-sdr-2027-01-04.md"]


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2027-02-30", "February 2027 has 28 days"),
        ("2028-02-30", "February 2028 has 29 days"),
        ("2027-13-01", "there is no month 13"),
        ("2027-00-10", "there is no month 00"),
        ("2027-01-32", "January 2027 has 31 days"),
        ("2027-12-32", "December 2027 has 31 days"),
        ("0000-01-01", "the calendar's years start at 0001"),
    ],
)
def test_a_day_written_right_that_is_not_in_the_calendar_is_named_as_such(
    root: Path, tmp_path: Path, day: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _plan(root, "--track", "sdr", "--start", day, "--output-dir", str(tmp_path)) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"--start:1:1: error: '{day}' does not exist: {reason}"


def test_today_that_is_not_in_the_calendar_is_named_as_such(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--root", str(root), "--today", "2027-04-31"])

    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "hub validate: error: argument --today: '2027-04-31' does not exist: April 2027 has 30 days"
    )


def test_a_checklist_that_would_run_past_the_year_9999_is_refused(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _plan(root, "--track", "account-executive", "--start", "9999-12-28", "--format", "github")

    assert (code, capsys.readouterr()) == (
        1,
        (
            "",
            "--start:1:1: error: a plan starting 9999-12-28 would run past the year 9999\n"
            "    hint: check the year of the hire's first day\n"
            "hub: error: no plan was written\n",
        ),
    )


def test_a_checklist_output_in_a_folder_that_does_not_exist_is_refused_with_why(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "missing" / "checklist.md"

    code = _plan(
        root, "--track", "account-executive", "--start", "2027-01-04", "--format", "github", "--output", str(output)
    )

    assert (code, capsys.readouterr().err) == (
        1,
        f"--output:1:1: error: {output} cannot be written: No such file or directory\n"
        "    hint: give a file you can write\n"
        "hub: error: no plan was written\n",
    )


def test_a_checklist_output_that_is_a_folder_is_refused_at_its_name(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _plan(
        root, "--track", "account-executive", "--start", "2027-01-04", "--format", "github", "--output", str(tmp_path)
    )

    assert (code, capsys.readouterr().err) == (
        1,
        f"{tmp_path}:1:1: error: this is not a regular file\n    hint: move it out of the way\nhub: error: no plan was written\n",
    )


def test_a_checklist_output_that_is_a_symbolic_link_is_refused_and_its_target_kept(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes.md"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "checklist.md"
    link.symlink_to(target)

    code = _plan(
        root, "--track", "account-executive", "--start", "2027-01-04", "--format", "github", "--output", str(link)
    )

    assert (code, capsys.readouterr().err.splitlines()) == (
        1,
        [
            f"{link}:1:1: error: this is a symbolic link: the hub does not write through links",
            "    hint: replace the symbolic link with the file itself, or remove it",
            "hub: error: no plan was written",
        ],
    )
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_a_plans_folder_is_made_with_the_folders_it_needs(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "hires" / "2027" / "january"

    assert _plan(root, "--track", "account-executive", "--start", "2027-01-04", "--output-dir", str(folder)) == 0

    assert sorted(p.name for p in folder.iterdir()) == [
        "onboarding-account-executive-2027-01-04.ics",
        "onboarding-account-executive-2027-01-04.md",
    ]


def test_an_output_dir_that_cannot_be_made_is_refused_with_why(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    folder = tmp_path / "notes.txt" / "plans"

    code = _plan(root, "--track", "account-executive", "--start", "2027-01-04", "--output-dir", str(folder))

    assert (code, capsys.readouterr().err) == (
        1,
        f"--output-dir:1:1: error: {folder} cannot be made: Not a directory\n"
        "    hint: give a folder you can write in\n"
        "hub: error: no plan was written\n",
    )


def test_a_plan_whose_second_file_cannot_be_written_leaves_neither_and_says_why(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = onboarding.replace

    def full_after_one(path: Path, data: bytes) -> None:
        if path.suffix == ".md":
            raise PermissionError(13, "Permission denied")
        real(path, data)

    monkeypatch.setattr(onboarding, "replace", full_after_one)
    folder = tmp_path / "out"

    code = _plan(root, "--track", "account-executive", "--start", "2027-01-04", "--output-dir", str(folder))

    welcome = folder / "onboarding-account-executive-2027-01-04.md"
    assert (code, capsys.readouterr().err) == (
        1,
        f"--output-dir:1:1: error: {welcome} cannot be written: Permission denied\n"
        "    hint: give a folder you can write in\n"
        "hub: error: no plan was written\n",
    )
    assert list(folder.iterdir()) == []


def test_a_plan_stopped_while_its_files_are_written_leaves_neither(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = onboarding.replace

    def stopped_after_one(path: Path, data: bytes) -> None:
        if path.suffix == ".md":
            raise KeyboardInterrupt
        real(path, data)

    monkeypatch.setattr(onboarding, "replace", stopped_after_one)
    folder = tmp_path / "out"

    code = _plan(root, "--track", "account-executive", "--start", "2027-01-04", "--output-dir", str(folder))

    assert (code, capsys.readouterr().err) == (130, "hub: stopped; no file was left half-written\n")
    assert list(folder.iterdir()) == []
