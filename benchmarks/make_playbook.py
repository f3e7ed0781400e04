"""Write a synthetic, valid hub of about N records, to measure how the hub scales.

The sample playbook has about a hundred records; a real company's grows to
thousands, mostly content ideas and people. This script writes a hub of that
shape for a given N: the sample's narrative and SLA (with their people and terms
mapped onto generated ones), terms with unique abbreviations (each one a tooltip
on every page), lifecycle stages 1..6, shared KPIs with an owner in each team,
onboarding tracks that cross teams early, and ideas in every status with the
status rules met. The same N always gives the same files, so two runs measure
the same work.

    python benchmarks/make_playbook.py --records 2000 --out /tmp/hub
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"  # review dates are judged as of this day, as in tests/helpers.py
LAST_PROPOSAL = dt.date(2026, 11, 20)
FIRST_PROPOSAL = dt.date(2025, 1, 6)
TEAMS = ("sales", "marketing")

try:  # libyaml's emitter writes twenty thousand files noticeably faster
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


# ------------------------------------------------------------------ vocabulary

FIRST_NAMES = """Ada Aiden Aisha Alba Alex Amara Anders Anika Arjun Astrid Beatriz Ben Bianca Carla Caspar
Chloe Dara Diego Elena Elif Emeka Emil Farah Felix Freya Gabriel Grace Hana Hugo Ines Ingrid Isaac Jamal
Jana Jonas Julia Kai Kenji Lara Leon Lina Luca Maja Malik Marcus Mei Mila Nadia Noah Nora Oliver Omar
Paula Priya Rafael Rosa Sami Sara Sofia Tariq Theo Uma Victor Wen Yara Yusuf Zoe""".split()
LAST_NAMES = """Abernathy Adeyemi Albers Andersen Baptiste Becker Bell Bergstrom Cho Costa Dalton Dubois
Eriksen Fischer Gallagher Garcia Halvorsen Hartmann Haddad Ito Jansen Kowalczyk Kruger Larsen Lindqvist
Marchetti Moreau Murphy Nakamura Nguyen Novak Nwosu Okafor Olsen Park Petrov Quinn Qureshi Raman Rossi
Santos Schmidt Silva Strand Suzuki Tanaka Torres Varga Vasquez Walsh Watanabe Weber Whitfield Wierzbicki
Yilmaz Zhou Zimmermann""".split()
ROLES = {
    "sales": (
        "Account Executive",
        "Senior Account Executive",
        "Sales Development Representative",
        "Sales Engineer",
        "Regional Sales Director",
        "Customer Success Manager",
        "Sales Operations Analyst",
    ),
    "marketing": (
        "Content Marketer",
        "Product Marketing Manager",
        "Demand Generation Manager",
        "Field Marketing Manager",
        "Marketing Operations Analyst",
        "Brand Designer",
        "ABM Specialist",
    ),
}
GROUPS = {
    "sales": (
        "SDR team",
        "Mid-market",
        "Enterprise",
        "Solutions engineering",
        "Customer success",
        "Revenue operations",
    ),
    "marketing": ("Content", "Product marketing", "Demand generation", "Field marketing", "Marketing operations"),
}
PLACES = (
    ("Boston", "America/New_York"),
    ("Chicago", "America/Chicago"),
    ("Denver", "America/Denver"),
    ("London", "Europe/London"),
    ("Dublin", "Europe/Dublin"),
    ("Berlin", "Europe/Berlin"),
    ("Zurich", "Europe/Zurich"),
    ("Amsterdam", "Europe/Amsterdam"),
    ("Stockholm", "Europe/Stockholm"),
)
TOPICS = (
    "renewal clauses",
    "redlining in Word",
    "NetSuite integration",
    "security questionnaires",
    "pricing tiers",
    "procurement approvals",
    "EU data residency",
    "obligation tracking",
    "e-signature workflows",
    "contract migration",
    "legal intake",
    "audit trails",
    "supplier onboarding",
    "quarter-end deal desk",
    "Salesforce routing",
    "webinar follow-up",
    "competitive battlecards",
    "ROI models",
    "case studies",
    "event lists",
    "lead scoring",
    "persona research",
    "partner co-selling",
    "churn signals",
)
TERM_WORDS = (
    "Account",
    "Active",
    "Annual",
    "Average",
    "Booked",
    "Buyer",
    "Channel",
    "Closed",
    "Committed",
    "Contract",
    "Customer",
    "Deal",
    "Demand",
    "Direct",
    "Engaged",
    "Enterprise",
    "Expansion",
    "Field",
    "Forecast",
    "Gross",
    "Inbound",
    "Influenced",
    "Intent",
    "Launch",
    "Lead",
    "Marketing",
    "Net",
    "Outbound",
    "Partner",
    "Pipeline",
    "Product",
    "Qualified",
    "Regional",
    "Renewal",
    "Revenue",
    "Sales",
    "Segment",
    "Signed",
    "Sourced",
    "Strategic",
    "Territory",
    "Trial",
    "Verified",
    "Weighted",
)
TERM_NOUNS = (
    "Acceptance",
    "Attainment",
    "Backlog",
    "Capacity",
    "Conversion",
    "Cost",
    "Coverage",
    "Cycle",
    "Density",
    "Engagement",
    "Funnel",
    "Handoff",
    "Index",
    "Lift",
    "Margin",
    "Mix",
    "Motion",
    "Opportunity",
    "Payback",
    "Penetration",
    "Quota",
    "Rate",
    "Reach",
    "Retention",
    "Score",
    "Share",
    "Touch",
    "Value",
    "Velocity",
    "Volume",
    "Yield",
)
LIFECYCLE = (
    "Raw Lead",
    "Nurtured Lead",
    "Qualified Marketing Lead",
    "Accepted Sales Lead",
    "Qualified Sales Lead",
    "Won Account",
)
VERBS = (
    "compare",
    "measure",
    "explain",
    "justify",
    "roll out",
    "negotiate",
    "report on",
    "speed up",
    "hand over",
    "prioritise",
    "simplify",
    "automate",
)
FORMATS = (
    "article",
    "case-study",
    "one-pager",
    "webinar",
    "video",
    "rep-post",
    "checklist",
    "guide",
    "email-sequence",
    "calculator",
)
CHANNELS = ("blog", "newsletter", "linkedin", "webinar", "website", "sales-enablement", "email", "events")
STATUSES = (("proposed", 30), ("accepted", 20), ("scheduled", 18), ("published", 22), ("declined", 10))
READABLE = ("home", "narrative", "glossary", "sla", "people", "calendar", "propose", "why-alignment", "contributing")
TRACK_ROLES = {
    "sales": (
        "Account Executive",
        "Sales Development Representative",
        "Sales Engineer",
        "Customer Success Manager",
        "Sales Operations Analyst",
        "Partner Manager",
    ),
    "marketing": (
        "Content Marketer",
        "Product Marketer",
        "Demand Generation Manager",
        "Field Marketer",
        "Marketing Operations Analyst",
    ),
}
REGIONS = ("North America", "UK and Ireland", "DACH", "Nordics", "Benelux")


# ------------------------------------------------------------------ how many of each


@dataclass(frozen=True, slots=True)
class Plan:
    """How many records of each kind: mostly ideas and people, as in a real hub."""

    terms: int
    people: int
    tracks: int
    ideas: int

    @property
    def total(self) -> int:
        return 2 + self.terms + self.people + self.tracks + self.ideas  # 2: the narrative and the SLA


def plan(records: int, *, min_people: int) -> Plan:
    """About `records` records: ~70% ideas, ~20% people, ~8% terms, a few tracks, one narrative, one SLA."""
    terms = max(len(LIFECYCLE) + 4, round(records * 0.08))
    people = max(min_people, round(records * 0.20))
    tracks = max(2, round(records * 0.002))
    ideas = max(5, records - 2 - terms - people - tracks)
    return Plan(terms, people, tracks, ideas)


# ------------------------------------------------------------------ records


@dataclass(slots=True)
class Hub:
    """The generated playbook, as data, before it is written out."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    terms: dict[str, dict[str, Any]] = field(default_factory=dict)
    tracks: dict[str, dict[str, Any]] = field(default_factory=dict)
    ideas: dict[str, dict[str, Any]] = field(default_factory=dict)
    narrative: dict[str, Any] = field(default_factory=dict)
    sla: dict[str, Any] = field(default_factory=dict)

    def team(self, team: str) -> list[str]:
        return [pid for pid, person in self.people.items() if person["team"] == team]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique_id(base: str, taken: Iterable[str] | dict[str, Any]) -> str:
    """`base`, or `base-2`, `base-3`… when it is taken: file names are ids."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def make_people(rng: random.Random, count: int) -> dict[str, dict[str, Any]]:
    """People in both teams, a little more sales than marketing, every name unique."""
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    people: dict[str, dict[str, Any]] = {}
    for index in range(count):
        name = names[index % len(names)] + ("" if index < len(names) else f" {index // len(names) + 1}")
        team = TEAMS[0] if index % 20 < 11 else TEAMS[1]
        person_id = unique_id(slug(name), people)
        people[person_id] = _person(rng, name, person_id, team)
    return people


def _person(rng: random.Random, name: str, person_id: str, team: str) -> dict[str, Any]:
    city, zone = rng.choice(PLACES)
    person: dict[str, Any] = {
        "name": name,
        "role": rng.choice(ROLES[team]),
        "team": team,
        "group": rng.choice(GROUPS[team]),
        "email": f"{person_id.replace('-', '.')}@quillstone.example",
        "chat": "@" + person_id.replace("-", "."),
        "time_zone": zone,
        "location": city,
        "ask_about": [_capitalised(topic) for topic in rng.sample(TOPICS, rng.randint(2, 4))],
    }
    if rng.random() < 0.6:
        person["bio"] = (
            f"Joined the {person['group']} group after years of work on {rng.choice(TOPICS)}. "
            f"Happy to talk about **{rng.choice(TOPICS)}** any time."
        )
    return person


def make_terms(rng: random.Random, count: int, people: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Terms with unique abbreviations, the six lifecycle stages first, and ~15% shared KPIs."""
    names = _term_names(rng, count)
    abbreviations = _abbreviations(names)
    by_team = {team: [pid for pid, p in people.items() if p["team"] == team] for team in TEAMS}
    everyone = list(people)
    terms: dict[str, dict[str, Any]] = {}
    for index, name in enumerate(names):
        term_id = unique_id(slug(name), terms)
        terms[term_id] = _term(rng, name, abbreviations[index], everyone)
        if index < len(LIFECYCLE):
            terms[term_id]["lifecycle_stage"] = index + 1
        elif rng.random() < 0.15:
            terms[term_id]["kpi"] = _kpi(rng, by_team)
    _relate(rng, terms, abbreviations)
    return terms


