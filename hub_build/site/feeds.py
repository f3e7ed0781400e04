"""Feeds to subscribe to: the content calendar as iCalendar, and the ideas as Atom.

Both are published with the site (`feeds/`), built from the validated playbook
alone, so they are the same on every engine and linear in the number of ideas.
Text from the playbook goes in as data: iCalendar escapes it, and the Atom feed
is written by ElementTree with every field as `type="text"`, never as HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import icalendar

from hub_build.playbook.model import Idea, Playbook
from hub_build.site.kept import Kept, made

FOLDER = "feeds"
CALENDAR = f"{FOLDER}/calendar.ics"
IDEAS = f"{FOLDER}/ideas.xml"
ATOM = "http://www.w3.org/2005/Atom"
# What every page announces in its head, so a browser or a feed reader finds the
# feeds from any page of the hub: (path, media type, title).
ANNOUNCED = ((IDEAS, "application/atom+xml", "Content ideas"), (CALENDAR, "text/calendar", "Content calendar"))
PATHS = (CALENDAR, IDEAS)
STATUS_WORDS = {
    "proposed": "Proposed",
    "accepted": "Accepted",
    "scheduled": "Scheduled",
    "published": "Published",
    "declined": "Declined",
}


def feeds(playbook: Playbook, *, today: dt.date, site_url: str | None, kept: Kept | None = None) -> dict[str, str]:
    """Every feed, by its path in the site; with `kept`, each idea's part as made last time if unchanged."""
    return {
        CALENDAR: content_calendar(playbook, today=today, kept=kept).decode("utf-8"),
        IDEAS: ideas_feed(playbook, today=today, site_url=site_url, kept=kept),
    }


def _stamp(today: dt.date) -> dt.datetime:
    # The build's day rather than its second: an unchanged playbook gives the same file.
    return dt.datetime.combine(today, dt.time(), dt.UTC)


def _proposer(playbook: Playbook, idea: Idea) -> str:
    person = playbook.people.get(idea.proposed_by)
    return f"{person.name} ({person.role})" if person else idea.proposed_by


def _company(playbook: Playbook) -> str:
    return playbook.narrative.company if playbook.narrative else "The hub"


# ------------------------------------------------------------------ iCalendar


def content_calendar(playbook: Playbook, *, today: dt.date, kept: Kept | None = None) -> bytes:
    """Scheduled ideas on their date and published ones on theirs, each crediting the rep who proposed it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//hub-build//content calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name(f"{_company(playbook)} content calendar"))
    events = []
    for idea in sorted(playbook.ideas.values(), key=lambda i: (i.scheduled_for or i.published_on or today, i.id)):
        date = idea.scheduled_for if idea.status == "scheduled" else idea.published_on
        if idea.status not in ("scheduled", "published") or date is None:
            continue
        shown = (_CALENDAR_EVENT, today, _calendar_text(playbook, idea))
        events.append(made(kept, idea.document, shown, functools.partial(_event, idea, date, today, shown[2])))
    # icalendar writes a calendar as its own lines, then each event's, then its end: the
    # same lines, put together here, so that each event is written once while it is unchanged.
    whole = bytes(calendar.to_ical())
    return whole.removesuffix(_CALENDAR_END) + b"".join(events) + _CALENDAR_END


def calendar_name(text: str) -> str:
    """A calendar's name on one line: icalendar writes it as it is, and a line break would end it."""
    return " ".join(text.split())


_CALENDAR_EVENT = "calendar event"
_CALENDAR_END = b"END:VCALENDAR\r\n"


def _event(idea: Idea, date: dt.date, today: dt.date, description: str) -> bytes:
    event = icalendar.Event()
    event.add("uid", f"idea-{idea.id}@hub-build")
    event.add("dtstamp", _stamp(today))
    event.add("dtstart", date)
    if date < dt.date.max:  # an all-day event without an end lasts its one day (RFC 5545)
        event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", f"{STATUS_WORDS[idea.status]}: {idea.title}")
    event.add("description", description)
    if idea.url and idea.status == "published":
        event.add("url", idea.url)
    event.add("transp", "TRANSPARENT")
    return bytes(event.to_ical())


def _calendar_text(playbook: Playbook, idea: Idea) -> str:
    lines = [
        f"Idea proposed by {_proposer(playbook, idea)}.",
        "",
        f"The question behind it: {idea.question.strip()}",
        "",
        f"Format: {idea.format}",
    ]
    if idea.channel:
        lines.append(f"Channel: {idea.channel}")
    owner = playbook.people.get(idea.owner) if idea.owner else None
    if owner:
        lines.append(f"Marketing owner: {owner.name}")
    if idea.url:
        lines.append(f"Link: {idea.url}")
    return "\n".join(lines)


