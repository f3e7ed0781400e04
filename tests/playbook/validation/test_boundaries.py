"""Every rule with a date or a number limit, on both sides of its boundary and on it.

The minimal hub is judged as of 2026-03-01 unless a test says otherwise. Its SLA took
effect on 2026-01-01; its idea was proposed on 2026-02-01; its narrative is due for
review on 2026-07-15; its onboarding track meets marketing on day 1.
"""

from __future__ import annotations

import pytest

from hub_build.cli.report import REMINDERS_HEADING
from tests.playbook.validation.test_cross_checks import IDEA, SLA, TRACK, idea

FUTURE_PROPOSAL = [
    "playbook/content/close-checklist.yaml:3:14: error: $.proposed_on: proposed_on (2026-03-02) is in the future",
    "    hint: use the date the idea was proposed",
]


# ------------------------------------------------------------------ an idea is proposed on or before today


@pytest.mark.parametrize(
    ("proposed_on", "report"),
    [
        ("2026-02-28", []),
        ("2026-03-01", []),
        ("2026-03-02", FUTURE_PROPOSAL),
    ],
)
def test_an_idea_may_be_proposed_up_to_today(hub, proposed_on, report):
    hub.write(IDEA, idea(proposed_on=proposed_on))

    assert hub.validate().report == report


# ------------------------------------------------------------------ a published idea went live on or before today


def published(published_on: str) -> str:
    return idea(status="published", owner="maya-chen", url="https://ledgerly.example/close", published_on=published_on)


@pytest.mark.parametrize(
    ("published_on", "report"),
    [
        ("2026-02-28", []),
        ("2026-03-01", []),
        (
            "2026-03-02",
            [
                "playbook/content/close-checklist.yaml:12:15: error: $.published_on: published_on (2026-03-02) is in the future",
                "    hint: an idea is published once it is live: use status scheduled until then",
            ],
        ),
    ],
)
def test_a_published_idea_may_have_gone_live_up_to_today(hub, published_on, report):
    hub.write(IDEA, published(published_on))

    assert hub.validate().report == report


@pytest.mark.parametrize("status", ["proposed", "accepted", "scheduled", "declined"])
def test_only_a_published_idea_is_held_to_a_publication_date_in_the_past(hub, status):
    # A planned publication date in the future is what an idea not yet published has.
    hub.write(
        IDEA,
        idea(
            status=status,
            owner="maya-chen",
            scheduled_for="2026-04-01",
            channel="blog",
            declined_reason="Covered already.",
            published_on="2026-04-01",
        ),
    )

    assert hub.validate().report == []


# ------------------------------------------------------------------ an idea is scheduled and published on or after its proposal


@pytest.mark.parametrize(
    ("scheduled_for", "report"),
    [
        (
            "2026-01-31",
            [
                "playbook/content/close-checklist.yaml:11:16: error: $.scheduled_for:"
                " scheduled_for (2026-01-31) is before the idea was proposed (2026-02-01)",
                "    hint: check both dates",
            ],
        ),
        ("2026-02-01", []),
        ("2026-02-02", []),
    ],
)
def test_an_idea_may_be_scheduled_from_the_day_it_was_proposed(hub, scheduled_for, report):
    hub.write(IDEA, idea(status="scheduled", owner="maya-chen", scheduled_for=scheduled_for, channel="blog"))

    assert hub.validate().report == report


@pytest.mark.parametrize(
    ("published_on", "report"),
    [
        (
            "2026-01-31",
            [
                "playbook/content/close-checklist.yaml:12:15: error: $.published_on:"
                " published_on (2026-01-31) is before the idea was proposed (2026-02-01)",
                "    hint: check both dates",
            ],
        ),
        ("2026-02-01", []),
        ("2026-02-02", []),
    ],
)
def test_an_idea_may_be_published_from_the_day_it_was_proposed(hub, published_on, report):
    hub.write(IDEA, published(published_on))

    assert hub.validate().report == report


