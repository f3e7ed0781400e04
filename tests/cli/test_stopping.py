"""Ctrl-C stops any command with one line and exit code 130, and leaves no file behind."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

STOPPED = "hub: stopped; no file was left half-written"


def _stop_at_first_question(args: list[str], cwd: Path, question: str) -> subprocess.CompletedProcess[str]:
    """Run `hub ARGS`, press Ctrl-C once it asks `question`, and return how it ended.

    Its input is a pipe kept open, so it waits for an answer as on a terminal,
    and writes its question to its output, not to the error stream read here.
    """
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "hub_build", *args],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    shown = b""
    try:
        while question.encode() not in shown:
            ready, _, _ = select.select([process.stdout], [], [], 120)
            assert ready, f"no question after two minutes; the output was {shown!r}"
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, f"hub ended without asking; the output was {shown!r}"
            shown += chunk
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        process.kill()
    return subprocess.CompletedProcess(args, process.returncode, "", err.decode())


def test_ctrl_c_at_inits_first_question_stops_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    stopped = _stop_at_first_question(["init", "hub"], tmp_path, "Company name")

    assert stopped.returncode == 130
    assert stopped.stderr.splitlines() == [STOPPED]
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_at_new_ideas_first_question_stops_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))

    stopped = _stop_at_first_question(["new", "idea"], tmp_path, "Working title")

    assert stopped.returncode == 130
    assert stopped.stderr.splitlines() == [STOPPED]
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