def _term_names(rng: random.Random, count: int) -> list[str]:
    combos = [f"{a} {b} {c}" for a in TERM_WORDS for b in TERM_WORDS if a != b for c in TERM_NOUNS]
    rng.shuffle(combos)
    extra = count - len(LIFECYCLE)
    return list(LIFECYCLE) + [combos[i % len(combos)] + ("" if i < len(combos) else f" {i}") for i in range(extra)]


def _abbreviations(names: list[str]) -> list[str]:
    """Initials, lengthened until unique: each abbreviation may mean only one term."""
    taken: set[str] = set()
    found = []
    for name in names:
        words = name.split()
        initials = "".join(w[0] for w in words).upper()
        longer = words[0][:2] + "".join(w[0] for w in words[1:])
        candidates = [initials, initials + words[-1][1].upper(), longer.upper()]
        choice = next((c for c in candidates if c.casefold() not in taken), None)
        number = 2
        while choice is None or choice.casefold() in taken:
            choice = f"{initials}{number}"
            number += 1
        taken.add(choice.casefold())
        found.append(choice)
    return found


def _term(rng: random.Random, name: str, abbreviation: str, everyone: list[str]) -> dict[str, Any]:
    term: dict[str, Any] = {
        "name": name,
        "abbreviation": abbreviation,
        "definition": (
            f"The {name.lower()} ({abbreviation}) is how both teams count {rng.choice(TOPICS)} "
            f"in a month. It is measured **at the end of each week** in Salesforce and "
            f"excludes anything touched only by partners."
        ),
        "team": rng.choice(("sales", "marketing", "shared")),
        "owner": rng.choice(everyone),
        "last_reviewed": LAST_PROPOSAL - dt.timedelta(days=rng.randint(0, 150)),
        "review_every": rng.choice(("6 months", "12 months", "9 months")),
    }
    if rng.random() < 0.4:
        term["aliases"] = [f"{name.split()[0]} {name.split()[-1]}"]
    if rng.random() < 0.5:
        term["example"] = (
            f"In the second quarter, EMEA reached a {abbreviation} of "
            f"{rng.randint(2, 95)} after the {rng.choice(TOPICS)} campaign."
        )
    return term


