"""Showing problems to people and to machines: text, JSON, GitHub annotations.

Every piece of a message is put out inert (`problems.inert`): a key, a value or
a file name from the playbook cannot move a terminal's cursor, forge a line,
reach the clipboard or turn its text around.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from hub_build.playbook.problems import ACTIVE_CHARACTERS, Problem, inert
from hub_build.playbook.validation import Result, summary

REMINDERS_HEADING = (
    "Reminders, for whoever they name: what falls due with time and what is still to fill in; "
    "they never fail a check (`reminders: fail` in hub.yaml changes that)"
)


def text(result: Result, *, strict: bool = False) -> str:
    lines = []
    reminders = result.reminders
    for problem in _problems(result):
        lines += _text_lines(problem, _severity(problem, strict))
    if reminders:
        lines.append(REMINDERS_HEADING)
        for reminder in reminders:
            lines += _text_lines(reminder, "reminder")
    lines.append(summary(result, strict=strict))
    return "\n".join(lines)


def _problems(result: Result) -> list[Problem]:
    """What is wrong in the files (and reminders, where the hub makes them count)."""
    shown = set(map(id, result.reminders))
    return [p for p in result.problems if id(p) not in shown]


def _text_lines(problem: Problem, severity: str) -> list[str]:
    lines = [inert(f"{problem.file}:{problem.line}:{problem.column}: {severity}: {problem.path}: {problem.message}")]
    if problem.hint:
        lines.append(f"    hint: {inert(problem.hint)}")
    return lines


def problem_lines(problems: list[Problem]) -> str:
    """Problems found outside a validation run (a command's own input), one line and a hint each."""
    lines = []
    for problem in problems:
        where = "" if problem.path == "$" else f"{problem.path}: "
        place = f"{problem.file}:{problem.line}:{problem.column}"
        lines.append(inert(f"{place}: {problem.severity.value}: {where}{problem.message}"))
        if problem.hint:
            lines.append(f"    hint: {inert(problem.hint)}")
    return "\n".join(lines)


def as_json(result: Result, *, strict: bool = False) -> str:
    return json.dumps(
        {
            "ok": result.passed(strict=strict),
            "errors": [_problem_dict(p, _severity(p, strict)) for p in _problems(result)],
            "reminders": [_problem_dict(p, "reminder") for p in result.reminders],
            "counts": result.playbook.counts(),
        },
        indent=2,
        ensure_ascii=False,
    ).translate(_JSON_INERT)


def github(result: Result, *, strict: bool = False) -> str:
    lines = []
    reminders = set(map(id, result.reminders))
    for problem in result.problems:
        # A reminder is a notice: it shows on the pull request without marking it failed.
        command = "notice" if id(problem) in reminders else _severity(problem, strict)
        message = f"{problem.path}: {problem.message}"
        if problem.hint:
            message += f" (hint: {problem.hint})"
        lines.append(
            f"::{command} file={_escape_property(inert(problem.file))},line={problem.line},"
            f"col={problem.column},title={_escape_property(inert(problem.message[:80]))}::"
            f"{_escape_data(inert(message))}"
        )
    lines.append(summary(result, strict=strict))
    return "\n".join(lines)


FORMATS: dict[str, Callable[..., str]] = {"text": text, "json": as_json, "github": github}


def _severity(problem: Problem, strict: bool) -> str:
    return "error" if strict or problem.is_error else "warning"


def _problem_dict(problem: Problem, severity: str) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "severity": severity,
        "message": problem.message,
        "hint": problem.hint,
    }


# json.dumps writes the C0 controls as escapes, but DEL, the C1 controls and the
# formatting characters as they are; written as \u escapes they read back the same.
_JSON_INERT = {code: f"\\u{code:04x}" for code in ACTIVE_CHARACTERS if code >= 0x7F}


def _escape_data(value: str) -> str:
    # The escaping GitHub's workflow commands define for a message.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
