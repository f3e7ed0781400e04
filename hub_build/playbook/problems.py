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
        """`file:line:col: path: message (hint: …)`, as engines log it: one log record, inert text."""
        line = f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"
        return inert(f"{line} (hint: {self.hint})" if self.hint else line)

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line, self.column, _RANK[self.severity], self.message)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.REMINDER: 2}


def json_path(parts: object) -> str:
    """`("clauses", 3, "target")` → `$.clauses[3].target`."""
    text = "$"
    for part in parts:  # type: ignore[attr-defined]
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


# Characters that act on a terminal or a log viewer instead of showing as text:
# the C0 and C1 controls and DEL (ESC opens the sequences that move the cursor,
# erase lines, set a window's title or write to the clipboard; CR and LF forge
# lines), and the invisible and bidirectional formatting characters that make
# text read other than it is written.
ACTIVE_CHARACTERS = frozenset(
    [
        *range(0x00, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        0x061C,
        *range(0x200B, 0x2010),
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0xFEFF,
    ]
)


def escaped(character: str) -> str:
    """A character that does not print, as a Python string literal writes it: `\\x1b`, `\\t`, `\\u202e`."""
    return repr(character)[1:-1]


_INERT = {code: escaped(chr(code)) for code in ACTIVE_CHARACTERS}


def inert(text: str) -> str:
    """Text that only shows, on a terminal, in a log or an annotation: every active character written as an escape.

    Every message is passed through this where it is put out, so no check that
    quotes a key, a value or a file name has to remember it.
    """
    return text.translate(_INERT)
