"""A new hire's onboarding as a GitHub issue: the dated checklist, and the "New hire" issue turned into it.

`checklist` writes a track laid on real dates (working days, as playbook/workdays.py
counts them) as Markdown for an issue: a heading per day with its date written
out, a task-list item per step, the person to meet @-mentioned by their `github`
username. Playbook text is data: it goes through digest.inert, so a name or a
title shows as written and mentions nobody.

`onboard_from_issue` reads an issue opened with the New hire form (forms.py) and
turns it into that hire's onboarding issue: its title, its body (the checklist
under a short introduction), the hire and the manager as assignees, the label
`onboarding`. An answer it cannot use is said in one comment on the issue, and
nothing else changes, so editing the issue and running it again fixes it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from hub_build.github.complaints import Complaint, comment
from hub_build.github.digest import inert
from hub_build.github.forms import NEW_HIRE_FORM, choices
from hub_build.github.gh import CommandFailed, run
from hub_build.github.issue_body import read_answers
from hub_build.github.propose import Issue, read_issue
from hub_build.playbook.config import CONFIG_FILE, Holiday
from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.model import Person, Playbook, Step, Track
from hub_build.playbook.problems import Problem
from hub_build.playbook.validation import schema_dir_for, validate_hub
from hub_build.playbook.workdays import working_day_dates
from hub_build.site import text
from hub_build.site.links import PAGE_NAMES, READABLE
from hub_build.site.plan import MODES

LABEL = "onboarding"
_LABEL_COLOR = "0e8a16"
_LABEL_DESCRIPTION = "A new hire's onboarding checklist, written by hub onboard"
# The first line of a body the hub wrote: such an issue is already a checklist, and ticking
# one of its boxes edits it, which must not write it again over the ticks.
BODY_MARKER = "<!-- hub:onboarding -->"
COMMENT_MARKER = "<!-- hub:new-hire -->"
# GitHub's own rule for usernames, as schemas/person.schema.json holds the `github` field to it.
GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}")
MAX_NAME = 100
# A start date further from the day the issue was opened is taken for a typo in the year.
EARLIEST = dt.timedelta(days=30)
LATEST = dt.timedelta(days=366)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_WRITTEN_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- The checklist ---------------------------------------------------------------------


def dated_steps(track: Track, start: dt.date, holidays: tuple[Holiday, ...]) -> list[tuple[dt.date, Step]]:
    """The track's steps in day order, each on its date for a hire whose first day is `start`."""
    ordered = sorted(track.steps, key=lambda s: (s.day, s.index))
    dates = working_day_dates(start, (s.day for s in ordered), {h.date for h in holidays})
    return [(dates[s.day], s) for s in ordered]


def checklist(
    track: Track, playbook: Playbook, start: dt.date, holidays: tuple[Holiday, ...], *, site_url: str | None
) -> str:
    """The track on real dates as Markdown for a GitHub issue. Raises OverflowError past the year 9999."""
    steps = dated_steps(track, start, holidays)
    days: dict[dt.date, list[Step]] = {}
    for date, step in steps:
        days.setdefault(date, []).append(step)
    first = steps[0][0] if steps else start
    lines = [
        f"Onboarding track: {_link(track.title, site_url, f'onboarding/{track.id}/')}, from {written(first)}. "
        "Each heading is a working day: weekends and company holidays are skipped. Tick each step when it is "
        "done.",
        "",
    ]
    if track.summary.strip():
        lines += [f"> {inert(track.summary.strip())}", ""]
    for date, day_steps in days.items():
        lines += [f"### {written(date)} (day {day_steps[0].day})", ""]
        for step in day_steps:
            lines += _step(step, playbook, site_url)
        lines.append("")
    within = [h for h in holidays if steps and first <= h.date <= steps[-1][0]]
    if within:
        lines += ["### Company holidays in these weeks", ""]
        lines += [f"- {written(h.date)}: {inert(h.name)}" for h in sorted(within, key=lambda h: h.date)]
        lines.append("")
    return "\n".join(lines)


def _step(step: Step, playbook: Playbook, site_url: str | None) -> list[str]:
    """One step as a task-list item, with what to ask as items under it."""
    if step.action in ("meet", "shadow"):
        head = f"**{step.action.capitalize()}** {mention(playbook.people.get(step.subject), step.subject)}"
        if step.mode:
            head += f", {inert(MODES.get(step.mode, step.mode))}"
    elif step.action == "attend":
        clause = next((c for c in playbook.sla.clauses if c.id == step.subject), None) if playbook.sla else None
        title = clause.title if clause else step.subject
        head = f"**Attend** {_link(title, site_url, f'sla/#clause-{step.subject}')}"
        if clause and clause.cadence:
            head += f" ({inert(clause.cadence)})"
    else:
        head = f"**Read** {_link(PAGE_NAMES.get(step.subject, step.subject), site_url, _page_path(step.subject))}"
    said = " ".join(part.strip() for part in (step.why, step.focus) if part and part.strip())
    lines = [f"- [ ] {head}" + (f": {inert(said)}" if said else "")]
    lines += [f"  - Ask: {inert(question.strip())}" for question in step.ask]
    return lines