def _kpi(rng: random.Random, by_team: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "formula": "Qualified opportunities created ÷ leads accepted, same month",
        "target": {
            "comparator": rng.choice(("at-least", "at-most")),
            "value": rng.randint(5, 95),
            "unit": "%",
            "period": rng.choice(("month", "quarter")),
        },
        "cadence": rng.choice(("weekly", "monthly", "quarterly")),
        "source": 'Salesforce dashboard "Funnel by region"',
        "owners": {team: rng.choice(by_team[team]) for team in TEAMS},
    }


def _relate(rng: random.Random, terms: dict[str, dict[str, Any]], abbreviations: list[str]) -> None:
    """Related terms, named by abbreviation in the definition too, as real glossaries do."""
    ids = list(terms)
    for index, term in enumerate(terms.values()):
        picked = [i for i in rng.sample(range(len(ids)), min(3, len(ids))) if i != index][:2]
        term["related"] = [ids[i] for i in picked]
        mentions = " and ".join(abbreviations[i] for i in picked)
        term["definition"] += f" Read it together with {mentions}."


def make_tracks(rng: random.Random, count: int, hub: Hub) -> dict[str, dict[str, Any]]:
    """Onboarding tracks that meet someone from the other team within the first five days."""
    meetings = [c["id"] for c in hub.sla["clauses"] if c["family"] == "meeting"]
    tracks: dict[str, dict[str, Any]] = {}
    for index in range(count):
        team = TEAMS[index % 2]
        roles = TRACK_ROLES[team]
        title = roles[(index // 2) % len(roles)]
        if index >= 2 * len(roles):
            title += f" ({REGIONS[(index // (2 * len(roles)) - 1) % len(REGIONS)]})"
        track_id = unique_id(slug(title), tracks)
        tracks[track_id] = _track(rng, title, team, hub, meetings)
    return tracks


def _track(rng: random.Random, title: str, team: str, hub: Hub, meetings: list[str]) -> dict[str, Any]:
    own, other = hub.team(team), hub.team("marketing" if team == "sales" else "sales")
    steps = [
        _meet(rng, 1, rng.choice(own), "Your manager walks you through your first month."),
        {"day": 1, "read": "glossary", "focus": "The lifecycle stages and the KPIs both teams share."},
        _meet(rng, rng.randint(2, 5), rng.choice(other), "The other team's view of the funnel, early."),
    ]
    for day in range(3, rng.randint(10, 16)):
        steps.append(_step(rng, day, own + other, meetings))
    steps.sort(key=lambda step: step["day"])
    return {
        "title": title,
        "team": team,
        "summary": f"Your first weeks as a {title}: who to meet in both teams, what to read and whom to shadow.",
        "steps": steps,
        "owner": rng.choice(own),
        "last_reviewed": LAST_PROPOSAL - dt.timedelta(days=rng.randint(0, 120)),
        "review_every": "12 months",
    }


def _meet(rng: random.Random, day: int, person: str, why: str) -> dict[str, Any]:
    return {
        "day": day,
        "meet": person,
        "why": why,
        "ask": [f"How do you use {rng.choice(TOPICS)}?", "What should I learn first?"],
        "mode": rng.choice(("in-person", "live-call", "async")),
    }


def _step(rng: random.Random, day: int, people: list[str], meetings: list[str]) -> dict[str, Any]:
    kind = rng.choice(("meet", "read", "shadow", "attend"))
    if kind == "meet":
        return _meet(rng, day, rng.choice(people), f"They know {rng.choice(TOPICS)} better than anyone.")
    if kind == "read":
        return {"day": day, "read": rng.choice(READABLE), "focus": f"Anything about {rng.choice(TOPICS)}."}
    if kind == "shadow":
        return {"day": day, "shadow": rng.choice(people), "focus": f"How they handle {rng.choice(TOPICS)}."}
    return {"day": day, "attend": rng.choice(meetings), "focus": "How decisions are made and written down."}


def make_ideas(rng: random.Random, count: int, hub: Hub, abbreviations: list[str]) -> dict[str, dict[str, Any]]:
    """Ideas in every status, mostly from sales, owned by marketers once accepted."""
    sales, marketing = hub.team("sales"), hub.team("marketing")
    personas = [p["id"] for p in hub.narrative["personas"]]
    stages = [s["id"] for s in hub.narrative["stages"]]
    propositions = [v["id"] for v in hub.narrative["value_propositions"]]
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    ideas: dict[str, dict[str, Any]] = {}
    for index in range(count):
        status = STATUSES[index][0] if index < len(STATUSES) else rng.choice(statuses)
        idea = _idea(rng, status, sales if rng.random() < 0.8 else marketing, marketing, abbreviations)
        idea.update(persona=rng.choice(personas), stage=rng.choice(stages))
        if rng.random() < 0.6:
            idea["value_proposition"] = rng.choice(propositions)
        ideas[unique_id(slug(idea["title"])[:70].strip("-"), ideas)] = _ordered(idea)
    return ideas


def _idea(
    rng: random.Random, status: str, proposers: list[str], marketing: list[str], abbreviations: list[str]
) -> dict[str, Any]:
    topic, fmt = rng.choice(TOPICS), rng.choice(FORMATS)
    proposed = FIRST_PROPOSAL + dt.timedelta(days=rng.randint(0, (LAST_PROPOSAL - FIRST_PROPOSAL).days))
    idea: dict[str, Any] = {
        "title": f"How to {rng.choice(VERBS)} {topic}: {_with_article(fmt.replace('-', ' '))}",
        "proposed_by": rng.choice(proposers),
        "proposed_on": proposed,
        "question": (
            f'"We keep hearing about {topic} from prospects. How does the '
            f"{rng.choice(abbreviations)} change when legal and finance both sign off, and what does "
            f'{rng.choice(abbreviations)} look like after go-live?"'
        ),
        "format": fmt,
        "status": status,
    }
    if status in ("accepted", "scheduled", "published"):
        idea["owner"] = rng.choice(marketing)
    if status == "scheduled":
        idea["scheduled_for"] = dt.date(2026, 11, 24) + dt.timedelta(days=rng.randint(0, 180))
        idea["channel"] = rng.choice(CHANNELS)
    if status == "published":
        latest = min(dt.date.fromisoformat(TODAY), proposed + dt.timedelta(days=200))
        idea["published_on"] = proposed + dt.timedelta(days=rng.randint(0, (latest - proposed).days))
        idea["channel"] = rng.choice(CHANNELS)
        idea["url"] = f"https://quillstone.example/resources/{slug(topic)}-{rng.randint(1000, 9999)}"
    if status == "declined":
        idea["declined_reason"] = (
            f"We covered {topic} last quarter; the **existing guide** answers this question, so share that one instead."
        )
    if rng.random() < 0.3:
        idea["notes"] = f"The proposer can introduce a customer who solved {topic} this year."
    return idea


def _with_article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" and not noun.startswith("one") else "a ") + noun


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


_IDEA_ORDER = (
    "title",
    "proposed_by",
    "proposed_on",
    "question",
    "persona",
    "stage",
    "value_proposition",
    "format",
    "status",
    "owner",
    "scheduled_for",
    "channel",
    "url",
    "published_on",
    "declined_reason",
    "notes",
)


def _ordered(idea: dict[str, Any]) -> dict[str, Any]:
    """Fields in the order the sample files use, so the files read like hand-written ones."""
    return {key: idea[key] for key in _IDEA_ORDER if key in idea}


# ------------------------------------------------------------------ narrative and SLA


def sample_documents() -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """The sample's narrative and SLA, and the team of each sample person."""
    narrative = _load(REPO / "playbook" / "narrative.yaml")
    sla = _load(REPO / "playbook" / "sla.yaml")
    teams = {path.stem: _load(path)["team"] for path in (REPO / "playbook" / "people").glob("*.yaml")}
    return narrative, sla, teams


def _load(path: Path) -> Any:
    return yaml.load(
        path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader if _Dumper is yaml.SafeDumper else yaml.CSafeLoader
    )


def referenced_people(narrative: dict[str, Any], sla: dict[str, Any]) -> list[str]:
    """Every person the sample's narrative and SLA name, in order of first mention."""
    found = [narrative["owner"], sla["owner"], *(s["person"] for s in sla["signatories"])]
    for clause in sla["clauses"]:
        found += clause.get("contacts", [])
        found += [clause["reported_by"]] if "reported_by" in clause else []
    return list(dict.fromkeys(found))


def adapt(narrative: dict[str, Any], sla: dict[str, Any], teams: dict[str, str], hub: Hub) -> None:
    """Point the sample's narrative and SLA at generated people (same team) and terms."""
    mapping: dict[str, str] = {}
    pools = {team: iter(hub.team(team)) for team in TEAMS}
    for person in referenced_people(narrative, sla):
        mapping[person] = next(pools[teams[person]])
    narrative["owner"] = mapping[narrative["owner"]]
    sla["owner"] = mapping[sla["owner"]]
    for signatory in sla["signatories"]:
        signatory["person"] = mapping[signatory["person"]]
    term_ids = list(hub.terms)
    for index, clause in enumerate(sla["clauses"]):
        if "contacts" in clause:
            clause["contacts"] = [mapping[c] for c in clause["contacts"]]
        if "reported_by" in clause:
            clause["reported_by"] = mapping[clause["reported_by"]]
        if "measured_by" in clause:
            clause["measured_by"] = term_ids[index % len(term_ids)]
    hub.narrative, hub.sla = narrative, sla


def min_people(narrative: dict[str, Any], sla: dict[str, Any], teams: dict[str, str]) -> int:
    """Enough people that each person the SLA names maps to a different one of the same team."""
    needed = max(sum(1 for p in referenced_people(narrative, sla) if teams[p] == team) for team in TEAMS)
    return 2 * needed + 4  # the split gives marketing 9 in 20


# ------------------------------------------------------------------ writing


def generate(records: int) -> Hub:
    """The whole hub for `records`, the same every time for the same number."""
    rng = random.Random(records)
    narrative, sla, teams = sample_documents()
    counts = plan(records, min_people=min_people(narrative, sla, teams))
    hub = Hub(people=make_people(rng, counts.people))
    hub.terms = make_terms(rng, counts.terms, hub.people)
    adapt(narrative, sla, teams, hub)
    hub.tracks = make_tracks(rng, counts.tracks, hub)
    abbreviations = [t["abbreviation"] for t in hub.terms.values()]
    hub.ideas = make_ideas(rng, counts.ideas, hub, abbreviations)
    return hub


def dump(data: dict[str, Any], schema: str, depth: int) -> str:
    header = f"# yaml-language-server: $schema={'../' * depth}schemas/{schema}.schema.json\n"
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_hub(hub: Hub, out: Path) -> int:
    """Write the playbook and copy what a hub needs around it; return the number of records."""
    out.mkdir(parents=True, exist_ok=True)
    playbook = out / "playbook"
    if playbook.exists():
        shutil.rmtree(playbook)
    (playbook).mkdir()
    (playbook / "narrative.yaml").write_text(dump(hub.narrative, "narrative", 1), encoding="utf-8")
    (playbook / "sla.yaml").write_text(dump(hub.sla, "sla", 1), encoding="utf-8")
    for folder, schema, records in (
        ("terms", "term", hub.terms),
        ("people", "person", hub.people),
        ("onboarding", "track", hub.tracks),
        ("content", "idea", hub.ideas),
    ):
        (playbook / folder).mkdir()
        for record_id, data in records.items():
            (playbook / folder / f"{record_id}.yaml").write_text(dump(data, schema, 2), encoding="utf-8")
    copy_site_parts(out)
    return 2 + len(hub.terms) + len(hub.people) + len(hub.tracks) + len(hub.ideas)


def copy_site_parts(out: Path) -> None:
    """hub.yaml, docs/, schemas/ and mkdocs.yml from the repository, with `today` pinned."""
    for part in ("docs", "schemas"):
        if (out / part).exists():
            shutil.rmtree(out / part)
        shutil.copytree(REPO / part, out / part)
    shutil.copy2(REPO / "hub.yaml", out / "hub.yaml")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        config.replace("  - hub:\n", f'  - hub:\n      today: "{TODAY}"\n'), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic, valid hub of about N records.")
    parser.add_argument("--records", type=int, required=True, help="about how many records to write")
    parser.add_argument("--out", type=Path, required=True, help="the hub's root folder (its playbook/ is replaced)")
    args = parser.parse_args(argv)
    written = write_hub(generate(args.records), args.out)
    print(f"wrote {written} records to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
