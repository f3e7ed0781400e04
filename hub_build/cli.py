"""The `hub` command: validate the playbook, build or serve the site."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from hub_build import __version__


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hub",
        description="Check and publish a sales and marketing alignment hub kept in Git.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check every playbook file and report every problem",
        description="Check every file in playbook/ against its schema and the playbook's rules. "
        "Exits 0 when the playbook is valid, 1 when it has errors (or warnings with --strict), 2 on a usage error.",
    )
    _add_root(validate)
    validate.add_argument("--strict", action="store_true", help="treat warnings (such as overdue reviews) as errors")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text",
                          help="text for people (default), json for tools, github for pull-request annotations")
    validate.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                          help="check review dates as of this day instead of today")
    validate.set_defaults(run=_validate)
    return parser


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path.cwd(), metavar="DIR",
                        help="the hub's root folder, holding playbook/ (default: the current folder)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _validate(args: argparse.Namespace) -> int:
    from hub_build.report import FORMATS
    from hub_build.validation import NotAHub, validate_hub

    try:
        result = validate_hub(args.root, today=args.today)
    except NotAHub as exc:
        print(f"hub: error: {exc}", file=sys.stderr)
        return 2
    print(FORMATS[args.format](result, strict=args.strict))
    return 0 if result.passed(strict=args.strict) else 1
