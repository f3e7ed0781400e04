"""`hub propose`: an issue opened with the content-idea form, turned into a pull request."""

from __future__ import annotations

import argparse

from hub_build.cli.options import Commands, add_root, error


def register(commands: Commands) -> None:
    propose = commands.add_parser(
        "propose",
        help="turn an issue opened with the content-idea form into a pull request",
        description='Read an issue opened with the form "Propose a content idea" (through gh), write the idea '
        "as playbook/content/<slug>.yaml, proposed on the day the issue was opened, and open or update one pull "
        "request from the branch idea/issue-N that closes the issue. An answer that cannot be used is said in one "
        "comment on the issue instead. Exits 0 when the pull request or the comment is written, 1 when gh or git "
        "fail, 2 on a usage error. Run by the workflow propose-idea.yml.",
    )
    add_root(propose)
    propose.add_argument(
        "--from-issue", required=True, type=issue_number, metavar="N", help="the number of the issue to read"
    )
    propose.set_defaults(run=run)


def issue_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an issue number")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from hub_build.github.gh import CommandFailed
    from hub_build.github.propose import propose_from_issue
    from hub_build.playbook.problems import inert
    from hub_build.playbook.validation import NotAHub

    try:
        outcome = propose_from_issue(args.root, args.from_issue)
    except NotAHub as exc:
        error(exc)
        return 2
    except CommandFailed as exc:
        error(exc, "check that gh is signed in (GH_TOKEN) and that the hub's root is the repository's checkout")
        return 1
    if outcome.closed:
        print(f"Issue #{args.from_issue} is closed: nothing to do")
    elif outcome.pull_request:
        print(f"Wrote {outcome.file} in {outcome.pull_request}")
    else:
        print(f"Issue #{args.from_issue} needs a change; said so in a comment on it:")
        for complaint in outcome.complaints:
            print(inert(f"  {complaint.question + ': ' if complaint.question else ''}{complaint.message}"))
    return 0
