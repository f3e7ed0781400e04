"""Saying, in one comment on an issue, which answers of a form to change, by their question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Complaint:
    """An answer the hub cannot use: the form's question, and what to change, in plain words."""

    question: str | None  # None when it is about the issue as a whole
    message: str


def comment(marker: str, opening: str, complaints: Sequence[Complaint], then: str) -> str:
    """The comment: `opening` ("… before X,"), each answer to change, and what happens once they are (`then`)."""
    one = len(complaints) == 1
    lines = [marker, f"{opening} {'this needs' if one else 'these need'} a change:", ""]
    for complaint in complaints:
        where = f"**{complaint.question}**: " if complaint.question else ""
        lines.append(f"- {where}{complaint.message}")
    lines += [
        "",
        "Edit this issue (the ··· menu at the top of it, then Edit) and change "
        f"{'that answer' if one else 'those answers'}: the hub reads it again and {then} "
        "as soon as every answer can be used.",
    ]
    return "\n".join(lines) + "\n"
