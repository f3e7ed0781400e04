"""The generated pages show the right values: names, dates, counts and orders, not only their labels.

Pages are rendered in-process from the minimal hub (tests/playbook/validation/cases/valid/minimal),
with people and ideas added to the playbook in Python where a test needs more of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest

from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import validate_hub
from hub_build.site.abbreviations import GlossaryAbbreviations, tooltips
from hub_build.site.environment import region as people_region
from hub_build.site.history import Change, FileChange
from hub_build.site.links import Links
from hub_build.site.page_additions import fill_markers
from hub_build.site.page_contexts import chat_address
from hub_build.site.pages import render_site
from tests.helpers import MINIMAL
from tests.site.test_text_safety import EXTENSIONS, LIVE_SCHEMES, browse, scheme

TODAY = dt.date(2026, 3, 1)


def minimal() -> Playbook:
    return validate_hub(MINIMAL, today=TODAY).playbook


def pages(playbook: Playbook, today: dt.date = TODAY) -> dict[str, str]:
    return {page.uri: page.markdown for page in render_site(playbook, today=today)}


def html_of(page: str) -> str:
    """A page as HTML, its front matter left out as MkDocs does."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    return markdown.Markdown(extensions=EXTENSIONS).convert(body)


def lines_from(page: str, first: str, count: int) -> list[str]:
    lines = page.splitlines()
    start = lines.index(first)
    return lines[start : start + count]


