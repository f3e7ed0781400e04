"""`hub import measurements` adds rows to a file as a spreadsheet would: after those there, under one header."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from hub_build.cli import main
from tests.helpers import TODAY, copy_playbook

ROW = "cac-payback-period,2025-Q3,18.0"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_playbook(tmp_path / "hub")


def _import(root: Path, export_text: str, into: str, capsys: pytest.CaptureFixture[str]) -> Path:
    export = root.parent / "crm.csv"
    export.write_text(export_text, encoding="utf-8")
    capsys.readouterr()
    code = main(["import", "measurements", str(export), "--root", str(root), "--into", into, "--today", TODAY])
    assert code == 0, capsys.readouterr()
    return root / "playbook" / "measurements" / f"{into}.csv"


def _export_with_note(note: str) -> str:
    written = io.StringIO()
    csv.writer(written, lineterminator="\n").writerows([["metric", "period", "value", "note"], [*ROW.split(","), note]])
    return written.getvalue()


def test_rows_are_added_after_those_already_there_under_the_one_header(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (root / "playbook" / "measurements" / "2025-q4.csv").read_text(encoding="utf-8")

    file = _import(root, f"metric,period,value,note\n{ROW},Board pack\n", "2025-q4", capsys)

    assert file.read_text(encoding="utf-8") == before + f"{ROW},Board pack\n"


def test_a_file_whose_last_row_has_no_line_break_gets_one_before_the_new_rows(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = root / "playbook" / "measurements" / "2025-q4.csv"
    before = existing.read_text(encoding="utf-8").rstrip("\n")
    existing.write_text(before, encoding="utf-8")

    file = _import(root, f"metric,period,value\n{ROW}\n", "2025-q4", capsys)

    assert file.read_text(encoding="utf-8") == f"{before}\n{ROW}\n"


def test_a_new_file_starts_with_the_header_and_a_row_without_a_note_has_no_empty_cell(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _import(root, f"metric,period,value\n{ROW}\n", "board", capsys)

    assert file.read_text(encoding="utf-8") == f"metric,period,value,note\n{ROW}\n"


def test_a_note_with_a_comma_and_quotes_is_quoted_as_spreadsheets_read_it(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _import(root, _export_with_note('"Board", as agreed'), "board", capsys)

    assert file.read_text(encoding="utf-8").splitlines()[-1] == f'{ROW},"""Board"", as agreed"'


def test_a_note_without_a_comma_a_quote_or_a_line_break_is_written_as_it_is(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _import(root, _export_with_note("XL renewal: ref 7AX"), "board", capsys)

    assert file.read_text(encoding="utf-8").splitlines()[-1] == f"{ROW},XL renewal: ref 7AX"


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def test_each_result_imported_is_counted(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = root.parent / "crm.csv"
    export.write_text(f"metric,period,value\n{ROW}\n", encoding="utf-8")
    one = _run(root, capsys, "import", "measurements", str(export), "--into", "one", "--today", TODAY)
    export.write_text(
        "metric,period,value\ncac-payback-period,2025-Q2,16.0\nmarketing-sourced-pipeline,2025-Q3,2510000\n"
    )
    two = _run(root, capsys, "import", "measurements", str(export), "--into", "two", "--today", TODAY)

    assert one[1].splitlines()[0] == "Imported 1 result into playbook/measurements/one.csv"
    assert two[1].splitlines()[0] == "Imported 2 results into playbook/measurements/two.csv"


def test_a_result_already_in_any_earlier_file_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = root.parent / "crm.csv"
    export.write_text("metric,period,value\ncac-payback-period,2025-Q4,17.2\n", encoding="utf-8")

    code, out, err = _run(root, capsys, "import", "measurements", str(export), "--into", "board", "--today", TODAY)

    assert (code, out, err) == (
        1,
        "crm.csv:2:20: error: $.period: cac-payback-period has a result for 2025-Q4 already\n"
        "    hint: the first is at playbook/measurements/2025-q4.csv:2; keep one of the two\n",
        "hub: nothing was imported\n",
    )
    assert not (root / "playbook" / "measurements" / "board.csv").exists()


def test_after_an_import_the_hub_is_reported_as_hub_validate_reports_it_that_day(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    later = "2030-01-01"  # reviews overdue by then are warnings in a hub that makes reminders fail
    settings = root / "hub.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("reminders: show", "reminders: fail"))
    export = root.parent / "crm.csv"
    export.write_text(f"metric,period,value\n{ROW}\n", encoding="utf-8")

    code, out, _ = _run(root, capsys, "import", "measurements", str(export), "--into", "board", "--today", later)

    validated = _run(root, capsys, "validate", "--today", later)
    assert ": warning: " in validated[1]
    assert (code, out.split("\n", 1)[1]) == (validated[0], validated[1])


def test_an_import_into_a_hub_with_errors_elsewhere_is_written_and_exits_1(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "playbook" / "terms" / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    export = root.parent / "crm.csv"
    export.write_text(f"metric,period,value\n{ROW}\n", encoding="utf-8")

    code, out, _ = _run(root, capsys, "import", "measurements", str(export), "--into", "board", "--today", TODAY)

    assert code == 1
    assert out.splitlines()[0] == "Imported 1 result into playbook/measurements/board.csv"
    assert out.splitlines()[-1].startswith("failed: 1 error")


def test_an_export_that_is_not_a_file_is_a_usage_error(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = root.parent / "missing.csv"

    assert _run(root, capsys, "import", "measurements", str(missing)) == (
        2,
        "",
        f"hub: error: {missing} is not a file\n",
    )
