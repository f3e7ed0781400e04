"""The minimal hub in cases/valid/minimal is valid; every other test breaks it one file at a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_the_minimal_hub_validates_with_no_problems(hub):
    run = hub.validate()

    assert run.code == 0
    assert run.report == []
    assert run.summary.startswith("ok: 0 errors, 0 warnings in 8 valid records (")
    assert run.err == ""


def test_the_summary_counts_the_valid_records_of_each_kind(hub):
    run = hub.validate()

    assert run.summary.endswith("(2 terms, 2 people, 1 track, 1 idea)")


def test_the_summary_writes_one_track_and_one_idea_in_the_singular(hub):
    run = hub.validate()

    assert run.summary == "ok: 0 errors, 0 warnings in 8 valid records (2 terms, 2 people, 1 track, 1 idea)"


def test_a_hub_without_hub_yaml_uses_the_default_settings(hub):
    hub.remove("hub.yaml")

    run = hub.validate()

    assert run.code == 0
    assert run.report == []


def test_a_broken_file_is_counted_out_of_the_valid_records(hub):
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales", "team: sale")

    run = hub.validate()

    assert run.code == 1
    assert run.summary == "failed: 1 error, 0 warnings in 7 valid records (2 terms, 1 person, 1 track, 1 idea)"


def test_python_dash_m_hub_build_runs_the_validate_command(hub):
    completed = subprocess.run(
        [sys.executable, "-m", "hub_build", "validate", "--root", str(hub.root), "--today", "2026-03-01"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("ok: 0 errors, 0 warnings in 8 valid records")
    assert completed.stderr == ""


def test_hub_without_a_command_prints_the_help_and_exits_2(hub):
    run = hub.run()

    assert run.code == 2
    assert run.out.startswith("usage: hub")


def test_validate_help_describes_the_exit_codes(hub):
    run = hub.run("validate", "--help")

    assert run.code == 0
    assert "Exits 0 when the playbook is valid, 1 when it has errors" in " ".join(run.out.split())
