"""`hub plan --format github`: a track on real dates as a checklist for a GitHub issue, and nothing else written."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_build.cli import main
from tests.github.onboarding_hub import onboarding_hub

CHECKLIST = """\
Onboarding track: Account Executive, from Monday 4 January 2027. Each heading is a working day: weekends and \
company holidays are skipped. Tick each step when it is done.

> Your first week&#58; meet marketing, learn the words.

### Monday 4 January 2027 (day 1)

- [ ] **Meet** @maya-gh (Maya Chen, Product Marketing Manager), in person: She owns the narrative you will tell.
  - Ask: Which persona converts best?
  - Ask: Who is &#64;&#8203;everyone here? See &#35;&#8203;1
- [ ] **Read** the glossary: Lead and MQL, exactly.

### Wednesday 6 January 2027 (day 2)

- [ ] **Attend** Weekly pipeline review (weekly): How both teams look at new pipeline.

### Thursday 7 January 2027 (day 3)

- [ ] **Shadow** **Eve &#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62; &#64;&#8203;octocat &#35;&#8203;12 \
&#42;Ng&#42;** (Account Executive): &#60;b&#62;Calls&#60;/b&#62; with &#91;a link&#93;\
&#40;javascript&#58;alert&#40;1&#41;&#41;

### Company holidays in these weeks

- Tuesday 5 January 2027: Team day &#64;&#8203;all &#35;&#8203;3
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return onboarding_hub(tmp_path / "hub")


def _plan(root: Path, *options: str) -> int:
    return main(["plan", "--root", str(root), "--track", "account-executive", "--start", "2027-01-01", *options])


def test_the_checklist_has_a_dated_heading_per_working_day_and_a_task_per_step(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _plan(root, "--format", "github") == 0

    assert capsys.readouterr().out == CHECKLIST


def test_the_checklist_links_each_page_and_meeting_to_the_site_when_it_has_an_address(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "mkdocs.yml").write_text("site_name: Hub\nsite_url: https://hub.example.com/\n", encoding="utf-8")

    _plan(root, "--format", "github")

    out = capsys.readouterr().out
    assert out.startswith(
        "Onboarding track: [Account Executive](https://hub.example.com/onboarding/account-executive/)"
    )
    assert "- [ ] **Read** [the glossary](https://hub.example.com/glossary/): Lead and MQL, exactly.\n" in out
    assert (
        "- [ ] **Attend** [Weekly pipeline review](https://hub.example.com/sla/#clause-pipeline-review) "
        "(weekly): How both teams look at new pipeline.\n"
    ) in out


def test_the_checklist_goes_to_the_output_file_and_no_other_file_is_written(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    assert _plan(root, "--format", "github", "--output", "checklist.md") == 0

    assert capsys.readouterr().out == "Wrote checklist.md\n"
    assert [p.name for p in elsewhere.iterdir()] == ["checklist.md"]
    assert (elsewhere / "checklist.md").read_text(encoding="utf-8") == CHECKLIST


def test_without_a_format_the_plan_is_still_the_calendar_file_and_the_welcome_page(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _plan(root, "--output-dir", str(tmp_path / "out")) == 0

    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "onboarding-account-executive-2027-01-01.ics",
        "onboarding-account-executive-2027-01-01.md",
    ]


def test_output_without_the_github_format_is_a_usage_error(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    assert _plan(root, "--output", "checklist.md") == 2

    assert capsys.readouterr().err == (
        "hub: error: --output goes with --format github\n"
        "    hint: give --output-dir for the calendar file and the welcome page\n"
    )


def test_an_unknown_track_writes_no_checklist(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["plan", "--root", str(root), "--track", "acount-executive", "--start", "2027-01-04", "--format", "github"]
        )
        == 1
    )

    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "playbook/onboarding/acount-executive.yaml:1:1: error: there is no onboarding track 'acount-executive'",
        "    hint: did you mean 'account-executive'? the tracks are: account-executive",
        "hub: error: no plan was written",
    ]
