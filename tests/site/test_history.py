"""Recent changes come from Git when there is history, and never break the build."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from hub_build.site.history import Change, FileChange, recent_changes


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


def test_a_folder_without_history_has_no_recent_changes(tmp_path: Path) -> None:
    (tmp_path / "playbook").mkdir()
    assert recent_changes(tmp_path) is None


def test_commit_subjects_with_odd_characters_are_kept_as_text(tmp_path: Path) -> None:
    (tmp_path / "playbook").mkdir()
    (tmp_path / "outside.txt").write_text("x")
    _git(tmp_path, "init", "-q")
    (tmp_path / "playbook" / "a.yaml").write_text("a: 1\n")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "odd \x1e not-a-date\tsubject {{ 7 * 7 }}")
    changes = recent_changes(tmp_path)
    assert changes is not None and len(changes) == 1
    assert changes[0].subject == "odd \x1e not-a-date\tsubject {{ 7 * 7 }}"
    assert changes[0].files == (FileChange("playbook/a.yaml", "added"),)


def test_a_hub_in_a_subfolder_of_the_checkout_names_its_own_files(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    (hub / "playbook").mkdir(parents=True)
    _git(tmp_path, "init", "-q")
    (hub / "playbook" / "b.yaml").write_text("b: 1\n")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "Add b")
    assert recent_changes(hub)[0].files == (FileChange("playbook/b.yaml", "added"),)


def _commit(root: Path, message: str, day: str, *files: str) -> None:
    for file in files:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{message}\n")
    _git(root, "add", "-A")
    stamp = f"{day}T12:00:00+00:00"
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", message],
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )


@pytest.fixture
def history(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, "First terms", "2026-01-05", "playbook/terms/mql.yaml", "playbook/terms/sql.yaml")
    _commit(tmp_path, "Only the README", "2026-01-06", "README.md")
    _commit(tmp_path, "An idea and the docs", "2026-01-07", "playbook/content/idea.yaml", "docs/index.md")
    _commit(tmp_path, "The SLA", "2026-01-08", "playbook/sla.yaml")
    return tmp_path


def test_recent_changes_are_the_commits_touching_the_playbook_newest_first(history: Path) -> None:
    assert recent_changes(history) == [
        Change(dt.date(2026, 1, 8), "The SLA", (FileChange("playbook/sla.yaml", "added"),)),
        Change(dt.date(2026, 1, 7), "An idea and the docs", (FileChange("playbook/content/idea.yaml", "added"),)),
        Change(
            dt.date(2026, 1, 5),
            "First terms",
            (FileChange("playbook/terms/mql.yaml", "added"), FileChange("playbook/terms/sql.yaml", "added")),
        ),
    ]


def test_recent_changes_stop_at_the_limit(history: Path) -> None:
    assert [change.subject for change in recent_changes(history, limit=2) or []] == ["The SLA", "An idea and the docs"]
    assert len(recent_changes(history, limit=1) or []) == 1


def test_the_default_limit_is_the_ten_the_home_page_lists(history: Path) -> None:
    for day in range(9, 21):
        _commit(history, f"Change {day}", f"2026-02-{day - 8:02d}", "playbook/terms/mql.yaml")

    changes = recent_changes(history)

    assert changes is not None and len(changes) == 10
    assert (changes[0].subject, changes[-1].subject) == ("Change 20", "Change 11")
    assert changes[0].files == (FileChange("playbook/terms/mql.yaml", "revised"),)


def test_merge_commits_are_left_out(history: Path) -> None:
    _git(history, "checkout", "-qb", "side")
    _commit(history, "On the side", "2026-01-09", "playbook/people/sam.yaml")
    _git(history, "checkout", "-q", "-")
    _commit(history, "On main", "2026-01-10", "playbook/people/maya.yaml")
    _git(history, "merge", "-q", "--no-ff", "-m", "Merge side", "side")

    assert [change.subject for change in recent_changes(history) or []][:3] == ["On main", "On the side", "The SLA"]


def test_without_git_there_is_no_history(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(history / "no-programs-here"))

    assert recent_changes(history) is None


def test_when_git_cannot_say_where_the_hub_sits_the_files_keep_the_names_git_gives(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_run = subprocess.run

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        if "rev-parse" in command:
            raise OSError("git went away")
        return real_run(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", run)

    assert (recent_changes(history) or [])[0].files == (FileChange("playbook/sla.yaml", "added"),)


def test_when_git_fails_to_say_where_the_hub_sits_the_files_keep_the_names_git_gives(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_run = subprocess.run

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        if "rev-parse" in command:
            return subprocess.CompletedProcess(command, 128, stdout="elsewhere/\n", stderr="fatal")
        return real_run(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", run)

    assert (recent_changes(history) or [])[0].files == (FileChange("playbook/sla.yaml", "added"),)


def test_a_git_that_hangs_gives_no_history_rather_than_no_site(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(command, 20)

    monkeypatch.setattr(subprocess, "run", run)

    assert recent_changes(history) is None


# ------------------------------------------------------------------ what each change did

SLA = """\
title: The SLA
version: "1.0"
clauses:
  - id: follow-up
    family: commitment
    title: Follow up
    text: Within four hours.
  - id: review
    family: meeting
    title: Weekly review
    text: Every Monday.
