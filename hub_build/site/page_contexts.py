"""What the templates of the hub's pages are given beyond the playbook: its records gathered and ordered
the way each page shows them.

The glossary by letter, the people by team with their filters and where each is
named, the content calendar's board and the sales reps who propose ideas, a track's
plan for the browser. Templates only lay these out; the choices of order and grouping
are made here, where a test can check them without rendering a page.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import quote

from markupsafe import Markup

from hub_build.playbook.config import Holiday
from hub_build.playbook.model import IDEA_STATUSES, TEAMS, Idea, Person, Playbook, Term, Track
from hub_build.site import plan
from hub_build.site.environment import month, region
from hub_build.site.kept import Kept, made
from hub_build.site.links import PAGE_NAMES, PEOPLE, Links
from hub_build.site.page import Mention


def idea_order(idea: Idea) -> tuple[int, dt.date, str]:
    """Ideas in the order of their statuses, then of their dates, then by title."""
    return (IDEA_STATUSES.index(idea.status), idea.scheduled_for or idea.published_on or idea.proposed_on, idea.title)


# ------------------------------------------------------------------ the glossary


def glossary_order(playbook: Playbook) -> list[tuple[str, str, list[Term]]]:
    """(letter, anchor key, terms) A–Z, by the name people look for (the abbreviation first).

    Accented letters file under their base letter; digits and symbols under "#",
    whose anchor is "other".
    """
    by_letter: dict[str, list[Term]] = defaultdict(list)
    for term in sorted(playbook.terms.values(), key=lambda t: (t.abbreviation or t.name).casefold()):
        first = unicodedata.normalize("NFKD", (term.abbreviation or term.name).strip())[:1].upper()[:1]
        by_letter[first if first.isascii() and first.isalpha() else "#"].append(term)
    return [
        (letter, "other" if letter == "#" else letter.lower(), terms)
        for letter, terms in sorted(by_letter.items(), key=lambda item: (item[0] == "#", item[0]))
    ]


def glossary_examples(playbook: Playbook, count: int = 3) -> list[str]:
    """The first lifecycle stages by their abbreviations (MQL, SAL, SQL), to show what the glossary holds."""
    stages = sorted(
        (t for t in playbook.terms.values() if t.lifecycle_stage is not None and t.abbreviation),
        key=lambda t: (t.lifecycle_stage or 0, t.name),
    )
    names = [t.abbreviation or t.name for t in stages]
    others = sorted((t for t in playbook.terms.values() if t not in stages), key=lambda t: t.name.casefold())
    return (names + [t.abbreviation or t.name for t in others])[:count]


# ------------------------------------------------------------------ the people


def mentions(playbook: Playbook, kept: Kept | None = None) -> dict[str, list[Mention]]:
    """For each person, the onboarding steps, clauses and ideas that name them (with `kept`,
    each idea's link as made last time while its file is unchanged)."""
    found: dict[str, list[Mention]] = defaultdict(list)
    links = Links(PEOPLE, playbook)
    for track in sorted(playbook.tracks.values(), key=lambda t: t.title):
        for step in track.steps:
            if step.action in ("meet", "shadow"):
                verb = "introduction" if step.action == "meet" else "shadowing"
                found[step.subject].append(Mention(links.track(track), f"{verb} on day {step.day}"))
    if playbook.sla:
        for clause in playbook.sla.clauses:
            for contact in clause.contacts:
                found[contact].append(Mention(links.clause(clause.id), "point of contact"))
        for signatory in playbook.sla.signatories:
            found[signatory.person].append(Mention(links.page("sla", "Service-level agreement"), "signatory"))
    for idea in sorted(playbook.ideas.values(), key=idea_order):
        link = made(kept, idea.document, ("link from the people page",), functools.partial(links.idea, idea))
        found[idea.proposed_by].append(Mention(link, f"proposed this idea ({idea.status})"))
        if idea.owner:
            found[idea.owner].append(Mention(link, "owns this idea"))
    for term in playbook.terms.values():
        if term.kpi:
            for team, owner in term.kpi.owners.items():
                found[owner].append(Mention(links.term(term.id, term.name), f"{team} owner of this KPI"))
    return dict(found)


def people_by_team(playbook: Playbook) -> list[tuple[str, list[Person]]]:
    teams = []
    for team in TEAMS:
        people = sorted((p for p in playbook.people.values() if p.team == team), key=lambda p: p.name.casefold())
        teams.append((team, people))
    return teams


def people_filters(playbook: Playbook) -> dict[str, object]:
    """The choices of the people page's filters: each team's groups, and the regions."""
    groups = {
        team: sorted({p.group for p in playbook.people.values() if p.team == team and p.group}, key=str.casefold)
        for team in TEAMS
    }
    regions = sorted({region(p.time_zone) for p in playbook.people.values()})  # "Other" sorts last as it is
    return {"groups": groups, "regions": regions}


def chat_address(chat_url: str | None, person: Person) -> str | None:
    """Where a person's chat handle leads, in a chat tool whose conversations have an address (`chat_url`)."""
    if not chat_url or not person.chat:
        return None
    handle = person.chat.strip().removeprefix("@")
    if "{handle}" in chat_url and not handle:
        return None
    return chat_url.replace("{handle}", quote(handle, safe="")).replace("{email}", quote(person.email, safe="@"))


def person_entry_inputs(
    mentions: dict[str, list[Mention]], chat_url: str | None, person: Person
) -> tuple[list[Mention], str | None]:
    """What a person's entry on the people page shows besides the person: where the playbook
    names them, and where their chat handle leads."""
    return mentions.get(person.id, []), chat_address(chat_url, person)


# ------------------------------------------------------------------ an onboarding track


def track_context(track: Track, playbook: Playbook, holidays: tuple[Holiday, ...]) -> dict[str, object]:
    """A track's page: the track, each step's checkbox key, and the plan the browser lays out on a calendar."""
    steps = plan.plan_steps(track, playbook, PAGE_NAMES)
    # Each step's checkbox carries the key the plan gives it, which the browser remembers a tick by.
    in_order = sorted(track.steps, key=lambda s: (s.day, s.index))
    return {
        "track": track,
        "step_keys": {step.index: planned.key for step, planned in zip(in_order, steps, strict=True)},
        "plan_data": Markup(plan.browser_data(track, steps, holidays)),
    }


# ------------------------------------------------------------------ the content calendar


def board_by_status(playbook: Playbook) -> dict[str, list[Idea]]:
    """Every idea by status, each status's in calendar order."""
    ideas = sorted(playbook.ideas.values(), key=idea_order)
    return {status: [i for i in ideas if i.status == status] for status in IDEA_STATUSES}


def calendar_context(playbook: Playbook, board: dict[str, list[Idea]]) -> dict[str, object]:
    """The calendar's page: the months ahead, the board, the reps who propose ideas, the latest published."""
    upcoming: dict[str, list[Idea]] = defaultdict(list)
    for idea in sorted(board["scheduled"], key=lambda i: i.scheduled_for or i.proposed_on):
        upcoming[month(idea.scheduled_for or idea.proposed_on)].append(idea)
    return {
        "upcoming": list(upcoming.items()),
        "board": board,
        "reps": ideas_from_sales(playbook, (idea for ideas in board.values() for idea in ideas)),
        "recently_published": sorted(board["published"], key=lambda i: i.published_on or i.proposed_on, reverse=True),
    }


def days_late(today: dt.date, idea: Idea) -> tuple[int]:
    """What a scheduled idea's row on the calendar shows besides the idea: the days since the day it
    was scheduled for, while it is still not published (0 until that day has passed)."""
    return ((today - idea.scheduled_for).days if idea.scheduled_for and idea.scheduled_for < today else 0,)


def ideas_from_sales(playbook: Playbook, ideas: Iterable[Idea]) -> list[tuple[str, int, int]]:
    """(person id, ideas proposed, ideas published) for every rep in sales who proposed one."""
    proposed: Counter[str] = Counter()
    published: Counter[str] = Counter()
    for idea in ideas:
        person = playbook.people.get(idea.proposed_by)
        if person and person.team == "sales":
            proposed[idea.proposed_by] += 1
            published[idea.proposed_by] += idea.status == "published"
    return sorted(
        ((pid, n, published[pid]) for pid, n in proposed.items()),
        key=lambda row: (-row[1], -row[2], playbook.people[row[0]].name),
    )
