"""A person's GitHub username: how the hub mentions them, assigns them and knows who opened an issue."""

from __future__ import annotations

import datetime as dt

from hub_build.playbook.validation import validate_hub
from tests.playbook.validation.conftest import Hub

SAM = "playbook/people/sam-ortiz.yaml"
MAYA = "playbook/people/maya-chen.yaml"


def test_a_person_may_have_a_github_username(hub: Hub) -> None:
    hub.edit(SAM, "time_zone: Europe/Berlin\n", "time_zone: Europe/Berlin\ngithub: sam-ortiz-99\n")
    assert hub.validate().report == []
    assert validate_hub(hub.root, today=dt.date(2026, 3, 1)).playbook.people["sam-ortiz"].github == "sam-ortiz-99"


def test_a_username_written_with_its_at_sign_is_refused(hub: Hub) -> None:
    hub.edit(SAM, "time_zone: Europe/Berlin\n", "time_zone: Europe/Berlin\ngithub: '@sam'\n")

    [line, _hint] = hub.validate().report
    assert line.startswith(f"{SAM}:6:9: error: $.github: ")


def test_two_people_with_one_username_are_refused_whatever_its_case(hub: Hub) -> None:
    hub.edit(MAYA, "time_zone: America/New_York\n", "time_zone: America/New_York\ngithub: Ledgerly-Team\n")
    hub.edit(SAM, "time_zone: Europe/Berlin\n", "time_zone: Europe/Berlin\ngithub: ledgerly-team\n")

    assert hub.validate().report == [
        f"{SAM}:6:9: error: $.github: the GitHub username 'ledgerly-team' is also maya-chen's",
        "    hint: each person has their own GitHub username: correct it, or remove it from one of them",
    ]
