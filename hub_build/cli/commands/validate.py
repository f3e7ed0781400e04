"""`hub validate`: check every playbook file and report every problem."""

from __future__ import annotations

import argparse
import sys

from hub_build.cli.options import Commands, add_root, day, error


def register(commands: Commands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check every playbook file and report every problem",
        description="Check every file in playbook/ against its schema and the playbook's rules. "
        "Exits 0 when the playbook is valid, 1 when it has errors (or warnings with --strict), 2 on a usage error.",
    )
    add_root(validate)
    validate.add_argument("--strict", action="store_true", help="treat warnings (such as overdue reviews) as errors")
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people (default), json for tools, github for pull-request annotations",
    )
    validate.add_argument(
        "--today",
        type=day,
        default=None,
        metavar="YYYY-MM-DD",
        help="check review dates as of this day instead of today",
    )
    validate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hub_build.cli.report import FORMATS
    from hub_build.github.forms import stale_forms
    from hub_build.playbook.progress import Progress
    from hub_build.playbook.validation import NotAHub, schema_dir_for, validate_hub

    progress = Progress(sys.stderr, "reading the playbook", "files")
    try:
        result = validate_hub(args.root, today=args.today, progress=progress)
    except NotAHub as exc:
        error(exc)
        return 2
    finally:
        progress.close()
    if not result.errors:
        # Forms are judged against a valid playbook: a broken record is reported once, at its file.
        result.problems.extend(stale_forms(args.root, result.playbook, schema_dir_for(args.root)))
    print(FORMATS[args.format](result, strict=args.strict))
    return 0 if result.passed(strict=args.strict) else 1