# ----------------------------------------------------------------------- Atom


def ideas_feed(playbook: Playbook, *, today: dt.date, site_url: str | None, kept: Kept | None = None) -> str:
    """Every idea where it stands, newest first: who proposed it, the question behind it, what became of it."""
    ET.register_namespace("", ATOM)
    ideas = sorted(playbook.ideas.values(), key=lambda i: (_updated(i), i.id), reverse=True)
    feed = _feed(playbook, ideas, today, site_url)
    ET.indent(feed)
    head = ET.tostring(feed, encoding="unicode").removesuffix(" />").removesuffix("</feed>")
    entries = [
        made(
            kept,
            idea.document,
            (_ATOM_ENTRY, site_url, _proposer(playbook, idea)),
            functools.partial(_entry_text, playbook, idea, site_url),
        )
        for idea in ideas
    ]
    # Written as ElementTree writes the whole feed, indented, each entry on the lines of its own.
    return '<?xml version="1.0" encoding="utf-8"?>\n' + head.removesuffix("\n") + "".join(entries) + "\n</feed>\n"


_ATOM_ENTRY = "atom entry"


def _entry_text(playbook: Playbook, idea: Idea, site_url: str | None) -> str:
    entry = _entry(playbook, idea, site_url)
    ET.indent(entry, level=1)
    # Its namespace is the feed's: declared once, on the feed.
    return "\n  " + ET.tostring(entry, encoding="unicode").replace(f' xmlns="{ATOM}"', "", 1).rstrip()


def _feed(playbook: Playbook, ideas: list[Idea], today: dt.date, site_url: str | None) -> ET.Element:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", f"{_company(playbook)} content ideas")
    _text(feed, "subtitle", "Content ideas as they are proposed, accepted, scheduled and published.")
    _text(feed, "id", _address(site_url, IDEAS) if site_url else "urn:hub-build:ideas")
    _text(feed, "updated", _time(max((_updated(i) for i in ideas), default=today)))
    if site_url:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=_address(site_url, IDEAS), type="application/atom+xml")
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=_address(site_url, "calendar/"))
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "hub-build"
    return feed


def _entry(playbook: Playbook, idea: Idea, site_url: str | None) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    page = f"ideas/{idea.id}/"
    _text(entry, "id", _address(site_url, page) if site_url else f"urn:hub-build:idea:{idea.id}")
    _text(entry, "title", f"{STATUS_WORDS[idea.status]}: {idea.title}")
    _text(entry, "updated", _time(_updated(idea)))
    _text(entry, "published", _time(idea.proposed_on))
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    _text(author, "name", _proposer(playbook, idea))
    # Without the site's address, the idea's page is found from the feed's own place in the site.
    ET.SubElement(
        entry, f"{{{ATOM}}}link", rel="alternate", href=_address(site_url, page) if site_url else f"../{page}"
    )
    ET.SubElement(entry, f"{{{ATOM}}}category", term=idea.status, label=STATUS_WORDS[idea.status])
    _text(entry, "summary", _summary(playbook, idea))
    return entry


def _summary(playbook: Playbook, idea: Idea) -> str:
    said = {
        "proposed": "Waiting for marketing's review.",
        "accepted": "Accepted by marketing.",
        "scheduled": f"Scheduled for {_day(idea.scheduled_for)}." if idea.scheduled_for else "Scheduled.",
        "published": f"Published on {_day(idea.published_on)}." if idea.published_on else "Published.",
        "declined": f"Declined: {idea.declined_reason}" if idea.declined_reason else "Declined.",
    }[idea.status]
    return (
        f"Proposed by {_proposer(playbook, idea)} on {_day(idea.proposed_on)} ({idea.format}), from the "
        f"question: {' '.join(idea.question.split())} {said}"
    )


def _updated(idea: Idea) -> dt.date:
    # The playbook records when an idea was proposed and published; a later step without a
    # date of its own keeps the date of the last one that has one.
    return idea.published_on if idea.status == "published" and idea.published_on else idea.proposed_on


# What XML 1.0 cannot hold at all, even escaped; YAML's double-quoted escapes can write it ("\x1f").
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(parent: ET.Element, name: str, value: str) -> None:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = _NOT_XML.sub("\ufffd", value)
    if name in ("title", "subtitle", "summary"):
        element.set("type", "text")


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _address(site_url: str | None, path: str) -> str:
    return urljoin(site_url.rstrip("/") + "/", path) if site_url else path


def _day(day: dt.date) -> str:
    # The day without its leading zero, spelt out: strftime has no portable flag for it.
    return f"{day.day} {day:%b %Y}"