def mention(person: Person | None, subject: str) -> str:
    """A person by their @-mention and name, or their name in bold when the hub knows no username for them."""
    if person is None:
        return f"**{inert(subject)}**"
    if person.github and GITHUB_LOGIN.fullmatch(person.github):
        return f"@{person.github} ({inert(person.name)}, {inert(person.role)})"
    return f"**{inert(person.name)}** ({inert(person.role)})"


def _page_path(page: str) -> str:
    """Where a page a step asks to read is on the site, as a folder address."""
    uri = READABLE[page][0] if page in READABLE else f"{page}.md"
    if uri == "index.md":
        return ""
    return uri.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def _link(label: str, site_url: str | None, path: str) -> str:
    if not site_url:
        return inert(label)
    return f"[{inert(label)}]({text.url(site_url.rstrip('/') + '/' + quote(path, safe='/#'))})"


def written(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


# --- The issue the New hire form opens -------------------------------------------------


class SettingsBroken(Exception):
    """hub.yaml has errors: its holidays would move every date, so no checklist is written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Hire:
    """What the form's answers give, once each is checked."""

    name: str
    login: str
    start: dt.date
    track: Track
    manager: Person | None  # the manager's file, when the form names a person of the hub
    manager_login: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What `onboard_from_issue` did."""

    title: str | None = None  # the issue's new title, when it became the onboarding issue
    assignees: tuple[str, ...] = ()
    not_assigned: str | None = None  # what GitHub said when it refused an assignee
    complaints: tuple[Complaint, ...] = ()
    skipped: str | None = None  # why nothing was done: closed, or already the onboarding issue


def read_hire(issue: Issue, playbook: Playbook, schema_dir: Path) -> Hire | list[Complaint]:
    """The hire the issue's answers give, or every answer to change."""
    form = NEW_HIRE_FORM
    answers = read_answers(issue.body, form.labels)
    if len(answers.missing) == len(form.labels):
        return [
            Complaint(
                None,
                'this issue was not written with the form "New hire", so the hub cannot read it: '
                "open a new issue from that form.",
            )
        ]
    given = {label: " ".join(_CONTROL.sub("", answers.get(label) or "").split()) for label in form.labels}
    complaints = [Complaint(label, "this answer is required.") for label, value in given.items() if not value]
    name, login, start = given[form.name], given[form.github].removeprefix("@"), None
    if len(name) > MAX_NAME:
        complaints.append(
            Complaint(form.name, f"the name is {len(name)} characters long: write it in at most {MAX_NAME}.")
        )
    if login and not GITHUB_LOGIN.fullmatch(login):
        complaints.append(
            Complaint(
                form.github,
                f"{_quoted(given[form.github])} is not a GitHub username: write it "
                "as their profile shows it (letters, digits and single hyphens), without the @.",
            )
        )
    if given[form.start]:
        start, complaint = _start(given[form.start], issue.created_on)
        if complaint:
            complaints.append(complaint)
    options = choices(playbook, schema_dir)
    track_id = options.tracks.get(given[form.track]) or (
        given[form.track] if given[form.track] in playbook.tracks else None
    )
    if given[form.track] and track_id is None:
        listed = ", ".join(f'"{title}"' for title in options.tracks)
        complaints.append(
            Complaint(
                form.track,
                f"{_quoted(given[form.track])} is not one of the onboarding tracks: "
                + (
                    f"choose one of {listed}."
                    if listed
                    else f"the hub has none yet (they go in {PLAYBOOK}/onboarding/)."
                ),
            )
        )
    manager, manager_login = _manager(given[form.manager], playbook, options.people)
    if given[form.manager] and manager is None and manager_login is None:
        complaints.append(
            Complaint(
                form.manager,
                f"{_quoted(given[form.manager])} is neither a person in the hub "
                "nor a GitHub username: choose one of the names listed.",
            )
        )
    if complaints or start is None or track_id is None:
        return complaints
    return Hire(name, login, start, playbook.tracks[track_id], manager, manager_login)


def _start(answer: str, opened: dt.date) -> tuple[dt.date | None, Complaint | None]:
    question = NEW_HIRE_FORM.start
    if not _WRITTEN_DAY.fullmatch(answer):
        return None, Complaint(
            question,
            f"{_quoted(answer)} is not a date written YYYY-MM-DD: write their first day as, for example, 2027-01-04.",
        )
    try:
        start = dt.date.fromisoformat(answer)
    except ValueError:
        return None, Complaint(
            question, f"{_quoted(answer)} is not a day of the calendar: check the month and the day."
        )
    if start < opened - EARLIEST:
        return None, Complaint(
            question,
            f"{_quoted(answer)} is more than {EARLIEST.days} days before this issue was opened: check the year.",
        )
    if start > opened + LATEST:
        return None, Complaint(
            question, f"{_quoted(answer)} is more than a year after this issue was opened: check the year."
        )
    return start, None


def _manager(answer: str, playbook: Playbook, people: dict[str, str]) -> tuple[Person | None, str | None]:
    """The manager chosen from the people of the hub, with their username if their file has one, or a username typed."""
    person_id = people.get(answer)
    if person_id is not None and person_id in playbook.people:
        person = playbook.people[person_id]
        return person, person.github if person.github and GITHUB_LOGIN.fullmatch(person.github) else None
    login = answer.removeprefix("@")
    return None, login if GITHUB_LOGIN.fullmatch(login) else None


def _quoted(answer: str) -> str:
    """An answer echoed back: short, as code, so nothing in it links, mentions or renders."""
    short = answer if len(answer) <= 60 else answer[:59] + "…"
    return "`" + short.replace("`", "'") + "`"


def issue_title(hire: Hire, first_day: dt.date) -> str:
    """The issue's title. A title is plain text, where GitHub still links `#1`: a zero-width space after `#` and `@`."""
    name = hire.name.replace("@", "@\u200b").replace("#", "#\u200b")
    return f"Onboarding: {name}, from {written(first_day)}"


def issue_body(hire: Hire, playbook: Playbook, holidays: tuple[Holiday, ...], *, site_url: str | None) -> str:
    """The onboarding issue: a word for the hire and the manager, then the checklist."""
    if hire.manager_login:
        manager = f"@{hire.manager_login}" + (f" ({inert(hire.manager.name)})" if hire.manager else "")
    else:
        manager = f"**{inert(hire.manager.name if hire.manager else '')}**"
    intro = [
        BODY_MARKER,
        f"Welcome, {inert(hire.name)} (@{hire.login})! This issue is your onboarding: one heading per working "
        "day, each step a box to tick when it is done. Ask in a comment here about anything the steps leave "
        "open.",
        "",
        f"{manager}, as their manager: before day 1, make sure each person below expects them, and follow "
        "the ticks with them.",
        "",
        "---",
        "",
    ]
    return "\n".join(intro) + "\n" + checklist(hire.track, playbook, hire.start, holidays, site_url=site_url)


def onboard_from_issue(root: Path, number: int, *, site_url: str | None) -> Outcome:
    """Turn issue `number` into the hire's onboarding issue, or one comment. Raises CommandFailed, SettingsBroken."""
    issue, closed = read_issue(number, cwd=root)
    if closed:
        return Outcome(skipped="closed")
    if issue.body.lstrip().startswith(BODY_MARKER):
        return Outcome(skipped="already the onboarding issue")
    result = validate_hub(root, today=issue.created_on)
    settings = [p for p in result.errors if p.file == CONFIG_FILE]
    if settings:
        raise SettingsBroken(settings)
    hire = read_hire(issue, result.playbook, schema_dir_for(root))
    if isinstance(hire, list):
        _comment(root, issue, complaint_comment(issue, hire))
        return Outcome(complaints=tuple(hire))
    holidays = result.config.holidays
    steps = dated_steps(hire.track, hire.start, holidays)
    title = issue_title(hire, steps[0][0] if steps else hire.start)
    body = issue_body(hire, result.playbook, holidays, site_url=site_url)
    # `gh issue edit --add-label` refuses a label the repository does not have yet.
    run(
        ["gh", "label", "create", LABEL, "--color", _LABEL_COLOR, "--description", _LABEL_DESCRIPTION, "--force"],
        cwd=root,
    )
    run(
        ["gh", "issue", "edit", str(issue.number), "--title", title, "--body-file", "-", "--add-label", LABEL],
        cwd=root,
        stdin=body,
    )
    assignees = tuple(dict.fromkeys(login for login in (hire.login, hire.manager_login) if login))
    try:
        # Apart from the edit above: a hire who is not yet a member of the repository cannot be
        # assigned, and their checklist should be there all the same.
        run(["gh", "issue", "edit", str(issue.number), "--add-assignee", ",".join(assignees)], cwd=root)
    except CommandFailed as exc:
        _comment(root, issue, unassigned_comment(issue, assignees))
        return Outcome(title=title, not_assigned=str(exc))
    return Outcome(title=title, assignees=assignees)


def complaint_comment(issue: Issue, complaints: list[Complaint]) -> str:
    """One comment that says every answer to change, by its question."""
    opening = f"@{issue.author}, before this issue can become the onboarding checklist,"
    return comment(COMMENT_MARKER, opening, complaints, "writes the checklist")


def unassigned_comment(issue: Issue, assignees: tuple[str, ...]) -> str:
    who = " and ".join(f"@{login}" for login in assignees)
    return (
        f"{COMMENT_MARKER}\n@{issue.author}, the checklist is written, but GitHub refused to assign this issue "
        f"to {who}: only someone with access to the repository can be assigned. Give them access, then "
        "assign them from the issue's Assignees.\n"
    )


def _comment(root: Path, issue: Issue, body: str) -> None:
    # The hub's one comment on the issue, edited in place: each run says only what is still to change.
    run(
        ["gh", "issue", "comment", str(issue.number), "--edit-last", "--create-if-none", "--body-file", "-"],
        cwd=root,
        stdin=body,
    )
