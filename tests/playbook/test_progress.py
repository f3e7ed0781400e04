"""Long work shows how far it is on a terminal, and nothing anywhere else."""

from __future__ import annotations

import io
from pathlib import Path

from hub_build.playbook.progress import Progress
from tests.helpers import Clock, Terminal, copy_hub, run_hub


def test_on_a_terminal_progress_shows_once_the_work_takes_more_than_a_moment() -> None:
    terminal, clock = Terminal(), Clock()
    progress = Progress(terminal, "reading the playbook", "files", clock=clock)

    clock.now += 0.4
    progress(1, 8000)
    assert terminal.getvalue() == ""  # a quick run shows nothing

    clock.now += 0.2
    progress(2500, 8000)
    assert terminal.getvalue() == "\r\x1b[Kreading the playbook: 2,500 of 8,000 files"


def test_the_line_is_rewritten_at_most_ten_times_a_second_and_erased_at_the_end() -> None:
    terminal, clock = Terminal(), Clock()
    progress = Progress(terminal, "building pages", "pages", clock=clock)
    clock.now += 1
    progress(10, 100)
    clock.now += 0.05
    progress(11, 100)  # too soon after the last
    clock.now += 0.1
    progress(20, 100)
    progress.close()

    assert terminal.getvalue().split("\r\x1b[K") == [
        "",
        "building pages: 10 of 100 pages",
        "building pages: 20 of 100 pages",
        "",
    ]


def test_a_quick_task_leaves_nothing_to_erase() -> None:
    terminal = Terminal()
    progress = Progress(terminal, "reading the playbook", "files", clock=Clock())
    progress(1, 1)
    progress.close()
    assert terminal.getvalue() == ""


def test_elsewhere_than_a_terminal_nothing_is_shown() -> None:
    log, clock = io.StringIO(), Clock()
    progress = Progress(log, "reading the playbook", "files", clock=clock)
    clock.now += 5
    progress(1, 2)
    progress.close()
    assert log.getvalue() == ""


def test_hub_validate_and_hub_build_into_a_pipe_print_no_progress(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    for command in ("validate", "build"):
        completed = run_hub(command, cwd=root)
        assert completed.returncode == 0, completed.stderr
        assert "\x1b[K" not in completed.stderr + completed.stdout
        assert "reading the playbook" not in completed.stderr and "building pages" not in completed.stderr


def test_the_moments_are_counted_from_their_first_instant() -> None:
    terminal, clock = Terminal(), Clock()
    clock.now = -0.5  # so that the instants below are exact in binary
    progress = Progress(terminal, "reading the playbook", "files", clock=clock)
    clock.now = 0.0
    progress(1, 4)  # half a second in: shown
    clock.now = 0.1
    progress(2, 4)  # a tenth of a second later: shown again
    assert terminal.getvalue().split("\r\x1b[K")[1:] == [
        "reading the playbook: 1 of 4 files",
        "reading the playbook: 2 of 4 files",
    ]
    progress.close()
    progress.close()  # once erased, nothing more to erase
    assert terminal.getvalue().endswith("files\r\x1b[K")


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


def test_a_stream_that_cannot_say_whether_it_is_a_terminal_gets_nothing() -> None:
    stream, clock = Closed(), Clock()
    progress = Progress(stream, "reading the playbook", "files", clock=clock)
    clock.now += 5
    progress(1, 2)
    assert stream.getvalue() == ""
