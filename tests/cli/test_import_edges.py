"""`hub import measurements` at its edges: an export with no results, a note a spreadsheet would run."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_build.cli import main
from tests.helpers import copy_playbook


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_playbook(tmp_path / "hub")


def _measurements(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "playbook" / "measurements").glob("*.csv"))}


def test_an_export_with_only_its_header_imports_nothing_and_says_so(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "empty.csv"
    export.write_text("metric,period,value,note\n", encoding="utf-8")
    before = _measurements(root)

    code = main(["import", "measurements", "--root", str(root), "--today", "2026-11-20", str(export)])

    assert code == 1
    assert capsys.readouterr().err.splitlines() == ["hub: nothing was imported: empty.csv has no results"]
    assert _measurements(root) == before


def test_a_note_a_spreadsheet_would_run_as_a_formula_is_refused_and_nothing_is_written(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "crm.csv"
    export.write_text(
        'metric,period,value,note\nevent-lead-follow-up,2025-11,1.5,"=HYPERLINK(""https://x.example"")"\n',
        encoding="utf-8",
    )
    before = _measurements(root)

    code = main(["import", "measurements", "--root", str(root), "--today", "2026-11-20", str(export)])

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0].startswith("crm.csv:2:") and ": error: $.note: " in out[0]
    assert out[1].startswith("    hint: ")
    assert _measurements(root) == before
