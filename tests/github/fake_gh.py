"""A fake `gh` on PATH, so a test sees the exact pull requests, comments and issues a command makes."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN = Path(__file__).resolve().parent / "bin"


@dataclass
class Call:
    args: list[str]
    stdin: str
    files: dict[str, str]


class FakeGh:
    def __init__(self, folder: Path) -> None:
        self.log = folder / "gh-calls.jsonl"
        self.replies_file = folder / "gh-replies.json"
        self.replies: list[dict[str, object]] = []

    def reply(self, *match: str, stdout: str = "", exit: int = 0, stderr: str = "") -> None:
        """Answer a call whose arguments start with `match`: print `stdout`, exit with `exit`."""
        self.replies.append({"match": list(match), "stdout": stdout, "exit": exit, "stderr": stderr})
        self.replies_file.write_text(json.dumps(self.replies), encoding="utf-8")

    @property
    def calls(self) -> list[Call]:
        if not self.log.exists():
            return []
        return [Call(**json.loads(line)) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def env(self) -> dict[str, str]:
        """The environment for a subprocess that should find this gh first on PATH."""
        return {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "FAKE_GH_LOG": str(self.log),
            "FAKE_GH_REPLIES": str(self.replies_file),
        }


@pytest.fixture
def fake_gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGh:
    """A fake gh for this test, on PATH for the test's own process and the commands it starts."""
    gh = FakeGh(tmp_path)
    for name, value in gh.env().items():
        monkeypatch.setenv(name, value)
    return gh
