"""Results as operations people export them: CSV files in `playbook/measurements/`.

Each file has the header `metric,period,value` and optionally `note`, then one
row per result. `metric` is the id of a shared KPI (a term with `kpi`) or of an
SLA commitment; `period` is written as the metric is measured (`periods.py`);
`value` is a plain number, in the target's unit (`34.5`, or `34.5%` for a
percentage). Files may be split as people like: one per quarter, one per metric.
They are read by the standard library's csv module, as spreadsheets write them
(RFC 4180): a cell in double quotes may hold commas, quotes written twice and
line breaks.

The text of a file is data: it is never evaluated, and a note that a
spreadsheet would run as a formula is refused, since these files go back and
forth between the repository and spreadsheets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import NamedTuple

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


class Cell(NamedTuple):
    """A cell's text as the csv module reads it, and where it starts as written."""

    text: str
    column: int
    line: int


@dataclass(frozen=True, slots=True)
class Row:
    """A CSV row as written: each cell with the line and column it starts at."""

    file: str
    line: int
    cells: dict[str, Cell]

    def start_of(self, column: str) -> tuple[int, int]:
        """The line and column of a cell; the start of the row for a cell it does not have."""
        cell = self.cells.get(column)
        return (cell.line, cell.column) if cell else (self.line, 1)


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
                problems.append(
                    Problem(
                        file,
                        1,
                        1,
                        "only .csv files of results belong in playbook/measurements/",
                        hint="export the results as CSV with the columns metric,period,value,note",
                    )
                )
                continue
            found.append((Path(entry.path), file))
    return found, problems


def read_rows(path: Path, file: str, *, max_bytes: int) -> tuple[list[Row], list[Problem]]:
    """The rows of one file, or the problems that stop it being read."""
    try:
        text = decode(read_bytes(path, file, max_bytes=max_bytes), file)
    except LoadError as exc:
        return [], [exc.problem]
    records = _records(text)
    first = next(records, None)
    if first is None or _blank(first):
        return [], [
            Problem(file, 1, 1, "the file has no header line", hint="start it with the line metric,period,value,note")
        ]
    header, problems = _header(first, file)
    if problems:
        return [], problems
    rows = []
    for record in records:
        if _blank(record):
            continue
        cells, problem = _located(record, file)
        if problem is None and len(cells) > len(header):
            extra = cells[len(header)]
            problem = Problem(
                file,
                extra.line,
                extra.column,
                f"{len(cells)} cells where the header names {len(header)}",
                hint='put a note with a comma in double quotes: "late, then fixed"',
            )
        if problem:
            problems.append(problem)
            continue
        rows.append(Row(file, record.line, dict(zip(header, cells, strict=False))))
    return rows, problems


@dataclass(frozen=True, slots=True)
class _Record:
    """One record as the csv module reads it, with the lines it was read from."""

    line: int  # the line it starts on
    lines: list[str]  # as written, line breaks included: a quoted one stays inside its cell
    cells: list[str]
    error: str | None = None  # why the csv module could not read it


def _records(text: str) -> Iterator[_Record]:
    """The records of a CSV text, as spreadsheets write them (RFC 4180)."""
    taken: list[str] = []

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):  # line breaks kept as written, as the csv module asks
            taken.append(line)
            yield line

    # Not strict: a quote left open, or text after a closing quote, is read on and
    # then found by `_located`, which knows where it is.
    reader = csv.reader(lines(), strict=False)
    start = 1
    try:
        for cells in reader:
            yield _Record(start, taken[:], cells)
            taken.clear()
            start = reader.line_num + 1
    except csv.Error as exc:  # a cell longer than the csv module's limit
        yield _Record(start, taken[:], [], error=str(exc))


def _blank(record: _Record) -> bool:
    return not "".join(record.lines).strip()


