"""`hub import measurements`: add a CRM or spreadsheet export of results to the playbook.

The export is checked against the playbook before anything is written, with
the problems pointing at the export's own lines; only a clean export is
appended, so the measurements folder never holds a half-import.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hub_build.playbook import periods
from hub_build.playbook.layout import PLAYBOOK, SLUG
from hub_build.playbook.measurements import COLUMNS, FOLDER, Row, check_rows, measurement_files, read_rows
from hub_build.playbook.problems import Problem
from hub_build.playbook.scorecard import measured_metrics
from hub_build.playbook.validation import validate_hub
from hub_build.playbook.writing import WriteRefused, check_inside, replace


def default_file(today: dt.date) -> str:
    """Results go in one file per quarter, named after the quarter they are imported in: `2026-q4`."""
    return periods.containing(today, "quarter").label.lower()


def import_measurements(root: Path, export: Path, *, into: str, today: dt.date) -> tuple[list[Problem], str, int]:
    """Check `export` and append its rows to `playbook/measurements/<into>.csv`.

    Returns the problems (nothing is written if there are any), the file written and the number of rows.
    Raises WriteRefused, before anything is read, when the file is a link or lies outside the hub.
    """
    target = f"{PLAYBOOK}/{FOLDER}/{into}.csv"
    if not SLUG.match(into):
        return (
            [
                Problem(
                    target,
                    1,
                    1,
                    f"'{into}' cannot be used as a file name",
                    hint="name it in lower case with hyphens, for example 2026-q4",
                )
            ],
            target,
            0,
        )
    _writable(root, target)
    result = validate_hub(root, today=today)
    rows, problems = read_rows(export, export.name, max_bytes=result.config.max_file_bytes)
    existing: list[Row] = []
    for path, file in measurement_files(root)[0]:
        existing += read_rows(path, file, max_bytes=result.config.max_file_bytes)[0]
    _, found = check_rows(existing + rows, measured_metrics(result.playbook), today=today)
    problems += [problem for problem in found if problem.file == export.name]
    if problems or not rows:
        return problems, target, 0
    _writable(root, target)  # again: the checks took a while
    _append(root, target, rows)
    return [], target, len(rows)


def _writable(root: Path, target: str) -> None:
    try:
        check_inside(root, root / target)
    except WriteRefused as exc:
        raise exc.at(target) from None


def _append(root: Path, target: str, rows: list[Row]) -> None:
    """Add the rows at the end of the file, by writing the whole new file and renaming it over the old one.

    A stopped import leaves the file as it was, and a link put in its place is refused, never followed.
    """
    path = root / target
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    start = ",".join(COLUMNS) + "\n" if not os.path.lexists(path) else "" if before.endswith(b"\n") else "\n"
    lines = [",".join(_cell(row.cells.get(name, ("", 0))[0].strip()) for name in COLUMNS).rstrip(",") for row in rows]
    try:
        replace(path, before + (start + "\n".join(lines) + "\n").encode("utf-8"))
    except WriteRefused as exc:
        raise exc.at(target) from None


def _cell(value: str) -> str:
    """A cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break."""
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(c in value for c in ',"\r\n') else value
