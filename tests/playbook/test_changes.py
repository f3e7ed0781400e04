"""What changed between two playbooks, record by record: each field under the name readers use.

The playbooks are the minimal hub (tests/playbook/validation/cases/valid/minimal),
changed in Python; `hub diff` (tests/cli/test_diff.py) shows the same changes as Markdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hub_build.playbook.changes import FieldChange, compare
from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import validate_hub
from tests.helpers import MINIMAL

TODAY = dt.date(2026, 3, 1)


def minimal() -> Playbook:
    return validate_hub(MINIMAL, today=TODAY).playbook


def fields(changes: tuple[FieldChange, ...]) -> list[tuple[str, object, object]]:
    return [(change.name, change.old, change.new) for change in changes]


def test_each_field_of_the_narrative_is_compared_under_the_name_readers_use() -> None:
    old = minimal()
    narrative = old.narrative
    assert narrative is not None
    new = replace(
        old,
        narrative=replace(
            narrative,
            company="Ledgerly Inc.",
            summary="  Ledgerly closes the books.\n",
            market=replace(
                narrative.market,
                description=" Finance teams everywhere.\n",
                segments=["Mid-market SaaS", "Fintech"],
                regions=["EMEA"],
                company_sizes=["200-2,000"],
            ),
            icp=replace(
                narrative.icp,
                summary=" Any finance team.\n",
                criteria=["50 to 2,000 employees"],
                triggers=["A new CFO joins", "An audit finding"],
                disqualifiers=[],
            ),
            document=None,
        ),
    )

    (record,) = compare(old, new).records

    assert (record.kind, record.change, record.label) == ("narrative", "changed", "The narrative")
    assert fields(record.fields) == [
        ("company", "Ledgerly", "Ledgerly Inc."),
        (
            "summary",
            "Ledgerly helps mid-market finance teams close the books in days, not weeks.",
            "Ledgerly closes the books.",
        ),
        ("market", "Finance teams in mid-market software companies.", "Finance teams everywhere."),
        ("segments", ("Mid-market SaaS",), ("Mid-market SaaS", "Fintech")),
        ("regions", None, ("EMEA",)),
        ("company sizes", None, ("200-2,000",)),
        (
            "ideal customer profile",
            "A finance team of 5 to 50 people that still closes in spreadsheets.",
            "Any finance team.",
        ),
        ("ICP criteria", ("200 to 2,000 employees",), ("50 to 2,000 employees",)),
        ("ICP triggers", ("A new CFO joins",), ("A new CFO joins", "An audit finding")),
        ("ICP disqualifiers", ("No ERP system yet",), None),
    ]


def test_a_meeting_in_a_track_names_the_person_met() -> None:
    old = minimal()
    track = old.tracks["account-executive"]
    meeting = track.steps[0]
    new = replace(
        old, tracks={track.id: replace(track, steps=[replace(meeting, day=4), *track.steps[1:]], document=None)}
    )

    (record,) = compare(old, new).records
    (steps,) = record.fields

    assert steps.name == "steps"
    assert steps.removed == (
        "day 1: meet Maya Chen (She owns the narrative you will tell.; in-person; ask: Which persona converts best?)",
    )
    assert steps.added == (
        "day 4: meet Maya Chen (She owns the narrative you will tell.; in-person; ask: Which persona converts best?)",
    )


def test_a_text_field_newly_set_lists_no_items_added_or_removed() -> None:
    # Only lists have items: a text is shown whole, before and after.
    change = FieldChange("example", None, "A webinar sign-up")

    assert (change.added, change.removed) == ((), ())