def section(page: str, heading: str) -> list[str]:
    """The lines of a page from a heading to the next heading of the same level, blank lines left out."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    level = heading.split(" ")[0] + " "
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(level)), len(lines))
    return [line for line in lines[start:end] if line.strip()]


def add_person(playbook: Playbook, person_id: str, name: str, team: str) -> None:
    playbook.people[person_id] = dataclasses.replace(playbook.people["sam-ortiz"], id=person_id, name=name, team=team)


def add_idea(playbook: Playbook, idea_id: str, proposed_by: str, status: str, **fields: object) -> None:
    playbook.ideas[idea_id] = dataclasses.replace(
        playbook.ideas["close-checklist"],
        id=idea_id,
        title=fields.pop("title", idea_id.replace("-", " ").capitalize()),
        proposed_by=proposed_by,
        status=status,
        **fields,
    )


# ------------------------------------------------------------------ review notes


def _trust(page: str) -> str:
    return next(line for line in page.splitlines() if line.startswith('<p class="hub-trust"'))


def test_a_record_page_names_its_owner_and_the_dates_of_its_reviews_under_its_title() -> None:
    narrative = pages(minimal())["narrative.md"].splitlines()

    assert narrative[narrative.index("# Go-to-market narrative") + 2] == (
        '<p class="hub-trust" markdown>:material-account-check: Kept by [Maya Chen](people.md#maya-chen) · '
        "last reviewed 15 Jan 2026 · next review 15 Jul 2026</p>"
    )


def test_a_record_never_reviewed_says_so_under_its_title() -> None:
    sla = pages(minimal())["sla.md"]

    assert "Kept by [Sam Ortiz](people.md#sam-ortiz) · **never reviewed** · next review 31 Dec 2026" in _trust(sla)


def test_on_its_due_date_a_record_is_still_current() -> None:
    narrative = pages(minimal(), today=dt.date(2026, 7, 15))["narrative.md"]

    assert "next review 15 Jul 2026" in _trust(narrative)
    assert "Due for review" not in narrative


def test_the_day_after_its_due_date_a_record_says_its_review_was_due() -> None:
    narrative = pages(minimal(), today=dt.date(2026, 7, 16))["narrative.md"].splitlines()

    assert '!!! warning "Due for review"' in narrative
    assert "    **Review was due:** 15 Jul 2026" in narrative
    assert "    This page may be out of date: its owner has been asked to check it." in narrative


def test_a_record_reviewed_by_a_date_shows_that_date() -> None:
    sla = pages(minimal())["sla.md"]

    assert "next review 31 Dec 2026" in _trust(sla)
    assert (
        "| **&#49;&#46;0** | 1 Jan 2026 | 31 Dec 2026 | [Sam Ortiz](people.md#sam-ortiz) (15 Dec 2025), "
        "[Maya Chen](people.md#maya-chen) (16 Dec 2025) |"
    ) in sla.splitlines()


# ------------------------------------------------------------------ the home page: due for review


def _due_for_review(today: dt.date) -> list[str]:
    return section(pages(minimal(), today=today)["index.md"], "## Due for review")[1:]


def test_a_record_due_in_exactly_30_days_is_listed_on_the_home_page() -> None:
    # The narrative is due on 15 Jul 2026.
    assert _due_for_review(dt.date(2026, 6, 15)) == [
        "| Record | Owner | Due |",
        "| --- | --- | --- |",
        "| [Go-to-market narrative](narrative.md) | [Maya Chen](people.md#maya-chen) | 15 Jul 2026 |",
    ]


def test_a_record_due_in_31_days_is_not_listed_yet() -> None:
    assert _due_for_review(dt.date(2026, 6, 14)) == ["Nothing is due for review in the next 30 days."]


def test_a_record_due_today_is_listed_as_due_not_overdue() -> None:
    assert _due_for_review(dt.date(2026, 7, 15))[2] == (
        "| [Go-to-market narrative](narrative.md) | [Maya Chen](people.md#maya-chen) | 15 Jul 2026 |"
    )


def test_an_overdue_record_is_listed_first_with_the_day_it_fell_due() -> None:
    # Due after the narrative: the MQL (1 Aug 2026) and the onboarding track (30 Sep 2026).
    assert _due_for_review(dt.date(2026, 9, 1))[2:] == [
        "| [Go-to-market narrative](narrative.md) | [Maya Chen](people.md#maya-chen) |"
        " :material-alert: **overdue since 15 Jul 2026** |",
        "| [Term&#58; Marketing Qualified Lead &#40;MQL&#41;](glossary.md#mql) | [Maya Chen](people.md#maya-chen) |"
        " :material-alert: **overdue since 1 Aug 2026** |",
        "| [Onboarding track&#58; Account Executive](onboarding/account-executive.md) | [Sam Ortiz](people.md#sam-ortiz) |"
        " 30 Sep 2026 |",
    ]


# ------------------------------------------------------------------ idea pages


def test_an_idea_page_credits_its_proposer_by_name_and_gives_the_day() -> None:
    idea = pages(minimal())["ideas/close-checklist.md"].splitlines()

    assert "**Idea by [Sam Ortiz](../people.md#sam-ortiz)**, proposed on 1 Feb 2026 · *Proposed*" in idea


def test_an_idea_page_shows_its_owner_schedule_and_publication() -> None:
    playbook = minimal()
    add_idea(
        playbook,
        "live",
        "sam-ortiz",
        "published",
        owner="maya-chen",
        channel="blog",
        url="https://ledgerly.example/close",
        published_on=dt.date(2026, 2, 20),
    )
    idea = pages(playbook)["ideas/live.md"].splitlines()

    assert "| **Owner in marketing** | [Maya Chen](../people.md#maya-chen) |" in idea
    assert "| **Channel** | blog |" in idea
    assert (
        "| **Published** | [https&#58;//ledgerly.example/close](https://ledgerly.example/close) on 20 Feb 2026 |"
        in idea
    )


def test_an_abbreviation_in_an_idea_gets_its_glossary_tooltip() -> None:
    playbook = minimal()
    playbook.ideas["close-checklist"] = dataclasses.replace(
        playbook.ideas["close-checklist"], question="Which MQL closes fastest?"
    )
    glossary = tooltips(playbook)
    idea = pages(playbook)["ideas/close-checklist.md"]

    converted = markdown.Markdown(extensions=[*EXTENSIONS, GlossaryAbbreviations(glossary)]).convert(idea)  # type: ignore[list-item]
    assert (
        'Which <abbr title="Marketing Qualified Lead: A lead that reached the scoring threshold both teams '
        'agreed on.">MQL</abbr> closes fastest?'
    ) in converted


# ------------------------------------------------------------------ the content calendar


@pytest.fixture
def busy() -> Playbook:
    """Four reps in sales, one marketer who proposes too, and ideas in every state."""
    playbook = minimal()
    add_person(playbook, "lee-park", "Lee Park", "sales")
    add_person(playbook, "ava-ng", "Ava Ng", "sales")
    add_person(playbook, "zed-diaz", "Bo Diaz", "sales")  # the name sorts before Sam Ortiz, the id after
    # close-checklist: Sam, proposed on 1 Feb 2026
    add_idea(playbook, "sam-live", "sam-ortiz", "published", published_on=dt.date(2026, 2, 10))
    add_idea(
        playbook,
        "lee-live",
        "lee-park",
        "published",
        published_on=dt.date(2026, 2, 20),
        url="https://ledgerly.example/lee",
    )
    add_idea(playbook, "lee-undated", "lee-park", "published", proposed_on=dt.date(2026, 2, 15))
    add_idea(playbook, "lee-new", "lee-park", "proposed")
    add_idea(playbook, "ava-new", "ava-ng", "proposed")
    add_idea(playbook, "ava-declined", "ava-ng", "declined", declined_reason="Covered already.")
    add_idea(
        playbook, "bo-live", "zed-diaz", "published", published_on=dt.date(2026, 1, 5), proposed_on=dt.date(2026, 1, 2)
    )
    add_idea(playbook, "bo-new", "zed-diaz", "accepted", owner="maya-chen")
    add_idea(playbook, "maya-live", "maya-chen", "published", published_on=dt.date(2026, 2, 25))
    add_idea(playbook, "maya-march", "maya-chen", "scheduled", scheduled_for=dt.date(2026, 3, 20), channel="blog")
    add_idea(playbook, "sam-april", "sam-ortiz", "scheduled", scheduled_for=dt.date(2026, 4, 2), channel="webinar")
    add_idea(playbook, "lee-march", "lee-park", "scheduled", scheduled_for=dt.date(2026, 3, 5), channel="linkedin")
    return playbook


def test_ideas_from_sales_are_counted_per_rep_most_first_and_marketers_are_left_out(busy: Playbook) -> None:
    calendar = pages(busy)["calendar.md"]

    assert section(calendar, "## Ideas from sales")[4:] == [
        "| [Lee Park](people.md#lee-park) | 4 | 2 |",
        "| [Sam Ortiz](people.md#sam-ortiz) | 3 | 1 |",
        "| [Bo Diaz](people.md#zed-diaz) | 2 | 1 |",
        "| [Ava Ng](people.md#ava-ng) | 2 | 0 |",
    ]


def test_reps_with_as_many_ideas_are_ordered_by_published_then_by_name() -> None:
    playbook = minimal()
    add_person(playbook, "zed-diaz", "Bo Diaz", "sales")
    add_person(playbook, "ava-ng", "Ava Ng", "sales")
    add_idea(playbook, "bo-1", "zed-diaz", "proposed")
    add_idea(playbook, "ava-1", "ava-ng", "published")

    assert section(pages(playbook)["calendar.md"], "## Ideas from sales")[4:] == [
        "| [Ava Ng](people.md#ava-ng) | 1 | 1 |",
        "| [Bo Diaz](people.md#zed-diaz) | 1 | 0 |",
        "| [Sam Ortiz](people.md#sam-ortiz) | 1 | 0 |",
    ]


def test_recently_published_lists_the_newest_first_by_publication_or_else_proposal_date(busy: Playbook) -> None:
    calendar = pages(busy)["calendar.md"]

    assert section(calendar, "## Recently published")[1:] == [
        "- [Maya live](ideas/maya-live.md) · 25 Feb 2026 · idea by [Maya Chen](people.md#maya-chen)"
        " ([details](ideas/maya-live.md))",
        "- [Lee live](https://ledgerly.example/lee) · 20 Feb 2026 · idea by [Lee Park](people.md#lee-park)"
        " ([details](ideas/lee-live.md))",
        "- [Lee undated](ideas/lee-undated.md) · idea by [Lee Park](people.md#lee-park) ([details](ideas/lee-undated.md))",
        "- [Sam live](ideas/sam-live.md) · 10 Feb 2026 · idea by [Sam Ortiz](people.md#sam-ortiz)"
        " ([details](ideas/sam-live.md))",
        "- [Bo live](ideas/bo-live.md) · 5 Jan 2026 · idea by [Bo Diaz](people.md#zed-diaz)"
        " ([details](ideas/bo-live.md))",
    ]


def test_the_board_counts_the_ideas_in_each_state(busy: Playbook) -> None:
    tabs = [line for line in pages(busy)["calendar.md"].splitlines() if line.startswith("=== ")]

    assert tabs == [
        '=== "Proposed (3)"',
        '=== "Accepted (1)"',
        '=== "Scheduled (3)"',
        '=== "Published (5)"',
        '=== "Declined (1)"',
    ]


def test_the_board_lists_each_state_soonest_first(busy: Playbook) -> None:
    calendar = pages(busy)["calendar.md"].splitlines()
    scheduled = calendar[calendar.index('=== "Scheduled (3)"') + 1 : calendar.index('=== "Published (5)"')]

    assert [line.split("](")[0] for line in scheduled if line.strip()] == [
        "    - :material-calendar-clock: [Lee march",
        "    - :material-calendar-clock: [Maya march",
        "    - :material-calendar-clock: [Sam april",
    ]


def test_coming_up_groups_scheduled_ideas_by_month_in_date_order(busy: Playbook) -> None:
    upcoming = section(pages(busy)["calendar.md"], "## Coming up")

    assert [line for line in upcoming if line.startswith(("###", "| 5", "| 20", "| 2 "))] == [
        "### March 2026",
        "| 5 Mar 2026 | [Lee march](ideas/lee-march.md) | checklist | linkedin | [Lee Park](people.md#lee-park) | — |",
        "| 20 Mar 2026 | [Maya march](ideas/maya-march.md) | checklist | blog | [Maya Chen](people.md#maya-chen) | — |",
        "### April 2026",
        "| 2 Apr 2026 | [Sam april](ideas/sam-april.md) | checklist | webinar | [Sam Ortiz](people.md#sam-ortiz) | — |",
    ]


def test_ideas_are_listed_under_their_buying_stage_by_state_then_date_then_title(busy: Playbook) -> None:
    narrative = pages(busy)["narrative.md"]
    stage = section(narrative, "### 1. Awareness")
    content = [line.split("](")[0] for line in stage[stage.index("**Content for this stage:**") + 1 :]]

    # Declined ideas are left out; the three proposed on 1 Feb 2026 go by title.
    assert content == [
        "- [Ava new",
        "- [Lee new",
        "- [The five-day close checklist",
        "- [Bo new",
        "- [Lee march",
        "- [Maya march",
        "- [Sam april",
        "- [Bo live",
        "- [Sam live",
        "- [Lee undated",
        "- [Lee live",
        "- [Maya live",
    ]


# ------------------------------------------------------------------ people


def test_a_persons_entry_lists_every_place_the_playbook_names_them(busy: Playbook) -> None:
    people = pages(busy)["people.md"]

    assert mentions(people, "### Lee Park") == [
        '??? note "Named in the playbook (4)"',
        "    - [Lee new](ideas/lee-new.md) — proposed this idea &#40;proposed&#41;",
        "    - [Lee march](ideas/lee-march.md) — proposed this idea &#40;scheduled&#41;",
        "    - [Lee undated](ideas/lee-undated.md) — proposed this idea &#40;published&#41;",
        "    - [Lee live](ideas/lee-live.md) — proposed this idea &#40;published&#41;",
    ]
    assert mentions(people, "### Maya Chen") == [
        '??? note "Named in the playbook (7)"',
        "    - [Account Executive](onboarding/account-executive.md) — introduction on day 1",
        "    - [&#51;&#46;1 Weekly pipeline review](sla.md#clause-pipeline-review) — point of contact",
        "    - [Service-level agreement](sla.md) — signatory",
        "    - [Bo new](ideas/bo-new.md) — owns this idea",
        "    - [Maya march](ideas/maya-march.md) — proposed this idea &#40;scheduled&#41;",
        "    - [Maya live](ideas/maya-live.md) — proposed this idea &#40;published&#41;",
        "    - [Marketing Qualified Lead](glossary.md#mql) — marketing owner of this KPI",
    ]


def mentions(people: str, heading: str) -> list[str]:
    return [line for line in section(people, heading) if line.startswith(("??? note", "    - "))]


def test_the_people_page_can_be_filtered_by_each_teams_groups_and_by_region() -> None:
    playbook = minimal()
    sam = playbook.people["sam-ortiz"]
    playbook.people["sam-ortiz"] = dataclasses.replace(sam, group="Account executives")
    playbook.people["kim-lee"] = dataclasses.replace(
        sam, id="kim-lee", name="Kim Lee", group="Sales <ops>", time_zone="Asia/Tokyo"
    )
    playbook.people["al-ray"] = dataclasses.replace(sam, id="al-ray", name="Al Ray", group=None, time_zone="UTC")
    playbook.people["bo-li"] = dataclasses.replace(
        sam, id="bo-li", name="Bo Li", group="channel", time_zone="Indian/Maldives"
    )
    people = pages(playbook)["people.md"]

    assert [line for line in people.splitlines() if line.startswith("<option")] == [
        '<option value="">Both teams</option>',
        '<option value="team:sales">All of sales</option>',
        '<option value="group:Account executives">Account executives</option>',
        '<option value="group:channel">channel</option>',
        '<option value="group:Sales &#60;ops&#62;">Sales &#60;ops&#62;</option>',
        '<option value="team:marketing">All of marketing</option>',
        '<option value="">Everywhere</option>',
        '<option value="Americas">Americas</option>',
        '<option value="Asia">Asia</option>',
        '<option value="Europe">Europe</option>',
        '<option value="Indian Ocean">Indian Ocean</option>',
        '<option value="Other">Other</option>',
    ]
    assert [line for line in people.splitlines() if line.startswith('<div class="hub-person"')] == [
        '<div class="hub-person" data-team="sales" data-group="" data-region="Other" markdown>',
        '<div class="hub-person" data-team="sales" data-group="channel" data-region="Indian Ocean" markdown>',
        '<div class="hub-person" data-team="sales" data-group="Sales &#60;ops&#62;" data-region="Asia" markdown>',
        '<div class="hub-person" data-team="sales" data-group="Account executives" data-region="Europe" markdown>',
        '<div class="hub-person" data-team="marketing" data-group="" data-region="Americas" markdown>',
    ]


@pytest.mark.parametrize(
    ("time_zone", "region"),
    [
        ("America/Argentina/Buenos_Aires", "Americas"),
        ("Europe/Berlin", "Europe"),
        ("Africa/Lagos", "Africa"),
        ("Asia/Kolkata", "Asia"),
        ("Australia/Sydney", "Australia and Oceania"),
        ("Pacific/Auckland", "Australia and Oceania"),
        ("Atlantic/Reykjavik", "Atlantic"),
        ("Indian/Maldives", "Indian Ocean"),
        ("Antarctica/Troll", "Antarctica"),
        ("UTC", "Other"),
        ("Etc/GMT+2", "Other"),
        ("", "Other"),
    ],
)
def test_a_persons_region_is_the_area_of_their_time_zone(time_zone: str, region: str) -> None:
    assert people_region(time_zone) == region


def test_the_people_page_names_each_team_and_the_count_of_mentions() -> None:
    people = pages(minimal())["people.md"].splitlines()

    assert [line for line in people if line.startswith(("## ", "### ", "??? note"))] == [
        '## Sales { #_team-sales .hub-team data-team="sales" }',
        "### Sam Ortiz { #sam-ortiz }",
        '??? note "Named in the playbook (4)"',
        '## Marketing { #_team-marketing .hub-team data-team="marketing" }',
        "### Maya Chen { #maya-chen }",
        '??? note "Named in the playbook (4)"',
    ]
    assert lines_from("\n".join(people), '??? note "Named in the playbook (4)"', 5) == [
        '??? note "Named in the playbook (4)"',
        "    - [&#51;&#46;1 Weekly pipeline review](sla.md#clause-pipeline-review) — point of contact",
        "    - [Service-level agreement](sla.md) — signatory",
        "    - [The five-day close checklist](ideas/close-checklist.md) — proposed this idea &#40;proposed&#41;",
        "    - [Marketing Qualified Lead](glossary.md#mql) — sales owner of this KPI",
    ]


# ------------------------------------------------------------------ the SLA


def test_each_clause_is_numbered_by_its_family_then_its_place_in_it() -> None:
    sla = pages(minimal())["sla.md"].splitlines()

    # Families in this order: commitment, engagement, meeting, feedback, escalation,
    # consequence, review, dissolution; the minimal SLA has a commitment and a meeting.
    assert [line for line in sla if line.startswith("#### ")] == [
        "#### &#49;&#46;1 Follow up every MQL quickly { #clause-mql-follow-up }",
        "#### &#51;&#46;1 Weekly pipeline review { #clause-pipeline-review }",
    ]


# ------------------------------------------------------------------ values are data in every template

HOSTILE = '*Sam* <b>Ortiz</b> [x](javascript:alert(1)) {: onclick="alert(2)" } # `c`'


def test_a_name_or_title_full_of_markup_shows_as_text_on_every_page() -> None:
    playbook = minimal()
    playbook.people["sam-ortiz"] = dataclasses.replace(playbook.people["sam-ortiz"], name=HOSTILE, role=HOSTILE)
    playbook.ideas["close-checklist"] = dataclasses.replace(
        playbook.ideas["close-checklist"], title=HOSTILE, format=HOSTILE
    )

    for uri, page in pages(playbook).items():
        converted = html_of(page)
        seen = browse(converted)
        assert seen.handlers == [], uri
        assert {scheme(target) for target in seen.targets} <= LIVE_SCHEMES, uri
        assert "<b>" not in converted and "<em>Sam</em>" not in converted, uri
    people = html_of(pages(playbook)["people.md"])
    assert f">{HOSTILE}</h3>" in html.unescape(people).replace(' id="sam-ortiz"', "")


def test_a_url_field_that_is_not_a_web_address_is_a_dead_link_on_every_page() -> None:
    # The schema refuses such a value; the template's url filter holds on its own.
    playbook = minimal()
    playbook.ideas["close-checklist"] = dataclasses.replace(
        playbook.ideas["close-checklist"],
        status="published",
        url="javascript:alert(1)",
        published_on=dt.date(2026, 2, 2),
    )

    rendered = pages(playbook)
    for uri in ("calendar.md", "ideas/close-checklist.md"):
        targets = browse(html_of(rendered[uri])).targets
        assert "#unsafe-link" in targets, uri
        assert {scheme(target) for target in targets} <= LIVE_SCHEMES, uri


def test_an_email_address_links_only_as_mailto() -> None:
    playbook = minimal()
    playbook.people["sam-ortiz"] = dataclasses.replace(playbook.people["sam-ortiz"], email="sam@x.example>evil")

    people = pages(playbook)["people.md"]

    assert ':material-email:{ title="E-mail" } [sam@x.example&#62;evil](#unsafe-link)' in people
    assert (
        ':material-email:{ title="E-mail" } [maya.chen@ledgerly.example](mailto:maya.chen@ledgerly.example)' in people
    )


def test_a_chat_handle_links_to_a_conversation_where_the_chat_tool_has_an_address_format() -> None:
    playbook = minimal()
    playbook.people["sam-ortiz"] = dataclasses.replace(playbook.people["sam-ortiz"], chat="@sam")
    today = dt.date(2026, 3, 2)

    linked = next(
        page.markdown
        for page in render_site(playbook, today=today, chat_url="https://chat.example.com/acme/messages/@{handle}")
        if page.uri == "people.md"
    )
    plain = next(page.markdown for page in render_site(playbook, today=today) if page.uri == "people.md")

    assert ':material-chat:{ title="Chat" } [@sam](https://chat.example.com/acme/messages/@sam)' in linked
    assert ':material-chat:{ title="Chat" } @sam ·' in plain


def test_a_chat_address_by_email_takes_the_persons_email() -> None:
    person = dataclasses.replace(minimal().people["sam-ortiz"], chat="@sam", email="sam@ledgerly.example")

    assert chat_address("https://teams.microsoft.com/l/chat/0/0?users={email}", person) == (
        "https://teams.microsoft.com/l/chat/0/0?users=sam@ledgerly.example"
    )


def test_a_track_page_names_its_section_above_its_title() -> None:
    track = pages(minimal())["onboarding/account-executive.md"]

    assert track.split("---\n\n", 1)[1].startswith(
        '<nav class="hub-breadcrumb" aria-label="Breadcrumb" markdown>[Onboarding](index.md)</nav>\n\n'
        "# Onboarding: Account Executive\n"
    )


def test_a_title_becomes_the_pages_title_escaped_for_html() -> None:
    playbook = minimal()
    playbook.ideas["close-checklist"] = dataclasses.replace(playbook.ideas["close-checklist"], title='<i>"Q&A"</i>')

    idea = pages(playbook)["ideas/close-checklist.md"]

    assert idea.startswith(
        '---\n{"title": "&lt;i&gt;&quot;Q&amp;A&quot;&lt;/i&gt;"}\n---\n\n'
        '<nav class="hub-breadcrumb" aria-label="Breadcrumb" markdown>'
        "[Content calendar](../calendar.md)</nav>\n\n# "
    )
    assert re.search(r"^# &#60;i&#62;&#34;Q&#38;A&#34;&#60;/i&#62;$", idea, re.M)


# ------------------------------------------------------------------ what every page is given

EDIT = "https://github.com/acme/hub/edit/main/"
NEW_IDEA = "https://github.com/acme/hub/new/main/playbook/content?filename=x.yaml"


def test_every_page_has_its_address_title_and_the_one_file_it_shows() -> None:
    rendered = render_site(minimal(), today=TODAY, edit_base=EDIT)

    assert [(page.uri, page.title, page.source) for page in rendered] == [
        ("index.md", "Home", None),
        ("glossary.md", "Glossary", None),
        ("people.md", "People", None),
        ("onboarding/index.md", "Onboarding", None),
        ("calendar.md", "Content calendar", None),
        ("scorecard.md", "Scorecard", None),
        ("narrative.md", "Narrative", "playbook/narrative.yaml"),
        ("sla.md", "Service-level agreement", "playbook/sla.yaml"),
        ("onboarding/account-executive.md", "Account Executive", "playbook/onboarding/account-executive.yaml"),
        ("ideas/close-checklist.md", "The five-day close checklist", "playbook/content/close-checklist.yaml"),
    ]
    front = {page.uri: json.loads(page.markdown.split("\n---\n", 1)[0].removeprefix("---\n")) for page in rendered}
    assert (front["index.md"]["title"], front["index.md"]["hide"]) == ("Home", ["navigation"])
    assert front["glossary.md"]["title"] == "Glossary" and "search" not in front["glossary.md"]
    assert front["people.md"]["title"] == "People"


def test_every_template_is_given_the_page_its_title_the_editor_and_the_day(tmp_path: Path) -> None:
    # What a hub's own template can use: one override per page prints it.
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    for name in (
        "home",
        "glossary",
        "people",
        "onboarding",
        "calendar",
        "scorecard",
        "narrative",
        "sla",
        "track",
        "idea",
    ):
        (overrides / f"{name}.md.j2").write_text(
            "{{ page_uri }}|{{ title }}|{{ edit_base }}|{{ today }}|{{ new_idea_url }}|{{ site.today }}\n",
            encoding="utf-8",
        )

    rendered = render_site(minimal(), today=TODAY, edit_base=EDIT, new_idea_url=NEW_IDEA, custom_templates=overrides)

    assert [page.markdown.split("\n---\n\n", 1)[1] for page in rendered] == [
        # A plain value has its colons written as references; the new-idea link is already Markdown.
        f"{uri}|{title}|{EDIT.replace(':', '&#58;')}|2026-03-01|{NEW_IDEA}|2026-03-01\n"
        for uri, title in [
            ("index.md", "Home"),
            ("glossary.md", "Glossary"),
            ("people.md", "People"),
            ("onboarding/index.md", "Onboarding"),
            ("calendar.md", "Content calendar"),
            ("scorecard.md", "Scorecard"),
            ("narrative.md", "Narrative"),
            ("sla.md", "Service-level agreement"),
            ("onboarding/account-executive.md", "Account Executive"),
            ("ideas/close-checklist.md", "The five-day close checklist"),
        ]
    ]


def test_record_pages_link_to_their_file_in_the_git_hosts_editor() -> None:
    rendered = pages_with_edit_links()

    assert (
        "[:material-pencil: edit](https://github.com/acme/hub/edit/main/playbook/narrative.yaml "
        '"Edit playbook/narrative.yaml")</p>'
    ) in rendered["narrative.md"]
    assert (
        '[:material-pencil: edit](https://github.com/acme/hub/edit/main/playbook/sla.yaml "Edit playbook/sla.yaml")</p>'
    ) in rendered["sla.md"]
    assert (
        "    [:material-pencil: Edit playbook/onboarding/account-executive.yaml](https://github.com/acme/hub/edit/"
        "main/playbook/onboarding/account-executive.yaml){ .md-button }"
    ) in rendered["onboarding/account-executive.md"].splitlines()
    assert (
        "<small>[:material-pencil: edit](https://github.com/acme/hub/edit/main/playbook/people/sam-ortiz.yaml "
        '"Edit playbook/people/sam-ortiz.yaml")</small></p>'
    ) in rendered["people.md"]


def pages_with_edit_links() -> dict[str, str]:
    return {page.uri: page.markdown for page in render_site(minimal(), today=TODAY, edit_base=EDIT)}


def test_a_record_made_in_code_without_a_file_gets_its_page_and_no_edit_link() -> None:
    playbook = minimal()
    add_idea(playbook, "made-in-code", "sam-ortiz", "proposed", document=None)

    rendered = {page.uri: page for page in render_site(playbook, today=TODAY, edit_base=EDIT)}

    assert rendered["ideas/made-in-code.md"].source is None
    assert '"edit_url": ""' in rendered["ideas/made-in-code.md"].markdown
    assert rendered["ideas/close-checklist.md"].source == "playbook/content/close-checklist.yaml"


def test_without_an_editor_no_page_links_to_one() -> None:
    assert not any("edit/main" in page or ":material-pencil:" in page for page in pages(minimal()).values())


# ------------------------------------------------------------------ the glossary


def add_term(playbook: Playbook, term_id: str, name: str, abbreviation: str | None = None) -> None:
    playbook.terms[term_id] = dataclasses.replace(
        playbook.terms["lead"], id=term_id, name=name, abbreviation=abbreviation, lifecycle_stage=None, related=[]
    )


def test_the_glossary_files_each_term_under_the_first_letter_people_look_for() -> None:
    playbook = minimal()
    add_term(playbook, "arr", "Annual recurring revenue", "ARR")
    add_term(playbook, "eclair", "Éclair deal")
    add_term(playbook, "apple", "apple pie")
    add_term(playbook, "three-day", "3-day rule")
    add_term(playbook, "hash", "#1 priority")
    add_term(playbook, "zero", "Zero-touch")
    add_term(playbook, "sharp-s", "ß-Regel")  # ß is upper-cased to SS; filed under S, its first letter

    glossary = pages(playbook)["glossary.md"].splitlines()

    assert glossary[glossary.index("## A–Z { #_a-z }") + 2] == (
        "[A](#_letter-a) · [E](#_letter-e) · [L](#_letter-l) · [M](#_letter-m) · [S](#_letter-s) · [Z](#_letter-z)"
        " · [&#35;](#_letter-other)"
    )
    assert [line for line in glossary if line.startswith(("### ", "#### "))] == [
        "### A { #_letter-a }",
        "#### apple pie { #apple }",
        '#### <span id="abbr-arr"></span>ARR · Annual recurring revenue { #arr }',  # where its tooltips lead
        "### E { #_letter-e }",
        "#### Éclair deal { #eclair }",
        "### L { #_letter-l }",
        "#### Lead { #lead }",
        "### M { #_letter-m }",
        '#### <span id="abbr-mql"></span>MQL · Marketing Qualified Lead { #mql }',
        "### S { #_letter-s }",
        "#### ß-Regel { #sharp-s }",
        "### Z { #_letter-z }",
        "#### Zero-touch { #zero }",
        "### &#35; { #_letter-other }",
        "#### &#35;1 priority { #hash }",
        "#### 3-day rule { #three-day }",
    ]


def test_the_home_page_names_the_first_lifecycle_abbreviations_then_other_terms() -> None:
    playbook = minimal()
    add_term(playbook, "arr", "Annual recurring revenue", "ARR")

    home = pages(playbook)["index.md"].splitlines()

    # MQL is the only stage with an abbreviation; then the others by name: ARR, then Lead.
    assert (
        "    MQL, ARR, Lead: the definitions both teams agreed on."
        '<span class="hub-keyboard-only"> Or press ++slash++ to search the hub.</span>'
    ) in home


# ------------------------------------------------------------------ people named in onboarding


def test_a_track_names_whom_the_hire_meets_and_whom_they_shadow() -> None:
    playbook = minimal()
    track = playbook.tracks["account-executive"]
    shadow = dataclasses.replace(track.steps[0], day=4, action="shadow", subject="sam-ortiz", index=3)
    playbook.tracks["account-executive"] = dataclasses.replace(track, steps=[*track.steps, shadow])

    people = pages(playbook)["people.md"]

    assert "    - [Account Executive](onboarding/account-executive.md) — shadowing on day 4" in section(
        people, "### Sam Ortiz"
    )
    assert "    - [Account Executive](onboarding/account-executive.md) — introduction on day 1" in section(
        people, "### Maya Chen"
    )


# ------------------------------------------------------------------ the home page: recently changed


def test_recent_changes_tell_what_happened_to_each_record() -> None:
    history = [
        Change(
            dt.date(2026, 2, 20),
            "Terms, people, a track, an idea and the narrative",
            (
                FileChange("playbook/terms/mql.yaml", "revised"),
                FileChange("playbook/terms/lead.yaml", "added"),
                FileChange("playbook/people/sam-ortiz.yaml", "revised"),
                FileChange("playbook/onboarding/account-executive.yaml", "added"),
                FileChange("playbook/narrative.yaml", "revised"),
            ),
        ),
        Change(
            dt.date(2026, 2, 12),
            "Ideas",
            (
                FileChange("playbook/content/close-checklist.yaml", "added"),
                FileChange("playbook/content/gone.yaml", "removed"),
            ),
        ),
        Change(
            dt.date(2026, 2, 10),
            "The SLA",
            (
                FileChange("playbook/sla.yaml", "revised", records=("pipeline-review", "since-removed")),
                FileChange("playbook/terms/gone.yaml", "removed"),
                FileChange("playbook/odd.yaml", "added"),
            ),
        ),
        Change(dt.date(2026, 2, 5), "Signed again", (FileChange("playbook/sla.yaml", "revised", header=True),)),
        Change(
            dt.date(2026, 2, 4),
            "Both",
            (FileChange("playbook/sla.yaml", "revised", records=("mql-follow-up",), header=True),),
        ),
        Change(dt.date(2026, 2, 3), "Diff not read", (FileChange("playbook/sla.yaml", "revised"),)),
    ]

    assert section(pages_with_history(history), "## Recently changed")[1:] == [
        "- **20 Feb 2026** · Shared KPI [Marketing Qualified Lead &#40;MQL&#41;](glossary.md#mql) revised; "
        "Term [Lead](glossary.md#lead) added; Person [Sam Ortiz](people.md#sam-ortiz) revised; "
        "Onboarding track [Account Executive](onboarding/account-executive.md) added; "
        "[Narrative](narrative.md) revised",
        "- **12 Feb 2026** · Content idea [The five-day close checklist](ideas/close-checklist.md) proposed by "
        "[Sam Ortiz](people.md#sam-ortiz); Content idea gone removed",
        "- **10 Feb 2026** · SLA clause 3.1 [Weekly pipeline review](sla.md#clause-pipeline-review) revised; "
        "SLA clause since-removed revised; Term gone removed; File playbook/odd.yaml added",
        "- **5 Feb 2026** · [Service-level agreement](sla.md) revised",
        "- **4 Feb 2026** · [Service-level agreement](sla.md) revised; "
        "SLA clause 1.1 [Follow up every MQL quickly](sla.md#clause-mql-follow-up) revised",
        "- **3 Feb 2026** · [Service-level agreement](sla.md) revised",
    ]


@pytest.mark.parametrize(
    ("status", "told"),
    [
        ("accepted", "accepted"),
        ("published", "published"),
        ("declined", "declined"),
        ("proposed", "proposed"),
        ("scheduled", "scheduled for 2 Mar 2026"),
        ("", "revised"),
        ("someday", "revised"),
    ],
)
def test_an_idea_revised_to_a_new_status_says_so(status: str, told: str) -> None:
    playbook = minimal()
    idea = playbook.ideas["close-checklist"]
    playbook.ideas["close-checklist"] = dataclasses.replace(idea, status="scheduled", scheduled_for=dt.date(2026, 3, 2))
    fields = {"status": status} if status else {"title": "x"}
    history = [
        Change(
            dt.date(2026, 2, 20), "x", (FileChange("playbook/content/close-checklist.yaml", "revised", fields=fields),)
        )
    ]

    home = next(page.markdown for page in render_site(playbook, today=TODAY, history=history) if page.uri == "index.md")

    assert section(home, "## Recently changed")[1:] == [
        f"- **20 Feb 2026** · Content idea [The five-day close checklist](ideas/close-checklist.md) {told}"
    ]


def test_records_changed_then_removed_are_named_by_their_file_and_never_taken_for_another_kind() -> None:
    playbook = minimal()
    # A person whose id is also the id of a shared KPI is still a person.
    playbook.people["mql"] = dataclasses.replace(playbook.people["sam-ortiz"], id="mql", name="Mo Quill")
    history = [
        Change(
            dt.date(2026, 2, 20),
            "x",
            (
                FileChange("playbook/content/since-removed.yaml", "revised", fields={"status": "accepted"}),
                FileChange("playbook/content/also-gone.yaml", "added"),
                FileChange("playbook/people/mql.yaml", "revised"),
                FileChange("playbook/content/nested/deeper.yaml", "added"),
            ),
        )
    ]

    home = next(page.markdown for page in render_site(playbook, today=TODAY, history=history) if page.uri == "index.md")

    assert section(home, "## Recently changed")[1:] == [
        "- **20 Feb 2026** · Content idea since-removed revised; Content idea also-gone added; "
        "Person [Mo Quill](people.md#mql) revised; File playbook/content/nested/deeper.yaml added"
    ]


def test_a_change_of_more_than_five_records_is_told_as_counts() -> None:
    files = (
        *(FileChange(f"playbook/content/idea-{n}.yaml", "removed") for n in range(3)),
        FileChange("playbook/terms/mql.yaml", "revised"),
        FileChange("playbook/terms/lead.yaml", "revised"),
        FileChange("playbook/terms/x.yaml", "added"),
        FileChange("playbook/narrative.yaml", "added"),
        FileChange("playbook/sla.yaml", "revised", records=("pipeline-review", "mql-follow-up")),
    )
    history = [Change(dt.date(2026, 2, 20), "Bulk", files)]

    assert section(pages_with_history(history), "## Recently changed")[1:] == [
        "- **20 Feb 2026** · 3 content ideas removed; 1 shared KPI revised; 1 term revised; 1 term added; "
        "[Narrative](narrative.md) added; 2 SLA clauses revised"
    ]


def test_the_home_page_lists_the_ten_latest_changes() -> None:
    history = [
        Change(dt.date(2026, 2, day), f"Change {day}", (FileChange("playbook/terms/mql.yaml", "revised"),))
        for day in range(20, 8, -1)
    ]

    listed = section(pages_with_history(history), "## Recently changed")[1:]

    assert [line.split(" · ")[0] for line in listed] == [f"- **{day} Feb 2026**" for day in range(20, 10, -1)]


def pages_with_history(history: list[Change]) -> str:
    return next(
        page.markdown for page in render_site(minimal(), today=TODAY, history=history) if page.uri == "index.md"
    )


def test_a_hub_without_history_has_no_recent_changes() -> None:
    assert "## Recently changed" not in pages(minimal())["index.md"]
    assert "## Recently changed" not in pages_with_history([])


# ------------------------------------------------------------------ links between pages


def test_links_from_a_page_in_a_folder_lead_up_to_each_record_by_its_name() -> None:
    links = Links("ideas/close-checklist.md", minimal())

    assert links.person("sam-ortiz") == "[Sam Ortiz](../people.md#sam-ortiz)"
    assert links.term("mql") == "[MQL](../glossary.md#mql)"
    assert links.term("lead") == "[Lead](../glossary.md#lead)"
    assert links.term("mql", "Marketing Qualified Lead") == "[Marketing Qualified Lead](../glossary.md#mql)"
    assert links.persona("controller") == "[Carla, the controller](../narrative.md#persona-controller)"
    assert links.stage("evaluation") == "[Evaluation](../narrative.md#stage-evaluation)"
    assert links.proposition("faster-close") == "[Close in days](../narrative.md#vp-faster-close)"
    assert links.clause("pipeline-review") == "[&#51;&#46;1 Weekly pipeline review](../sla.md#clause-pipeline-review)"
    assert links.page("sla") == "[the service-level agreement](../sla.md)"
    assert links.page("propose", "Propose") == "[Propose](../propose.md)"
    assert links.to("calendar.md", "board") == "../calendar.md#board"
    assert links.to("ideas/close-checklist.md") == "close-checklist.md"


def test_a_link_to_a_record_the_playbook_lacks_shows_its_id() -> None:
    links = Links("index.md", minimal())
    empty = Links("index.md", Playbook())

    assert links.person("ghost") == "[ghost](people.md#ghost)"
    assert links.term("ghost") == "[ghost](glossary.md#ghost)"
    assert links.persona("ghost") == "[ghost](narrative.md#persona-ghost)"
    assert links.stage("ghost") == "[ghost](narrative.md#stage-ghost)"
    assert links.proposition("ghost") == "[ghost](narrative.md#vp-ghost)"
    assert links.clause("ghost") == "[ghost](sla.md#clause-ghost)"
    assert empty.persona("controller") == "[controller](narrative.md#persona-controller)"
    assert empty.clause("pipeline-review") == "[pipeline-review](sla.md#clause-pipeline-review)"


def test_an_idea_page_links_its_persona_stage_and_value_proposition() -> None:
    idea = pages(minimal())["ideas/close-checklist.md"].splitlines()

    assert idea[idea.index("| --- | --- |") + 1 :][:5] == [
        "| **Persona** | [Carla, the controller](../narrative.md#persona-controller) |",
        "| **Buying stage** | [Awareness](../narrative.md#stage-awareness) |",
        "| **Value proposition** | [Close in days](../narrative.md#vp-faster-close) |",
        "| **Format** | checklist |",
        "| **Status** | Proposed |",
    ]


# ------------------------------------------------------------------ the new-idea button


def test_a_page_asking_for_the_new_idea_button_gets_it_where_it_asks() -> None:
    page = "Propose one:\n\n<!-- hub:new-idea-button -->\n\nThanks."

    assert fill_markers(page, new_idea_url="https://github.com/acme/hub/new/main/x") == (
        "Propose one:\n\n[:material-file-plus: Propose an idea in your browser](https://github.com/acme/hub/new/main/x)"
        "{ .md-button .md-button--primary target=_blank }\n\nThanks."
    )
    assert fill_markers(page, new_idea_url=None) == page
    assert fill_markers("No marker here.", new_idea_url="https://x.example/") == "No marker here."


# ------------------------------------------------------------------ records read from their files


def minimal_with(tmp_path: Path, additions: dict[str, str]) -> Playbook:
    """The minimal hub with text added at the end of some of its files."""
    root = tmp_path / "hub"
    shutil.copytree(MINIMAL, root)
    for file, text in additions.items():
        with (root / file).open("a", encoding="utf-8") as stream:
            stream.write(text)
    result = validate_hub(root, today=TODAY)
    assert result.errors == []
    return result.playbook


SECOND_COMMITMENT_AND_A_REVIEW = """\
  - id: mql-volume
    family: commitment
    title: Enough MQLs every month
    text: Marketing hands over at least 400 MQLs a month.
    from: marketing
    to: sales
    target:
      value: 400
      unit: MQLs
      period: month
  - id: quarterly-review
    family: review
    title: Review the agreement every quarter
    text: Both teams go through the figures once a quarter.
