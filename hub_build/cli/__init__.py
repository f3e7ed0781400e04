"""The `hub` command: validate the playbook, build or serve the site."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

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
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hub",
        description="Check and publish a sales and marketing alignment hub kept in Git.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check every playbook file and report every problem",
        description="Check every file in playbook/ against its schema and the playbook's rules. "
        "Exits 0 when the playbook is valid, 1 when it has errors (or warnings with --strict), 2 on a usage error.",
    )
    _add_root(validate)
    validate.add_argument("--strict", action="store_true", help="treat warnings (such as overdue reviews) as errors")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text",
                          help="text for people (default), json for tools, github for pull-request annotations")
    validate.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                          help="check review dates as of this day instead of today")
    validate.set_defaults(run=_validate)

    build = commands.add_parser(
        "build",
        help="check the playbook and build the site",
        description="Check the playbook, then build the site into site/. The previous site is replaced only "
        "when the build succeeds. Exits 0 on success, 1 when the playbook has errors or the build fails.",
    )
    _add_root(build)
    build.add_argument("--site-dir", type=Path, default=None, metavar="DIR",
                       help="where to put the site (default: site/ in the root)")
    build.add_argument("--strict", action="store_true",
                       help="fail on warnings too, such as overdue reviews or broken links")
    _add_engine(build)
    build.set_defaults(run=_build)

    serve = commands.add_parser(
        "serve",
        help="preview the site with live reload while you edit",
        description="Serve the hub on http://127.0.0.1:8000/ and rebuild it whenever a playbook file, "
        "schema or template changes.",
    )
    _add_root(serve)
    serve.add_argument("--dev-addr", default=None, metavar="HOST:PORT",
                       help="address to serve on (default 127.0.0.1:8000)")
    _add_engine(serve)
    serve.set_defaults(run=_serve)

    export = commands.add_parser(
        "export",
        help="write the site's complete source, for an engine to build without the hub",
        description="Check the playbook, then write into DIR everything an engine needs to build the site with no "
        "hub code: the generated pages, the hand-written ones, the schemas, theme overrides and a mkdocs.yml that "
        "MkDocs, ProperDocs and Zensical all read. Files the export no longer needs are removed from DIR.",
    )
    _add_root(export)
    export.add_argument("dir", type=Path, metavar="DIR", help="the folder to write the site source into")
    export.add_argument("--engine", choices=sorted(ENGINE_NAMES), default="mkdocs",
                        help="the engine the source is for (zensical gets its classic, Material-like look)")
    export.set_defaults(run=_export)

    plan = commands.add_parser(
        "plan",
        help="write a new hire's onboarding plan: a calendar file and a welcome page",
        description="Lay an onboarding track on real dates for one new hire, counting working days (weekends and "
        "the holidays in hub.yaml skipped), and write it as an iCalendar file (one event per introduction, "
        "shadowing session and meeting) and a Markdown welcome plan. Exits 0 when both are written, 1 when the "
        "track, the date or the hub's settings are wrong.",
    )
    _add_root(plan)
    plan.add_argument("--track", required=True, metavar="ID",
                      help="the track's id: its file name in playbook/onboarding/ without .yaml")
    plan.add_argument("--start", required=True, metavar="YYYY-MM-DD",
                      help="the hire's first day (a weekend or holiday moves day 1 to the next working day)")
    plan.add_argument("--name", default=None, metavar="NAME", help="the hire's name, for the welcome plan's title")
    plan.add_argument("--output-dir", type=Path, default=Path("."), metavar="DIR",
                      help="where to write the two files (default: the current folder)")
    plan.set_defaults(run=_plan)

    diff = commands.add_parser(
        "diff",
        help="say what a change to the playbook means for readers, as Markdown",
        description="Compare the playbook at two Git revisions record by record and write, in Markdown, the "
        "records added, removed and renamed and each changed field in words (\"target ≤ 15 minutes → "
        "≤ 10 minutes\"). Changes to the SLA's clauses or signatories and to shared KPIs' formulas or targets "
        "are flagged as needing both teams' sign-off, naming who signs. Both revisions are read from Git; "
        "the work tree is never touched, and uncommitted changes are not compared. Exits 0 when the "
        "comparison is written, 1 when Git or gh fails, 2 on a usage error such as an unknown revision.",
    )
    _add_root(diff)
    diff.add_argument("base", metavar="BASE", help="the revision to compare from, such as main or origin/main")
    diff.add_argument("head", nargs="?", default="HEAD", metavar="HEAD",
                      help="the revision to compare to (default: HEAD, the last commit)")
    diff.add_argument("--comment", type=_pull_request, default=None, metavar="NUMBER",
                      help="also keep the result as one comment on this pull request, with gh "
                      "(created once, then edited on each run); a token that may not write, as for a pull "
                      "request from a fork, is a warning, not a failure")
    diff.set_defaults(run=_diff)

    new = commands.add_parser(
        "new",
        help="create a new content idea, term or person file",
        description="Create a playbook file that validates at once. Fields not given as flags are asked for, "
        "with the allowed choices listed; --no-input refuses instead of asking.",
    )
    # Without a kind, the command's own help: it lists the kinds.
    new.set_defaults(run=_help_of(new))
    kinds = new.add_subparsers(title="what to create", metavar="KIND")
    for kind, help_text in (("idea", "propose a content idea"), ("term", "add a term to the glossary"),
                            ("person", "add a person to the directory")):
        sub = kinds.add_parser(kind, help=help_text, description=f"Create a new {kind} file in the playbook.")
        _add_root(sub)
        for name, help_text in _NEW_FIELDS[kind].items():
            flag = f"--{name.replace('_', '-')}"
            sub.add_argument(flag, dest=name, default=None, metavar="TEXT", help=help_text)
        sub.add_argument("--slug", default=None,
                         help="the file name without .yaml (default: made from the title or name)")
        sub.add_argument("--no-input", action="store_true", help="never ask: refuse when a required field is missing")
        sub.set_defaults(run=_new, kind=kind)

    importing = commands.add_parser(
        "import",
        help="add results exported from a CRM or a spreadsheet",
        description="Add data to the playbook from an export.",
    )
    importing.set_defaults(run=_help_of(importing))
    sources = importing.add_subparsers(title="what to import", metavar="KIND")
    measurements = sources.add_parser(
        "measurements",
        help="append a CSV of results (metric,period,value,note) to playbook/measurements/",
        description="Check a CSV export of results (columns metric, period, value and optionally note) against "
        "the playbook's KPIs and commitments, then append it to a file in playbook/measurements/. Nothing is "
        "written if any row has a problem. Exits 0 when imported, 1 on problems, 2 on a usage error.",
    )
    _add_root(measurements)
    measurements.add_argument("file", type=Path, metavar="FILE.csv", help="the export to add")
    measurements.add_argument("--into", default=None, metavar="NAME",
                              help="the file in playbook/measurements/ to append to, without .csv "
                              "(default: the current quarter, such as 2026-q4)")
    measurements.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                              help="judge which periods are over as of this day instead of today")
    measurements.set_defaults(run=_import_measurements)

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
    _add_root(digest)
    digest.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="say what waits as of this day instead of today")
    digest.add_argument("--format", choices=("markdown", "json"), default="markdown",
                        help="markdown for a GitHub issue (default), json for tools")
    digest.add_argument("--publish", action="store_true",
                        help="create, update or close the repository's digest issue with gh instead of printing it")
    digest.set_defaults(run=_digest)

    forms = commands.add_parser(
        "forms",
        help="write the GitHub issue forms (propose an idea, new hire) from the playbook",
        description="Write .github/ISSUE_TEMPLATE/propose-idea.yml and new-hire.yml from the playbook and the "
        "schemas: the personas, stages, value propositions, formats, people and tracks they offer are the "
        "playbook's. Run it again after changing those; `hub validate` reports a form that is out of step.",
    )
    _add_root(forms)
    forms.set_defaults(run=_forms)

    propose = commands.add_parser(
        "propose",
        help="turn an issue opened with the content-idea form into a pull request",
        description="Read an issue opened with the form \"Propose a content idea\" (through gh), write the idea "
        "as playbook/content/<slug>.yaml, proposed on the day the issue was opened, and open or update one pull "
        "request from the branch idea/issue-N that closes the issue. An answer that cannot be used is said in one "
        "comment on the issue instead. Exits 0 when the pull request or the comment is written, 1 when gh or git "
        "fail, 2 on a usage error. Run by the workflow propose-idea.yml.",
    )
    _add_root(propose)
    propose.add_argument("--from-issue", required=True, type=_issue_number, metavar="N",
                         help="the number of the issue to read")
    propose.set_defaults(run=_propose)

    init = commands.add_parser(
        "init",
        help="start a new hub in an empty or new folder",
        description="Write a new hub that validates and builds at once: settings, a starter playbook to fill in, "
        "workflows, pull-request templates and editor settings. Existing files are never overwritten. "
        "With --example, write the complete sample hub instead.",
    )
    init.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR",
                      help="the folder to create the hub in (default: the current folder)")
    init.add_argument("--company", default=None, metavar="NAME", help="the company's name, as the site shows it")
    init.add_argument("--repo-url", default=None, metavar="URL",
                      help="the repository's address, such as https://github.com/your-org/revenue-hub")
    init.add_argument("--site-url", default=None, metavar="URL",
                      help="where the site will be published (default for GitHub: https://<owner>.github.io/<name>/)")
    init.add_argument("--audience", default=None, choices=("internet", "members", "sign-in"),
                      help="who should see the site, which decides how the publishing workflow publishes it: "
                      "internet (GitHub Pages, public), members (GitHub Pages with access control, for people who "
                      "can read the repository; GitHub Enterprise Cloud) or sign-in (the built site as a download "
                      "of each run, for your own host behind your company's sign-in; the default)")
    init.add_argument("--no-input", action="store_true", help="never ask: use the defaults for what is not given")
    init.add_argument("--example", action="store_true", help="write the complete sample hub of a fictional company")
    init.set_defaults(run=_init)
    return parser


def _help_of(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """A command that needs one more word: print its help, a usage error."""

    def run(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return run


# The flags of `hub new`, per kind; scaffold.blueprints() says what each accepts.
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


ENGINE_NAMES = ("mkdocs", "properdocs", "zensical")


def _add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINE_NAMES, default="mkdocs",
                        help="the site engine: mkdocs (default, with Material for MkDocs), properdocs or zensical; "
                        "the last two are extras, and the build says how to install one that is missing")


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=lambda text: Path(text).resolve(), default=Path.cwd(), metavar="DIR",
                        help="the hub's root folder, holding playbook/ (default: the current folder)")


def _date(text: str) -> dt.date:
    from hub_build.cli.dates import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _issue_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an issue number")
    return int(text)


def _validate(args: argparse.Namespace) -> int:
    from hub_build.cli.report import FORMATS
    from hub_build.github.forms import stale_forms
    from hub_build.playbook.progress import Progress
    from hub_build.playbook.validation import NotAHub, schema_dir_for, validate_hub

    progress = Progress(sys.stderr, "reading the playbook", "files")
    try:
        result = validate_hub(args.root, today=args.today, progress=progress)
    except NotAHub as exc:
        _error(exc)
        return 2
    finally:
        progress.close()
    if not result.errors:
        # Forms are judged against a valid playbook: a broken record is reported once, at its file.
        result.problems.extend(stale_forms(args.root, result.playbook, schema_dir_for(args.root)))
    print(FORMATS[args.format](result, strict=args.strict))
    return 0 if result.passed(strict=args.strict) else 1


def _pull_request(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a pull request's number, such as 42")
    return int(text)


def _diff(args: argparse.Namespace) -> int:
    from hub_build.cli.diff import run

    return run(args.root, args.base, args.head, comment=args.comment)


def _forms(args: argparse.Namespace) -> int:
    from hub_build.cli.report import problem_lines
    from hub_build.github.forms import form_files, write_forms
    from hub_build.playbook.validation import NotAHub, schema_dir_for, validate_hub

    try:
        result = validate_hub(args.root)
    except NotAHub as exc:
        _error(exc)
        return 2
    if result.errors:
        # A form written from a playbook with a broken record would leave out its choices.
        print(problem_lines(result.errors), file=sys.stderr)
        _error("the playbook has errors, so no form was written", "fix them (hub validate lists them), then run "
               "hub forms again")
        return 1
    changed = write_forms(args.root, result.playbook, schema_dir_for(args.root))
    for file in form_files(result.playbook, schema_dir_for(args.root)):
        print(f"{'Wrote' if file in changed else 'Unchanged'} {file}")
    return 0


def _propose(args: argparse.Namespace) -> int:
    from hub_build.github.gh import CommandFailed
    from hub_build.github.propose import propose_from_issue
    from hub_build.playbook.problems import inert
    from hub_build.playbook.validation import NotAHub

    try:
        outcome = propose_from_issue(args.root, args.from_issue)
    except NotAHub as exc:
        _error(exc)
        return 2
    except CommandFailed as exc:
        _error(exc, "check that gh is signed in (GH_TOKEN) and that the hub's root is the repository's checkout")
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


def _import_measurements(args: argparse.Namespace) -> int:
    from hub_build.cli.measurements import default_file, import_measurements
    from hub_build.cli.report import FORMATS, problem_lines
    from hub_build.playbook.validation import NotAHub, validate_hub
    from hub_build.playbook.writing import WriteRefused

    today = args.today or dt.date.today()
    if not args.file.is_file():
        _error(f"{args.file} is not a file")
        return 2
    try:
        problems, target, count = import_measurements(args.root, args.file, into=args.into or default_file(today),
                                                      today=today)
    except NotAHub as exc:
        _error(exc)
        return 2
    except WriteRefused as exc:
        print(problem_lines([exc.problem]), file=sys.stderr)
        print("hub: nothing was imported", file=sys.stderr)
        return 1
    if problems or count == 0:
        if problems:
            print(problem_lines(problems))
        print(f"hub: nothing was imported{'' if problems else f': {args.file.name} has no results'}",
              file=sys.stderr)
        return 1
    print(f"Imported {count} result{'s' if count != 1 else ''} into {target}")
    result = validate_hub(args.root, today=today)
    print(FORMATS["text"](result, strict=False))
    return 0 if result.passed() else 1


def _build(args: argparse.Namespace) -> int:
    from hub_build.engines.build import BuildStopped, build_site
    from hub_build.engines.catalog import EngineMissing
    from hub_build.engines.site_folder import SiteFolderRefused

    if not _is_site_root(args.root):
        return 2
    if not _lists_the_plugin(args.root):
        return 1
    site_dir = args.site_dir or args.root / "site"
    if _site_folder_refused(args.root, site_dir):
        return 2
    try:
        code = build_site(args.root, site_dir, strict=args.strict, engine=args.engine)
    except EngineMissing as exc:
        _error(exc)
        return 2
    except SiteFolderRefused as exc:
        _refused_folder(f"hub: error: {exc}; nothing was built", exc.hint)
        return 2
    except (KeyboardInterrupt, BuildStopped):
        print("hub: the build was stopped; the previous site was left as it was", file=sys.stderr)
        return 130
    if code == 0:
        print(f"hub: site built in {site_dir}")
    else:
        print("hub: the build failed; the previous site was left as it was", file=sys.stderr)
    return 0 if code == 0 else 1


def _serve(args: argparse.Namespace) -> int:
    from hub_build.engines.build import AddressInUse, serve_site

    if not _is_site_root(args.root) or _site_folder_refused(args.root, None, outcome="nothing was served"):
        return 2
    if not _lists_the_plugin(args.root):
        return 1
    from hub_build.engines.catalog import EngineMissing

    try:
        return serve_site(args.root, dev_addr=args.dev_addr, engine=args.engine)
    except EngineMissing as exc:
        _error(exc)
        return 2
    except AddressInUse as exc:
        print(f"hub: error: {exc}; serve on another address with --dev-addr, for example "
              f"--dev-addr 127.0.0.1:8001", file=sys.stderr)
        return 1


def _export(args: argparse.Namespace) -> int:
    from hub_build.cli.report import problem_lines
    from hub_build.engines.export import ExportFailed, export_site
    from hub_build.engines.site_folder import SiteFolderRefused

    if not _is_site_root(args.root):
        return 2
    try:
        export = export_site(args.root, args.dir, zensical=args.engine == "zensical")
    except SiteFolderRefused as exc:
        _refused_folder(f"hub: error: {exc}; nothing was exported", exc.hint)
        return 2
    except ExportFailed as exc:
        if exc.problems:
            print(problem_lines(exc.problems), file=sys.stderr)
        _error(f"{exc}; nothing was exported")
        return 1
    print(f"hub: exported {export.pages} generated pages and {len(export.files)} files in all to {args.dir}")
    print(f"Build it with: cd {args.dir} && {args.engine} build")
    return 0


def _plan(args: argparse.Namespace) -> int:
    from hub_build.cli.onboarding import PlanRefused, write_plan
    from hub_build.cli.report import problem_lines
    from hub_build.playbook.validation import NotAHub

    try:
        written = write_plan(args.root, args.track, args.start, name=args.name, folder=args.output_dir)
    except NotAHub as exc:
        _error(exc)
        return 2
    except PlanRefused as exc:
        print(problem_lines(exc.problems), file=sys.stderr)
        print("hub: error: no plan was written", file=sys.stderr)
        return 1
    for note in written.notes:
        print(note)
    print(f"Wrote {written.calendar} ({written.events} events) and {written.welcome}")
    return 0


def _digest(args: argparse.Namespace) -> int:
    from hub_build.cli import digest
    from hub_build.playbook.validation import NotAHub

    if args.publish and args.format != "markdown":
        _error("--publish writes the Markdown digest to an issue", "leave out --format json")
        return 2
    try:
        return digest.run(args.root, today=args.today or dt.date.today(), output=args.format, publish=args.publish)
    except NotAHub as exc:
        _error(exc)
        return 2

def _site_folder_refused(root: Path, given: Path | None, *, outcome: str = "nothing was built") -> bool:
    """Say why the site may not be written where it would be, if it may not: in mkdocs.yml's site_dir, or `given`."""
    from hub_build.engines import site_folder

    configured = site_folder.configured(root)
    if configured is not None:
        value, line, column = configured
        reason = site_folder.refusal(root, root / value, shown=value)
        if reason is not None:
            _refused_folder(f"mkdocs.yml:{line}:{column}: error: site_dir: {reason}; {outcome}",
                            site_folder.HINT)
            return True
    reason = site_folder.refusal(root, given) if given is not None else None
    if reason is not None:
        _refused_folder(f"hub: error: {reason}; {outcome}", site_folder.HINT)
    return reason is not None


