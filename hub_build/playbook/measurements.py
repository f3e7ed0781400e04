"""Results as operations people export them: CSV files in `playbook/measurements/`.

Each file has the header `metric,period,value` and optionally `note`, then one
row per result. `metric` is the id of a shared KPI (a term with `kpi`) or of an
SLA commitment; `period` is written as the metric is measured (`periods.py`);
`value` is a plain number, in the target's unit (`34.5`, or `34.5%` for a
percentage). Files may be split as people like: one per quarter, one per metric.

The text of a file is data: it is never evaluated, and a note that a
spreadsheet would run as a formula is refused, since these files go back and
forth between the repository and spreadsheets.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from hub_build.playbook import periods
from hub_build.playbook.layout import MEASUREMENTS, PLAYBOOK, shown_path
from hub_build.playbook.loading import MAX_INTEGER, LoadError, decode, read_bytes
from hub_build.playbook.periods import Period
from hub_build.playbook.problems import Problem

FOLDER = MEASUREMENTS
COLUMNS = ("metric", "period", "value", "note")
REQUIRED = COLUMNS[:3]
MAX_NOTE = 500
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
# A cell starting with one of these runs as a formula when the file is opened in a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Measured:
    """What a result must be checked against: a metric's period kind and unit."""

    id: str
    label: str
    period_kind: str
    unit: str
    computed: bool = False  # measured by the hub itself from the playbook, never by hand


@dataclass(frozen=True, slots=True)
class Measurement:
    metric: str
    period: Period
    value: float
    note: str | None
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Row:
    """A CSV row as written: each cell with the column it starts in."""

    file: str
    line: int
    cells: dict[str, tuple[str, int]]


