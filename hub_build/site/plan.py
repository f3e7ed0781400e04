"""A new hire's onboarding plan: a track's steps on real dates, as events and as a checklist.

The track page hands these steps to the browser, which lays them on the start
date the hire picks; `hub plan` writes them as a Markdown welcome plan and, with
plan_calendar.py, as an iCalendar file for a manager to send. Both count working days the same way
(playbook/workdays.py) and describe each event in the same words.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import jinja2

from hub_build.playbook.config import Holiday
from hub_build.playbook.model import Playbook, Step, Track
from hub_build.playbook.workdays import working_day_dates
from hub_build.site.sandbox import DEFAULT_SECONDS, budget

# Steps that take the hire's time with someone: these become calendar events.
EVENT_ACTIONS = ("meet", "shadow", "attend")
MODES = {"in-person": "in person", "live-call": "on a live call", "async": "asynchronously (messages or a recording)"}


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One step of a track, said in words a hire and a calendar understand."""

    key: str  # stable across edits of other steps: what the browser remembers a tick by
    day: int
    action: str
    title: str  # "Meet Kenji Watanabe"
    details: str  # who, why, what to ask, how
    track_title: str

    @property
    def is_event(self) -> bool:
        return self.action in EVENT_ACTIONS

    @property
    def event_details(self) -> str:
        """The details, and where they come from: a calendar shows the event alone."""
        return f"{self.details}\n\nOnboarding: {self.track_title}, day {self.day}"


def plan_steps(track: Track, playbook: Playbook, page_names: Mapping[str, str]) -> list[PlanStep]:
    """The track's steps in day order, each with its title and description.

    `page_names` says what each page a step can ask to read is called ("the glossary").
    """
    seen: Counter[str] = Counter()
    steps = []
    for step in sorted(track.steps, key=lambda s: (s.day, s.index)):
        base = f"{step.day}-{step.action}-{step.subject}"
        seen[base] += 1
        key = base if seen[base] == 1 else f"{base}-{seen[base]}"
        steps.append(
            PlanStep(
                key,
                step.day,
                step.action,
                step_title(step, playbook, page_names),
                _details(step, playbook),
                track.title,
            )
        )
    return steps


def step_title(step: Step, playbook: Playbook, page_names: Mapping[str, str]) -> str:
    """What a step asks, with names for what it names: \"Attend Weekly pipeline sync\", never an id."""
    if step.action in ("meet", "shadow"):
        person = playbook.people.get(step.subject)
        return f"{step.action.capitalize()} {person.name if person else step.subject}"
    if step.action == "attend":
        clause = next((c for c in playbook.sla.clauses if c.id == step.subject), None) if playbook.sla else None
        return f"Attend {clause.title if clause else step.subject}"
    return f"Read {page_names.get(step.subject, step.subject)}"


def _details(step: Step, playbook: Playbook) -> str:
    lines: list[str] = []
    person = playbook.people.get(step.subject) if step.action in ("meet", "shadow") else None
    if person:
        lines.append(f"{person.name}, {person.role} ({person.team}) <{person.email}>")
    if step.why:
        lines += ["", f"Why: {_flat(step.why)}"]
    if step.focus:
        lines += ["", _flat(step.focus)]
    if step.ask:
        lines += ["", "What to ask:", "", *(f"- {question}" for question in step.ask)]
    if step.mode:
        lines += ["", f"How: {MODES.get(step.mode, step.mode)}"]
    return "\n".join(lines).strip()


def _flat(text: str) -> str:
    return " ".join(text.split())


def dated(steps: list[PlanStep], start: dt.date, holidays: tuple[Holiday, ...]) -> list[tuple[dt.date, PlanStep]]:
    """Each step on its date, for a hire whose first day is `start` (or the next working day)."""
    dates = working_day_dates(start, (s.day for s in steps), {h.date for h in holidays})
    return [(dates[s.day], s) for s in steps]


def browser_data(track: Track, steps: list[PlanStep], holidays: tuple[Holiday, ...]) -> str:
    """What the track page's script needs, as JSON in an HTML attribute.

    Every character that Markdown, a link guard or HTML could read as syntax is a
    character reference, so the value reaches the script exactly as written and
    the script only ever parses it as JSON.
    """
    data = {
        "track": track.id,
        "title": track.title,
        "holidays": [h.date.isoformat() for h in holidays],
        "steps": [
            {"key": s.key, "day": s.day, "title": s.title, "event": s.is_event, "details": s.event_details}
            for s in steps
        ],
    }
    return _attribute(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


_ATTRIBUTE_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-")


def _attribute(value: str) -> str:
    return "".join(c if c in _ATTRIBUTE_SAFE else f"&#{ord(c)};" for c in value)


def welcome_markdown(
    env: jinja2.Environment,
    track: Track,
    steps: list[tuple[dt.date, PlanStep]],
    *,
    name: str | None,
    holidays: tuple[Holiday, ...],
) -> str:
    """The welcome plan for one hire, as Markdown, from the `plan.md.j2` template of `env` (see pages.environment)."""
    days: dict[dt.date, list[PlanStep]] = {}
    for date, step in steps:
        days.setdefault(date, []).append(step)
    first, last = (steps[0][0], steps[-1][0]) if steps else (None, None)
    within = [h for h in holidays if first and last and first <= h.date <= last]
    # A hub's override of plan.md.j2 is bounded as the pages' templates are (see sandbox.py).
    with budget(DEFAULT_SECONDS):
        return env.get_template("plan.md.j2").render(
            track=track, name=name, days=list(days.items()), first_day=first, holidays=within
        )
