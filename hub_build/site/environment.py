"""The templates' environment: the sandbox every template renders in, the hub's overrides first,
the filters and globals templates use, and a failing template said at its own file and line."""

from __future__ import annotations

import datetime as dt
import functools
import os
import traceback
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from hub_build.playbook.loading import LoadError, decode
from hub_build.playbook.problems import Problem
from hub_build.playbook.review import DUE_SOON_DAYS
from hub_build.site import abbreviations, linked, sandbox, scorecard_view, text
from hub_build.site.compiled import compiled_templates
from hub_build.site.links import SLA_SECTIONS, idea_uri, status_uri
from hub_build.site.sandbox import BoundedSandbox, OverBudget

TEMPLATES = Path(__file__).resolve().parent / "templates"


# The board on the calendar page shows at most this many ideas in each status.
BOARD_SHOWN = 25


class TemplateFailed(Exception):
    """A template could not be read or rendered; carries the problem to report (and any others found with it)."""

    def __init__(self, problem: Problem, *others: Problem) -> None:
        super().__init__(f"{problem.file}:{problem.line}:{problem.column}: {problem.message}")
        self.problem = problem
        self.problems = (problem, *others)


def environment(custom: Path | None = None, *, root: Path | None = None) -> jinja2.Environment:
    """Templates from the hub's own folder first, then the ones shipped here.

    Kept for the life of the process while the set of override files stays the
    same: compiling the templates is most of the cost of rendering a small hub,
    and the loader still notices a template edited on disk (as under `hub serve`).
    """
    present = _overrides(custom, root) if custom is not None and custom.is_dir() else None
    return _environment(custom if present is not None else None, present, root)


def _overrides(folder: Path, root: Path | None) -> tuple[str, ...]:
    """The override files, each checked to be a regular file (a pipe would block the template
    loader) of UTF-8 text (the loader's own error names neither the file nor the place); and
    no link, at any depth, leading out of the repository (a template may include any file)."""
    links = linked.refused_links(folder, root or folder)
    if links:
        raise TemplateFailed(*links)
    names = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not entry.is_file():  # follows links: a link to a regular file is fine
            if entry.is_dir(follow_symlinks=False):
                continue
            raise TemplateFailed(
                Problem(
                    shown_template(entry.path, root),
                    1,
                    1,
                    "not a regular file, so it is not read as a template",
                    hint="template overrides are ordinary text files: remove this one",
                )
            )
        try:
            decode(Path(entry.path).read_bytes(), shown_template(entry.path, root))
        except LoadError as exc:
            raise TemplateFailed(exc.problem) from None
        names.append(entry.name)
    return tuple(names)


@functools.lru_cache(maxsize=8)
def _environment(custom: Path | None, present: tuple[str, ...] | None, root: Path | None) -> jinja2.Environment:
    """Sandboxed and immutable: a template a pull request adds to the hub's
    overrides can format the playbook's data, but cannot reach Python's
    internals or change the data other pages are rendered from; and bounded,
    so that it cannot run or write without end.
    """
    folders = [str(p) for p in (custom, TEMPLATES) if p is not None and p.is_dir()]
    env = BoundedSandbox(
        loader=_OverridesLoader(folders, custom, root or custom),
        bytecode_cache=compiled_templates("pages"),  # compiled by an earlier build (compiled.py)
        # Every value printed with {{ }} is literal text unless a filter below
        # says it is Markdown; playbook text is never itself a template.
        finalize=_finalize,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        abbreviation_anchor=abbreviations.anchor,
        md=text.markdown,
        url=text.url,
        plain=text.plain,
        day=day,
        month=month,
        join=_join,
        counted=_counted,
        weekday=_weekday,
        figure=scorecard_view.figure,
    )
    env.globals.update(
        idea_uri=idea_uri,
        due_soon_days=DUE_SOON_DAYS,
        region=region,
        next_steps=scorecard_view.NEXT_STEPS,
        sla_sections=SLA_SECTIONS,
        recent=scorecard_view.RECENT,
        teams=("marketing", "sales"),
        section_break=section_break,
        chunk_end=chunk_end,
        status_uri=status_uri,
        board_shown=BOARD_SHOWN,
    )
    return env


