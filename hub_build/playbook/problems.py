"""What a check found: a problem tied to a place in a playbook file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # Something that depends on today, not on the files: a review due, a decision
    # late. It tells a person it is their turn and never fails a build (`hub.yaml`'s
    # `reminders: fail` makes it count as a warning for a team that wants that).
    REMINDER = "reminder"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, pointing at a file, a line, a column and a JSON path."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR
    path: str = "$"
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_reminder(self) -> bool:
        return self.severity is Severity.REMINDER

    def one_line(self) -> str:
        """`file:line:col: path: message (hint: …)`, as engines log it."""
        line = f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"
        return f"{line} (hint: {self.hint})" if self.hint else line

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line, self.column, _RANK[self.severity], self.message)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.REMINDER: 2}


def json_path(parts: object) -> str:
    """`("clauses", 3, "target")` → `$.clauses[3].target`."""
    text = "$"
    for part in parts:  # type: ignore[attr-defined]
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text
