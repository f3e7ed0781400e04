"""`hub digest`: whose turn it is, by person, as Markdown for an issue or as JSON."""

from __future__ import annotations

import argparse
import datetime as dt

from hub_build.cli.options import Commands, add_root, day, error


def register(commands: Commands) -> None:
    digest = commands.add_parser(
        "digest",
        help="say whose turn it is: decisions, reviews, results and missed commitments, by person",
        description="List what waits on whom as of a day, grouped by person: ideas waiting for a decision, records "
        "due for review within two weeks or overdue, results not reported for the last complete period, and "
        "commitments missed in it with the SLA's next step. Markdown for a GitHub issue (people @-mentioned by "
        "their github username) or JSON. With --publish, keep it in one open GitHub issue labelled hub-digest, "
        "closed when nothing waits (needs the gh command). Records with errors are left out and the errors listed. "
        "Exits 0 with or without anything waiting, 1 when gh fails, 2 on a usage error.",
    )
    add_root(digest)
    digest.add_argument(
        "--today", type=day, default=None, metavar="YYYY-MM-DD", help="say what waits as of this day instead of today"
    )
    digest.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="markdown for a GitHub issue (default), json for tools",
    )
    digest.add_argument(
        "--publish",
        action="store_true",
        help="create, update or close the repository's digest issue with gh instead of printing it",
    )
    digest.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hub_build.cli import digest
    from hub_build.playbook.validation import NotAHub

    if args.publish and args.format != "markdown":
        error("--publish writes the Markdown digest to an issue", "leave out --format json")
        return 2
    try:
        return digest.run(args.root, today=args.today or dt.date.today(), output=args.format, publish=args.publish)
    except NotAHub as exc:
        error(exc)
        return 2
