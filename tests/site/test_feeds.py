"""The feeds people subscribe to, read back by real parsers: icalendar for the content
calendar, feedparser for the Atom feed of ideas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar
import pytest

from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import validate_hub
from hub_build.site.feeds import CALENDAR, IDEAS, feeds
from tests.helpers import HOSTILE_IDEA, REPO, SCRIPT, shared

TODAY = dt.date(2026, 11, 23)
SITE = "https://quillstone.github.io/revenue-hub/"


@pytest.fixture(scope=shared)
def sample() -> Playbook:
    return validate_hub(REPO, today=TODAY).playbook


@pytest.fixture(scope=shared)
def published(sample: Playbook) -> dict[str, str]:
    return feeds(sample, today=TODAY, site_url=SITE)


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


def test_the_calendar_names_itself_and_lists_the_pieces_by_date(published: dict[str, str]) -> None:
    text = published[CALENDAR]
    assert text.startswith(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hub-build//content calendar//EN\r\n"
        "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:Quillstone content calendar\r\nBEGIN:VEVENT\r\n"
    )
    assert [(e.decoded("dtstart").isoformat(), str(e["uid"]).removesuffix("@hub-build")) for e in _events(text)] == [
        ("2026-03-18", "idea-clm-business-case-guide"),
        ("2026-04-07", "idea-auto-renewal-notice-period-checklist"),
        ("2026-05-26", "idea-eu-data-residency-one-pager"),
        ("2026-06-02", "idea-brightwater-nda-case-study"),
        ("2026-08-12", "idea-legal-is-not-the-bottleneck"),
        ("2026-09-24", "idea-renewal-leakage-webinar"),
        ("2026-12-01", "idea-new-general-counsel-email-sequence"),
        ("2026-12-08", "idea-legacy-contract-migration-guide"),
        ("2026-12-15", "idea-what-is-a-contract-obligation"),
        ("2027-01-12", "idea-kestrel-audit-case-study"),
        ("2027-01-19", "idea-it-security-questions-video"),
        ("2027-02-16", "idea-clm-payback-calculator"),
        ("2027-03-10", "idea-supplier-contract-ownership-guide"),
    ]
    assert text.endswith("TRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_a_piece_published_without_a_date_is_left_off_the_calendar(sample: Playbook) -> None:
    undated = dataclasses.replace(sample.ideas["clm-business-case-guide"], published_on=None)
    playbook = dataclasses.replace(sample, ideas={**sample.ideas, undated.id: undated})
    published = feeds(playbook, today=TODAY, site_url=SITE)
    uids = [str(e["uid"]) for e in _events(published[CALENDAR])]
    assert len(uids) == 12 and "idea-clm-business-case-guide@hub-build" not in uids
    # In the feed it stands where it was proposed, and says it is published.
    entry = next(e for e in feedparser.parse(published[IDEAS]).entries if e.id.endswith("/clm-business-case-guide/"))
    assert entry.updated == "2026-01-20T00:00:00Z" and entry.summary.endswith('to that meeting?" Published.')


def test_only_a_published_piece_links_its_address_from_the_calendar(sample: Playbook) -> None:
    planned = dataclasses.replace(sample.ideas["kestrel-audit-case-study"], url="https://quillstone.example/kestrel")
    playbook = dataclasses.replace(sample, ideas={**sample.ideas, planned.id: planned})
    event = next(
        e
        for e in _events(feeds(playbook, today=TODAY, site_url=SITE)[CALENDAR])
        if str(e["uid"]) == "idea-kestrel-audit-case-study@hub-build"
    )
    assert "url" not in event and str(event["description"]).endswith("\nLink: https://quillstone.example/kestrel")


def test_a_hub_without_ideas_has_empty_feeds_updated_on_the_day_they_were_built(sample: Playbook) -> None:
    empty = feeds(dataclasses.replace(sample, ideas={}), today=TODAY, site_url=SITE)
    assert _events(empty[CALENDAR]) == []
    feed = feedparser.parse(empty[IDEAS])
    assert (feed.bozo, feed.feed.updated, feed.entries) == (0, "2026-11-23T00:00:00Z", [])


def test_a_calendar_event_is_written_whole_with_the_pieces_link(published: dict[str, str]) -> None:
    assert (
        "BEGIN:VEVENT\r\nSUMMARY:Published: How to get your CFO to sign off a contract management b\r\n"
        " usiness case"
        "\r\nDTSTART;VALUE=DATE:20260318\r\nDTEND;VALUE=DATE:20260319\r\nDTSTAMP:20261123T000000Z\r\n"
        "UID:idea-clm-business-case-guide@hub-build\r\nDESCRIPTION:Idea proposed by Jamal Whitfield (Senior "
        'Account Executive\\, N\r\n orth America).\\n\\nThe question behind it: "I believe in this\\, but the min'
        "\r\n ute I take it to our CFO she'll ask why legal needs another tool. What num\r\n bers do I actually "
        'bring to that meeting?"\\n\\nFormat: guide\\nChannel: webs\r\n ite\\nMarketing owner: Amara Nwosu'
        "\\nLink: https://quillstone.example/guides\r\n /clm-business-case\r\nTRANSP:TRANSPARENT\r\n"
        "URL:https://quillstone.example/guides/clm-business-case\r\nEND:VEVENT\r\n"
    ) in published[CALENDAR]


def test_the_atom_feed_says_whose_ideas_it_holds_and_where_they_are(published: dict[str, str]) -> None:
    assert published[IDEAS].startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        '  <title type="text">Quillstone content ideas</title>\n'
        '  <subtitle type="text">Content ideas as they are proposed, accepted, scheduled and published.</subtitle>\n'
        "  <id>https://quillstone.github.io/revenue-hub/feeds/ideas.xml</id>\n"
        "  <updated>2026-11-19T00:00:00Z</updated>\n"
        '  <link rel="self" href="https://quillstone.github.io/revenue-hub/feeds/ideas.xml" '
        'type="application/atom+xml" />\n'
        '  <link rel="alternate" href="https://quillstone.github.io/revenue-hub/calendar/" />\n'
        "  <generator>hub-build</generator>\n  <entry>\n"
    )
    assert published[IDEAS].endswith("</summary>\n  </entry>\n</feed>\n")


def test_a_feed_entry_is_written_whole(published: dict[str, str]) -> None:
    assert """  <entry>
    <id>https://quillstone.github.io/revenue-hub/ideas/kestrel-audit-case-study/</id>
    <title type="text">Scheduled: Kestrel Analytics: closing the annual audit two weeks early</title>
    <updated>2026-08-05T00:00:00Z</updated>
    <published>2026-08-05T00:00:00Z</published>
    <author>
      <name>Hannah Cho (Account Executive, North America)</name>
    </author>
    <link rel="alternate" href="https://quillstone.github.io/revenue-hub/ideas/kestrel-audit-case-study/" />
    <category term="scheduled" label="Scheduled" />
    <summary type="text">Proposed by Hannah Cho (Account Executive, North America) on 5 Aug 2026 (case-study), \
