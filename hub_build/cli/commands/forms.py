"""`hub forms`: the GitHub issue forms, written from the playbook."""

from __future__ import annotations

import argparse
import sys

from hub_build.cli.options import Commands, add_root, error


def register(commands: Commands) -> None:
    forms = commands.add_parser(
        "forms",
        help="write the GitHub issue forms (propose an idea, new hire) from the playbook",
        description="Write .github/ISSUE_TEMPLATE/propose-idea.yml and new-hire.yml from the playbook and the "
        "schemas: the personas, stages, value propositions, formats, people and tracks they offer are the "
        "playbook's. Run it again after changing those; `hub validate` reports a form that is out of step.",
    )
    add_root(forms)
    forms.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hub_build.cli.report import problem_lines
    from hub_build.github.forms import form_files, write_forms
    from hub_build.playbook.validation import NotAHub, schema_dir_for, validate_hub

    try:
        result = validate_hub(args.root)
    except NotAHub as exc:
        error(exc)
        return 2
    if result.errors:
        # A form written from a playbook with a broken record would leave out its choices.
        print(problem_lines(result.errors), file=sys.stderr)
        error(
            "the playbook has errors, so no form was written",
            "fix them (hub validate lists them), then run hub forms again",
        )
        return 1
    changed = write_forms(args.root, result.playbook, schema_dir_for(args.root))
    for file in form_files(result.playbook, schema_dir_for(args.root)):
        print(f"{'Wrote' if file in changed else 'Unchanged'} {file}")
    return 0
