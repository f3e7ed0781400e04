"""The `hub` command: validate the playbook, build or serve the site, and act on GitHub.

Each command is a module of `commands/`; this one only reads the command line and
dispatches, so that a stop by Ctrl-C is said the same way whatever was running.
"""

from __future__ import annotations

import argparse
import sys

from hub_build import __version__

STOPPED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if not hasattr(args, "run"):
            parser.print_help()
            return 2
        code: int = args.run(args)
    except KeyboardInterrupt:
        # Every command writes its files whole or not at all, so there is nothing to tidy here.
        print("hub: stopped; no file was left half-written", file=sys.stderr)
        return STOPPED
    except OSError as exc:
        # A command that meets a file or folder the system will not let it use stops here,
        # for the same reason: its files are written whole or not at all.
        from hub_build.cli.options import system_refused

        system_refused(exc, "the command stopped; no file was left half-written", doing="use")
        return 1
    return code


def _parser() -> argparse.ArgumentParser:
    from hub_build.cli.commands import COMMANDS

    parser = argparse.ArgumentParser(
        prog="hub",
        description="Check and publish a sales and marketing alignment hub kept in Git.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser
