"""What a check's result says when the hub only has warnings or reminders, and which schemas a hub is edited against."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hub_build.playbook.config import HubConfig
from hub_build.playbook.problems import Problem, Severity
from hub_build.playbook.validation import Result, schema_dir_for, summary, validate_hub
from tests.helpers import REPO

MINIMAL = Path(__file__).resolve().parent / "cases" / "valid" / "minimal"
# The narrative fell due on 15 Jul 2026: a reminder, nothing else.
ONE_REVIEW_OVERDUE = dt.date(2026, 8, 1)


def overdue() -> Result:
    result = validate_hub(MINIMAL, today=ONE_REVIEW_OVERDUE)
    assert [(p.file, p.severity) for p in result.problems] == [("playbook/narrative.yaml", "reminder")]
    return result


def with_a_warning() -> Result:
    result = overdue()
    result.problems = [Problem("playbook/narrative.yaml", 1, 1, "a warning", severity=Severity.WARNING)]
    return result


def test_a_hub_with_only_warnings_passes_unless_the_check_is_strict() -> None:
    result = with_a_warning()

    assert result.passed() is True
    assert result.passed(strict=True) is False


def test_the_summary_counts_a_warning_as_a_warning_unless_the_check_is_strict() -> None:
    result = with_a_warning()

    assert summary(result) == "ok: 0 errors, 1 warning in 8 valid records (2 terms, 2 people, 1 track, 1 idea)"
    assert summary(result, strict=True) == (
        "failed: 1 error, 0 warnings in 8 valid records (2 terms, 2 people, 1 track, 1 idea)"
    )


def test_a_hub_with_only_reminders_passes_even_a_strict_check() -> None:
    result = overdue()

    assert (result.passed(), result.passed(strict=True)) == (True, True)
    assert (result.errors, result.warnings, result.reminders) == ([], [], result.problems)


def test_the_summary_counts_a_reminder_apart_strict_or_not() -> None:
    result = overdue()

    expected = "ok: 0 errors, 0 warnings, 1 reminder in 8 valid records (2 terms, 2 people, 1 track, 1 idea)"
    assert summary(result) == summary(result, strict=True) == expected


def test_reminders_count_as_warnings_where_the_hub_says_reminders_fail() -> None:
    result = overdue()
    result.config = HubConfig(reminders="fail")

    assert (result.passed(), result.passed(strict=True)) == (True, False)
    assert (result.warnings, result.reminders) == (result.problems, [])
    assert summary(result) == "ok: 0 errors, 1 warning in 8 valid records (2 terms, 2 people, 1 track, 1 idea)"


def test_a_hub_with_its_own_schemas_folder_is_edited_against_it(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()

    assert schema_dir_for(tmp_path) == tmp_path / "schemas"


def test_a_hub_without_a_schemas_folder_is_edited_against_the_built_in_schemas(tmp_path: Path) -> None:
    # In a checkout the built-in schemas sit beside the package, in schemas/.
    assert schema_dir_for(tmp_path) == REPO / "schemas"


def test_an_overdue_review_is_marked_as_a_reminder_so_an_engine_can_keep_it_from_failing() -> None:
    assert [problem.is_reminder for problem in overdue().problems] == [True]


def test_the_check_tells_its_progress_one_file_after_another_out_of_all_the_files() -> None:
    told: list[tuple[int, int]] = []

    validate_hub(MINIMAL, today=ONE_REVIEW_OVERDUE, progress=lambda done, total: told.append((done, total)))

    # The minimal hub's playbook holds eight files.
    assert told == [(1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (6, 8), (7, 8), (8, 8)]
