"""`hub init`: a new hub that validates and builds at once, or the complete sample."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from hub_build.cli.options import Commands, error


def register(commands: Commands) -> None:
    init = commands.add_parser(
        "init",
        help="start a new hub in an empty or new folder",
        description="Write a new hub that validates and builds at once: settings, a starter playbook to fill in, "
        "workflows, pull-request templates and editor settings. Existing files are never overwritten. "
        "With --example, write the complete sample hub instead.",
    )
    init.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the folder to create the hub in (default: the current folder)",
    )
    init.add_argument("--company", default=None, metavar="NAME", help="the company's name, as the site shows it")
    init.add_argument(
        "--repo-url",
        default=None,
        metavar="URL",
        help="the repository's address, such as https://github.com/your-org/revenue-hub",
    )
    init.add_argument(
        "--site-url",
        default=None,
        metavar="URL",
        help="where the site will be published (default for GitHub: https://<owner>.github.io/<name>/)",
    )
    init.add_argument(
        "--audience",
        default=None,
        choices=("internet", "members", "sign-in"),
        help="who should see the site, which decides how the publishing workflow publishes it: "
        "internet (GitHub Pages, public), members (GitHub Pages with access control, for people who "
        "can read the repository; GitHub Enterprise Cloud) or sign-in (the built site as a download "
        "of each run, for your own host behind your company's sign-in; the default)",
    )
    init.add_argument("--no-input", action="store_true", help="never ask: use the defaults for what is not given")
    init.add_argument("--example", action="store_true", help="write the complete sample hub of a fictional company")
    init.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
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
                raise starter.Refused(
                    "--example writes the sample as it is: leave out --company, --repo-url and --site-url"
                )
            files = starter.example_files(origin=origin)
        else:
            answers = starter.gather(
                company=args.company,
                repo_url=args.repo_url,
                site_url=args.site_url,
                audience=args.audience,
                ask=None if args.no_input else input,
            )
            files = starter.starter_files(answers, today=dt.date.today(), origin=origin)
    except starter.Refused as exc:
        error(exc)
        return 2
    taken = starter.existing(target, files)
    if taken:
        print(
            f"hub: error: {shown} already has {len(taken)} of the files hub init writes, so nothing was written:",
            file=sys.stderr,
        )
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
    install = (
        (
            f"requirements.txt installs the hub from {shown}{WHEELS}/: put it there first:\n"
            f"{indent}mkdir -p {shlex.quote(shown + WHEELS)} && {wheel}"
        )
        if wheel
        else (f"the workflows install this same hub, as requirements.txt says:\n{indent}{origin.requirement()}")
    )
    if answers is None:
        print(f"Wrote the sample hub to {shown}: {len(files)} files.")
        print(f"\nPreview it: {move}hub serve   (then open http://127.0.0.1:8000/)")
        print(f"Install:    {install}")
        return 0
    print(f"Created a hub for {answers.company} in {shown}: {len(files)} files.")
    print(
        _INIT_NEXT_STEPS.format(
            move=move,
            remote=answers.repo_url or "<your repository's address>",
            install=install,
            publish=_publish_step(answers.audience, answers.site_url),
        )
    )
    return 0


def _publish_step(audience: str, site_url: str | None) -> str:
    """What to do once the hub is pushed, for who should see it."""
    if audience == "sign-in":
        return (
            'every push to main builds the site, kept as the run\'s "site" download in the\n'
            "                     Actions tab: put it on your company's host behind its sign-in\n"
            "                     (.github/workflows/publish.yml says how to deploy it from there)."
        )
    where = f"at {site_url}" if site_url else "on GitHub Pages"
    step = (
        'in the repository\'s Settings > Pages, set Source to "GitHub Actions":\n'
        f"                     every push to main then publishes the site {where}."
    )
    if audience == "members":
        step += (
            "\n                     Set its visibility to Private there (GitHub Enterprise Cloud):"
            "\n                     otherwise anyone on the internet can read it."
        )
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