def _header(record: _Record, file: str) -> tuple[list[str], list[Problem]]:
    cells, problem = _located(record, file)
    if problem:
        return [], [problem]
    if len(cells) == 1 and (separator := _other_separator(record.lines[0])):
        name, character = separator
        return [], [
            Problem(
                file,
                1,
                record.lines[0].index(character) + 1,
                "the header's columns are not separated by commas",
                hint=f"this file is separated by {name}; export it as comma-separated CSV, "
                "with the header metric,period,value,note",
            )
        ]
    names = [cell.text.strip().lower() for cell in cells]
    for cell, shown in zip(cells, names, strict=True):
        if shown not in COLUMNS:
            return [], [
                Problem(
                    file,
                    cell.line,
                    cell.column,
                    f"unknown column '{_shown(cell.text)}'",
                    hint=_did_you_mean(shown, COLUMNS, "the columns are metric, period, value and note"),
                )
            ]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        return [], [
            Problem(
                file,
                1,
                1,
                f"the header has no '{missing[0]}' column",
                hint="start the file with the line metric,period,value,note",
            )
        ]
    return names, []


def _other_separator(line: str) -> tuple[str, str] | None:
    """What a header that is one cell is separated by instead of commas, as spreadsheets in many languages export."""
    return next(
        ((name, character) for name, character in (("semicolons", ";"), ("tabs", "\t")) if character in line), None
    )


def _located(record: _Record, file: str) -> tuple[list[Cell], Problem | None]:
    """The record's cells, each at the line and column it starts, or what keeps it from being read as written.

    A cell is found in the text by writing it as RFC 4180 does (in quotes when
    the text has it in quotes, each quote inside doubled); where the text
    differs, a quote was left open or has text after it.
    """
    text = "".join(record.lines)
    if record.error is not None:
        return [], Problem(
            file,
            record.line,
            1,
            f"the row cannot be read as CSV: {record.error}",
            hint="keep each cell to a sentence; check that every quote is closed",
        )
    bad = next((i for i, c in enumerate(text) if not c.isprintable() and c not in "\t\r\n"), None)
    if bad is not None:
        line, column = _position(record, bad)
        return [], Problem(
            file,
            line,
            column,
            f"control character U+{ord(text[bad]):04X} in the line",
            hint="remove it: results are plain text",
        )
    cells: list[Cell] = []
    offset = 0
    for value in record.cells:
        quoted = text.startswith('"', offset)
        written = '"' + value.replace('"', '""') + '"' if quoted else value
        if not text.startswith(written, offset):
            return [], _misquoted(record, file, text, offset, written)
        line, column = _position(record, offset)
        cells.append(Cell(value, column, line))
        offset += len(written) + 1  # and the comma
    return cells, None


def _misquoted(record: _Record, file: str, text: str, start: int, written: str) -> Problem:
    """The problem with a quoted cell that the text does not hold as RFC 4180 writes it."""
    as_written = text[start:]
    same = next((i for i, (a, b) in enumerate(zip(as_written, written, strict=False)) if a != b), len(as_written))
    line, column = _position(record, start)
    if same == len(as_written):  # the text ended inside the quotes
        return Problem(
            file,
            line,
            column,
            "a quoted cell is never closed",
            hint='end it with a double quote; write a quote inside it as ""',
        )
    closing = start + same  # the quote that closed the cell, with text after it
    if any(c in text[start:closing] for c in "\r\n"):
        end_line = _position(record, closing)[0]
        return Problem(
            file,
            line,
            column,
            f"a quoted cell runs on to line {end_line}, where text follows its closing quote",
            hint='close the quote on this line; write a quote inside it as ""',
        )
    line, column = _position(record, closing + 1)
    return Problem(
        file, line, column, "text after a quoted cell", hint="put the whole cell in double quotes, or none of it"
    )


def _position(record: _Record, offset: int) -> tuple[int, int]:
    """The line and column (both from 1) of a character of the record's text."""
    for number, line in enumerate(record.lines, start=record.line):
        if offset < len(line):
            return number, offset + 1
        offset -= len(line)
    # Just past the end: an empty last cell with no line break after it.
    return record.line + len(record.lines) - 1, len(record.lines[-1]) + offset + 1


