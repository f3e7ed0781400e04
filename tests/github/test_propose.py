"""`hub propose --from-issue N`: an issue opened with the content-idea form becomes one pull request, or one comment.

Each case reads an issue body as GitHub writes it (tests/github/bodies/), through a
fake gh that records every call, against a starter hub with a real Git `origin`.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from hub_build.cli import main
from tests.github.conftest import REP_LOGIN, git
from tests.github.fake_gh import FakeGh
from tests.helpers import run_hub

BODIES = Path(__file__).resolve().parent / "bodies"
PR_URL = "https://github.com/acme/hub/pull/8"
VIEW = ["issue", "view", "7", "--json", "number,title,body,author,createdAt,url,state"]
PR_LIST = ["pr", "list", "--head", "idea/issue-7", "--state", "open", "--json", "number,url"]
COMMENT = ["issue", "comment", "7", "--edit-last", "--create-if-none", "--body-file", "-"]


def _issue(
    fake_gh: FakeGh, body: str, *, author: str = REP_LOGIN, state: str = "OPEN", open_pull_requests: str = "[]"
) -> None:
    issue = {
        "number": 7,
        "title": "Content idea: renewals",
        "body": (BODIES / body).read_text(encoding="utf-8"),
        "author": {"login": author},
        "createdAt": "2026-12-03T15:04:05Z",
        "url": "https://github.com/acme/hub/issues/7",
        "state": state,
    }
    fake_gh.reply(*VIEW, stdout=json.dumps(issue))
    fake_gh.reply(*PR_LIST, stdout=open_pull_requests)
    fake_gh.reply("pr", "create", stdout=PR_URL + "\n")


def _propose(root: Path) -> int:
    return main(["propose", "--from-issue", "7", "--root", str(root)])


def _pushed(idea_hub: Path, file: str) -> str:
    return git(idea_hub, "--git-dir", str(idea_hub.parent / "origin.git"), "show", f"idea/issue-7:{file}")


def _comment(fake_gh: FakeGh) -> str:
    comments = [call for call in fake_gh.calls if call.args == COMMENT]
    assert len(comments) == 1
    return comments[0].stdin


def test_an_issue_from_the_form_becomes_a_pull_request_that_closes_it(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-every-answer.md")

    assert _propose(idea_hub) == 0

    calls = fake_gh.calls
    assert [call.args for call in calls] == [
        VIEW,
        PR_LIST,
        [
            "pr",
            "create",
            "--head",
            "idea/issue-7",
            "--title",
            "Content idea: What a renewal really costs",
            "--body-file",
            "-",
        ],
        COMMENT,
    ]
    assert calls[2].stdin == (
        "Closes #7\n\nA content idea proposed by Your sales lead (issue opened by @rita-sales on 2026-12-03), "
        "written by `hub propose` to `playbook/content/what-a-renewal-really-costs.yaml`.\n\nReview the file under "
        "*Files changed*: accept the idea (set `status: accepted` and an `owner`) or decline it with a "
        "`declined_reason`. To change the proposer's answers, edit the issue: this pull request is written again "
        "from it.\n"
    )
    assert calls[3].stdin == (
        "<!-- hub:propose-idea -->\nThanks for the idea, @rita-sales! It is now in " + PR_URL + ", credited to "
        "Your sales lead. Marketing decides on it there; when the pull request is merged, this issue closes and the "
        "idea appears on the content calendar.\n\nTo change an answer, edit this issue: the pull request follows.\n"
    )


def test_the_pull_requests_file_passes_hub_validate(idea_hub: Path, fake_gh: FakeGh, tmp_path: Path) -> None:
    _issue(fake_gh, "idea-every-answer.md")
    _propose(idea_hub)

    checkout = tmp_path / "checkout"
    subprocess.run(
        ["git", "clone", "--quiet", "-b", "idea/issue-7", str(idea_hub.parent / "origin.git"), str(checkout)],
        check=True,
    )
    completed = run_hub("validate", "--strict", cwd=checkout)

    assert completed.returncode == 0, completed.stdout
    idea = yaml.safe_load((checkout / "playbook/content/what-a-renewal-really-costs.yaml").read_text())
    assert idea == {
        "title": "What a renewal really costs",
        "proposed_by": "sales-lead",
        "proposed_on": dt.date(2026, 12, 3),
        "question": "Why did our renewal price go up by 12%?",
        "persona": "economic-buyer",
        "stage": "evaluation",
        "value_proposition": "main-promise",
        "format": "one-pager",
        "status": "proposed",
        "notes": "Heard on three renewal calls this month.",
        "issue": 7,
    }


def test_the_idea_is_proposed_on_the_day_the_issue_was_opened(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-optional-answers-blank.md")
    _propose(idea_hub)

    assert "\nproposed_on: 2026-12-03\n" in _pushed(idea_hub, "playbook/content/what-a-renewal-really-costs.yaml")


def test_blank_optional_answers_leave_their_fields_out(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-optional-answers-blank.md")
    _propose(idea_hub)

    idea = yaml.safe_load(_pushed(idea_hub, "playbook/content/what-a-renewal-really-costs.yaml"))
    assert "value_proposition" not in idea and "notes" not in idea


def test_the_person_chosen_in_the_form_is_credited(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-proposer-chosen.md", author="someone-new")
    _propose(idea_hub)

    idea = yaml.safe_load(_pushed(idea_hub, "playbook/content/what-a-renewal-really-costs.yaml"))
    assert idea["proposed_by"] == "marketing-lead"


def test_an_author_the_hub_does_not_know_is_asked_to_choose_themselves(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-optional-answers-blank.md", author="someone-new")

    assert _propose(idea_hub) == 0

    assert [call.args for call in fake_gh.calls] == [VIEW, COMMENT]
    assert _comment(fake_gh) == (
        "<!-- hub:propose-idea -->\nThanks for the idea, @someone-new! Before it can go to marketing, this needs a "
        "change:\n\n- **Who proposes it**: the hub does not know who @someone-new is: no one's file in "
        'playbook/people/ has `github: someone-new`. Choose yourself under "Who proposes it", or ask whoever '
        "keeps the hub to add your username to your file.\n\nEdit this issue (the ··· menu at the top of it, then "
        "Edit) and change that answer: the hub reads it again and opens the pull request as soon as every answer "
        "can be used.\n"
    )


def test_a_person_not_in_the_hub_chosen_by_name_gets_a_comment(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-proposer-unknown.md")
    _propose(idea_hub)

    assert "- **Who proposes it**: `Someone Else` is not a person in the hub" in _comment(fake_gh)


def test_a_persona_typed_in_gets_a_comment_naming_the_question_and_the_choices(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-persona-typed-in.md")

    _propose(idea_hub)

    assert [call.args for call in fake_gh.calls] == [VIEW, COMMENT]
    comment = _comment(fake_gh)
    assert (
        '- **Persona**: `Chief Wizard` is not one of the choices: choose one of "The economic buyer", "The champion".\n'
    ) in comment
    assert "$." not in comment


def test_a_required_answer_left_blank_gets_a_comment_naming_the_question(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-question-blank.md")

    _propose(idea_hub)

    assert "- **The question customers ask**: this answer is required.\n" in _comment(fake_gh)


def test_hostile_text_stays_text_in_the_file_and_control_characters_go(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-hostile-text.md")

    assert _propose(idea_hub) == 0

    file = "playbook/content/script-alert-1-script-7-7-renewals.yaml"
    idea = yaml.safe_load(_pushed(idea_hub, file))
    assert idea["title"] == "<script>alert(1)</script> {{ 7*7 }} renewals"
    assert idea["question"] == "Is this <b>bold</b>? {% raw %}{{ config }}[31m and @everyone `tick`"
    assert idea["notes"] == "<img src=x onerror=alert(1)> {{ lipsum }}"


def test_a_very_long_title_is_asked_to_be_shortened(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-very-long-title.md")

    _propose(idea_hub)

    assert (
        "- **Working title**: the title is 359 characters long: shorten it to at most 120 (the question can "
        "say the rest).\n"
    ) in _comment(fake_gh)


def test_a_title_that_makes_no_file_name_is_named_after_the_issue(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-title-without-letters.md")

    _propose(idea_hub)

    assert yaml.safe_load(_pushed(idea_hub, "playbook/content/idea-from-issue-7.yaml"))["title"] == "!!! ??? 🚀🚀"


def test_editing_the_issue_rewrites_the_same_pull_request(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-optional-answers-blank.md")
    _propose(idea_hub)
    fake_gh.replies.clear()
    fake_gh.log.unlink()
    _issue(fake_gh, "idea-every-answer.md", open_pull_requests=json.dumps([{"number": 8, "url": PR_URL}]))

    assert _propose(idea_hub) == 0

    assert [call.args[:4] for call in fake_gh.calls] == [
        VIEW[:4],
        PR_LIST[:4],
        ["pr", "edit", "8", "--title"],
        COMMENT[:4],
    ]
    assert "value_proposition: main-promise" in _pushed(idea_hub, "playbook/content/what-a-renewal-really-costs.yaml")
    # The branch is written again from main: one commit on top of it, not a pile of them.
    assert (
        git(
            idea_hub, "--git-dir", str(idea_hub.parent / "origin.git"), "rev-list", "--count", "main..idea/issue-7"
        ).strip()
        == "1"
    )


def test_a_body_not_written_with_the_form_gets_a_comment(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "not-from-the-form.md")

    _propose(idea_hub)

    assert 'this issue was not written with the form "Propose a content idea"' in _comment(fake_gh)


def test_a_closed_issue_is_left_alone(idea_hub: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "idea-every-answer.md", state="CLOSED")

    assert _propose(idea_hub) == 0

    assert [call.args for call in fake_gh.calls] == [VIEW]


def test_gh_failing_is_one_error_and_exit_1(
    idea_hub: Path, fake_gh: FakeGh, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_gh.reply(*VIEW, exit=1, stderr="GraphQL: Could not resolve to an issue with the number of 7.\n")

    assert _propose(idea_hub) == 1

    assert capsys.readouterr().err == (
        "hub: error: `gh issue view` failed: GraphQL: Could not resolve to an issue with the number of 7.\n"
        "    hint: check that gh is signed in (GH_TOKEN) and that the hub's root is the repository's checkout\n"
    )
