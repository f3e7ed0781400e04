"""`hub onboard`: an issue opened with the New hire form, turned into the hire's onboarding issue."""

from __future__ import annotations

import argparse
import sys

from hub_build.cli.commands.propose import issue_number
from hub_build.cli.options import Commands, add_root, error


def register(commands: Commands) -> None:
    onboard = commands.add_parser(
        "onboard",
        help="turn an issue opened with the New hire form into the hire's onboarding checklist",
        description='Read an issue opened with the form "New hire" (through gh) and make it the hire\'s onboarding '
        'issue: title "Onboarding: <name>, from <first day>", the track\'s dated checklist as its body, the hire '
        "and the manager as assignees, the label onboarding. An answer that cannot be used is said in one comment "
        "on the issue instead, and nothing else changes. Exits 0 when the issue or the comment is written, 1 when "
        "gh fails or hub.yaml has errors, 2 on a usage error. Run by the workflow onboarding.yml.",
    )
    add_root(onboard)
    onboard.add_argument(
        "--from-issue", required=True, type=issue_number, metavar="N", help="the number of the issue to read"
    )
    onboard.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hub_build.cli.report import problem_lines
    from hub_build.github.gh import CommandFailed
    from hub_build.github.onboarding_issue import SettingsBroken, onboard_from_issue
    from hub_build.playbook.problems import inert
    from hub_build.playbook.validation import NotAHub
    from hub_build.site.schema_links import site_url_of

    try:
        outcome = onboard_from_issue(args.root, args.from_issue, site_url=site_url_of(args.root))
    except NotAHub as exc:
        error(exc)
        return 2
    except SettingsBroken as exc:
        print(problem_lines(exc.problems), file=sys.stderr)
        print("hub: error: the onboarding issue was not written", file=sys.stderr)
        return 1
    except CommandFailed as exc:
        error(exc, "check that gh is signed in (GH_TOKEN) and that the hub's root is the repository's checkout")
        return 1
    number = args.from_issue
    if outcome.skipped:
        print(f"Issue #{number} is {outcome.skipped}: nothing to do")
    elif outcome.title:
        print(inert(f'Issue #{number} is now "{outcome.title}"'))
        if outcome.assignees:
            print(f"Assigned to {', '.join(outcome.assignees)}")
        if outcome.not_assigned:
            print(inert(f"Not assigned, said so in a comment: {outcome.not_assigned}"))
    else:
        print(f"Issue #{number} needs a change; said so in a comment on it:")
        for complaint in outcome.complaints:
            print(inert(f"  {complaint.question + ': ' if complaint.question else ''}{complaint.message}"))
    return 0
