"""`hub plan`: a new hire's onboarding plan, written for a manager to send."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from hub_build.cli.dates import parse_day
from hub_build.playbook.config import CONFIG_FILE
from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.model import Track
from hub_build.playbook.problems import Problem
from hub_build.playbook.validation import Result, validate_hub
from hub_build.playbook.workdays import is_working_day
from hub_build.playbook.writing import WriteRefused, replace
from hub_build.site import plan
from hub_build.site.environment import environment
from hub_build.site.links import PAGE_NAMES
from hub_build.site.new_records import slugify
from hub_build.site.plan_calendar import ics
from hub_build.site.schema_links import site_url_of


class PlanRefused(Exception):
    """The track, the start date or the hub's settings do not allow a plan; carries what to report."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(slots=True)
class WrittenPlan:
    calendar: Path
    welcome: Path
    events: int
    notes: list[str] = field(default_factory=list)


def write_plan(
    root: Path, track_id: str, start_text: str, *, name: str | None, folder: Path, stamp: dt.datetime | None = None
) -> WrittenPlan:
    """Write the .ics and the Markdown welcome plan for one hire into `folder`. Raises PlanRefused."""
    start, result, track = _prepare(root, track_id, start_text)
    try:
        steps = plan.dated(plan.plan_steps(track, result.playbook, PAGE_NAMES), start, result.config.holidays)
        env = environment(root / "overrides" / "hub", root=root)
        welcome = plan.welcome_markdown(env, track, steps, name=name, holidays=result.config.holidays)
        calendar = ics(track, steps, start=start, name=name, stamp=stamp or dt.datetime.now(dt.UTC))
    except OverflowError:
        raise _refused(
            "--start",
            f"a plan starting {start.isoformat()} would run past the year 9999",
            "check the year of the hire's first day",
        ) from None
    stem = f"onboarding-{track.id}-{slugify(name) if name and slugify(name) else start.isoformat()}"
    written = WrittenPlan(folder / f"{stem}.ics", folder / f"{stem}.md", sum(s.is_event for _d, s in steps))
    _write(
        folder,
        {written.calendar: calendar, written.welcome: welcome.encode("utf-8")},
        track_file=f"{PLAYBOOK}/onboarding/{track_id}.yaml",
    )
    holidays = {h.date for h in result.config.holidays}
    if steps and not is_working_day(start, holidays):
        day = steps[0][0]
        first = f"{day:%A} {day.day} {day:%B %Y}"
        written.notes.append(f"{start.isoformat()} is not a working day: day 1 is {first}")
    return written


def github_checklist(root: Path, track_id: str, start_text: str) -> str:
    """The plan as Markdown for a GitHub issue: a task list per working day. Raises PlanRefused."""
    from hub_build.github.onboarding_issue import checklist

    start, result, track = _prepare(root, track_id, start_text)
    try:
        return checklist(track, result.playbook, start, result.config.holidays, site_url=site_url_of(root))
    except OverflowError:
        raise _refused(
            "--start",
            f"a plan starting {start.isoformat()} would run past the year 9999",
            "check the year of the hire's first day",
        ) from None


def write_checklist(path: Path, markdown: str) -> None:
    """Write the checklist at `path`, replacing a file there; a link at its name is refused. Raises PlanRefused."""
    try:
        replace(path, markdown.encode("utf-8"))
    except WriteRefused as exc:
        raise PlanRefused([exc.at(str(path)).problem]) from None
    except OSError as exc:
        raise _refused("--output", f"{path} cannot be written: {exc.strerror}", "give a file you can write") from None


def _prepare(root: Path, track_id: str, start_text: str) -> tuple[dt.date, Result, Track]:
    """The first day, the validated hub and the track, or PlanRefused."""
    start = _start(start_text)
    result = validate_hub(root, today=start)
    # Wrong holidays would move every date silently: a broken hub.yaml stops the plan.
    settings = [p for p in result.errors if p.file == CONFIG_FILE]
    if settings:
        raise PlanRefused(settings)
    return start, result, _track(result, track_id)


def _start(text: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError as exc:
        hint = "write the hire's first day as YYYY-MM-DD, for example --start 2027-01-04"
        raise PlanRefused([Problem("--start", 1, 1, str(exc), hint=hint)]) from None


def _write(folder: Path, files: dict[Path, bytes], *, track_file: str) -> None:
    """Write both files of the plan, or neither; a plan written before is replaced, a link at its name refused.

    The folder is the user's choice and may lie outside the hub.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _refused(
            "--output-dir",
            f"{folder} is a file, not a folder",
            "give a folder for the plan, or leave --output-dir out to write it in the current folder",
        ) from None
    except OSError as exc:
        raise _refused(
            "--output-dir", f"{folder} cannot be made: {exc.strerror}", "give a folder you can write in"
        ) from None
    new = [path for path in files if not os.path.lexists(path)]
    try:
        for path, data in files.items():
            replace(path, data)
    except WriteRefused as exc:
        _remove(new)
        raise PlanRefused([exc.at(str(path)).problem]) from None
    except OSError as exc:
        _remove(new)
        if exc.errno == errno.ENAMETOOLONG:
            raise _refused(
                track_file,
                f"the plan's file name, {path.name}, is longer than this system allows",
                "give the track a shorter file name in playbook/onboarding/",
            ) from None
        raise _refused(
            "--output-dir", f"{path} cannot be written: {exc.strerror}", "give a folder you can write in"
        ) from None
    except BaseException:
        _remove(new)
        raise


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _refused(place: str, message: str, hint: str) -> PlanRefused:
    return PlanRefused([Problem(place, 1, 1, message, hint=hint)])


def _track(result: Result, track_id: str) -> Track:
    file = f"{PLAYBOOK}/onboarding/{track_id}.yaml"
    if track_id in result.playbook.tracks:
        return result.playbook.tracks[track_id]
    own = [p for p in result.errors if p.file == file]
    if own:
        raise PlanRefused(own)  # the track exists but does not validate: its own problems say why
    known = sorted(result.playbook.tracks)
    close = difflib.get_close_matches(track_id, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    hint += f"the tracks are: {', '.join(known)}" if known else f"add a track in {PLAYBOOK}/onboarding/"
    raise PlanRefused([Problem(file, 1, 1, f"there is no onboarding track '{track_id}'", hint=hint)])