class _OverridesLoader(jinja2.FileSystemLoader):
    """Jinja's loader, refusing an override read through a link out of the repository: a second
    guard, for a link made after the overrides were looked over."""

    def __init__(self, folders: list[str], custom: Path | None, root: Path | None) -> None:
        super().__init__(folders)
        self.custom, self.root = custom, root

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        path = Path(filename)
        if (
            self.custom is not None
            and self.root is not None
            and path.is_relative_to(self.custom)
            and linked.leaves(path, self.root)
        ):
            raise TemplateFailed(linked.refused(path, self.root))
        return source, filename, uptodate


def _join(items: Iterable[object], separator: object = "") -> Markup:
    """Jinja's join, escaping each item as literal text unless it already is Markup."""
    return Markup(_finalize(separator)).join(_finalize(item) for item in items)


def _finalize(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return text.plain(value)


def _counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 | counted("term")` → "1 term"; `3 | counted("person", "people")` → "3 people"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def day(value: dt.date | None) -> str:
    # The day without its leading zero: strftime has no portable flag for it (glibc alone has one).
    return f"{value.day} {value:%b %Y}" if value else ""


def _weekday(value: dt.date | None) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}" if value else ""


def month(value: dt.date) -> str:
    return value.strftime("%B %Y")


# Where a template ends a section: a character no YAML file can hold (YAML allows no
# control characters but tab and line breaks), so no playbook text can end one.
SECTION_BREAK = "\x1e"


# A long list is cut after about one record in CHUNK, chosen by the record's id rather
# than by its place, so that adding or removing a record moves no other cut.
CHUNK = 32


def section_break() -> Markup:
    return Markup(SECTION_BREAK)


def chunk_end(key: str, every: int = CHUNK) -> Markup:
    """A section break after the record with this id, for about one record in `every`."""
    return Markup(SECTION_BREAK) if zlib.crc32(key.encode("utf-8")) % every == 0 else Markup("")


TEMPLATE_HINT = "fix the template, or delete it to use the built-in one"


def template_frame(exc: BaseException, template: str) -> tuple[str, int]:
    """The innermost template line in the traceback (Jinja maps its frames to template lines).

    A template's frame is known by what Jinja puts in the globals of the frames it
    writes for template lines, not by its file's name: an override may include a file
    of any name.
    """
    found = (template, 1)
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if "__jinja_exception__" in frame.f_globals:
            found = (frame.f_code.co_filename, line)
    return found


def budget_hint(seconds: float) -> str:
    return (
        f"each page's template has {sandbox.seconds(seconds)} (template_seconds in hub.yaml): "
        "make its loops and macros do less work, or delete it to use the built-in one"
    )


def template_error(exc: Exception) -> str:
    if isinstance(exc, OverBudget):
        return f"the template {exc}"
    if isinstance(exc, SecurityError):
        return f"not allowed in a template: {exc}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"undefined value: {exc.message}"
    return f"the template failed: {type(exc).__name__}: {exc}"


def template_problem(filename: str, line: int | None, message: str, hint: str, root: Path | None) -> Problem:
    first_line = message.splitlines()[0] if message else "failed"
    return Problem(shown_template(filename, root), line or 1, 1, first_line, hint=hint)


def shown_template(filename: str, root: Path | None) -> str:
    """A template's path as the maintainer knows it: from the hub's root, or inside hub_build."""
    path = Path(filename)
    if path.is_relative_to(TEMPLATES):
        return f"hub_build/site/templates/{path.relative_to(TEMPLATES).as_posix()}"
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix()


# The area of an IANA time zone ("Europe/Berlin") is where a person works, near
# enough to filter by: no field to fill in, and right for every hub.
_REGIONS = {
    "America": "Americas",
    "Europe": "Europe",
    "Africa": "Africa",
    "Asia": "Asia",
    "Australia": "Australia and Oceania",
    "Pacific": "Australia and Oceania",
    "Atlantic": "Atlantic",
    "Indian": "Indian Ocean",
    "Antarctica": "Antarctica",
}


def region(time_zone: str) -> str:
    """The region a time zone is in, or "Other" (UTC, Etc/GMT+2…)."""
    return _REGIONS.get(time_zone.split("/", 1)[0], "Other")
