"""The feeds people subscribe to, read back by real parsers: icalendar for the content
calendar, feedparser for the Atom feed of ideas."""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar
import pytest

from hub_build.playbook.validation import validate_hub
from hub_build.site.feeds import CALENDAR, IDEAS, feeds
from tests.helpers import HOSTILE_IDEA, REPO, SCRIPT, shared

TODAY = dt.date(2026, 11, 23)
SITE = "https://quillstone.github.io/revenue-hub/"


@pytest.fixture(scope=shared)
def published() -> dict[str, str]:
    return feeds(validate_hub(REPO, today=TODAY).playbook, today=TODAY, site_url=SITE)


def _events(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_the_calendar_holds_the_scheduled_and_published_pieces_on_their_dates(published: dict[str, str]) -> None:
    events = _events(published[CALENDAR])
    assert len(events) == 13  # the sample's 7 scheduled and 6 published ideas
    kestrel = next(e for e in events if str(e["uid"]) == "idea-kestrel-audit-case-study@hub-build")
    assert str(kestrel["summary"]) == "Scheduled: Kestrel Analytics: closing the annual audit two weeks early"
    assert kestrel.decoded("dtstart") == dt.date(2027, 1, 12)
    assert kestrel.decoded("dtend") == dt.date(2027, 1, 13)


def test_a_calendar_event_credits_the_proposer_and_links_the_published_piece(published: dict[str, str]) -> None:
    event = next(e for e in _events(published[CALENDAR]) if str(e["uid"]) == "idea-clm-business-case-guide@hub-build")
    assert str(event["summary"]) == "Published: How to get your CFO to sign off a contract management business case"
    assert event.decoded("dtstart") == dt.date(2026, 3, 18)
    description = str(event["description"])
    assert description.startswith("Idea proposed by Jamal Whitfield (Senior Account Executive, North America).\n")
    assert "Marketing owner: Amara Nwosu" in description
    assert str(event["url"]) == "https://quillstone.example/guides/clm-business-case"


def test_the_calendar_is_the_same_for_the_same_playbook_and_day(published: dict[str, str]) -> None:
    again = feeds(validate_hub(REPO, today=TODAY).playbook, today=TODAY, site_url=SITE)
    assert again[CALENDAR] == published[CALENDAR]
    assert {str(e["dtstamp"].dt) for e in _events(published[CALENDAR])} == {"2026-11-23 00:00:00+00:00"}


def test_the_atom_feed_parses_cleanly_with_every_idea_newest_first(published: dict[str, str]) -> None:
    feed = feedparser.parse(published[IDEAS])
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Quillstone content ideas"
    assert len(feed.entries) == 32
    assert feed.entries[0].title == "Proposed: Finding every change-of-control clause before due diligence"
    assert feed.entries[0].updated == "2026-11-19T00:00:00Z"
    updated = [entry.updated for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)


def test_a_feed_entry_shows_who_proposed_the_idea_and_links_its_page(published: dict[str, str]) -> None:
    entry = next(e for e in feedparser.parse(published[IDEAS]).entries if e.id.endswith("/kestrel-audit-case-study/"))
    assert entry.title == "Scheduled: Kestrel Analytics: closing the annual audit two weeks early"
    assert entry.author == "Hannah Cho (Account Executive, North America)"
    assert entry.link == SITE + "ideas/kestrel-audit-case-study/"
    assert entry.summary.startswith("Proposed by Hannah Cho (Account Executive, North America) on 5 Aug 2026 "
                                    "(case-study), from the question: ")
    assert entry.summary.endswith("Scheduled for 12 Jan 2027.")
    assert [tag.term for tag in entry.tags] == ["scheduled"]


def test_the_atom_feed_has_what_rfc_4287_requires(published: dict[str, str]) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(published[IDEAS])
    assert feed.tag == f"{atom}feed"
    for element in (feed, *feed.findall(f"{atom}entry")):
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{atom}{required}")) == 1, (element, required)
        for date in element.findall(f"{atom}updated"):
            dt.datetime.fromisoformat(date.text or "")
    assert all(entry.find(f"{atom}author/{atom}name") is not None for entry in feed.findall(f"{atom}entry"))
    assert feed.find(f"{atom}link[@rel='self']").get("href") == SITE + "feeds/ideas.xml"  # type: ignore[union-attr]


def test_without_a_site_address_entries_link_to_their_pages_from_the_feeds_folder() -> None:
    text = feeds(validate_hub(REPO, today=TODAY).playbook, today=TODAY, site_url=None)[IDEAS]
    entry = next(e for e in feedparser.parse(text).entries if e.id == "urn:hub-build:idea:kestrel-audit-case-study")
    assert entry.link == "../ideas/kestrel-audit-case-study/"


def test_hostile_text_stays_text_in_both_feeds(tmp_path: Path) -> None:
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    (tmp_path / "playbook" / "content" / "hostile-idea.yaml").write_text(
        HOSTILE_IDEA.replace("status: declined", "status: published\nowner: amara-nwosu\n"
                             "url: https://quillstone.example/x\npublished_on: 2026-11-20")
        .replace('declined_reason: "</div><script>window.__hub_pwned = 5</script>"\n', ""), encoding="utf-8")
    result = validate_hub(tmp_path, today=TODAY)
    assert result.errors == []
    published = feeds(result.playbook, today=TODAY, site_url=SITE)
    entry = feedparser.parse(published[IDEAS]).entries[0]
    assert entry.title == f"Published: {SCRIPT} and {{{{ 7 * 7 }}}}"
    assert entry.title_detail.type == "text/plain"
    event = next(e for e in _events(published[CALENDAR]) if str(e["uid"]) == "idea-hostile-idea@hub-build")
    assert str(event["summary"]) == f"Published: {SCRIPT} and {{{{ 7 * 7 }}}}"
