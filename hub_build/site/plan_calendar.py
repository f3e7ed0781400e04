"""A new hire's dated plan as an iCalendar file, for `hub plan`.

Apart from plan.py so that rendering the pages never loads the iCalendar library.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from hub_build.playbook.model import Track
from hub_build.site.feeds import calendar_name
from hub_build.site.plan import PlanStep

PRODID = "-//hub-build//onboarding plan//EN"


def ics(
    track: Track, steps: list[tuple[dt.date, PlanStep]], *, start: dt.date, name: str | None, stamp: dt.datetime
) -> bytes:
    """The plan as an iCalendar file: one all-day event per introduction, shadowing session and meeting."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name(f"Onboarding: {track.title}" + (f" ({name})" if name else "")))
    for date, step in steps:
        if not step.is_event:
            continue
        event = icalendar.Event()
        # The same plan written twice updates the events in a calendar instead of doubling them.
        event.add("uid", f"{track.id}-{step.key}-{start.isoformat()}@hub-build")
        event.add("dtstamp", stamp)
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
        event.add("summary", step.title)
        event.add("description", step.event_details)
        event.add("transp", "TRANSPARENT")  # a reminder of the day's plan, not a block of busy time
        calendar.add_component(event)
    return bytes(calendar.to_ical())
