"""`hub onboard --from-issue N`: an issue opened with the New hire form becomes the hire's onboarding issue.

Each case reads an issue body as GitHub writes it (tests/github/bodies/), through a
fake gh that records every call.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub_build.cli import main
from tests.github.fake_gh import Call, FakeGh
from tests.github.onboarding_hub import onboarding_hub
from tests.github.test_onboarding_checklist import CHECKLIST
from tests.helpers import run_hub

BODIES = Path(__file__).resolve().parent / "bodies"
VIEW = ["issue", "view", "7", "--json", "number,title,body,author,createdAt,url,state"]
LABEL = [
    "label",
    "create",
    "onboarding",
    "--color",
    "0e8a16",
    "--description",
    "A new hire's onboarding checklist, written by hub onboard",
    "--force",
]
EDIT = [
    "issue",
    "edit",
    "7",
    "--title",
    "Onboarding: Ana Ruiz, from Monday 4 January 2027",
    "--body-file",
    "-",
    "--add-label",
    "onboarding",
]
COMMENT = ["issue", "comment", "7", "--edit-last", "--create-if-none", "--body-file", "-"]
INTRO = """\
<!-- hub:onboarding -->
Welcome, Ana Ruiz (@ana-ruiz)! This issue is your onboarding: one heading per working day, each step a box to tick \
when it is done. Ask in a comment here about anything the steps leave open.

@maya-gh (Maya Chen), as their manager: before day 1, make sure each person below expects them, and follow the \
ticks with them.

---

"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return onboarding_hub(tmp_path / "hub")


def _issue(fake_gh: FakeGh, body: str, *, state: str = "OPEN") -> None:
    text = body if body.startswith("<!--") else (BODIES / body).read_text(encoding="utf-8")
    issue = {
        "number": 7,
        "title": "Onboarding: ",
        "body": text,
        "author": {"login": "the-manager"},
        "createdAt": "2026-12-03T15:04:05Z",
        "url": "https://github.com/acme/hub/issues/7",
        "state": state,
    }
    fake_gh.reply(*VIEW, stdout=json.dumps(issue))


def _onboard(root: Path) -> int:
    return main(["onboard", "--from-issue", "7", "--root", str(root)])


def _only_comment(fake_gh: FakeGh) -> str:
    """The one comment a wrong answer gives, after checking nothing else was done."""
    calls = fake_gh.calls
    assert [call.args for call in calls] == [VIEW, COMMENT]
    return calls[1].stdin


def _edit(fake_gh: FakeGh) -> Call:
    return next(call for call in fake_gh.calls if call.args[:4] == EDIT[:4])


def test_a_new_hire_issue_becomes_their_onboarding_issue(
    root: Path, fake_gh: FakeGh, capsys: pytest.CaptureFixture[str]
) -> None:
    _issue(fake_gh, "new-hire-every-answer.md")

    assert _onboard(root) == 0

    assert [call.args for call in fake_gh.calls] == [
        VIEW,
        LABEL,
        EDIT,
        ["issue", "edit", "7", "--add-assignee", "ana-ruiz,maya-gh"],
    ]
    assert capsys.readouterr().out == (
        'Issue #7 is now "Onboarding: Ana Ruiz, from Monday 4 January 2027"\nAssigned to ana-ruiz, maya-gh\n'
    )


def test_the_onboarding_issues_body_is_the_checklist_under_a_word_for_the_hire_and_the_manager(
    root: Path, fake_gh: FakeGh
) -> None:
    _issue(fake_gh, "new-hire-every-answer.md")
    _onboard(root)

    assert _edit(fake_gh).stdin == INTRO + CHECKLIST


def test_a_manager_typed_as_a_username_is_assigned(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "new-hire-manager-typed-as-login.md")

    assert _onboard(root) == 0

    assert fake_gh.calls[-1].args == ["issue", "edit", "7", "--add-assignee", "ana-ruiz,boss-of-ana"]
    assert "\n@boss-of-ana, as their manager:" in _edit(fake_gh).stdin


def test_a_manager_whose_file_has_no_username_is_named_and_only_the_hire_assigned(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "new-hire-manager-without-username.md")

    assert _onboard(root) == 0

    assert fake_gh.calls[-1].args == ["issue", "edit", "7", "--add-assignee", "ana-ruiz"]
    assert "\n**Sam Ortiz**, as their manager:" in _edit(fake_gh).stdin


def test_an_unknown_track_gets_one_comment_naming_the_question(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "new-hire-unknown-track.md")

    assert _onboard(root) == 0

    assert _only_comment(fake_gh) == (
        "<!-- hub:new-hire -->\n@the-manager, before this issue can become the onboarding checklist, this needs a "
        "change:\n\n- **Onboarding track**: `Customer Success` is not one of the onboarding tracks: choose one of "
        '"Account Executive".\n\nEdit this issue (the ··· menu at the top of it, then Edit) and change that answer: '
        "the hub reads it again and writes the checklist as soon as every answer can be used.\n"
    )


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "new-hire-date-not-in-calendar.md",
            "- **Start date**: `2027-02-30` is not a day of the calendar: check the month and the day.\n",
        ),
        (
            "new-hire-date-years-ago.md",
            "- **Start date**: `2017-01-02` is more than 30 days before this issue was opened: check the year.\n",
        ),
        (
            "new-hire-login-not-a-username.md",
            "- **GitHub username**: `ana ruiz!` is not a GitHub username: write it as their profile shows it (letters, "
            "digits and single hyphens), without the @.\n",
        ),
    ],
    ids=["date-not-in-calendar", "date-years-ago", "login-not-a-username"],
)
def test_a_wrong_answer_gets_one_comment_naming_the_question(root: Path, fake_gh: FakeGh, body: str, said: str) -> None:
    _issue(fake_gh, body)

    assert _onboard(root) == 0

    assert said in _only_comment(fake_gh)


