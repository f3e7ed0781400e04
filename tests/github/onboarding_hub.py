"""A small hub for the onboarding issue's tests: one track over a holiday, people with and without a username."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import MINIMAL

TRACK = """\
title: Account Executive
team: sales
summary: >
  Your first week: meet marketing,
  learn the words.
steps:
  - day: 1
    meet: maya-chen
    why: She owns the narrative you will tell.
    ask:
      - Which persona converts best?
      - "Who is @everyone here? See #1"
    mode: in-person
  - day: 1
    read: glossary
    focus: Lead and MQL, exactly.
  - day: 2
    attend: pipeline-review
    focus: How both teams look at new pipeline.
  - day: 3
    shadow: eve-ng
    focus: "<b>Calls</b> with [a link](javascript:alert(1))"
owner: sam-ortiz
review_by: 2027-09-30
"""

HOSTILE_PERSON = """\
name: "Eve <img src=x onerror=alert(1)> @octocat #12 *Ng*"
role: Account Executive
team: sales
email: eve.ng@ledgerly.example
time_zone: Europe/Berlin
ask_about:
  - Discovery calls
"""

HOLIDAYS = """\
holidays:
  - date: 2027-01-01
    name: New Year's Day
  - date: 2027-01-05
    name: "Team day @all #3"
"""


def onboarding_hub(root: Path) -> Path:
    """The minimal valid hub with the track above, Maya Chen known on GitHub as maya-gh, two holidays."""
    shutil.copytree(MINIMAL, root)
    (root / "playbook/onboarding/account-executive.yaml").write_text(TRACK, encoding="utf-8")
    (root / "playbook/people/eve-ng.yaml").write_text(HOSTILE_PERSON, encoding="utf-8")
    maya = root / "playbook/people/maya-chen.yaml"
    maya.write_text(maya.read_text(encoding="utf-8") + "github: maya-gh\n", encoding="utf-8")
    settings = root / "hub.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + HOLIDAYS, encoding="utf-8")
    return root
