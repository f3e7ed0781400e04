"""The minimal hub in a real Git repository, committed change by change, and `hub diff` run on it."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from hub_build.cli import main
from tests.playbook.validation.conftest import MINIMAL


@dataclass(frozen=True)
class Diff:
    code: int
    out: str
    err: str

    def section(self, title: str) -> list[str]:
        """The lines under `### title`, up to the next heading, without blank lines at either end."""
        lines = self.out.splitlines()
        start = lines.index(f"### {title}") + 1
        end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
        return "\n".join(lines[start:end]).strip("\n").splitlines()


class GitHub:
    """A hub whose every change is a commit; `diff()` compares the first commit with the last."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self._capsys = capsys

    def git(self, *args: str) -> str:
        done = subprocess.run(
            [
                "git",
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com",
                "-c",
                "init.defaultBranch=main",
                *args,
            ],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def commit(self, message: str = "Change the playbook") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def diff(self, *args: str) -> Diff:
        self._capsys.readouterr()
        code = main(["diff", "--root", str(self.root), *(args or ("base",))])
        captured = self._capsys.readouterr()
        return Diff(code, captured.out, captured.err)


@pytest.fixture
def hub_repo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> GitHub:
    """The minimal hub committed once and tagged `base`; Sam Ortiz has a GitHub login, Maya Chen none."""
    root = tmp_path / "hub"
    shutil.copytree(MINIMAL, root)
    hub = GitHub(root, capsys)
    hub.replace("playbook/people/sam-ortiz.yaml", "time_zone:", "github: sam-ortiz-gh\ntime_zone:")
    hub.git("init", "-q")
    hub.commit("Start the hub")
    hub.git("tag", "base")
    return hub
