"""Each onboarding step said in words: the title and the description a calendar event and the
track page's checklist carry, and a key of its own even when a step is given twice."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest

from hub_build.playbook.model import Playbook, Step, Track
from hub_build.playbook.validation import validate_hub
from hub_build.site.plan import plan_steps
from tests.helpers import REPO, shared

PAGES = {"glossary": "the glossary"}


@pytest.fixture(scope=shared)
def playbook() -> Playbook:
    return validate_hub(REPO, today=dt.date(2026, 11, 23)).playbook


def _track(playbook: Playbook, *steps: Step) -> Track:
    return dataclasses.replace(next(iter(playbook.tracks.values())), steps=list(steps))


def test_a_shadowing_names_the_person_and_says_why_what_to_watch_what_to_ask_and_how(playbook: Playbook) -> None:
    step = Step(
        day=3,
        action="shadow",
        subject="aoife-gallagher",
        why="See a  demo\nend to end.",
        focus="How she\n  handles pricing.",
        ask=["Which slide first?", "When to stop?"],
        mode="live-call",
    )

    [planned] = plan_steps(_track(playbook, step), playbook, PAGES)

    assert planned.title == "Shadow Aoife Gallagher"
    assert planned.details == (
        "Aoife Gallagher, Sales Engineer, EMEA (sales) <aoife.gallagher@quillstone.example>\n"
        "\n"
        "Why: See a demo end to end.\n"
        "\n"
        "How she handles pricing.\n"
        "\n"
        "What to ask:\n"
        "\n"
        "- Which slide first?\n"
        "- When to stop?\n"
        "\n"
        "How: on a live call"
    )


def test_a_reading_with_only_a_focus_is_said_as_the_focus_alone(playbook: Playbook) -> None:
    step = Step(day=1, action="read", subject="glossary", focus="The lifecycle stages.")

    [planned] = plan_steps(_track(playbook, step), playbook, PAGES)

    assert (planned.title, planned.details) == ("Read the glossary", "The lifecycle stages.")


def test_the_same_step_given_three_times_on_a_day_gets_three_keys(playbook: Playbook) -> None:
    step = Step(day=2, action="meet", subject="aoife-gallagher")
    later = Step(day=4, action="meet", subject="aoife-gallagher")

    planned = plan_steps(
        _track(playbook, *(dataclasses.replace(step, index=i) for i in range(3)), later), playbook, PAGES
    )

    assert [p.key for p in planned] == [
        "2-meet-aoife-gallagher",
        "2-meet-aoife-gallagher-2",
        "2-meet-aoife-gallagher-3",
        "4-meet-aoife-gallagher",
    ]


def test_only_a_meeting_or_a_shadowing_describes_a_person_even_one_whose_id_is_the_subject(playbook: Playbook) -> None:
    # Ids of people, clauses and pages are separate names: a person may share one with a meeting.
    namesake = copy.copy(playbook)
    namesake.people = {**playbook.people, "weekly-pipeline-sync": playbook.people["aoife-gallagher"]}
    step = Step(day=1, action="attend", subject="weekly-pipeline-sync", why="See the pipeline.")

    [planned] = plan_steps(_track(namesake, step), namesake, PAGES)

    assert planned.details == "Why: See the pipeline."