def _refused_folder(line: str, hint: str) -> None:
    from hub_build.playbook.problems import inert

    print(inert(line), file=sys.stderr)
    print(f"    hint: {inert(hint)}", file=sys.stderr)


def _is_site_root(root: Path) -> bool:
    if (root / "mkdocs.yml").is_file():
        return True
    _error(f"{root} has no mkdocs.yml: run this in the root of a hub, or pass --root",
           "to start a new hub in this folder, run `hub init`")
    return False


def _lists_the_plugin(root: Path) -> bool:
    """Refuse, before any engine starts, a mkdocs.yml with which it would build a site without the playbook.

    Zensical builds the export, which needs no plugin; the rule is the same on every engine,
    so that a hub switching engines never finds its playbook gone.
    """
    from hub_build.cli.report import problem_lines
    from hub_build.engines.export import missing_plugin

    problem = missing_plugin(root)
    if problem is None:
        return True
    print(problem_lines([problem]), file=sys.stderr)
    return False


def _new(args: argparse.Namespace) -> int:
    from hub_build.cli.report import problem_lines
    from hub_build.playbook.validation import NotAHub, schema_dir_for, validate_hub
    from hub_build.playbook.writing import WriteRefused, check_inside, create
    from hub_build.site.new_records import Refused, accept, blueprints, render, target_path

    try:
        before = validate_hub(args.root)
    except NotAHub as exc:
        _error(exc)
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
        _error(exc, exc.hint)
        return 2
    file = path.relative_to(args.root).as_posix()
    text = render(blueprint, answers, today=dt.date.today(), root=args.root, path=path)
    try:
        check_inside(args.root, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        create(path, text.encode("utf-8"))
    except WriteRefused as exc:
        print(problem_lines([exc.at(file).problem]), file=sys.stderr)
        return 1
    try:
        problems = [p for p in validate_hub(args.root).problems if p.file == file]
    except KeyboardInterrupt:
        path.unlink()  # a file that was never checked is not left behind
        raise
    if problems:
        path.unlink()
        print(problem_lines(problems), file=sys.stderr)
        print("hub: error: the new file did not validate, so it was not kept", file=sys.stderr)
        return 1
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


def _error(message: object, hint: str | None = None) -> None:
    """A refusal with no position in a file, on stderr: `hub: error: …` and its hint, inert like every message."""
    from hub_build.playbook.problems import inert

    print(inert(f"hub: error: {message}"), file=sys.stderr)
    if hint:
        print(inert(f"    hint: {hint}"), file=sys.stderr)


def _init(args: argparse.Namespace) -> int:
    import shlex

    from hub_build.cli import init as starter
    from hub_build.cli.report import problem_lines
    from hub_build.engines.installation import WHEELS, running_origin
    from hub_build.playbook.writing import WriteRefused

    target: Path = args.dir.resolve()
    shown = args.dir.as_posix().rstrip("/") + "/"
    if target.exists() and not target.is_dir():
        print(f"hub: error: {shown.rstrip('/')} is a file, not a folder", file=sys.stderr)
        return 2
    answers = None
    origin = running_origin()
    try:
        if args.example:
            if args.company or args.repo_url or args.site_url:
                raise starter.Refused("--example writes the sample as it is: "
                                      "leave out --company, --repo-url and --site-url")
            files = starter.example_files(origin=origin)
        else:
            answers = starter.gather(company=args.company, repo_url=args.repo_url, site_url=args.site_url,
                                     audience=args.audience, ask=None if args.no_input else input)
            files = starter.starter_files(answers, today=dt.date.today(), origin=origin)
    except starter.Refused as exc:
        _error(exc)
        return 2
    taken = starter.existing(target, files)
    if taken:
        print(f"hub: error: {shown} already has {len(taken)} of the files hub init writes, so nothing was written:",
              file=sys.stderr)
        print("\n".join(f"  {file}" for file in taken), file=sys.stderr)
        print("    hint: choose a new or empty folder, or move these files out of the way", file=sys.stderr)
        return 1
    try:
        starter.write(target, files)
    except WriteRefused as exc:
        print(problem_lines([exc.at(f"{shown}{exc.place}").problem]), file=sys.stderr)
        return 1
    move = "" if target == Path.cwd() else f"cd {shown.rstrip('/')} && "
    wheel = starter.fetch_wheel(origin, f"{shown}{WHEELS}")
    indent = " " * 21
    install = (f"requirements.txt installs the hub from {shown}{WHEELS}/: put it there first:\n"
               f"{indent}mkdir -p {shlex.quote(shown + WHEELS)} && {wheel}") if wheel else (
               f"the workflows install this same hub, as requirements.txt says:\n{indent}{origin.requirement()}")
    if answers is None:
        print(f"Wrote the sample hub to {shown}: {len(files)} files.")
        print(f"\nPreview it: {move}hub serve   (then open http://127.0.0.1:8000/)")
        print(f"Install:    {install}")
        return 0
    print(f"Created a hub for {answers.company} in {shown}: {len(files)} files.")
    print(_INIT_NEXT_STEPS.format(move=move, remote=answers.repo_url or "<your repository's address>",
                                  install=install, publish=_publish_step(answers.audience, answers.site_url)))
    return 0


def _publish_step(audience: str, site_url: str | None) -> str:
    """What to do once the hub is pushed, for who should see it."""
    if audience == "sign-in":
        return ("every push to main builds the site, kept as the run's \"site\" download in the\n"
                "                     Actions tab: put it on your company's host behind its sign-in\n"
                "                     (.github/workflows/publish.yml says how to deploy it from there).")
    where = f"at {site_url}" if site_url else "on GitHub Pages"
    step = ("in the repository's Settings > Pages, set Source to \"GitHub Actions\":\n"
            f"                     every push to main then publishes the site {where}.")
    if audience == "members":
        step += ("\n                     Set its visibility to Private there (GitHub Enterprise Cloud):"
                 "\n                     otherwise anyone on the internet can read it.")
    return step


_INIT_NEXT_STEPS = """
Next steps:
  1. Preview it:     {move}hub serve   (then open http://127.0.0.1:8000/)
  2. Fill it in:     every "To fill in" in playbook/narrative.yaml and playbook/sla.yaml,
                     and the two placeholder people in playbook/people/ (hub new person).
                     hub validate checks every change.
  3. Install in CI:  {install}
  4. Put it in Git:  git init -b main && git add . && git commit -m "Start the hub"
  5. Push it:        create an empty repository on GitHub, then
                     git remote add origin {remote}
                     git push -u origin main
  6. Publish it:     {publish}
  7. Name reviewers: replace the placeholder handles in .github/CODEOWNERS.
  8. Let reps propose with a form: gh label create content-idea && gh label create new-hire,
                     and in Settings > Actions > General allow GitHub Actions to create pull
                     requests (README: "Propose an idea from a form"; run hub forms after
                     changing the personas, stages, formats, people or tracks)."""
