"""Recent changes come from Git when there is history, and never break the build."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from hub_build.site.history import Change, recent_changes


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
                   check=True, capture_output=True)


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
    assert changes[0].files == ("playbook/a.yaml",)


def test_a_hub_in_a_subfolder_of_the_checkout_names_its_own_files(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    (hub / "playbook").mkdir(parents=True)
    _git(tmp_path, "init", "-q")
    (hub / "playbook" / "b.yaml").write_text("b: 1\n")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "Add b")
    assert recent_changes(hub)[0].files == ("playbook/b.yaml",)


def _commit(root: Path, message: str, day: str, *files: str) -> None:
    for file in files:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{message}\n")
    _git(root, "add", "-A")
    stamp = f"{day}T12:00:00+00:00"
    subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm",
                    message], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})


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
        Change(dt.date(2026, 1, 8), "The SLA", ("playbook/sla.yaml",)),
        Change(dt.date(2026, 1, 7), "An idea and the docs", ("playbook/content/idea.yaml",)),
        Change(dt.date(2026, 1, 5), "First terms", ("playbook/terms/mql.yaml", "playbook/terms/sql.yaml")),
    ]


def test_recent_changes_stop_at_the_limit(history: Path) -> None:
    assert [change.subject for change in recent_changes(history, limit=2) or []] == ["The SLA", "An idea and the docs"]
    assert len(recent_changes(history, limit=1) or []) == 1


def test_the_default_limit_is_thirty_commits(history: Path) -> None:
    for day in range(9, 40):
        _commit(history, f"Change {day}", f"2026-02-{day - 8:02d}", "playbook/terms/mql.yaml")

    changes = recent_changes(history)

    assert changes is not None and len(changes) == 30
    assert (changes[0].subject, changes[-1].subject) == ("Change 39", "Change 10")


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
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_run = subprocess.run

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        if "rev-parse" in command:
            raise OSError("git went away")
        return real_run(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", run)

    assert (recent_changes(history) or [])[0].files == ("playbook/sla.yaml",)


def test_when_git_fails_to_say_where_the_hub_sits_the_files_keep_the_names_git_gives(
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_run = subprocess.run

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        if "rev-parse" in command:
            return subprocess.CompletedProcess(command, 128, stdout="elsewhere/\n", stderr="fatal")
        return real_run(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", run)

    assert (recent_changes(history) or [])[0].files == ("playbook/sla.yaml",)


def test_a_git_that_hangs_gives_no_history_rather_than_no_site(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(command, 20)

    monkeypatch.setattr(subprocess, "run", run)

    assert recent_changes(history) is None