"""


def test_clauses_are_numbered_within_their_family_in_the_order_of_the_file(tmp_path: Path) -> None:
    sla_file = MINIMAL / "playbook" / "sla.yaml"
    clauses_end = sla_file.read_text(encoding="utf-8").index("owner: sam-ortiz")
    root = tmp_path / "hub"
    shutil.copytree(MINIMAL, root)
    text = sla_file.read_text(encoding="utf-8")
    (root / "playbook" / "sla.yaml").write_text(
        text[:clauses_end] + SECOND_COMMITMENT_AND_A_REVIEW + text[clauses_end:], encoding="utf-8"
    )
    result = validate_hub(root, today=TODAY)
    assert result.errors == []

    sla = pages(result.playbook)["sla.md"].splitlines()

    assert [line.split(" { ")[0] for line in sla if line.startswith("#### ")] == [
        "#### &#49;&#46;1 Follow up every MQL quickly",
        "#### &#49;&#46;2 Enough MQLs every month",
        "#### &#51;&#46;1 Weekly pipeline review",
        "#### &#55;&#46;1 Review the agreement every quarter",
    ]
    assert (
        "    | [&#49;&#46;2 Enough MQLs every month](sla.md#clause-mql-volume) | **≥ 400 MQLs per month** | — |" in sla
    )


def test_the_narrative_names_the_company_numbers_the_stages_and_lists_competitors(tmp_path: Path) -> None:
    playbook = minimal_with(
        tmp_path,
        {
            "playbook/narrative.yaml": (
                "competitors:\n  - name: Ledgerworks\n    win:\n      - Faster setup\n      - Lower price\n"
                "    lose:\n      - Bigger partner network\n"
            )
        },
    )

    rendered = pages(playbook)
    narrative = rendered["narrative.md"].splitlines()

    assert rendered["index.md"].splitlines()[4] == "# Ledgerly sales and marketing hub"
    assert [line for line in narrative if line.startswith("### ") and "stage-" in line] == [
        "### 1. Awareness { #stage-awareness }",
        "### 2. Evaluation { #stage-evaluation }",
    ]
    assert section(rendered["narrative.md"], "## Competitors")[1:] == [
        "| Competitor | Where we win | Where we lose |",
        "| --- | --- | --- |",
        "| **Ledgerworks** | Faster setup<br>Lower price | Bigger partner network |",
    ]


def test_recently_published_lists_the_ten_latest() -> None:
    playbook = minimal()
    for day in range(1, 13):
        add_idea(playbook, f"live-{day:02d}", "sam-ortiz", "published", published_on=dt.date(2026, 2, day))

    listed = section(pages(playbook)["calendar.md"], "## Recently published")[1:]

    assert [line.split("](")[0] for line in listed] == [f"- [Live {day:02d}" for day in range(12, 2, -1)]
