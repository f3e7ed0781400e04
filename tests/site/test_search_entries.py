"""What the search finds for each record of the sample hub, and what the indexer reads of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hub_build.engines.search_index import page_file, page_url
from hub_build.playbook.loading import Documents
from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import validate_hub
from hub_build.site.kept import Kept
from hub_build.site.search import Entry, entries, entry_html, plain_text, searched_as_entries
from tests.helpers import MINIMAL, REPO, TODAY, shared


@pytest.fixture(scope=shared)
def sample() -> Playbook:
    return validate_hub(REPO, today=dt.date.fromisoformat(TODAY)).playbook


@pytest.fixture(scope=shared)
def found(sample: Playbook) -> dict[tuple[str, str | None], Entry]:
    return {(entry.page, entry.anchor): entry for entry in entries(sample)}


def test_every_record_with_an_anchor_is_an_entry_of_its_own(sample: Playbook, found: dict) -> None:
    kinds = [entry.kind for entry in found.values()]
    # The sample: 40 terms, 34 clauses, 27 people, 5 tracks and their 49 days, 32 ideas.
    assert (
        kinds.count("term"),
        kinds.count("clause"),
        kinds.count("person"),
        kinds.count("track"),
        kinds.count("idea"),
    ) == (40, 34, 27, 5 + 49, 32)
    assert len(found) == len(kinds)  # no two entries lead to the same place


def test_a_term_is_found_by_its_abbreviation_name_aliases_and_their_plurals(found: dict) -> None:
    mql = found[("glossary.md", "mql")]
    assert (mql.title, mql.section, mql.kind) == ("MQL · Marketing Qualified Lead", "Glossary", "term")
    assert mql.names == (
        "MQL",
        "MQLs",
        "Marketing Qualified Lead",
        "Marketing Qualified Leads",
        "Marketing-ready lead",
        "Marketing-ready leads",
    )
    assert mql.text.startswith("A lead that has reached a lead score of 65 or more (fit plus engagement)")
    kpi = found[("glossary.md", "speed-to-lead")]
    assert (kpi.section, kpi.names[:2]) == ("Shared KPI", ("STL", "STLs"))


def test_a_clause_is_found_by_the_metric_it_is_measured_by_below_its_own_names(found: dict) -> None:
    clause = found[("sla.md", "clause-mql-follow-up")]
    assert (clause.title, clause.kind) == ("1.7 Sales follows up every MQL within 4 business hours", "clause")
    assert clause.section == "SLA · Commitments"
    assert clause.names == ()
    assert clause.about[:4] == ("STL", "Speed to lead", "Lead response time", "Time to first touch")
    assert "Target: " in clause.text


def test_a_clause_is_found_by_its_sections_name_and_the_words_heading_it(found: dict) -> None:
    clause = found[("sla.md", "clause-missed-mql-volume")]
    assert clause.section == "SLA · Consequences"
    assert clause.about[-2:] == ("Consequences", "What happens when a shared goal is missed.")


def test_an_onboarding_days_text_names_the_meeting_it_attends_never_its_id(found: dict) -> None:
    texts = " ".join(entry.text for entry in found.values() if entry.kind == "track")
    assert "Attend Weekly pipeline sync" in texts
    assert "Attend weekly-pipeline-sync" not in texts


def test_a_records_result_says_who_keeps_it_and_when_they_last_reviewed_it(found: dict) -> None:
    assert found[("glossary.md", "mql")].owner.startswith("Kept by ")
    assert " · reviewed " in found[("glossary.md", "mql")].owner
    assert found[("sla.md", "clause-mql-follow-up")].owner.startswith("Kept by ")


def test_a_meeting_says_who_runs_it(found: dict) -> None:
    forum = found[("sla.md", "clause-monthly-revenue-forum")]
    assert forum.text.endswith("Who runs it: Marcus Bell, Elena Vasquez.")
    contacts = found[("sla.md", "clause-points-of-contact")]
    assert "Contacts: " in contacts.text and "Who runs it" not in contacts.text


def test_a_person_is_found_by_name_role_and_what_to_ask_them(found: dict) -> None:
    priya = found[("people.md", "priya-raman")]
    assert (priya.title, priya.section, priya.kind) == ("Priya Raman", "People", "person")
    assert priya.text.startswith("Revenue Operations Manager, sales. Ask about: ")
    assert "Ask about: Lead routing and the round-robin rules; Salesforce reports" in priya.text


def test_a_track_and_each_of_its_days_are_entries(found: dict) -> None:
    track = found[("onboarding/sdr.md", None)]
    assert (track.title, track.kind) == ("Onboarding: Sales Development Representative", "track")
    day = found[("onboarding/sdr.md", "day-1")]
    assert day.title == "Day 1: Sales Development Representative"
    assert "Meet Kenji Watanabe." in day.text


def test_an_idea_is_filtered_by_status_persona_and_stage_by_their_names(sample: Playbook, found: dict) -> None:
    idea = found[("ideas/cfo-one-pager.md", None)]
    assert (idea.section, idea.kind) == ("Content idea", "idea")
    source = sample.ideas["cfo-one-pager"]
    persona = next(p.name for p in sample.narrative.personas if p.id == source.persona)
    stage = next(s.name for s in sample.narrative.stages if s.id == source.stage)
    assert idea.filters == (("status", source.status), ("persona", persona), ("stage", stage))
    assert idea.text.endswith(f" Proposed by {sample.people[source.proposed_by].name}.")


def test_a_term_entry_holds_its_title_names_and_plurals_and_its_definition_then_example(found: dict) -> None:
    # An abbreviation, an example, and an alias that is already plural ("plays").
    assert found[("glossary.md", "abm")] == Entry(
        "glossary.md",
        "abm",
        "ABM · Account-based marketing",
        "Glossary",
        "term",
        "Marketing and sales working a named list of accounts together, with campaigns aimed at the whole buying "
        "committee rather than at individual leads. At Quillstone ABM runs on the target account list and is planned "
        "jointly by the ABM manager and the account executive who owns each account. For 40 Tier A manufacturers in "
        "DACH, Julia runs a roundtable invitation, Mei-Lin runs LinkedIn ads to their finance and legal teams, and "
        "Lukas and Ben follow up with a personal note from the regional director.",
        (
            "ABM",
            "ABMs",
            "Account-based marketing",
            "Account-based marketings",
            "Account-based plays",
            "Account-based plays",
        ),
        owner=found[("glossary.md", "abm")].owner,
    )
    # No example and no alias.
    assert found[("glossary.md", "arr")] == Entry(
        "glossary.md",
        "arr",
        "ARR · Annual Recurring Revenue",
        "Glossary",
        "term",
        "The annualised value of all active subscriptions on a given day. New business adds ARR, expansions add ARR, "
        "downgrades and churn remove it. Services revenue is never part of ARR.",
        ("ARR", "ARRs", "Annual Recurring Revenue", "Annual Recurring Revenues"),
        owner="Kept by Priya Raman · reviewed 19 Aug 2026",
    )
    # No abbreviation: the title is the name alone; an abbreviation that is the name is not shown twice.
    assert (found[("glossary.md", "win-rate")].title, found[("glossary.md", "win-rate")].names) == (
        "Win rate",
        ("Win rate", "Win rates", "Close rate", "Close rates"),
    )
    assert found[("glossary.md", "meddicc")].title == "MEDDICC"


def test_a_clause_entry_says_its_text_then_its_target(found: dict) -> None:
    assert found[("sla.md", "clause-mql-follow-up")] == Entry(
        "sla.md",
        "clause-mql-follow-up",
        "1.7 Sales follows up every MQL within 4 business hours",
        "SLA · Commitments",
        "clause",
        "An SDR makes a first human touch (call, personal email or LinkedIn message) on every MQL within 4 business "
        "hours of it being routed, counted in the office hours of the lead's region. Demo requests are called, not "
        "emailed. The median across the month must stay at or under 2 business hours (see speed to lead). "
        "Target: ≤ 4 business hours.",
        about=(
            "STL",
            "Speed to lead",
            "Lead response time",
            "Time to first touch",
            "Commitments",
            "What each team promises the other, with a measurable target.",
        ),
        owner=found[("sla.md", "clause-mql-follow-up")].owner,
    )


def test_a_person_without_a_bio_is_found_by_role_team_and_what_to_ask_them(found: dict) -> None:
    assert found[("people.md", "ben-fischer")] == Entry(
        "people.md",
        "ben-fischer",
        "Ben Fischer",
        "People",
        "person",
        "Sales Development Representative, DACH, sales. Ask about: Outbound into German mid-market; "
        "LinkedIn prospecting; Trade-fair follow-up.",
    )


def test_a_track_entry_holds_its_summary_and_a_day_entry_each_step_with_why_or_focus(found: dict) -> None:
    assert found[("onboarding/sdr.md", None)] == Entry(
        "onboarding/sdr.md",
        None,
        "Onboarding: Sales Development Representative",
        "Onboarding",
        "track",
        "Your first two weeks as an SDR. SDRs work more closely with marketing than anyone else in sales, so you meet "
        "the people behind the leads in your first three days. By day 10 you will know exactly when a lead becomes "
        "yours, how fast you must act on it, what to do when it is not a fit, and how to turn prospect questions into "
        "content ideas.",
        owner="Kept by Kenji Watanabe · reviewed 15 Sep 2026",
    )
    # Two introductions (with why) around a reading (with focus).
    assert found[("onboarding/sdr.md", "day-1")] == Entry(
        "onboarding/sdr.md",
        "day-1",
        "Day 1: Sales Development Representative",
        "Onboarding",
        "track",
        "Meet Kenji Watanabe. Your team lead. Kenji will walk you through the SDR day, your sequences and how your "
        "numbers are measured. Read the glossary. Lead, MQL, SAL, SQL and recycled and disqualified leads. Learn them "
        "exactly: you will apply these definitions dozens of times a day. Meet Theo Kowalczyk. Theo owns the lead "
        "scoring model that decides when a lead lands in your queue. Knowing how scores are built makes you faster "
        "at judging an MQL.",
        owner="Kept by Kenji Watanabe · reviewed 15 Sep 2026",
    )


def test_a_reading_without_a_focus_is_searched_as_what_to_read(sample: Playbook) -> None:
    track = sample.tracks["sdr"]
    unfocused = [dataclasses.replace(s, focus=None) if s.subject == "glossary" else s for s in track.steps]
    playbook = dataclasses.replace(sample, tracks={"sdr": dataclasses.replace(track, steps=unfocused)})
    day = next(e for e in entries(playbook) if (e.page, e.anchor) == ("onboarding/sdr.md", "day-1"))
    assert " ".join(day.text.split()) == (
        "Meet Kenji Watanabe. Your team lead. Kenji will walk you through the SDR day, your sequences and how your "
        "numbers are measured. Read the glossary. Meet Theo Kowalczyk. Theo owns the lead scoring model that decides when "
        "a lead lands in your queue. Knowing how scores are built makes you faster at judging an MQL."
    )


def test_an_idea_entry_is_its_title_question_and_proposer_filtered_by_names(found: dict) -> None:
    assert found[("ideas/cfo-one-pager.md", None)] == Entry(
        "ideas/cfo-one-pager.md",
        None,
        "One page for the CFO — why contracts are a finance problem",
        "Content idea",
        "idea",
        '"This sounds like a legal thing. Why would it come out of my budget?" Proposed by Chloe Adeyemi.',
        filters=(
            ("status", "proposed"),
            ("persona", "Farah, the Finance Leader"),
            ("stage", "Business case and approval"),
        ),
        owner="Proposed by Chloe Adeyemi",
    )


def test_pages_whose_records_are_entries_are_not_searched_again(sample: Playbook) -> None:
    unsearched = searched_as_entries(sample)
    assert {
        "index.md",
        "glossary.md",
        "people.md",
        "sla.md",
        "calendar.md",
        "onboarding/index.md",
        "onboarding/sdr.md",
        "ideas/cfo-one-pager.md",
        "calendar/proposed.md",
    } <= unsearched
    assert "narrative.md" not in unsearched
    assert len(unsearched) == 6 + 5 + 32 + 5  # the pages, tracks, ideas, and the board's lists by status


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("A **bold** and _quiet_ [link](glossary.md#mql) `code`", "A bold and quiet link code"),
        ("> quoted\n\n# heading\n", "quoted heading"),
        ("[a](x)\n[b](y)", "a b"),
    ],
)
def test_markdown_is_searched_as_the_words_a_reader_sees(markdown: str, words: str) -> None:
    assert plain_text(markdown) == words


class _Document(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.lang: str | None = None
        self.meta: dict[str, str] = {}
        self.filters: list[str] = []
        self.weights: list[tuple[str, str]] = []
        self._weight: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if meta := found.get("data-pagefind-meta"):
            key, _, value = meta.partition(":")
            self.meta[key] = value
        if kind := found.get("data-pagefind-filter"):
            self.filters.append(kind)
        self._weight = found.get("data-pagefind-weight")

    def handle_data(self, data: str) -> None:
        if self._weight and data.strip():
            self.weights.append((self._weight, data))


def test_the_indexed_document_carries_the_entry_as_escaped_text() -> None:
    hostile = '<script>alert(1)</script> "quoted" & {{ 7 * 7 }}'
    entry = Entry(
        "glossary.md",
        "x",
        hostile,
        "Glossary",
        "term",
        hostile,
        names=("X", hostile),
        about=("Y",),
        filters=(("status", 'a"b'),),
    )

    document = _Document()
    document.feed(entry_html(entry, "glossary/", "de"))

    assert "script" not in document.tags
    assert document.lang == "de"  # the language the indexer stems the words in
    assert (document.meta["url"], document.meta["anchor"], document.meta["section"]) == ("glossary/", "x", "Glossary")
    assert document.filters == ["kind:term", 'status:a"b']
    assert document.weights == [("10", f"X · {hostile}"), ("3", "Y"), ("0.5", hostile)]


@pytest.mark.parametrize(
    ("uri", "directory", "flat"),
    [
        ("index.md", ("", "index.html"), ("index.html", "index.html")),
        ("glossary.md", ("glossary/", "glossary/index.html"), ("glossary.html", "glossary.html")),
        (
            "onboarding/index.md",
            ("onboarding/", "onboarding/index.html"),
            ("onboarding/index.html", "onboarding/index.html"),
        ),
        (
            "ideas/cfo-one-pager.md",
            ("ideas/cfo-one-pager/", "ideas/cfo-one-pager/index.html"),
            ("ideas/cfo-one-pager.html", "ideas/cfo-one-pager.html"),
        ),
    ],
)
def test_an_entry_leads_to_where_the_engine_writes_its_page(
    uri: str, directory: tuple[str, str], flat: tuple[str, str]
) -> None:
    assert (page_url(uri, True), page_file(uri, True)) == directory
    assert (page_url(uri, False), page_file(uri, False)) == flat


def test_entries_do_not_depend_on_the_order_records_were_read(sample: Playbook) -> None:
    reversed_people = dataclasses.replace(sample, people=dict(reversed(sample.people.items())))
    assert entries(reversed_people) == entries(sample)


def test_a_playbook_without_sla_or_narrative_still_has_entries(tmp_path: Path, sample: Playbook) -> None:
    bare = dataclasses.replace(sample, sla=None, narrative=None)
    ideas = [entry for entry in entries(bare) if entry.kind == "idea"]
    source = sample.ideas[ideas[0].page.removeprefix("ideas/").removesuffix(".md")]
    assert ideas[0].filters == (("status", source.status), ("persona", source.persona), ("stage", source.stage))
    assert not [entry for entry in entries(bare) if entry.kind == "clause"]


def test_entries_kept_between_renderings_are_the_entries_made_afresh(sample: Playbook) -> None:
    kept = Kept()
    for _rendering in range(2):
        kept.start()
        assert entries(sample, kept) == entries(sample)
    # A persona renamed in the narrative: the entries of the ideas that serve it show the new name.
    narrative = sample.narrative
    personas = [
        dataclasses.replace(p, name="Farah, the CFO") if p.name == "Farah, the Finance Leader" else p
        for p in narrative.personas
    ]
    renamed = dataclasses.replace(sample, narrative=dataclasses.replace(narrative, personas=personas))
    kept.start()
    again = {(entry.page, entry.anchor): entry for entry in entries(renamed, kept)}
    assert again[("ideas/cfo-one-pager.md", None)].filters[1] == ("persona", "Farah, the CFO")
    assert list(again.values()) == entries(renamed)


def test_kept_entries_show_a_renamed_person_in_their_own_entry_and_in_the_terms_they_keep(tmp_path: Path) -> None:
    root = Path(shutil.copytree(MINIMAL, tmp_path / "hub"))
    documents, kept = Documents(), Kept()
    today = dt.date(2026, 3, 1)

    def listed(cached: Kept | None) -> dict[tuple[str, str | None], Entry]:
        if cached is not None:
            cached.start()
        playbook = validate_hub(root, today=today, documents=documents).playbook
        return {(entry.page, entry.anchor): entry for entry in entries(playbook, cached)}

    first = listed(kept)
    person = root / "playbook/people/maya-chen.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("Maya Chen", "Maya Chen-Okafor"), encoding="utf-8")

    again = listed(kept)

    assert again[("people.md", "sam-ortiz")] is first[("people.md", "sam-ortiz")]
    assert again[("people.md", "maya-chen")].title == "Maya Chen-Okafor"
    assert again[("glossary.md", "mql")].owner.startswith("Kept by Maya Chen-Okafor ·")
    assert again == listed(None)
