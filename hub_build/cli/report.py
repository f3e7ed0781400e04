"""Showing problems to people and to machines: text, JSON, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from hub_build.playbook.problems import Problem
from hub_build.playbook.validation import Result, summary


def text(result: Result, *, strict: bool = False) -> str:
    lines = []
    for problem in result.problems:
        severity = "error" if strict or problem.is_error else "warning"
        lines.append(f"{problem.file}:{problem.line}:{problem.column}: {severity}: {problem.path}: {problem.message}")
        if problem.hint:
            lines.append(f"    hint: {problem.hint}")
    lines.append(summary(result, strict=strict))
    return "\n".join(lines)


def problem_lines(problems: list[Problem]) -> str:
    """Problems found outside a validation run (a command's own input), one line and a hint each."""
    lines = []
    for problem in problems:
        where = "" if problem.path == "$" else f"{problem.path}: "
        place = f"{problem.file}:{problem.line}:{problem.column}"
        lines.append(f"{place}: {problem.severity.value}: {where}{problem.message}")
        if problem.hint:
            lines.append(f"    hint: {problem.hint}")
    return "\n".join(lines)


def as_json(result: Result, *, strict: bool = False) -> str:
    return json.dumps(
        {
            "ok": result.passed(strict=strict),
            "errors": [_problem_dict(p, strict) for p in result.problems],
            "counts": result.playbook.counts(),
        },
        indent=2,
        ensure_ascii=False,
    )


def github(result: Result, *, strict: bool = False) -> str:
    lines = []
    for problem in result.problems:
        command = "error" if strict or problem.is_error else "warning"
        message = f"{problem.path}: {problem.message}"
        if problem.hint:
            message += f" (hint: {problem.hint})"
        lines.append(f"::{command} file={_escape_property(problem.file)},line={problem.line},col={problem.column},"
                     f"title={_escape_property(problem.message[:80])}::{_escape_data(message)}")
    lines.append(summary(result, strict=strict))
    return "\n".join(lines)


FORMATS: dict[str, Callable[..., str]] = {"text": text, "json": as_json, "github": github}


def _problem_dict(problem: Problem, strict: bool) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "severity": "error" if strict else problem.severity.value,
        "message": problem.message,
        "hint": problem.hint,
    }


def _escape_data(value: str) -> str:
    # The escaping GitHub's workflow commands define for a message.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
