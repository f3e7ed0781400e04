"""`hub validate --format github` and `--format json`: what a pull request's annotations and a tool read."""

from __future__ import annotations

from tests.playbook.validation.conftest import Hub

MQL = "playbook/terms/mql.yaml"
IDEA = "playbook/content/close-checklist.yaml"


def test_an_annotations_title_is_the_first_80_characters_of_its_message(hub: Hub) -> None:
    persona = "controler-" + "x" * 54
    hub.edit(IDEA, "persona: controller", f"persona: {persona}")

    run = hub.validate("--format", "github")

    message = f"unknown persona '{persona}'"
    assert len(message) > 80
    assert run.lines[0].startswith(f"::error file={IDEA},line=5,col=10,title={message[:80]}::$.persona: {message}")


def test_github_with_strict_ends_with_the_summary_that_counts_warnings_as_errors(hub: Hub) -> None:
    hub.edit(MQL, "last_reviewed: 2026-02-01", "last_reviewed: 2025-06-01")
    (hub.root / "hub.yaml").write_text("reminders: fail\n", encoding="utf-8")

    run = hub.validate("--format", "github", "--strict")

    assert run.code == 1
    assert run.lines[-1].startswith("failed: 1 error, 0 warnings in 8 valid records")


def test_the_json_report_is_indented_two_spaces_for_people_reading_a_log(hub: Hub) -> None:
    run = hub.validate("--format", "json")

    assert run.out.startswith(
        '{\n  "ok": true,\n  "errors": [],\n  "reminders": [],\n  "counts": {\n    "narrative": 1,'
    )
