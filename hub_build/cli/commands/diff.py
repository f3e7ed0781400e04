"""`hub diff`: what a change to the playbook means for its readers, as Markdown."""

from __future__ import annotations

import argparse

from hub_build.cli.options import Commands, add_root


def register(commands: Commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="say what a change to the playbook means for readers, as Markdown",
        description="Compare the playbook at two Git revisions record by record and write, in Markdown, the "
        'records added, removed and renamed and each changed field in words ("target ≤ 15 minutes → '
        "≤ 10 minutes\"). Changes to the SLA's clauses or signatories and to shared KPIs' formulas or targets "
        "are flagged as needing both teams' sign-off, naming who signs. Both revisions are read from Git; "
        "the work tree is never touched, and uncommitted changes are not compared. Exits 0 when the "
        "comparison is written, 1 when Git or gh fails, 2 on a usage error such as an unknown revision.",
    )
    add_root(diff)
    diff.add_argument("base", metavar="BASE", help="the revision to compare from, such as main or origin/main")
    diff.add_argument(
        "head",
        nargs="?",
        default="HEAD",
        metavar="HEAD",
        help="the revision to compare to (default: HEAD, the last commit)",
    )
    diff.add_argument(
        "--comment",
        type=pull_request,
        default=None,
        metavar="NUMBER",
        help="also keep the result as one comment on this pull request, with gh "
        "(created once, then edited on each run); a token that may not write, as for a pull "
        "request from a fork, is a warning, not a failure",
    )
    diff.set_defaults(run=run)


def pull_request(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a pull request's number, such as 42")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from hub_build.cli.diff import run

    return run(args.root, args.base, args.head, comment=args.comment)
