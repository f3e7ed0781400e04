"""`hub plan`: lay a track on real dates for one new hire, as a calendar file and a welcome page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hub_build.cli.options import Commands, add_root, error


def register(commands: Commands) -> None:
    plan = commands.add_parser(
        "plan",
        help="write a new hire's onboarding plan: a calendar file and a welcome page",
        description="Lay an onboarding track on real dates for one new hire, counting working days (weekends and "
        "the holidays in hub.yaml skipped), and write it as an iCalendar file (one event per introduction, "
        "shadowing session and meeting) and a Markdown welcome plan. Exits 0 when both are written, 1 when the "
        "track, the date or the hub's settings are wrong. With --format github it writes nothing but the "
        "checklist, as Markdown for a GitHub issue (a heading per working day, a task per step, the people to meet "
        "@-mentioned by their GitHub username), on stdout or in --output.",
    )
    add_root(plan)
    plan.add_argument(
        "--track",
        required=True,
        metavar="ID",
        help="the track's id: its file name in playbook/onboarding/ without .yaml",
    )
    plan.add_argument(
        "--start",
        required=True,
        metavar="YYYY-MM-DD",
        help="the hire's first day (a weekend or holiday moves day 1 to the next working day)",
    )
    plan.add_argument("--name", default=None, metavar="NAME", help="the hire's name, for the welcome plan's title")
    plan.add_argument(
        "--output-dir",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="where to write the two files (default: the current folder)",
    )
    plan.add_argument(
        "--format",
        choices=("files", "github"),
        default="files",
        help="files: the calendar file and the welcome page (the default); github: the checklist as "
        "Markdown for a GitHub issue, on stdout",
    )
    plan.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="with --format github, write the checklist to FILE instead of stdout",
    )
    plan.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "github":
        return _github(args)
    if args.output is not None:
        error("--output goes with --format github", "give --output-dir for the calendar file and the welcome page")
        return 2
    from hub_build.cli.onboarding import PlanRefused, write_plan
    from hub_build.cli.report import problem_lines
    from hub_build.playbook.validation import NotAHub

    try:
        written = write_plan(args.root, args.track, args.start, name=args.name, folder=args.output_dir)
    except NotAHub as exc:
        error(exc)
        return 2
    except PlanRefused as exc:
        print(problem_lines(exc.problems), file=sys.stderr)
        print("hub: error: no plan was written", file=sys.stderr)
        return 1
    for note in written.notes:
        print(note)
    print(f"Wrote {written.calendar} ({written.events} events) and {written.welcome}")
    return 0


def _github(args: argparse.Namespace) -> int:
    """The checklist as Markdown for a GitHub issue, on stdout or in --output; no other file is written."""
    from hub_build.cli.onboarding import PlanRefused, github_checklist, write_checklist
    from hub_build.cli.report import problem_lines
    from hub_build.playbook.validation import NotAHub

    try:
        markdown = github_checklist(args.root, args.track, args.start)
        if args.output is None:
            print(markdown, end="")
            return 0
        write_checklist(args.output, markdown)
    except NotAHub as exc:
        error(exc)
        return 2
    except PlanRefused as exc:
        print(problem_lines(exc.problems), file=sys.stderr)
        print("hub: error: no plan was written", file=sys.stderr)
        return 1
    print(f"Wrote {args.output}")
    return 0
