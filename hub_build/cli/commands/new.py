"""`hub new`: a playbook file that validates at once, asked for field by field."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from hub_build.cli.options import Commands, add_root, error, help_of


def register(commands: Commands) -> None:
    new = commands.add_parser(
        "new",
        help="create a new content idea, term or person file",
        description="Create a playbook file that validates at once. Fields not given as flags are asked for, "
        "with the allowed choices listed; --no-input refuses instead of asking.",
    )
    # Without a kind, the command's own help: it lists the kinds.
    new.set_defaults(run=help_of(new))
    kinds = new.add_subparsers(title="what to create", metavar="KIND")
    for kind, help_text in (
        ("idea", "propose a content idea"),
        ("term", "add a term to the glossary"),
        ("person", "add a person to the directory"),
    ):
        sub = kinds.add_parser(kind, help=help_text, description=f"Create a new {kind} file in the playbook.")
        add_root(sub)
        for name, help_text in _NEW_FIELDS[kind].items():
            flag = f"--{name.replace('_', '-')}"
            sub.add_argument(flag, dest=name, default=None, metavar="TEXT", help=help_text)
        sub.add_argument(
            "--slug", default=None, help="the file name without .yaml (default: made from the title or name)"
        )
        sub.add_argument("--no-input", action="store_true", help="never ask: refuse when a required field is missing")
        sub.set_defaults(run=run, kind=kind)


# The flags of `hub new`, per kind; new_records.blueprints() says what each accepts.
_NEW_FIELDS = {
    "idea": {
        "title": "working title of the piece",
        "proposed_by": "your person id (your file name in playbook/people/)",
        "question": "the customer question behind the idea, in their words",
        "persona": "the persona it serves (an id from the narrative)",
        "stage": "the buying stage it serves (an id from the narrative)",
        "format": "article, case-study, one-pager, webinar, video, rep-post, checklist, …",
        "value_proposition": "the value proposition it supports (optional)",
    },
    "term": {
        "name": "the term written out",
        "abbreviation": "its abbreviation, such as MQL (optional)",
        "definition": "the definition both teams agreed to",
        "team": "the team that owns it: sales, marketing or shared",
        "owner": "the person id of whoever keeps it current",
    },
    "person": {
        "name": "full name",
        "role": "job title",
        "team": "sales or marketing",
        "email": "work email address",
        "time_zone": "IANA time zone, such as Europe/Berlin",
        "ask_about": "what to ask them about, comma-separated",
    },
}


def run(args: argparse.Namespace) -> int:
    from hub_build.cli.report import problem_lines
    from hub_build.playbook.validation import NotAHub, schema_dir_for, validate_hub
    from hub_build.playbook.writing import WriteRefused, check_inside, create
    from hub_build.site.new_records import Refused, accept, blueprints, render, target_path

    today = dt.date.today()  # one day for the new file's dates and for its check
    try:
        before = validate_hub(args.root, today=today)
    except NotAHub as exc:
        error(exc)
        return 2
    blueprint = blueprints(before.playbook, schema_dir_for(args.root))[args.kind]
    answers: dict[str, object] = {}
    # Optional fields are asked only of someone already answering questions;
    # a script that gave every required flag is never held up by a prompt.
    asking = not args.no_input and any(getattr(args, f.name) is None for f in blueprint.fields if not f.optional)
    try:
        for field in blueprint.fields:
            given = getattr(args, field.name)
            if given is not None:
                answers[field.name] = accept(field, given)
            elif field.optional and not asking:
                answers[field.name] = None
            else:
                answers[field.name] = _ask(field, args.no_input)
        path = target_path(args.root, blueprint, answers, args.slug)
    except Refused as exc:
        error(exc, exc.hint)
        return 2
    file = path.relative_to(args.root).as_posix()
    text = render(blueprint, answers, today=today, root=args.root, path=path)
    try:
        check_inside(args.root, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        create(path, text.encode("utf-8"))
    except WriteRefused as exc:
        print(problem_lines([exc.at(file).problem]), file=sys.stderr)
        return 1
    try:
        problems = [p for p in validate_hub(args.root, today=today).problems if p.file == file]
    except KeyboardInterrupt:
        path.unlink()  # a file that was never checked is not left behind
        raise
    if problems:
        print(problem_lines(problems), file=sys.stderr)
    if any(problem.is_error for problem in problems):
        path.unlink()
        print("hub: error: the new file did not validate, so it was not kept", file=sys.stderr)
        return 1
    # A warning or a reminder (a decision the SLA says is late, say) is shown, and the file kept.
    print(f"Created {file}")
    print(_NEXT_STEPS.format(file=file, slug=path.stem, kind=args.kind))
    return 0


def _ask(field, no_input: bool) -> object:  # type: ignore[no-untyped-def]
    from hub_build.playbook.problems import inert
    from hub_build.site.new_records import Refused, accept

    flag = "--" + field.name.replace("_", "-")
    if no_input:
        if field.optional:
            return None
        raise Refused(f"{flag} is required")
    choices = field.choices() if field.choices else None
    if choices:
        print(inert(f"{field.prompt}. Choices: {', '.join(choices)}"))
    for _attempt in range(3):
        try:
            raw = input(f"{field.prompt}: ")
        except EOFError:
            if field.optional:
                return None
            raise Refused(f"no answer for {flag}") from None
        try:
            return accept(field, raw)
        except Refused as exc:
            print(inert(f"  {exc}"))
            if exc.hint:
                print(inert(f"    hint: {exc.hint}"))
    raise Refused(f"no valid answer for {flag}")


_NEXT_STEPS = """
Next steps:
  1. Read the file once more; you can add more detail (see the comments in it).
  2. Check it:            hub validate
  3. Save it on a branch: git checkout -b {kind}/{slug}
                          git add {file}
                          git commit -m "Propose {kind}: {slug}"
                          git push -u origin {kind}/{slug}
  4. Open a pull request for that branch on your Git host. The checks run on it,
     and a reviewer from the team that owns it takes it from there."""