"""


def _write(root: Path, message: str, files: dict[str, str | None]) -> None:
    for name, content in files.items():
        path = root / name
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", message)


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _write(
        tmp_path,
        "Start",
        {
            "playbook/sla.yaml": SLA,
            "playbook/content/idea.yaml": "title: An idea\nstatus: proposed\n",
            "playbook/terms/old.yaml": "name: Old\n",
        },
    )
    return tmp_path


def latest(root: Path) -> tuple[FileChange, ...]:
    return (recent_changes(root) or [])[0].files


def test_a_change_says_which_files_it_added_revised_and_removed(hub: Path) -> None:
    _write(
        hub,
        "Mixed",
        {
            "playbook/terms/new.yaml": "name: New\n",
            "playbook/terms/old.yaml": None,
            "playbook/content/idea.yaml": "title: An idea, better\nstatus: proposed\n",
        },
    )

    assert latest(hub) == (
        FileChange("playbook/content/idea.yaml", "revised", fields={"title": "An idea, better"}),
        FileChange("playbook/terms/new.yaml", "added"),
        FileChange("playbook/terms/old.yaml", "removed"),
    )


def test_a_renamed_file_is_one_removed_and_one_added(hub: Path) -> None:
    _git(hub, "mv", "playbook/terms/old.yaml", "playbook/terms/older.yaml")
    _git(hub, "commit", "-qm", "Rename")

    assert latest(hub) == (
        FileChange("playbook/terms/old.yaml", "removed"),
        FileChange("playbook/terms/older.yaml", "added"),
    )


def test_a_revised_idea_carries_the_status_its_change_wrote(hub: Path) -> None:
    _write(
        hub,
        "Schedule",
        {
            "playbook/content/idea.yaml": "title: An idea\nstatus: scheduled\nscheduled_for: 2026-03-02\nnotes: |\n  status: no\n"
        },
    )

    assert latest(hub) == (
        FileChange(
            "playbook/content/idea.yaml",
            "revised",
            fields={"status": "scheduled", "scheduled_for": "2026-03-02", "notes": "|"},
        ),
    )


def test_a_revised_sla_names_the_clauses_whose_lines_changed(hub: Path) -> None:
    _write(hub, "Monday to Tuesday", {"playbook/sla.yaml": SLA.replace("Every Monday.", "Every Tuesday.")})
    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("review",)),)

    _write(hub, "Both", {"playbook/sla.yaml": SLA.replace("Within four", "Within two").replace("1.0", "1.1")})
    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("follow-up", "review"), header=True),)


def test_lines_only_removed_from_a_clause_count_for_that_clause(hub: Path) -> None:
    _write(hub, "Shorter", {"playbook/sla.yaml": SLA.replace("    text: Within four hours.\n", "")})

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("follow-up",)),)


def test_an_sla_that_cannot_be_read_at_that_commit_is_revised_as_a_whole(hub: Path) -> None:
    _write(hub, "Broken", {"playbook/sla.yaml": SLA + "  - [unclosed\n"})

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", header=True),)


def test_a_revised_idea_keeps_its_commits_date(hub: Path) -> None:
    stamp = "2026-02-03T12:00:00+00:00"
    (hub / "playbook/content/idea.yaml").write_text("title: An idea\nstatus: accepted\n", encoding="utf-8")
    _git(hub, "add", "-A")
    subprocess.run(
        ["git", "-C", str(hub), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "Accept"],
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )

    change = (recent_changes(hub) or [])[0]

    assert (change.date, change.subject, change.files) == (
        dt.date(2026, 2, 3),
        "Accept",
        (FileChange("playbook/content/idea.yaml", "revised", fields={"status": "accepted"}),),
    )


def test_a_hub_in_a_subfolder_gets_the_details_of_its_own_files(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    _git(tmp_path, "init", "-q")
    _write(tmp_path, "Start", {"hub/playbook/sla.yaml": SLA, "hub/playbook/content/idea.yaml": "status: proposed\n"})
    _write(
        tmp_path,
        "Both",
        {
            "hub/playbook/sla.yaml": SLA.replace("Every Monday.", "Every Friday."),
            "hub/playbook/content/idea.yaml": "status: declined\n",
        },
    )

    assert latest(hub) == (
        FileChange("playbook/content/idea.yaml", "revised", fields={"status": "declined"}),
        FileChange("playbook/sla.yaml", "revised", records=("review",)),
    )


def test_one_hunk_across_two_clauses_counts_for_both(hub: Path) -> None:
    _write(
        hub,
        "Across",
        {
            "playbook/sla.yaml": SLA.replace(
                "    text: Within four hours.\n  - id: review\n", "    text: Within two hours.\n  - id: weekly-review\n"
            )
        },
    )

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("follow-up", "weekly-review")),)


def test_a_change_on_a_clauses_first_line_is_that_clauses(hub: Path) -> None:
    _write(hub, "Renamed", {"playbook/sla.yaml": SLA.replace("  - id: review\n", "  - id: weekly-review\n")})

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("weekly-review",)),)


def test_clauses_without_an_id_at_that_commit_are_passed_over(hub: Path) -> None:
    odd = SLA.replace("  - id: review\n", "  - just text\n  - family: none\n  - id: review\n")
    _write(hub, "Odd", {"playbook/sla.yaml": odd})
    _write(hub, "Odd again", {"playbook/sla.yaml": odd.replace("Every Monday.", "Every Sunday.")})

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("review",)),)


def test_a_branch_named_playbook_does_not_hide_the_history(hub: Path) -> None:
    _git(hub, "branch", "playbook")

    assert [change.subject for change in recent_changes(hub) or []] == ["Start"]


def test_a_file_name_that_is_not_utf8_is_read_with_a_replacement_character(hub: Path) -> None:
    # Such a name is refused by validation, but may still be in the history.
    (hub / "playbook" / "terms").joinpath(os.fsdecode(b"caf\xe9.yaml")).write_text("name: X\n", encoding="utf-8")
    _git(hub, "add", "-A")
    _git(hub, "commit", "-qm", "An odd name")

    changes = recent_changes(hub)

    assert changes is not None and changes[0].files == (FileChange("playbook/terms/caf\ufffd.yaml", "added"),)


def test_each_commit_is_told_by_its_own_diff(hub: Path) -> None:
    _write(hub, "Accept", {"playbook/content/idea.yaml": "title: An idea\nstatus: accepted\n"})
    _write(hub, "Retitle", {"playbook/content/idea.yaml": "title: A better idea\nstatus: accepted\n"})

    assert [change.files for change in (recent_changes(hub) or [])[:2]] == [
        (FileChange("playbook/content/idea.yaml", "revised", fields={"title": "A better idea"}),),
        (FileChange("playbook/content/idea.yaml", "revised", fields={"status": "accepted"}),),
    ]


def test_a_git_set_to_always_colour_its_output_is_still_read(hub: Path) -> None:
    _git(hub, "config", "color.ui", "always")
    _write(
        hub,
        "Decline",
        {"playbook/content/idea.yaml": "title: An idea\nstatus: declined\n", "playbook/terms/new.yaml": "name: New\n"},
    )

    assert latest(hub) == (
        FileChange("playbook/content/idea.yaml", "revised", fields={"status": "declined"}),
        FileChange("playbook/terms/new.yaml", "added"),
    )


def test_a_one_line_change_at_the_end_of_a_clause_is_that_clauses_alone(hub: Path) -> None:
    _write(hub, "Faster", {"playbook/sla.yaml": SLA.replace("Within four hours.", "Within two hours.")})

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("follow-up",)),)


def test_an_sla_that_was_not_a_mapping_at_that_commit_is_revised_as_a_whole(hub: Path) -> None:
    _write(hub, "A list", {"playbook/sla.yaml": "- one\n- two\n"})
    _write(hub, "Another list", {"playbook/sla.yaml": "- one\n- three\n"})

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", header=True),)


def test_a_text_conversion_the_repository_sets_for_yaml_does_not_change_what_a_revision_wrote(hub: Path) -> None:
    (hub / ".git" / "info").mkdir(exist_ok=True)
    (hub / ".git" / "info" / "attributes").write_text("*.yaml diff=shout\n", encoding="utf-8")
    _git(hub, "config", "diff.shout.textconv", "sed -e 1d -e s/[a-z]/X/g")
    _write(
        hub,
        "Accept and retime",
        {
            "playbook/content/idea.yaml": "title: An idea\nstatus: accepted\n",
            "playbook/sla.yaml": SLA.replace("Every Monday.", "Every Tuesday."),
        },
    )

    assert latest(hub) == (
        FileChange("playbook/content/idea.yaml", "revised", fields={"status": "accepted"}),
        FileChange("playbook/sla.yaml", "revised", records=("review",)),
    )


def test_a_branch_named_as_a_revised_file_does_not_hide_what_the_revision_wrote(hub: Path) -> None:
    _git(hub, "branch", "playbook/sla.yaml")
    _write(hub, "Monday to Tuesday", {"playbook/sla.yaml": SLA.replace("Every Monday.", "Every Tuesday.")})

    assert latest(hub) == (FileChange("playbook/sla.yaml", "revised", records=("review",)),)


def test_a_revised_fields_value_is_read_as_written_whatever_it_opens_with() -> None:
    from hub_build.site import history

    diff = "+++ b/playbook/content/x.yaml\n@@ -1,2 +1,2 @@\n+title: \tXero and the CFO  \n+status: scheduled\n"

    assert history._hunks(diff, "")["playbook/content/x.yaml"] == (
        {"title": "Xero and the CFO", "status": "scheduled"},
        [1, 2],
    )
