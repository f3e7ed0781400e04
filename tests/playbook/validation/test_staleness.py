"""A record past its review date is a reminder naming its owner: shown, never a failure, even with --strict."""

from __future__ import annotations

from hub_build.cli.report import REMINDERS_HEADING

MQL = "playbook/terms/mql.yaml"

OVERDUE_MQL = [
    REMINDERS_HEADING,
    "playbook/terms/mql.yaml:19:16: reminder: $.last_reviewed:"
    " due for review since 2025-12-01: ask its owner, Maya Chen (maya-chen), to check it",
    "    hint: once it has been checked, set last_reviewed to the day of the review",
]


def test_a_record_past_its_review_date_is_a_reminder_naming_the_owner(hub):
    hub.edit(MQL, "last_reviewed: 2026-02-01", "last_reviewed: 2025-06-01")  # + 6 months = 2025-12-01

    run = hub.validate()  # today is 2026-03-01

    assert run.code == 0
    assert run.report == OVERDUE_MQL
    assert run.summary.startswith("ok: 0 errors, 0 warnings, 1 reminder in 8 valid records")


def test_strict_never_fails_on_an_overdue_review(hub):
    hub.edit(MQL, "last_reviewed: 2026-02-01", "last_reviewed: 2025-06-01")

    run = hub.validate("--strict")

    assert run.code == 0
    assert run.report == OVERDUE_MQL
    assert run.summary.startswith("ok: 0 errors, 0 warnings, 1 reminder in 8 valid records")


def test_a_hub_can_make_an_overdue_review_fail_strict_with_one_setting(hub):
    hub.edit(MQL, "last_reviewed: 2026-02-01", "last_reviewed: 2025-06-01")
    (hub.root / "hub.yaml").write_text("reminders: fail\n", encoding="utf-8")

    relaxed, strict = hub.validate(), hub.validate("--strict")

    assert relaxed.code == 0
    assert relaxed.report == [line.replace(": reminder: ", ": warning: ") for line in OVERDUE_MQL[1:]]
    assert relaxed.summary.startswith("ok: 0 errors, 1 warning in 8 valid records")
    assert strict.code == 1
    assert strict.report == [line.replace(": reminder: ", ": error: ") for line in OVERDUE_MQL[1:]]
    assert strict.summary.startswith("failed: 1 error, 0 warnings in 8 valid records")


def test_strict_passes_a_hub_without_warnings(hub):
    run = hub.validate("--strict")

    assert run.code == 0


def test_a_review_by_date_in_the_past_points_at_review_by(hub):
    hub.edit("playbook/onboarding/account-executive.yaml", "review_by: 2026-09-30", "review_by: 2026-02-28")

    run = hub.validate()

    assert run.report == [
        REMINDERS_HEADING,
        "playbook/onboarding/account-executive.yaml:16:12: reminder: $.review_by:"
        " due for review since 2026-02-28: ask its owner, Sam Ortiz (sam-ortiz), to check it",
        "    hint: once it has been checked, set last_reviewed to the day of the review",
    ]


def test_today_decides_what_is_overdue(hub):
    # The narrative was last reviewed on 2026-01-15, every 6 months: due on 2026-07-15.
    assert hub.validate(today="2026-07-15").report == []

    run = hub.validate(today="2026-07-16")

    assert run.report == [
        REMINDERS_HEADING,
        "playbook/narrative.yaml:55:16: reminder: $.last_reviewed:"
        " due for review since 2026-07-15: ask its owner, Maya Chen (maya-chen), to check it",
        "    hint: once it has been checked, set last_reviewed to the day of the review",
    ]


def test_a_month_added_to_the_31st_ends_on_the_last_day_of_a_shorter_month(hub):
    hub.edit(MQL, "last_reviewed: 2026-02-01", "last_reviewed: 2026-01-31")
    hub.edit(MQL, "review_every: 6 months", "review_every: 1 month")

    assert hub.validate(today="2026-02-28").report == []
    assert (
        hub.validate(today="2026-03-01")
        .report[1]
        .endswith("due for review since 2026-02-28: ask its owner, Maya Chen (maya-chen), to check it")
    )


def test_the_owner_of_an_overdue_record_is_named_by_id_when_their_file_is_broken(hub):
    hub.edit(MQL, "last_reviewed: 2026-02-01", "last_reviewed: 2025-06-01")
    hub.edit(MQL, "owner: maya-chen", "owner: sam-ortiz")
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales", "team: sale")

    run = hub.validate()

    assert [line for line in run.report if not line.startswith("    hint:")] == [
        "playbook/people/sam-ortiz.yaml:3:7: error: $.team: 'sale' is not one of the allowed values: sales, marketing",
        REMINDERS_HEADING,
        "playbook/terms/mql.yaml:19:16: reminder: $.last_reviewed:"
        " due for review since 2025-12-01: ask its owner, sam-ortiz, to check it",
    ]
