"""`hub digest` writes whose turn it is as Markdown for a GitHub issue, and as JSON, exactly."""

from __future__ import annotations

import json
import re

from tests.github.digest_hub import DAY, nothing_waits, small_case
from tests.playbook.validation.conftest import Hub

FOOTER = (
    "<sub>Written by `hub digest` from the playbook on Monday 2 March 2026. This issue is updated in place "
    "each week and closed when nothing waits.</sub>\n"
)


def _digest(hub: Hub, *options: str) -> str:
    run = hub.run("digest", "--root", str(hub.root), "--today", DAY, *options)
    assert (run.code, run.err) == (0, "")
    return run.out


def test_the_markdown_groups_what_waits_by_person_and_mentions_github_usernames(hub: Hub) -> None:
    out = _digest(small_case(hub))

    assert out == (
        "As of Monday 2 March 2026: 1 idea waits for a decision, 1 commitment was missed and 1 result is not "
        "reported.\n"
        "\n### **Maya Chen**\n\n"
        "- **Decide on** The five-day close checklist (`playbook/content/close-checklist.yaml`): waiting 21 business "
        "days; the SLA promises a decision within 5 (1.2 Every idea gets an answer). **Late.**\n"
        "\n### @sam-o (Sam Ortiz) and **Maya Chen**\n\n"
        "- **Missed in 2026-02:** Every idea gets an answer: 21 against a target of ≤ 5 business days. The SLA names "
        "no escalation: agree the next step together.\n"
        "\n### The sales team\n\n"
        "- **Report** Follow up every MQL quickly for 2026-02: no result in `playbook/measurements/` yet.\n"
        "\n" + FOOTER
    )


def test_each_item_links_to_its_record_on_the_site_when_the_hub_has_a_site_url(hub: Hub) -> None:
    small_case(hub).write("mkdocs.yml", "site_name: Hub\nsite_url: https://hub.example/revenue/\n")

    out = _digest(hub)

    assert (
        "- **Decide on** [The five-day close checklist](https://hub.example/revenue/ideas/close-checklist/): "
        "waiting 21 business days; the SLA promises a decision within 5 "
        "([1.2 Every idea gets an answer](https://hub.example/revenue/sla/#clause-idea-decision)). **Late.**"
        in out.splitlines()
    )
    assert (
        "- **Report** [Follow up every MQL quickly](https://hub.example/revenue/scorecard/#metric-mql-follow-up) "
        "for 2026-02: no result in `playbook/measurements/` yet." in out.splitlines()
    )


def test_the_json_gives_each_group_its_people_and_each_item_its_facts(hub: Hub) -> None:
    data = json.loads(_digest(small_case(hub), "--format", "json"))

    maya = {"id": "maya-chen", "name": "Maya Chen", "github": None}
    sam = {"id": "sam-ortiz", "name": "Sam Ortiz", "github": "sam-o"}
    assert data == {
        "today": "2026-03-02",
        "counts": {"decision": 1, "missed": 1, "review": 0, "result": 1},
        "groups": [
            {
                "people": [maya],
                "team": None,
                "items": [
                    {
                        "kind": "decision",
                        "people": ["maya-chen"],
                        "team": "marketing",
                        "idea": "close-checklist",
                        "title": "The five-day close checklist",
                        "proposed_on": "2026-02-01",
                        "business_days": 21,
                        "promised": 5,
                        "late": True,
                        "clause": "idea-decision",
                    }
                ],
            },
            {
                "people": [sam, maya],
                "team": None,
                "items": [
                    {
                        "kind": "missed",
                        "people": ["sam-ortiz", "maya-chen"],
                        "team": "marketing",
                        "metric": "idea-decision",
                        "label": "Every idea gets an answer",
                        "period": "2026-02",
                        "value": 21.0,
                        "target": "≤ 5 business days",
                        "next_step": None,
                    }
                ],
            },
            {
                "people": [],
                "team": "sales",
                "items": [
                    {
                        "kind": "result",
                        "people": [],
                        "team": "sales",
                        "metric": "mql-follow-up",
                        "label": "Follow up every MQL quickly",
                        "period": "2026-02",
                    }
                ],
            },
        ],
    }


def test_nothing_waits_on_anyone_is_said_in_so_many_words(hub: Hub) -> None:
    out = _digest(nothing_waits(hub))

    assert out == "Nothing waits on anyone as of Monday 2 March 2026.\n\n" + FOOTER


def test_nothing_waiting_is_an_empty_list_of_groups_in_json(hub: Hub) -> None:
    data = json.loads(_digest(nothing_waits(hub), "--format", "json"))

    assert data["groups"] == [] and set(data["counts"].values()) == {0}


HOSTILE_NAME = "@everyone <img src=x onerror=alert(1)> [x](javascript:alert(1)) **loud**"
HOSTILE_TITLE = "Ping @octocat about #1 and org/repo#2 <script>alert(1)</script> `code` _x_"


def test_names_and_titles_stay_inert_text_that_mentions_and_references_nobody(hub: Hub) -> None:
    small_case(hub).edit("playbook/people/maya-chen.yaml", "name: Maya Chen", f"name: '{HOSTILE_NAME}'")
    hub.edit(
        "playbook/content/close-checklist.yaml", "title: The five-day close checklist", f"title: '{HOSTILE_TITLE}'"
    )

    out = _digest(hub)

    # The only mention is Sam's, from his github field; no @ or # in a name or title can ping or point.
    assert re.findall(r"@[A-Za-z0-9-]+", out) == ["@sam-o"]
    assert re.findall(r"(?<!&)#\d", out) == []
    for markup in ("<img", "<script", "](javascript", "**loud**", "`code`", "_x_", "[x]"):
        assert markup not in out, markup
    assert "&#64;&#8203;everyone &#60;img src&#61;x" in out


def test_a_digest_longer_than_an_issue_may_be_is_cut_between_items_and_counts_what_is_left_out(hub: Hub) -> None:
    import datetime as dt

    from hub_build.github.digest import markdown
    from hub_build.playbook.digest import digest
    from hub_build.playbook.validation import validate_hub

    playbook = validate_hub(small_case(hub).root, today=dt.date.fromisoformat(DAY)).playbook
    found = digest(playbook, today=dt.date.fromisoformat(DAY))
    whole = markdown(found, playbook, site_url=None)

    cut = markdown(found, playbook, site_url=None, limit=len(whole) - 1)

    assert len(cut) <= len(whole) - 1
    assert "### The sales team" not in cut and "### @sam-o (Sam Ortiz) and **Maya Chen**" in cut
    assert "\n… and 1 more, left out to keep this issue within GitHub's size: run `hub digest` for all.\n" in cut