def check_rows(
    rows: list[Row], metrics: Mapping[str, Measured], *, today: dt.date
) -> tuple[list[Measurement], list[Problem]]:
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
                problem = Problem(
                    row.file,
                    *row.start_of("period"),
                    f"{measurement.metric} has a result for {measurement.period} already",
                    path="$.period",
                    hint=f"the first is at {earlier.file}:{earlier.line}; keep one of the two",
                )
            else:
                first[key] = row
                found.append(measurement)
        if problem is not None:
            problems.append(problem)
    return found, problems


def _measurement(
    row: Row, metrics: Mapping[str, Measured], today: dt.date
) -> tuple[Measurement | None, Problem | None]:
    def at(column: str, message: str, hint: str) -> tuple[None, Problem]:
        return None, Problem(row.file, *row.start_of(column), message, path=f"$.{column}", hint=hint)

    missing = next((name for name in REQUIRED if not row.cells.get(name, ("", 0))[0].strip()), None)
    if missing:
        return at(
            missing if missing in row.cells else "metric",
            f"the row has no {missing}",
            "every row gives a metric, a period and a value",
        )
    metric_id, period_text, value_text = (row.cells[name][0].strip() for name in REQUIRED)
    metric = metrics.get(metric_id)
    if metric is None:
        return at(
            "metric",
            f"unknown metric '{_shown(metric_id)}'",
            _did_you_mean(
                metric_id, metrics, "use the id of a shared KPI (a term with kpi) or of an SLA commitment with a target"
            ),
        )
    if metric.computed:
        return at(
            "metric",
            f"{metric_id} is measured by the hub from the playbook, not by hand",
            "remove the row: the scorecard counts it from the content ideas",
        )
    period = periods.parse(period_text, metric.period_kind)
    if period is None:
        return at(
            "period",
            _period_message(period_text, metric),
            f"write a {metric.period_kind} as {periods.EXAMPLES[metric.period_kind]}",
        )
    if period.end > today:
        return at(
            "period",
            f"{period} has not ended yet (today is {today.isoformat()})",
            "add a period's results once it is over",
        )
    value, hint = _number(value_text, metric.unit)
    if value is None:
        return at("value", f"'{_shown(value_text)}' is not a number", hint)
    if abs(value) > MAX_INTEGER:  # as in the YAML files: every program reading the results can hold it
        return at(
            "value",
            f"{_shown(value_text)} is too large a number for the playbook",
            f"results stay within ±{MAX_INTEGER:,}",
        )
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
    hint = (
        f"write the figure in {unit} as a plain number, for example 34.5"
        + (" or 34.5%" if percent else "")
        + ", without thousands separators or currency signs"
    )
    shown = text[:-1].rstrip() if percent and text.endswith("%") else text
    if not _NUMBER.match(shown):
        return None, hint
    value = float(shown)
    return (value, hint) if math.isfinite(value) else (None, hint)


def _note_problem(note: str, row: Row) -> Problem | None:
    line, column = row.start_of("note")
    if len(note) > MAX_NOTE:
        return Problem(
            row.file,
            line,
            column,
            path="$.note",
            message=f"the note is {len(note):,} characters long (at most {MAX_NOTE})",
            hint="keep the note to a sentence; link to a longer write-up",
        )
    if note.startswith(_FORMULA_START):
        return Problem(
            row.file,
            line,
            column,
            path="$.note",
            message=f"the note starts with '{_shown(note[0])}', which a spreadsheet runs as a formula",
            hint="start the note with a word",
        )
    return None


def _did_you_mean(value: str, known: Iterator[str] | Mapping[str, object] | tuple[str, ...], otherwise: str) -> str:
    close = get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise


def _shown(text: str, limit: int = 60) -> str:
    short = text if len(text) <= limit else text[:limit] + "…"
    return short.encode("unicode_escape").decode("ascii") if not short.isprintable() else short