# ------------------------------------------------------------------ signatures come on or before the effective date


@pytest.mark.parametrize(
    ("signed", "report"),
    [
        ("2025-12-31", []),
        ("2026-01-01", []),
        (
            "2026-01-02",
            [
                "playbook/sla.yaml:8:13: error: $.signatories[1].signed:"
                " signed on 2026-01-02 but the agreement took effect on 2026-01-01",
                "    hint: a version takes effect once everyone has signed: move the effective date or correct the signing date",
            ],
        ),
    ],
)
def test_an_sla_may_be_signed_up_to_the_day_it_takes_effect(hub, signed, report):
    hub.edit(SLA, "signed: 2025-12-16", f"signed: {signed}")

    assert hub.validate().report == report


# ------------------------------------------------------------------ the SLA's review comes after it takes effect

BEFORE_EFFECT = "playbook/sla.yaml:30:12: error: $.review_by: the review date comes before the agreement takes effect"


@pytest.mark.parametrize(
    ("review_by", "errors"),
    [
        ("2025-12-31", [BEFORE_EFFECT]),
        ("2026-01-01", [BEFORE_EFFECT]),
        ("2026-01-02", []),
    ],
)
def test_the_sla_review_falls_after_the_day_it_takes_effect(hub, review_by, errors):
    hub.edit(SLA, "review_by: 2026-12-31", f"review_by: {review_by}")

    run = hub.validate()

    # Each date is past as well, so the SLA is also overdue for review: a warning, left out here.
    assert [line for line in run.report if ": error: " in line] == errors


# ------------------------------------------------------------------ a record is overdue the day after its due date


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        ("2026-07-14", False),
        ("2026-07-15", False),
        ("2026-07-16", True),
    ],
)
def test_a_record_is_overdue_from_the_day_after_it_was_due(hub, today, overdue):
    report = hub.validate(today=today).report

    assert report == (
        [
            REMINDERS_HEADING,
            "playbook/narrative.yaml:55:16: reminder: $.last_reviewed:"
            " due for review since 2026-07-15: ask its owner, Maya Chen (maya-chen), to check it",
            "    hint: once it has been checked, set last_reviewed to the day of the review",
        ]
        if overdue
        else []
    )


# ------------------------------------------------------------------ the new hire meets the other team within intro_within_days

NO_INTRO = [
    "playbook/onboarding/account-executive.yaml:5:3: error: $.steps:"
    " the track introduces the new hire to nobody from marketing within the first 5 working days",
    "    hint: add a 'meet' step with a marketing colleague on day 5 or earlier",
]


@pytest.mark.parametrize(("day", "report"), [(4, []), (5, []), (6, NO_INTRO)])
def test_the_introduction_to_the_other_team_may_come_up_to_the_last_day_allowed(hub, day, report):
    hub.edit(TRACK, "  - day: 1\n", f"  - day: {day}\n")

    assert hub.validate().report == report


@pytest.mark.parametrize(("day", "valid"), [(2, True), (3, True), (4, False)])
def test_intro_within_days_moves_the_last_day_allowed(hub, day, valid):
    hub.write(
        "hub.yaml",
        """
        intro_within_days: 3
    """,
    )
    hub.edit(TRACK, "  - day: 1\n", f"  - day: {day}\n")

    assert (hub.validate().code == 0) is valid


@pytest.mark.parametrize(
    ("chat_url", "valid"),
    [
        ("https://chat.example.com/acme/messages/@{handle}", True),
        ("https://teams.microsoft.com/l/chat/0/0?users={email}", True),
        ("https://chat.example.com/acme/messages/", False),  # nowhere to put the person
        ("javascript:alert('{handle}')", False),  # only an https address
    ],
)
def test_a_chat_url_is_an_https_address_with_a_place_for_the_person(hub, chat_url, valid):
    hub.write(
        "hub.yaml",
        f"""
        chat_url: "{chat_url}"
    """,
    )

    assert (hub.validate().code == 0) is valid
