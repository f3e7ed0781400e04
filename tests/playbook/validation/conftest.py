"""A minimal valid hub to break one file at a time, and a way to run `hub validate` on it.

The hub lives in `cases/valid/minimal/` as literal YAML. Each test gets its own
copy in a temporary folder, overwrites the file it is about, runs
`hub validate` in-process and reads what was printed.

The minimal hub, for reading line numbers in the tests:
- people: sam-ortiz (sales), maya-chen (marketing)
- narrative: personas controller and finance-director, value proposition
  faster-close, stages awareness and evaluation; owner maya-chen
- sla: signed by sam-ortiz and maya-chen; clauses mql-follow-up (commitment,
  measured by mql) and pipeline-review (meeting)
- terms: lead (lifecycle stage 1) and mql (MQL, stage 2, a shared KPI)
- onboarding/account-executive: a sales track that meets maya-chen on day 1
- content/close-checklist: a proposed idea by sam-ortiz
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from hub_build.cli import main  # noqa: E402

CASES = Path(__file__).resolve().parent / "cases"
MINIMAL = CASES / "valid" / "minimal"

# Every run is pinned to this day unless a test says otherwise, so review dates
# and "in the future" checks do not depend on when the suite runs.
TODAY = "2026-03-01"


@dataclass(frozen=True)
class Run:
    """What one `hub` command returned and printed."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def report(self) -> list[str]:
        """The problem lines and their hints: everything above the summary line."""
        return self.lines[:-1]

    @property
    def summary(self) -> str:
        return self.lines[-1] if self.lines else ""


class Hub:
    """A copy of a case folder in a temporary directory, and `hub` run against it."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self._capsys = capsys

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, text: str) -> Path:
        """Write `text` (dedented, leading blank line dropped) as UTF-8."""
        return self.write_bytes(relative, textwrap.dedent(text).lstrip("\n").encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a fixture file with `new`."""
        text = self.read(relative)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        self.write_bytes(relative, text.replace(old, new).encode("utf-8"))

    def remove(self, relative: str) -> None:
        self.path(relative).unlink()

    def run(self, *argv: str) -> Run:
        """`hub ARGV...` in-process; argparse's exit on a usage error becomes the code."""
        self._capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = self._capsys.readouterr()
        return Run(code, captured.out, captured.err)

    def validate(self, *options: str, today: str | None = TODAY) -> Run:
        """`hub validate --root ROOT --today TODAY OPTIONS...`."""
        pinned = ("--today", today) if today is not None else ()
        return self.run("validate", "--root", str(self.root), *pinned, *options)


def copy_case(name: str, destination: Path) -> Path:
    shutil.copytree(CASES / name, destination)
    return destination


@pytest.fixture
def hub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Hub:
    """A fresh copy of the minimal valid hub at `tmp_path/hub`."""
    return Hub(copy_case("valid/minimal", tmp_path / "hub"), capsys)
