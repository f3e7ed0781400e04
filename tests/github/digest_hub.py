"""A small hub where something waits on each kind of person, for the digest's tests.

The minimal hub of tests/playbook/validation, with a commitment to decide on ideas within
five business days (Maya decides), Sam's GitHub username, and January's and
February's MQL results. As of Monday 2 March 2026:
- Maya has an idea to decide on: proposed on 1 February, 20 business days ago;
- the idea commitment was missed in February, and the SLA names no escalation,
  so its signatories, Sam and Maya, take the next step;
- nobody reported February's follow-up time, and the SLA names nobody for it,
  so it falls to the sales team.
"""

from __future__ import annotations

from tests.playbook.validation.conftest import Hub

DAY = "2026-03-02"

DECISION_CLAUSE = """\
  - id: idea-decision
    family: commitment
    title: Every idea gets an answer
    text: Marketing accepts or declines every idea within five business days.
    from: marketing
    to: sales
    target:
      value: 5
      unit: business days
      comparator: at-most
    measured_from: idea-decision-days
    contacts:
      - maya-chen
"""


def small_case(hub: Hub) -> Hub:
    hub.edit("playbook/sla.yaml", "  - id: pipeline-review\n", DECISION_CLAUSE + "  - id: pipeline-review\n")
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales\n", "team: sales\ngithub: sam-o\n")
    hub.write(
        "playbook/measurements/2026.csv",
        """\
        metric,period,value
        mql,2026-01,410
        mql,2026-02,420
        """,
    )
    return hub


def nothing_waits(hub: Hub) -> Hub:
    """The minimal hub with every result reported and met: nothing waits as of DAY."""
    hub.write(
        "playbook/measurements/2026.csv",
        """\
        metric,period,value
        mql,2026-02,420
        mql-follow-up,2026-02,3
        """,
    )
    return hub
