"""`hub digest --publish` keeps one open issue with the digest: opened, updated in place, closed when nothing waits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.github.digest_hub import DAY, nothing_waits, small_case
from tests.github.fake_gh import Call, FakeGh
from tests.playbook.validation.conftest import Hub, Run

LIST = ["issue", "list", "--label", "hub-digest", "--state", "open", "--json", "number", "--limit", "100"]
LABEL = [
    "label",
    "create",
    "hub-digest",
    "--color",
    "FBCA04",
    "--description",
    "The hub's weekly digest: whose turn it is",
    "--force",
]


def _publish(hub: Hub) -> Run:
    return hub.run("digest", "--root", str(hub.root), "--today", DAY, "--publish")


def _digest(hub: Hub) -> str:
    return hub.run("digest", "--root", str(hub.root), "--today", DAY).out


def _shown(call: Call) -> list[str]:
    """A call's arguments, with the temporary body file replaced by the text it held."""
    return [f"<{call.files[arg]}>" if arg in call.files else arg for arg in call.args]


def test_the_digest_opens_an_issue_with_the_label_when_none_is_open(hub: Hub, fake_gh: FakeGh) -> None:
    fake_gh.reply("issue", "list", stdout="[]")
    fake_gh.reply("issue", "create", stdout="https://github.com/acme/hub/issues/41\n")

    run = _publish(small_case(hub))

    assert (run.code, run.out, run.err) == (0, "hub digest: opened issue #41\n", "")
    assert [_shown(call) for call in fake_gh.calls] == [
        LIST,
        LABEL,
        ["issue", "create", "--title", "Whose turn it is", "--label", "hub-digest", "--body-file", f"<{_digest(hub)}>"],
    ]


def test_the_digest_updates_the_open_issue_in_place_and_opens_no_second_one(hub: Hub, fake_gh: FakeGh) -> None:
    fake_gh.reply("issue", "list", stdout='[{"number": 12}]')

    run = _publish(small_case(hub))

    assert (run.code, run.out) == (0, "hub digest: updated issue #12\n")
    assert [_shown(call) for call in fake_gh.calls] == [
        LIST,
        ["issue", "edit", "12", "--title", "Whose turn it is", "--body-file", f"<{_digest(hub)}>"],
    ]


def test_the_digest_closes_its_issue_when_nothing_waits(hub: Hub, fake_gh: FakeGh) -> None:
    fake_gh.reply("issue", "list", stdout='[{"number": 12}]')

    run = _publish(nothing_waits(hub))

    assert (run.code, run.out) == (0, "hub digest: closed issue #12: nothing waits\n")
    assert [_shown(call) for call in fake_gh.calls] == [
        LIST,
        ["issue", "edit", "12", "--title", "Whose turn it is", "--body-file", f"<{_digest(hub)}>"],
        ["issue", "close", "12", "--comment", "Nothing waits on anyone as of 2026-03-02: closed until something does."],
    ]


def test_nothing_is_opened_when_nothing_waits_and_no_issue_is_open(hub: Hub, fake_gh: FakeGh) -> None:
    fake_gh.reply("issue", "list", stdout="[]")

    run = _publish(nothing_waits(hub))

    assert (run.code, run.out) == (0, "hub digest: nothing waits and no digest issue is open\n")
    assert [call.args for call in fake_gh.calls] == [LIST]


def test_a_second_open_issue_with_the_label_is_closed_in_favour_of_the_oldest(hub: Hub, fake_gh: FakeGh) -> None:
    fake_gh.reply("issue", "list", stdout='[{"number": 15}, {"number": 12}]')

    run = _publish(small_case(hub))

    assert (run.code, run.out) == (0, "hub digest: updated issue #12\n")
    assert [_shown(call) for call in fake_gh.calls] == [
        LIST,
        ["issue", "close", "15", "--comment", "The digest is kept in #12."],
        ["issue", "edit", "12", "--title", "Whose turn it is", "--body-file", f"<{_digest(hub)}>"],
    ]


def test_a_failing_gh_is_told_with_what_the_workflow_needs(hub: Hub, fake_gh: FakeGh) -> None:
    fake_gh.reply("issue", "list", exit=1, stderr="HTTP 403: Resource not accessible by integration\n")

    run = _publish(small_case(hub))

    assert run.code == 1
    assert run.err.splitlines() == [
        "hub: error: gh issue list failed: HTTP 403: Resource not accessible by integration",
        "    hint: the workflow needs `permissions: issues: write` and GH_TOKEN set to github.token",
    ]


def test_publish_takes_no_json(hub: Hub, fake_gh: FakeGh) -> None:
    run = hub.run("digest", "--root", str(hub.root), "--publish", "--format", "json")

    assert run.code == 2 and run.err.startswith("hub: error: --publish writes the Markdown digest to an issue\n")
    assert fake_gh.calls == []


def test_a_missing_gh_is_told_with_where_to_get_it(hub: Hub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no gh in it

    run = _publish(small_case(hub))

    assert run.code == 1
    assert run.err.splitlines() == [
        "hub: error: gh, GitHub's command line, is not installed or not on PATH",
        "    hint: install it from https://cli.github.com/ (GitHub's runners have it)",
    ]