def measurement_files(root: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every `.csv` file in `playbook/measurements/`, judged before it is read, like the playbook's YAML."""
    folder = root / PLAYBOOK / FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return [], []
    found, problems = [], []
    with os.scandir(folder) as listing:
        for entry in sorted(listing, key=lambda e: e.name):
            file = shown_path(f"{PLAYBOOK}/{FOLDER}/{entry.name}")
            if entry.name.startswith("."):
                continue
            if not entry.name.endswith(".csv") or entry.is_symlink() or not stat.S_ISREG(entry.stat().st_mode):
                problems.append(Problem(file, 1, 1, "only .csv files of results belong in playbook/measurements/",
                                        hint="export the results as CSV with the columns metric,period,value,note"))
                continue
            found.append((Path(entry.path), file))
    return found, problems


def read_rows(path: Path, file: str, *, max_bytes: int) -> tuple[list[Row], list[Problem]]:
    """The rows of one file, or the problems that stop it being read."""
    try:
        text = decode(read_bytes(path, file, max_bytes=max_bytes), file)
    except LoadError as exc:
        return [], [exc.problem]
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [Problem(file, 1, 1, "the file has no header line",
                            hint="start it with the line metric,period,value,note")]
    header, problems = _header(lines[0], file)
    if problems:
        return [], problems
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells, problem = _split(line, file, number)
        if problem:
            problems.append(problem)
            continue
        if len(cells) > len(header):
            problems.append(Problem(file, number, cells[len(header)][1],
                                    f"{len(cells)} cells where the header names {len(header)}",
                                    hint="put a note with a comma in double quotes: \"late, then fixed\""))
            continue
        rows.append(Row(file, number, dict(zip(header, cells, strict=False))))
    return rows, problems


def _header(line: str, file: str) -> tuple[list[str], list[Problem]]:
    cells, problem = _split(line, file, 1)
    if problem:
        return [], [problem]
    names = [name.strip().lower() for name, _column in cells]
    for (name, column), shown in zip(cells, names, strict=True):
        if shown not in COLUMNS:
            return [], [Problem(file, 1, column, f"unknown column '{_shown(name)}'",
                                hint=_did_you_mean(shown, COLUMNS, "the columns are metric, period, value and note"))]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        return [], [Problem(file, 1, 1, f"the header has no '{missing[0]}' column",
                            hint="start the file with the line metric,period,value,note")]
    return names, []


def _split(line: str, file: str, number: int) -> tuple[list[tuple[str, int]], Problem | None]:
    """The cells of one line, each with its 1-based column; quotes as RFC 4180 writes them."""
    bad = next((i for i, c in enumerate(line) if not c.isprintable() and c != "\t"), None)
    if bad is not None:
        return [], Problem(file, number, bad + 1, f"control character U+{ord(line[bad]):04X} in the line",
                           hint="remove it: results are plain text")
    cells: list[tuple[str, int]] = []
    position = 0
    while True:
        start = position
        if line.startswith('"', position):
            value, position = _quoted(line, position)
            if position < 0:
                return [], Problem(file, number, start + 1, "a quoted cell is never closed",
                                   hint='end it with a double quote; write a quote inside it as ""')
        else:
            end = line.find(",", position)
            end = len(line) if end < 0 else end
            value, position = line[position:end], end
        cells.append((value, start + 1))
        if position >= len(line):
            return cells, None
        if line[position] != ",":
            return [], Problem(file, number, position + 1, "text after a quoted cell",
                               hint="put the whole cell in double quotes, or none of it")
        position += 1


def _quoted(line: str, position: int) -> tuple[str, int]:
    parts = []
    position += 1
    while True:
        end = line.find('"', position)
        if end < 0:
            return "", -1
        parts.append(line[position:end])
        if line.startswith('"', end + 1):
            parts.append('"')
            position = end + 2
            continue
        return "".join(parts), end + 1


def check_rows(rows: list[Row], metrics: Mapping[str, Measured], *, today: dt.date) -> tuple[
        list[Measurement], list[Problem]]:
    """The results that hold, and a problem for each row that does not."""
    found: list[Measurement] = []
    problems: list[Problem] = []
    first: dict[tuple[str, Period], Row] = {}
    for row in rows:
        measurement, problem = _measurement(row, metrics, today)
        if problem is None and measurement is not None:
            key = (measurement.metric, measurement.period)
            if key in first:
                earlier = first[key]
                problem = Problem(row.file, row.line, row.cells["period"][1],
                                  f"{measurement.metric} has a result for {measurement.period} already",
                                  path="$.period",
                                  hint=f"the first is at {earlier.file}:{earlier.line}; keep one of the two")
            else:
                first[key] = row
                found.append(measurement)
        if problem is not None:
            problems.append(problem)
    return found, problems


def _measurement(row: Row, metrics: Mapping[str, Measured], today: dt.date) -> tuple[
        Measurement | None, Problem | None]:
    def at(column: str, message: str, hint: str) -> tuple[None, Problem]:
        return None, Problem(row.file, row.line, row.cells.get(column, ("", 1))[1], message, path=f"$.{column}",
                             hint=hint)

    missing = next((name for name in REQUIRED if not row.cells.get(name, ("", 0))[0].strip()), None)
    if missing:
        return at(missing if missing in row.cells else "metric", f"the row has no {missing}",
                  "every row gives a metric, a period and a value")
    metric_id, period_text, value_text = (row.cells[name][0].strip() for name in REQUIRED)
    metric = metrics.get(metric_id)
    if metric is None:
        return at("metric", f"unknown metric '{_shown(metric_id)}'",
                  _did_you_mean(metric_id, metrics, "use the id of a shared KPI (a term with kpi) or of an SLA "
                                "commitment with a target"))
    if metric.computed:
        return at("metric", f"{metric_id} is measured by the hub from the playbook, not by hand",
                  "remove the row: the scorecard counts it from the content ideas")
    period = periods.parse(period_text, metric.period_kind)
    if period is None:
        return at("period", _period_message(period_text, metric), f"write a {metric.period_kind} as "
                  f"{periods.EXAMPLES[metric.period_kind]}")
    if period.end > today:
        return at("period", f"{period} has not ended yet (today is {today.isoformat()})",
                  "add a period's results once it is over")
    value, hint = _number(value_text, metric.unit)
    if value is None:
        return at("value", f"'{_shown(value_text)}' is not a number", hint)
    if abs(value) > MAX_INTEGER:  # as in the YAML files: every program reading the results can hold it
        return at("value", f"{_shown(value_text)} is too large a number for the playbook",
                  f"results stay within ±{MAX_INTEGER:,}")
    note = row.cells.get("note", ("", 0))[0].strip() or None
    if note is not None:
        problem = _note_problem(note, row)
        if problem:
            return None, problem
    return Measurement(metric_id, period, value, note, row.file, row.line), None


def _period_message(text: str, metric: Measured) -> str:
    kind = periods.written_as(text)
    if kind is not None and kind != metric.period_kind:
        return f"{metric.id} is measured by the {metric.period_kind}, not by the {kind}"
    return f"'{_shown(text)}' is not a {metric.period_kind}"


def _number(text: str, unit: str) -> tuple[float | None, str]:
    percent = unit.lstrip().startswith("%")
    hint = (f"write the figure in {unit} as a plain number, for example 34.5"
            + (" or 34.5%" if percent else "") + ", without thousands separators or currency signs")
    shown = text[:-1].rstrip() if percent and text.endswith("%") else text
    if not _NUMBER.match(shown):
        return None, hint
    value = float(shown)
    return (value, hint) if math.isfinite(value) else (None, hint)


def _note_problem(note: str, row: Row) -> Problem | None:
    column = row.cells["note"][1]
    if len(note) > MAX_NOTE:
        return Problem(row.file, row.line, column, path="$.note",
                       message=f"the note is {len(note):,} characters long (at most {MAX_NOTE})",
                       hint="keep the note to a sentence; link to a longer write-up")
    if note.startswith(_FORMULA_START):
        return Problem(row.file, row.line, column, path="$.note",
                       message=f"the note starts with '{_shown(note[0])}', which a spreadsheet runs as a formula",
                       hint="start the note with a word")
    return None


def _did_you_mean(value: str, known: Iterator[str] | Mapping[str, object] | tuple[str, ...], otherwise: str) -> str:
    close = get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise


def _shown(text: str, limit: int = 60) -> str:
    short = text if len(text) <= limit else text[:limit] + "…"
    return short.encode("unicode_escape").decode("ascii") if not short.isprintable() else short