def test_blank_answers_are_each_named_as_required(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "new-hire-blank-answers.md")

    _onboard(root)

    assert (
        "change:\n\n- **Name**: this answer is required.\n- **GitHub username**: this answer is required.\n"
        "- **Start date**: this answer is required.\n\nEdit this issue"
    ) in _only_comment(fake_gh)


def test_an_issue_not_from_the_form_gets_one_comment(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "not-from-the-form.md")

    _onboard(root)

    assert '- this issue was not written with the form "New hire"' in _only_comment(fake_gh)


def test_a_hostile_name_mentions_no_one_and_renders_nothing(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "new-hire-hostile-name.md")

    assert _onboard(root) == 0

    edit = _edit(fake_gh)
    assert edit.args[4] == (
        "Onboarding: <img src=x onerror=alert(1)> @\u200beveryone #\u200b1 **Ana** "
        "[x](javascript:alert(1)), from Monday 4 January 2027"
    )
    assert edit.stdin.splitlines()[1] == (
        "Welcome, &#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62; &#64;&#8203;everyone &#35;&#8203;1 "
        "&#42;&#42;Ana&#42;&#42; &#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; (@ana-ruiz)! This issue is your "
        "onboarding: one heading per working day, each step a box to tick when it is done. Ask in a comment here "
        "about anything the steps leave open."
    )


def test_ticking_a_box_of_the_onboarding_issue_does_not_write_it_again(
    root: Path, fake_gh: FakeGh, capsys: pytest.CaptureFixture[str]
) -> None:
    _issue(fake_gh, INTRO.replace("- [ ]", "- [x]") + CHECKLIST)

    assert _onboard(root) == 0

    assert [call.args for call in fake_gh.calls] == [VIEW]
    assert capsys.readouterr().out == "Issue #7 is already the onboarding issue: nothing to do\n"


def test_a_closed_issue_is_left_alone(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "new-hire-every-answer.md", state="CLOSED")

    assert _onboard(root) == 0

    assert [call.args for call in fake_gh.calls] == [VIEW]


def test_a_hire_github_refuses_to_assign_keeps_the_checklist_and_is_told_in_a_comment(
    root: Path, fake_gh: FakeGh
) -> None:
    _issue(fake_gh, "new-hire-every-answer.md")
    fake_gh.reply("issue", "edit", "7", "--add-assignee", exit=1, stderr="'ana-ruiz' not found\n")

    assert _onboard(root) == 0

    assert [call.args[:4] for call in fake_gh.calls] == [
        VIEW[:4],
        LABEL[:4],
        EDIT[:4],
        ["issue", "edit", "7", "--add-assignee"],
        COMMENT[:4],
    ]
    assert fake_gh.calls[-1].stdin == (
        "<!-- hub:new-hire -->\n@the-manager, the checklist is written, but GitHub refused to assign this issue to "
        "@ana-ruiz and @maya-gh: only someone with access to the repository can be assigned. Give them access, then "
        "assign them from the issue's Assignees.\n"
    )


def test_gh_failing_is_one_error_line_and_exit_1(
    root: Path, fake_gh: FakeGh, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_gh.reply(*VIEW, exit=1, stderr="HTTP 401: Bad credentials\n")

    assert _onboard(root) == 1

    assert capsys.readouterr().err == (
        "hub: error: `gh issue view` failed: HTTP 401: Bad credentials\n"
        "    hint: check that gh is signed in (GH_TOKEN) and that the hub's root is the repository's checkout\n"
    )


def test_from_the_issue_body_to_the_edited_issue_as_the_workflow_runs_it(root: Path, fake_gh: FakeGh) -> None:
    _issue(fake_gh, "new-hire-every-answer.md")

    completed = run_hub("onboard", "--from-issue", "7", cwd=root)

    assert (completed.returncode, completed.stderr) == (0, "")
    calls = fake_gh.calls
    assert [call.args for call in calls] == [
        VIEW,
        LABEL,
        EDIT,
        ["issue", "edit", "7", "--add-assignee", "ana-ruiz,maya-gh"],
    ]
    assert calls[2].stdin == INTRO + CHECKLIST


def test_a_wrong_holiday_in_hub_yaml_stops_before_the_issue_is_touched(
    root: Path, fake_gh: FakeGh, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = root / "hub.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("2027-01-05", "2027-13-05"), encoding="utf-8")
    _issue(fake_gh, "new-hire-every-answer.md")

    assert _onboard(root) == 1

    assert [call.args for call in fake_gh.calls] == [VIEW]
    err = capsys.readouterr().err
    assert err.startswith("hub.yaml:")
    assert err.endswith("hub: error: the onboarding issue was not written\n")
