"""`hub diff --comment N` keeps one comment on the pull request: created once, then edited in place.

A fake `gh` on PATH records each call (tests/github/fake_gh.py); the hub is the
minimal one in a real Git repository (tests/cli/git_hub.py).
"""

from __future__ import annotations

import json

import pytest

from tests.cli.git_hub import GitHub, hub_repo
from tests.github.fake_gh import Call, FakeGh

__all__ = ["hub_repo"]

LIST = ["api", "--paginate", "--slurp", "repos/{owner}/{repo}/issues/7/comments"]
CREATE = ["api", "--method", "POST", "repos/{owner}/{repo}/issues/7/comments", "--input"]
BOT = {"login": "github-actions[bot]", "type": "Bot"}


def _change_a_role(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/people/maya-chen.yaml", "Product Marketing Manager", "Head of Marketing")
    hub_repo.commit()


def _body(call: Call) -> str:
    [text] = call.files.values()
    body: str = json.loads(text)["body"]
    return body


def _comments(*comments: dict[str, object]) -> str:
    return json.dumps([list(comments)])


def test_the_first_run_creates_the_comment_and_the_next_edits_it(hub_repo: GitHub, fake_gh: FakeGh) -> None:
    _change_a_role(hub_repo)
    fake_gh.reply("api", "--paginate", stdout=_comments())
    fake_gh.reply("api", "--method", "POST", stdout='{"id": 501}')

    first = hub_repo.diff("base", "--comment", "7")

    [listed, created] = fake_gh.calls
    assert (first.code, listed.args, created.args[:-1]) == (0, LIST, CREATE)
    assert _body(created) == first.out
    assert first.err == "hub: commented on pull request #7\n"

    fake_gh.replies.clear()
    fake_gh.reply("api", "--paginate", stdout=_comments({"id": 501, "user": BOT, "body": first.out}))
    second = hub_repo.diff("base", "--comment", "7")

    edited = fake_gh.calls[-1]
    assert (second.code, len(fake_gh.calls)) == (0, 4)
    assert edited.args[:-1] == ["api", "--method", "PATCH", "repos/{owner}/{repo}/issues/comments/501", "--input"]
    assert _body(edited) == second.out
    assert second.err == "hub: updated the comment on pull request #7\n"


def test_the_comment_is_found_on_a_later_page_among_others(hub_repo: GitHub, fake_gh: FakeGh) -> None:
    _change_a_role(hub_repo)
    pages = [
        [{"id": 1, "user": {"login": "sam", "type": "User"}, "body": "Looks good"}],
        [{"id": 2, "user": BOT, "body": "Build passed"}, {"id": 3, "user": BOT, "body": "<!-- hub-diff -->\nold"}],
    ]
    fake_gh.reply("api", "--paginate", stdout=json.dumps(pages))

    assert hub_repo.diff("base", "--comment", "7").code == 0
    assert fake_gh.calls[-1].args[3] == "repos/{owner}/{repo}/issues/comments/3"


def test_a_persons_comment_holding_the_marker_is_never_edited(hub_repo: GitHub, fake_gh: FakeGh) -> None:
    _change_a_role(hub_repo)
    person = {"login": "mallory", "type": "User"}
    fake_gh.reply("api", "--paginate", stdout=_comments({"id": 9, "user": person, "body": "<!-- hub-diff -->"}))

    hub_repo.diff("base", "--comment", "7")

    assert fake_gh.calls[-1].args[:-1] == CREATE


def test_no_comment_is_created_when_no_record_changed(hub_repo: GitHub, fake_gh: FakeGh) -> None:
    fake_gh.reply("api", "--paginate", stdout=_comments())

    result = hub_repo.diff("base", "--comment", "7")

    assert [call.args for call in fake_gh.calls] == [LIST]
    assert result.err == "hub: no record changed, so nothing was posted on pull request #7\n"


def test_an_earlier_comment_is_told_when_no_record_changes_any_more(hub_repo: GitHub, fake_gh: FakeGh) -> None:
    fake_gh.reply("api", "--paginate", stdout=_comments({"id": 501, "user": BOT, "body": "<!-- hub-diff -->\nold"}))

    result = hub_repo.diff("base", "--comment", "7")

    assert fake_gh.calls[-1].args[3] == "repos/{owner}/{repo}/issues/comments/501"
    assert "no record changed; readers see the same playbook" in _body(fake_gh.calls[-1])
    assert result.code == 0


def test_a_read_only_token_warns_and_does_not_fail_the_check(hub_repo: GitHub, fake_gh: FakeGh) -> None:
    # What gh says for a pull request from a fork, whose token may only read.
    _change_a_role(hub_repo)
    fake_gh.reply("api", "--paginate", stdout=_comments())
    fake_gh.reply(
        "api",
        "--method",
        "POST",
        exit=1,
        stderr="HTTP 403: Resource not accessible by integration (https://api.github.com/...)\n",
    )

    result = hub_repo.diff("base", "--comment", "7")

    assert result.code == 0
    assert result.out.startswith("<!-- hub-diff -->\n")
    assert result.err.splitlines() == [
        "hub: warning: could not comment on pull request #7: HTTP 403: Resource not accessible by integration "
        "(https://api.github.com/...)",
        "    hint: the workflow's token may not write here (as for a pull request from a fork); "
        "the changes are in the job's summary instead",
    ]


def test_any_other_gh_failure_is_an_error(hub_repo: GitHub, fake_gh: FakeGh) -> None:
    _change_a_role(hub_repo)
    fake_gh.reply("api", "--paginate", exit=1, stderr="HTTP 404: Not Found\n")

    result = hub_repo.diff("base", "--comment", "7")

    assert result.code == 1
    assert result.err.splitlines() == [
        "hub: error: could not comment on pull request #7: HTTP 404: Not Found",
        "    hint: check that gh is installed and GH_TOKEN is set, with permission to write pull requests",
    ]


def test_a_pull_request_number_must_be_a_number(hub_repo: GitHub, fake_gh: FakeGh, capsys) -> None:  # type: ignore[no-untyped-def]
    from hub_build.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["diff", "--root", str(hub_repo.root), "base", "--comment", "seven"])

    assert exited.value.code == 2
    assert "argument --comment: 'seven' is not a pull request's number, such as 42" in capsys.readouterr().err
    assert fake_gh.calls == []
