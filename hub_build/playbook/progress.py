"""How far a long task is, told on a terminal: "reading the playbook: 4,000 of 8,000 files".

Only on a terminal, and only once the task has run for more than a moment: a
quick run, a CI log or a pipe gets nothing extra. The line is rewritten in
place, at most ten times a second, and erased when the task ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

AFTER_SECONDS = 0.5  # a task shorter than this shows no progress
EVERY_SECONDS = 0.1
_ERASE = "\r\x1b[K"


class Progress:
    def __init__(self, stream: TextIO, what: str, unit: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.what, self.unit, self.clock = stream, what, unit, clock
        self.started = clock()
        self.shown_at: float | None = None
        self.enabled = _is_terminal(stream)

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < AFTER_SECONDS or (self.shown_at is not None and now - self.shown_at < EVERY_SECONDS):
            return
        self.shown_at = now
        self.stream.write(f"{_ERASE}{self.what}: {done:,} of {total:,} {self.unit}")
        self.stream.flush()

    def close(self) -> None:
        """Erase the line, so what is printed next starts clean."""
        if self.shown_at is not None:
            self.stream.write(_ERASE)
            self.stream.flush()
            self.shown_at = None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
