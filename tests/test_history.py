"""Recent changes come from Git when there is history, and never break the build."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hub_build.site.history import recent_changes


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