from the question: "Every year our auditors ask for signed contracts and it takes my team a week to find them. Has \
connecting contracts to NetSuite actually helped anyone?" Scheduled for 12 Jan 2027.</summary>
  </entry>
""" in published[IDEAS]


@pytest.mark.parametrize(
    ("idea", "ending"),
    [
        (
            "adoption-scorecard",
            '"Six months after go-live, how do I show my GC that people are actually using the tool?" '
            "Waiting for marketing's review.",
        ),
        (
            "ai-extraction-accuracy",
            'What happens when it gets a renewal date wrong and nobody notices?" Accepted by marketing.',
        ),
        ("clm-payback-calculator", 'when does this pay for itself?" Scheduled for 16 Feb 2027.'),
        ("auto-renewal-notice-period-checklist", "when they don't have a system yet?\" Published on 7 Apr 2026."),
        ("gdpr-compliance-article", "; Felix is happy to join that call."),
    ],
)
def test_a_feed_entry_says_what_became_of_the_idea(published: dict[str, str], idea: str, ending: str) -> None:
    entry = next(e for e in feedparser.parse(published[IDEAS]).entries if e.id.endswith(f"/{idea}/"))
    assert entry.summary.strip().endswith(ending)


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
    assert entry.summary.startswith(
        "Proposed by Hannah Cho (Account Executive, North America) on 5 Aug 2026 (case-study), from the question: "
    )
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
    feed = feedparser.parse(text)
    assert (feed.feed.id, "links" in feed.feed) == ("urn:hub-build:ideas", False)
    entry = next(e for e in feed.entries if e.id == "urn:hub-build:idea:kestrel-audit-case-study")
    assert entry.link == "../ideas/kestrel-audit-case-study/"


def test_hostile_text_stays_text_in_both_feeds(tmp_path: Path) -> None:
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    (tmp_path / "playbook" / "content" / "hostile-idea.yaml").write_text(
        HOSTILE_IDEA.replace(
            "status: declined",
            "status: published\nowner: amara-nwosu\nurl: https://quillstone.example/x\npublished_on: 2026-11-20",
        ).replace('declined_reason: "</div><script>window.__hub_pwned = 5</script>"\n', ""),
        encoding="utf-8",
    )
    result = validate_hub(tmp_path, today=TODAY)
    assert result.errors == []
    published = feeds(result.playbook, today=TODAY, site_url=SITE)
    entry = feedparser.parse(published[IDEAS]).entries[0]
    assert entry.title == f"Published: {SCRIPT} and {{{{ 7 * 7 }}}}"
    assert entry.title_detail.type == "text/plain"
    event = next(e for e in _events(published[CALENDAR]) if str(e["uid"]) == "idea-hostile-idea@hub-build")
    assert str(event["summary"]) == f"Published: {SCRIPT} and {{{{ 7 * 7 }}}}"
