"""The digest as Markdown for a GitHub issue: whose turn it is, under a heading that @-mentions them.

Names and titles come from the playbook and are data: every character Markdown
or HTML reads as syntax is written as a character reference (site/text.py), and
`@` and `#` are followed by a zero-width space, so nothing in a title can
mention someone or point at an issue. Only a person's `github` field, which its
schema holds to GitHub's own pattern for usernames, becomes a mention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import quote

from hub_build.playbook.digest import CommitmentMissed, Decision, Digest, Group, Item, ReviewDue
from hub_build.playbook.model import Clause, Playbook
from hub_build.site import text

TITLE = "Whose turn it is"
NOTHING = "Nothing waits on anyone"
# GitHub refuses an issue body longer than this many characters.
MAX_BODY = 65_536
_ZERO_WIDTH_SPACE = "&#8203;"


def inert(value: object) -> str:
    """Playbook text as literal Markdown that GitHub shows as written: no markup, no mention, no reference."""
    escaped = str(text.plain(value))
    return escaped.replace("@", "&#64;" + _ZERO_WIDTH_SPACE).replace("&#35;", "&#35;" + _ZERO_WIDTH_SPACE)


def markdown(result: Digest, playbook: Playbook, *, site_url: str | None, limit: int = MAX_BODY) -> str:
    """The digest as an issue body of at most `limit` characters; what does not fit is counted at the end."""
    if result.empty:
        return f"{NOTHING} as of {_day(result.today)}.\n\n{_footer(result.today)}"
    head = f"{_summary(result)}\n"
    foot = f"\n{_footer(result.today)}"
    room = limit - len(head) - len(foot) - len(_left_out_line(len(result.items)))
    lines: list[str] = []
    for line in _lines(result, playbook, site_url):
        if len(line) > room:
            break
        lines.append(line)
        room -= len(line)
    left_out = len(result.items) - len(lines)
    return head + "".join(lines) + (_left_out_line(left_out) if left_out else "") + foot


def _lines(result: Digest, playbook: Playbook, site_url: str | None) -> Iterator[str]:
    """One line per item, the first of each group with the group's heading."""
    for group in result.groups():
        heading = f"\n### {_whose(group, playbook)}\n\n"
        for index, item in enumerate(group.items):
            yield (heading if index == 0 else "") + f"- {_item(item, playbook, site_url)}\n"


def _summary(result: Digest) -> str:
    parts = [
        (result.count("decision"), "idea waits for a decision", "ideas wait for a decision"),
        (result.count("missed"), "commitment was missed", "commitments were missed"),
        (result.count("review"), "record is due for review", "records are due for review"),
        (result.count("result"), "result is not reported", "results are not reported"),
    ]
    said = [f"{count:,} {one if count == 1 else many}" for count, one, many in parts if count]
    listed = ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else said[0]
    return f"As of {_day(result.today)}: {listed}."


def _left_out_line(count: int) -> str:
    return f"\n… and {count:,} more, left out to keep this issue within GitHub's size: run `hub digest` for all.\n"


def _footer(today: dt.date) -> str:
    return (
        f"<sub>Written by `hub digest` from the playbook on {_day(today)}. This issue is updated in place "
        "each week and closed when nothing waits.</sub>\n"
    )


def _whose(group: Group, playbook: Playbook) -> str:
    if not group.people:
        return f"The {inert(group.team)} team" if group.team else "Nobody named in the playbook"
    named = [_person(playbook, person_id) for person_id in group.people]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _person(playbook: Playbook, person_id: str) -> str:
    person = playbook.people[person_id]
    if person.github:
        return f"@{person.github} ({inert(person.name)})"
    return f"**{inert(person.name)}**"


def _item(item: Item, playbook: Playbook, site_url: str | None) -> str:
    if isinstance(item, Decision):
        late = " **Late.**" if item.late else ""
        clause = _clause(item.clause, site_url)
        return (
            f"**Decide on** {_link(item.idea.title, site_url, f'ideas/{item.idea.id}/', item.idea.document)}: "
            f"waiting {_counted(item.days, 'business day')}; the SLA promises a decision within "
            f"{item.promised:g} ({clause}).{late}"
        )
    if isinstance(item, ReviewDue):
        when = f"overdue since {_day(item.due)}" if item.overdue else f"due by {_day(item.due)}"
        return f"**Review** {_link(item.label, site_url, _review_page(item.file), item.file)}: {when}."
    metric = _link(item.metric.label, site_url, f"scorecard/#metric-{item.metric.id}")
    if isinstance(item, CommitmentMissed):
        step = (
            f" Next step: {_clause(item.next_step, site_url)}."
            if item.next_step is not None
            else " The SLA names no escalation: agree the next step together."
        )
        return (
            f"**Missed in {item.period.label}:** {metric}: {inert(f'{item.value:g}')} against a target of "
            f"{inert(item.metric.target)}.{step}"
        )
    return f"**Report** {metric} for {item.period.label}: no result in `playbook/measurements/` yet."


def _clause(clause: Clause, site_url: str | None) -> str:
    """A clause by its number and title; the number is the hub's own, the title the playbook's."""
    return _link(clause.title, site_url, f"sla/#clause-{clause.id}", number=clause.number)


def _link(label: object, site_url: str | None, path: str, source: object = None, *, number: str = "") -> str:
    """The label linked to its page on the site; without a site, the label and the file behind it."""
    shown = f"{number} {inert(label)}" if number else inert(label)
    if site_url:
        return f"[{shown}]({text.url(site_url.rstrip('/') + '/' + quote(path, safe='/#'))})"
    file = getattr(source, "file", source)
    return f"{shown} (`{file}`)" if isinstance(file, str) and "`" not in file else shown


def _review_page(file: str) -> str:
    """Where a record due for review shows on the site, from its file in the playbook."""
    parts = file.removesuffix(".yaml").split("/")
    pages = {"terms": "glossary/#{}", "onboarding": "onboarding/{}/"}
    if len(parts) == 3 and parts[1] in pages:
        return pages[parts[1]].format(parts[2])
    return {"playbook/narrative": "narrative/", "playbook/sla": "sla/"}.get("/".join(parts), "")


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"
