"""The same problems as text for people, JSON for tools, annotations for GitHub; exit codes."""

from __future__ import annotations

import json

IDEA = "playbook/content/close-checklist.yaml"
COUNTS = {"narrative": 1, "sla": 1, "terms": 2, "people": 2, "tracks": 1, "ideas": 1}


def break_persona(hub) -> None:
    hub.edit(IDEA, "persona: controller", "persona: controler")


def make_mql_overdue(hub) -> None:
    hub.edit("playbook/terms/mql.yaml", "last_reviewed: 2026-02-01", "last_reviewed: 2025-06-01")


# ------------------------------------------------------------------ json


def test_json_lists_each_problem_with_its_place_severity_message_and_hint(hub):
    break_persona(hub)

    run = hub.validate("--format", "json")

    assert run.code == 1
    assert json.loads(run.out) == {
        "ok": False,
        "errors": [
            {
                "file": "playbook/content/close-checklist.yaml",
                "line": 5,
                "column": 10,
                "path": "$.persona",
                "severity": "error",
                "message": "unknown persona 'controler'",
                "hint": "did you mean 'controller'?",
            }
        ],
        "reminders": [],
        "counts": COUNTS,
    }


def test_json_for_a_valid_hub_is_ok_with_no_errors_and_the_counts(hub):
    run = hub.validate("--format", "json")

    assert run.code == 0
    assert json.loads(run.out) == {"ok": True, "errors": [], "reminders": [], "counts": COUNTS}


def test_json_gives_a_problem_without_a_hint_a_null_hint(hub):
    hub.edit("playbook/onboarding/account-executive.yaml", "  - day: 2\n", "  - day: 0\n")

    run = hub.validate("--format", "json")

    [problem] = json.loads(run.out)["errors"]
    assert problem["hint"] is None


def test_json_lists_an_overdue_review_as_a_reminder_apart_from_the_errors(hub):
    make_mql_overdue(hub)

    run = hub.validate("--format", "json")

    report = json.loads(run.out)
    assert run.code == 0
    assert (report["ok"], report["errors"]) == (True, [])
    assert [(p["severity"], p["path"]) for p in report["reminders"]] == [("reminder", "$.last_reviewed")]


def test_json_with_strict_still_passes_an_overdue_review(hub):
    make_mql_overdue(hub)

    run = hub.validate("--format", "json", "--strict")

    report = json.loads(run.out)
    assert run.code == 0
    assert (report["ok"], report["errors"]) == (True, [])
    assert [p["severity"] for p in report["reminders"]] == ["reminder"]


def test_json_with_strict_marks_an_overdue_review_as_an_error_where_reminders_fail(hub):
    make_mql_overdue(hub)
    (hub.root / "hub.yaml").write_text("reminders: fail\n", encoding="utf-8")

    run = hub.validate("--format", "json", "--strict")

    report = json.loads(run.out)
    assert run.code == 1
    assert (report["ok"], report["reminders"]) == (False, [])
    assert [(p["severity"], p["path"]) for p in report["errors"]] == [("error", "$.last_reviewed")]


def test_json_keeps_non_ascii_text_readable(hub):
    hub.edit("playbook/terms/mql.yaml", "lifecycle_stage: 2", "lifecycle_stage: 3")

    run = hub.validate("--format", "json")

    assert "1, 2, 3… without gaps" in run.out


# ------------------------------------------------------------------ github


def test_github_writes_an_error_annotation_per_problem_then_the_summary(hub):
    break_persona(hub)

    run = hub.validate("--format", "github")

    assert run.code == 1
    assert run.lines == [
        "::error file=playbook/content/close-checklist.yaml,line=5,col=10,title=unknown persona 'controler'"
        "::$.persona: unknown persona 'controler' (hint: did you mean 'controller'?)",
        "failed: 1 error, 0 warnings in 8 valid records (2 terms, 2 people, 1 track, 1 idea)",
    ]


def test_github_escapes_colons_and_commas_in_the_title_but_not_in_the_message(hub):
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales", "team: sale")

    run = hub.validate("--format", "github")

    assert run.lines[0] == (
        "::error file=playbook/people/sam-ortiz.yaml,line=3,col=7,"
        "title='sale' is not one of the allowed values%3A sales%2C marketing"
        "::$.team: 'sale' is not one of the allowed values: sales, marketing (hint: did you mean 'sales'?)"
    )


def test_github_writes_an_overdue_review_as_a_notice_even_with_strict(hub):
    make_mql_overdue(hub)

    for run in (hub.validate("--format", "github"), hub.validate("--format", "github", "--strict")):
        assert run.code == 0
        assert run.lines[0].startswith(
            "::notice file=playbook/terms/mql.yaml,line=19,col=16,title=due for review since"
        )


def test_github_with_strict_writes_an_overdue_review_as_an_error_where_reminders_fail(hub):
    make_mql_overdue(hub)
    (hub.root / "hub.yaml").write_text("reminders: fail\n", encoding="utf-8")

    run = hub.validate("--format", "github", "--strict")

    assert run.code == 1
    assert run.lines[0].startswith("::error file=playbook/terms/mql.yaml,line=19,col=16,")


# ------------------------------------------------------------------ usage errors


def test_an_unknown_flag_is_a_usage_error(hub):
    run = hub.validate("--fast")

    assert run.code == 2
    assert "unrecognized arguments: --fast" in run.err
    assert run.out == ""


def test_a_today_that_is_not_a_date_is_a_usage_error(hub):
    run = hub.validate(today="01/13/2026")

    assert run.code == 2
    assert "argument --today: '01/13/2026' is not a date written YYYY-MM-DD" in run.err


def test_an_unknown_format_is_a_usage_error(hub):
    run = hub.validate("--format", "xml")

    assert run.code == 2
    assert "argument --format: invalid choice: 'xml'" in run.err


def test_a_folder_without_a_playbook_is_a_usage_error(hub, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()

    run = hub.run("validate", "--root", str(empty))

    assert run.code == 2
    assert run.out == ""
    assert run.err == (
        f"hub: error: {empty} has no playbook/ folder: run this in the root of a hub, or pass --root; "
        "`hub init` starts a new hub\n"
    )


def test_a_root_that_does_not_exist_is_a_usage_error(hub, tmp_path):
    run = hub.run("validate", "--root", str(tmp_path / "nowhere"))

    assert run.code == 2
    assert "has no playbook/ folder" in run.err


def test_validate_runs_in_the_current_folder_by_default(hub, monkeypatch):
    monkeypatch.chdir(hub.root)

    run = hub.run("validate", "--today", "2026-03-01")

    assert run.code == 0
    assert run.summary.startswith("ok: 0 errors")
