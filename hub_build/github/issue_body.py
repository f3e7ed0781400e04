"""Reading an issue opened from an issue form, as GitHub writes its body.

GitHub turns a form's answers into Markdown: each question's label as a
`### Label` heading, then the answer; `_No response_` for a question left
blank; a checkbox list as `- [X] option` / `- [ ] option`. The body arrives as
the person's browser sent it, often with CRLF line ends. Only headings that
are the form's own labels start a new answer, so an answer that itself holds a
`### heading` stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

NO_RESPONSE = "_No response_"
_CHECKBOX = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<option>.+)$")


@dataclass(frozen=True, slots=True)
class Answers:
    """The answers of one issue, by the label of their question."""

    given: dict[str, str] = field(default_factory=dict)  # label → the answer as written, blanks left out
    missing: tuple[str, ...] = ()  # labels with no heading in the body: the issue was not opened from the form

    def get(self, label: str) -> str | None:
        return self.given.get(label)

    def ticked(self, label: str) -> list[str]:
        """The options ticked in a checkbox question."""
        text = self.given.get(label) or ""
        matches = (_CHECKBOX.match(line.strip()) for line in text.splitlines())
        return [m.group("option").strip() for m in matches if m and m.group("mark") in "xX"]


def read_answers(body: str, labels: Iterable[str]) -> Answers:
    """The answers to the questions labelled `labels` in an issue body written by GitHub from a form."""
    wanted = list(labels)
    headings = {f"### {label}": label for label in wanted}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        label = headings.get(line.rstrip())
        if label is not None and label not in sections:
            current = sections[label] = []
        elif current is not None:
            current.append(line)
    given = {}
    for label, lines in sections.items():
        answer = "\n".join(lines).strip("\n").strip()
        if answer and answer != NO_RESPONSE:
            given[label] = answer
    return Answers(given, tuple(label for label in wanted if label not in sections))
