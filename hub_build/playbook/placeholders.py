"""Prompts left to fill in: the text a new hub starts with, waiting for the team's own words.

`hub init` writes a playbook that validates at once, with every text the team
must write starting "To fill in". Such a text is valid, so it would build
without a word; it is a reminder instead: listed once per file, never a
failure, and marked on the pages where it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hub_build.playbook.loading import Document
from hub_build.playbook.problems import Problem, Severity, json_path

PLACEHOLDER = "To fill in"


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER)


def placeholders(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every placeholder text in a file's data, in the file's order."""
    if is_placeholder(data):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from placeholders(value, (*path, index))


def placeholder_reminder(document: Document) -> Problem | None:
    """One reminder for a file with prompts still in it, at the first one, counting them all."""
    found = list(placeholders(document.data))
    if not found:
        return None
    line, column = document.locate(found[0])
    count = "1 text in this file still says" if len(found) == 1 else f"{len(found)} texts in this file still say"
    return Problem(
        document.file,
        line,
        column,
        f'{count} "{PLACEHOLDER}"',
        severity=Severity.REMINDER,
        path=json_path(found[0]),
        hint=f'replace each "{PLACEHOLDER}" with your own words, starting here; the site marks each one until then',
    )
