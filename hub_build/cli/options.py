"""What every `hub` command shares: the options several take, and how a refusal with no file position is said."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Commands = argparse._SubParsersAction

ENGINE_NAMES = ("mkdocs", "properdocs", "zensical")


def add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default="mkdocs",
        help="the site engine: mkdocs (default, with Material for MkDocs), properdocs or zensical; "
        "the last two are extras, and the build says how to install one that is missing",
    )


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=lambda text: Path(text).resolve(),
        default=Path.cwd(),
        metavar="DIR",
        help="the hub's root folder, holding playbook/ (default: the current folder)",
    )


def day(text: str) -> dt.date:
    """A `YYYY-MM-DD` option, refused as a usage error with what is wrong with it."""
    from hub_build.cli.dates import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def help_of(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """A command that needs one more word: print its help, a usage error."""

    def run(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return run


def error(message: object, hint: str | None = None) -> None:
    """A refusal with no position in a file, on stderr: `hub: error: …` and its hint, inert like every message."""
    from hub_build.playbook.problems import inert

    print(inert(f"hub: error: {message}"), file=sys.stderr)
    if hint:
        print(inert(f"    hint: {hint}"), file=sys.stderr)


def system_refused(exc: OSError, outcome: str, *, doing: str = "write") -> None:
    """What the system refused the hub (a folder that is not the user's or read-only, a full
    disk), said in one line with what became of the work, never as a traceback."""
    where = f" {exc.filename}" if exc.filename else ""
    error(
        f"cannot {doing}{where}: {exc.strerror or exc}; {outcome}",
        "choose a folder you can write to, or free it (permissions, disk space) and run the command again",
    )
