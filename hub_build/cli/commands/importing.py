"""`hub import measurements`: results exported from a CRM or a spreadsheet, checked, then appended."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from hub_build.cli.options import Commands, add_root, day, error, help_of


def register(commands: Commands) -> None:
    importing = commands.add_parser(
        "import",
        help="add results exported from a CRM or a spreadsheet",
        description="Add data to the playbook from an export.",
    )
    importing.set_defaults(run=help_of(importing))
    sources = importing.add_subparsers(title="what to import", metavar="KIND")
    measurements = sources.add_parser(
        "measurements",
        help="append a CSV of results (metric,period,value,note) to playbook/measurements/",
        description="Check a CSV export of results (columns metric, period, value and optionally note) against "
        "the playbook's KPIs and commitments, then append it to a file in playbook/measurements/. Nothing is "
        "written if any row has a problem. Exits 0 when imported, 1 on problems, 2 on a usage error.",
    )
    add_root(measurements)
    measurements.add_argument("file", type=Path, metavar="FILE.csv", help="the export to add")
    measurements.add_argument(
        "--into",
        default=None,
        metavar="NAME",
        help="the file in playbook/measurements/ to append to, without .csv "
        "(default: the current quarter, such as 2026-q4)",
    )
    measurements.add_argument(
        "--today",
        type=day,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge which periods are over as of this day instead of today",
    )
    measurements.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hub_build.cli.measurements import default_file, import_measurements
    from hub_build.cli.report import FORMATS, problem_lines
    from hub_build.playbook.validation import NotAHub, validate_hub
    from hub_build.playbook.writing import WriteRefused

    today = args.today or dt.date.today()
    if not args.file.is_file():
        error(f"{args.file} is not a file")
        return 2
    try:
        problems, target, count = import_measurements(
            args.root, args.file, into=args.into or default_file(today), today=today
        )
    except NotAHub as exc:
        error(exc)
        return 2
    except WriteRefused as exc:
        print(problem_lines([exc.problem]), file=sys.stderr)
        print("hub: nothing was imported", file=sys.stderr)
        return 1
    if problems or count == 0:
        if problems:
            print(problem_lines(problems))
        print(f"hub: nothing was imported{'' if problems else f': {args.file.name} has no results'}", file=sys.stderr)
        return 1
    print(f"Imported {count} result{'s' if count != 1 else ''} into {target}")
    result = validate_hub(args.root, today=today)
    print(FORMATS["text"](result, strict=False))
    return 0 if result.passed() else 1
