"""Each kind of record as readers see it: its fields in order, under the names readers use, as text.

Two playbooks are compared through these views (tests/playbook/test_changes.py), so a
field left out or misnamed here is a change `hub diff` never shows or shows wrongly.
Every field is set, and text is padded with blanks, which a reader never sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hub_build.playbook.model import Competitor, Persona, Playbook, Review, Stage, Target, ValueProposition
from hub_build.playbook.record_fields import (
    People,
    clause_fields,
    competitor_fields,
    idea_fields,
    person_fields,
    persona_fields,
    sla_fields,
    stage_fields,
    term_fields,
    track_fields,
    value_proposition_fields,
)
from hub_build.playbook.validation import validate_hub
from tests.helpers import MINIMAL

TODAY = dt.date(2026, 3, 1)
REVIEW = Review("maya-chen", dt.date(2026, 2, 1), "6 months", dt.date(2026, 8, 1))
REVIEWED = [
    ("owner", "Maya Chen"),
    ("last reviewed", "2026-02-01"),
    ("review every", "6 months"),
    ("review by", "2026-08-01"),
]


def minimal() -> Playbook:
    return validate_hub(MINIMAL, today=TODAY).playbook


def test_a_term_and_its_kpi_read_with_each_owner_by_name() -> None:
    playbook = minimal()
    mql = playbook.terms["mql"]
    assert mql.kpi is not None
    term = replace(
        mql,
        aliases=["marketing-qualified lead"],
        example=" A webinar sign-up from a target account.\n",
        kpi=replace(mql.kpi, source="HubSpot"),
        review=REVIEW,
    )

    assert list(term_fields(term, People(playbook, playbook)).items()) == [
        ("name", "Marketing Qualified Lead"),
        ("abbreviation", "MQL"),
        ("aliases", ("marketing-qualified lead",)),
        ("definition", "A lead that reached the scoring threshold both teams agreed on."),
        ("example", "A webinar sign-up from a target account."),
        ("team", "shared"),
        ("related terms", ("lead",)),
        ("lifecycle stage", "2"),
        ("KPI formula", "MQLs created per month"),
        ("KPI target", str(mql.kpi.target)),
        ("KPI cadence", "monthly"),
        ("KPI source", "HubSpot"),
        ("KPI owner in sales", "Sam Ortiz"),
        ("KPI owner in marketing", "Maya Chen"),
        *REVIEWED,
    ]


def test_a_term_without_a_kpi_has_no_kpi_fields_set() -> None:
    playbook = minimal()
    fields = term_fields(playbook.terms["lead"], People(playbook, playbook))

    assert [fields[name] for name in ("KPI formula", "KPI target", "KPI cadence", "KPI source")] == [None] * 4
    assert not [name for name in fields if name.startswith("KPI owner")]


def test_a_person_reads_with_every_way_to_reach_them() -> None:
    playbook = minimal()
    person = replace(
        playbook.people["sam-ortiz"],
        group="Enterprise",
        chat="@sam",
        github="sam-o",
        location="Berlin",
        bio=" Ten years in finance software.\n",
    )

    assert list(person_fields(person, People(playbook, playbook)).items()) == [
        ("name", "Sam Ortiz"),
        ("role", "Account Executive"),
        ("team", "sales"),
        ("group", "Enterprise"),
        ("email", "sam.ortiz@ledgerly.example"),
        ("chat", "@sam"),
        ("GitHub login", "sam-o"),
        ("time zone", "Europe/Berlin"),
        ("location", "Berlin"),
        ("ask about", ("Running a proof of value",)),
        ("bio", "Ten years in finance software."),
    ]


def test_a_track_reads_as_its_steps_each_on_one_line() -> None:
    playbook = minimal()
    track = replace(playbook.tracks["account-executive"], summary=" Two weeks.\n", review=REVIEW)
    steps = [replace(track.steps[1], focus="the personas"), replace(track.steps[2], why=" To hear the pipeline.\n")]

    assert list(track_fields(replace(track, steps=steps), People(playbook, playbook)).items()) == [
        ("title", "Account Executive"),
        ("team", "sales"),
        ("summary", "Two weeks."),
        ("steps", ("day 2: read narrative (the personas)", "day 3: attend pipeline-review (To hear the pipeline.)")),
        *REVIEWED,
    ]


def test_a_track_names_the_person_a_step_meets_or_shadows_and_leaves_pages_and_meetings_as_written() -> None:
    playbook = minimal()
    track = playbook.tracks["account-executive"]
    person = next(iter(playbook.people.values()))
    plain = replace(track.steps[0], why=None, ask=[], mode=None, focus=None)
    steps = [replace(plain, action=action, subject=person.id) for action in ("meet", "shadow", "read", "attend")]

    shown = track_fields(replace(track, steps=steps), People(playbook, playbook))["steps"]

    day = track.steps[0].day
    assert shown == (
        f"day {day}: meet {person.name}",
        f"day {day}: shadow {person.name}",
        f"day {day}: read {person.id}",
        f"day {day}: attend {person.id}",
    )


def test_an_idea_reads_with_each_person_by_name_and_each_date() -> None:
    playbook = minimal()
    idea = replace(
        playbook.ideas["close-checklist"],
        question=" How do controllers close in five days?\n",
        status="published",
        owner="maya-chen",
        scheduled_for=dt.date(2026, 4, 1),
        channel="blog",
        url="https://ledgerly.example/blog/close",
        published_on=dt.date(2026, 4, 2),
        decided_on=dt.date(2026, 2, 10),
        declined_reason=" Not declined.\n",
        notes=" A series.\n",
    )

    assert list(idea_fields(idea, People(playbook, playbook)).items()) == [
        ("title", "The five-day close checklist"),
        ("proposed by", "Sam Ortiz"),
        ("proposed on", "2026-02-01"),
        ("question", "How do controllers close in five days?"),
        ("persona", "controller"),
        ("stage", "awareness"),
        ("value proposition", "faster-close"),
        ("format", "checklist"),
        ("status", "published"),
        ("owner", "Maya Chen"),
        ("scheduled for", "2026-04-01"),
        ("channel", "blog"),
        ("address", "https://ledgerly.example/blog/close"),
        ("published on", "2026-04-02"),
        ("decided on", "2026-02-10"),
        ("reason declined", "Not declined."),
        ("notes", "A series."),
    ]


def test_a_clause_reads_with_its_target_and_its_contacts_by_name() -> None:
    playbook = minimal()
    assert playbook.sla is not None
    follow_up, review = playbook.sla.clauses
    clause = replace(
        follow_up,
        text=" Sales calls back.\n",
        measured_from="ideas",
        cadence="weekly",
        contacts=["sam-ortiz", "nobody-known"],
        target=Target(4, "business hours", "at-most"),
    )

    assert list(clause_fields(clause, People(playbook, playbook)).items()) == [
        ("title", "Follow up every MQL quickly"),
        ("family", "commitment"),
        ("text", "Sales calls back."),
        ("from", "sales"),
        ("to", "marketing"),
        ("target", str(Target(4, "business hours", "at-most"))),
        ("measured by", "mql"),
        ("measured from", "ideas"),
        ("cadence", "weekly"),
        ("contacts", ("Sam Ortiz", "nobody-known")),
    ]
    assert clause_fields(review, People(playbook, playbook))["target"] is None


def test_the_sla_reads_with_its_version_and_the_day_it_takes_effect() -> None:
    playbook = minimal()
    assert playbook.sla is not None
    sla = replace(playbook.sla, summary=" Both teams' promises.\n", review=REVIEW)

    assert list(sla_fields(sla, People(playbook, playbook)).items()) == [
        ("title", "Sales and marketing service-level agreement"),
        ("version", "1.0"),
        ("effective", "2026-01-01"),
        ("summary", "Both teams' promises."),
        *REVIEWED,
    ]


def test_the_narratives_parts_read_as_lists_of_their_items() -> None:
    persona = Persona(
        "cfo", "Cleo, the CFO", "CFO", ["Trust"], ["Surprises"], " Signs off.\n", ["Price"], ["Interviews"]
    )
    proposition = ValueProposition("fast", "Fast", " Twice as fast.\n", ["cfo"], ["5 days"], ["No spreadsheets"])
    stage = Stage("decide", "Decision", " Picks.\n", " Proves.\n", " Closes.\n", ["Signed"], number=3)
    competitor = Competitor("Spreadsheets", ["Audit trail"], ["Price"])

    assert list(persona_fields(persona).items()) == [
        ("name", "Cleo, the CFO"),
        ("role", "CFO"),
        ("summary", "Signs off."),
        ("goals", ("Trust",)),
        ("pains", ("Surprises",)),
        ("objections", ("Price",)),
        ("sources", ("Interviews",)),
    ]
    assert list(value_proposition_fields(proposition).items()) == [
        ("title", "Fast"),
        ("claim", "Twice as fast."),
        ("personas", ("cfo",)),
        ("proof points", ("5 days",)),
        ("differentiators", ("No spreadsheets",)),
    ]
    assert list(stage_fields(stage).items()) == [
        ("name", "Decision"),
        ("buyer", "Picks."),
        ("marketing", "Proves."),
        ("sales", "Closes."),
        ("exit criteria", ("Signed",)),
    ]
    assert competitor_fields(competitor) == {"where we win": ("Audit trail",), "where we lose": ("Price",)}


def test_a_person_removed_keeps_their_name_and_one_never_known_shows_as_their_id() -> None:
    old, new = minimal(), minimal()
    del new.people["maya-chen"]
    new.people["sam-ortiz"] = replace(new.people["sam-ortiz"], name="Samuel Ortiz")
    people = People(old, new)

    assert [people("maya-chen"), people("sam-ortiz"), people("nobody-known"), people(None)] == [
        "Maya Chen",
        "Samuel Ortiz",
        "nobody-known",
        None,
    ]
