"""How the plugin tells the playbook's problems: logged as MkDocs logs, stopping a build,
or, under `hub serve` with a last good site, shown over the pages they concern."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from mkdocs.exceptions import PluginError

from hub_build.engines.export import refused_links
from hub_build.engines.rebuilds import Rebuilds
from hub_build.playbook.problems import Problem
from hub_build.playbook.progress import Progress
from hub_build.playbook.validation import NotAHub, Result, summary, validate_hub
from hub_build.site.description import SiteDescription
from hub_build.site.links import HOME

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def validated(root: Path, today: dt.date, rebuilds: Rebuilds | None, *, keep_going: bool) -> Result:
    """Validate as `hub validate` does; log every problem, and stop the build on errors
    (unless `keep_going`: there is a last good site to serve)."""
    try:
        with _told(Progress(sys.stderr, "reading the playbook", "files")) as progress:
            result = validate_hub(
                root, today=today, documents=rebuilds.documents if rebuilds else None, progress=progress
            )
    except NotAHub as exc:
        raise PluginError(str(exc)) from None
    # Reminders are logged as information, which `--strict` does not count:
    # what falls due with time is shown on the pages, never a failed build.
    reminders = set(map(id, result.reminders))
    told = rebuilds.reminders_told if rebuilds else frozenset()
    for problem in result.problems:
        line = problem.one_line()
        if problem.is_error:
            log.error(line)
        elif id(problem) not in reminders:
            log.warning(line)
        elif line not in told:
            log.info("reminder: %s", line)
    if rebuilds is not None:
        # Under `hub serve`, a save tells only the reminders it brings: the terminal of a large
        # hub would otherwise fill with the same thousands of lines at every save.
        now = frozenset(problem.one_line() for problem in result.reminders)
        if told and len(now & told):
            log.info("reminder: %d as at the last save; `hub validate` lists them all", len(now & told))
        rebuilds.reminders_told = now
    if result.errors and not keep_going:
        raise PluginError(f"the playbook has errors: {summary(result)}")
    if result.errors:
        log.error("the playbook has errors: %s; the site shows the last version without them", summary(result))
    return result


def outside_links(root: Path, docs_dir: Path, custom_dir: Path | None, *, keep_going: bool) -> list[Problem]:
    """The links in docs/ and the theme's overrides that lead out of the repository, each logged;
    the build stops on them (unless `keep_going`: there is a last good site to serve)."""
    problems = refused_links(root, docs_dir, custom_dir)
    for problem in problems:
        log.error(problem.one_line())
    if problems and not keep_going:
        raise PluginError(f"{len(problems)} symbolic link(s) lead out of the repository: nothing was built")
    return problems


def flagged(site: SiteDescription, problems: list[Problem]) -> dict[str, list[Problem]]:
    """The pages that show the errors: each file's own page, and the home page all of them."""
    if not problems:
        return {}
    shown: dict[str, list[Problem]] = {HOME: problems}
    for page in site.pages:
        own = [p for p in problems if p.file == page.source]
        if own and page.uri != HOME:
            shown[page.uri] = own
    return shown


def notice(problems: list[Problem]) -> str:
    """A notice over the page, in the theme's look; every part of it escaped as text."""
    items = "".join(f"<li><code>{html.escape(p.one_line())}</code></li>" for p in problems)
    return (
        '<div class="admonition failure" role="alert"><p class="admonition-title">'
        "The playbook has an error: this page shows the last version without it</p>"
        f"<ul>{items}</ul></div>"
    )


@contextlib.contextmanager
def _told(progress: Progress) -> Iterator[Progress]:
    try:
        yield progress
    finally:
        progress.close()
