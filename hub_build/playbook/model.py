"""The playbook as Python objects, with the same names the YAML and the site use.

Records are built only from documents that passed their schema, so every field
here has the type the schema promises. Each record keeps its `Document`, so a
later check can point at the line a field came from.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from hub_build.playbook.loading import Document
from hub_build.playbook.measurements import Measurement
from hub_build.playbook.problems import Problem, json_path

TEAMS = ("sales", "marketing")


def other_team(team: str) -> str:
    return "marketing" if team == "sales" else "sales"


@dataclass(frozen=True, slots=True)
class Review:
    """Who keeps a record current and when it is due for review."""

    owner: str
    last_reviewed: dt.date | None
    review_every: str | None
    review_by: dt.date | None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Review:
        return cls(
            data["owner"], _date(data.get("last_reviewed")), data.get("review_every"), _date(data.get("review_by"))
        )

    @property
    def due(self) -> dt.date:
        """The date by which the record must be reviewed again."""
        if self.review_by is not None:
            return self.review_by
        assert self.last_reviewed is not None and self.review_every is not None
        return add_period(self.last_reviewed, self.review_every)


def add_period(start: dt.date, period: str) -> dt.date:
    """`2026-01-31` + `1 month` → `2026-02-28`: the end of a shorter month is kept."""
    count_text, unit = period.split()
    count = int(count_text)
    unit = unit.rstrip("s")
    try:
        if unit == "day":
            return start + dt.timedelta(days=count)
        if unit == "week":
            return start + dt.timedelta(weeks=count)
    except OverflowError:
        return dt.date.max
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    if year > dt.MAXYEAR:
        return dt.date.max
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last_day))


@dataclass(frozen=True, slots=True)
class Target:
    value: float
    unit: str
    comparator: str = "at-least"
    period: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Target | None:
        if data is None:
            return None
        return cls(data["value"], data["unit"], data.get("comparator", "at-least"), data.get("period"))

    def __str__(self) -> str:
        sign = {"at-least": "≥", "at-most": "≤", "exactly": "="}[self.comparator]
        whole = isinstance(self.value, int) or float(self.value).is_integer()
        value = f"{int(self.value):,}" if whole else f"{self.value:,}"
        text = f"{sign} {quantity(value, self.unit)}"
        return f"{text} per {self.period}" if self.period else text


def quantity(number: str, unit: str) -> str:
    """A number and what it counts: "40%" and "40% of leads" hold together, "8 content ideas" has a space."""
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: str
    team: str
    email: str
    time_zone: str
    ask_about: list[str]
    group: str | None = None
    chat: str | None = None
    github: str | None = None  # GitHub username, for @-mentions, assignees and the issue forms
    location: str | None = None
    bio: str | None = None
    document: Document | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Kpi:
    formula: str
    target: Target
    cadence: str
    owners: dict[str, str]
    source: str | None = None
    reported_by: str | None = None  # who adds each period's result to playbook/measurements/


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    name: str
    definition: str
    team: str
    review: Review
    abbreviation: str | None = None
    aliases: list[str] = field(default_factory=list)
    example: str | None = None
    related: list[str] = field(default_factory=list)
    lifecycle_stage: int | None = None
    kpi: Kpi | None = None
    document: Document | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        if self.abbreviation and self.abbreviation != self.name:
            return f"{self.name} ({self.abbreviation})"
        return self.name


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    name: str
    role: str
    goals: list[str]
    pains: list[str]
    summary: str | None = None
    objections: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ValueProposition:
    id: str
    title: str
    claim: str
    personas: list[str]
    proof_points: list[str]
    differentiators: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    name: str
    buyer: str
    marketing: str
    sales: str
    exit_criteria: list[str]
    number: int = 0


@dataclass(frozen=True, slots=True)
class Competitor:
    name: str
    win: list[str]
    lose: list[str]


@dataclass(frozen=True, slots=True)
class Market:
    description: str
    segments: list[str]
    regions: list[str] = field(default_factory=list)
    company_sizes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Icp:
    """The ideal customer profile."""

    summary: str
    criteria: list[str]
    triggers: list[str]
    disqualifiers: list[str]


@dataclass(frozen=True, slots=True)
class Narrative:
    company: str
    summary: str
    market: Market
    icp: Icp
    personas: list[Persona]
    value_propositions: list[ValueProposition]
    stages: list[Stage]
    review: Review
    competitors: list[Competitor] = field(default_factory=list)
    document: Document | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    family: str
    title: str
    text: str
    number: str = ""  # "2.3": the family's number, then the clause's place in it
    from_team: str | None = None
    to_team: str | None = None
    target: Target | None = None
    measured_by: str | None = None
    measured_from: str | None = None  # how the hub measures it from the playbook itself (scorecard.py)
    cadence: str | None = None
    contacts: list[str] = field(default_factory=list)
    reported_by: str | None = None  # for a commitment measured by hand: who adds each period's result
    index: int = 0  # position in the file's clause list, for pointing at it


@dataclass(frozen=True, slots=True)
class Signatory:
    person: str
    signed: dt.date


@dataclass(frozen=True, slots=True)
class Sla:
    title: str
    version: str
    effective: dt.date
    signatories: list[Signatory]
    clauses: list[Clause]
    review: Review
    summary: str | None = None
    document: Document | None = field(default=None, compare=False, repr=False)

    def family(self, family: str) -> list[Clause]:
        return [clause for clause in self.clauses if clause.family == family]


STEP_ACTIONS = ("meet", "read", "shadow", "attend")


@dataclass(frozen=True, slots=True)
class Step:
    day: int
    action: str  # one of STEP_ACTIONS
    subject: str  # a person id, a page name or a meeting clause id
    why: str | None = None
    ask: list[str] = field(default_factory=list)
    mode: str | None = None
    focus: str | None = None
    index: int = 0


@dataclass(frozen=True, slots=True)
class Track:
    id: str
    title: str
    team: str
    summary: str
    steps: list[Step]
    review: Review
    document: Document | None = field(default=None, compare=False, repr=False)

    def days(self) -> list[tuple[int, list[Step]]]:
        by_day: dict[int, list[Step]] = {}
        for step in sorted(self.steps, key=lambda s: s.day):
            by_day.setdefault(step.day, []).append(step)
        return list(by_day.items())


IDEA_STATUSES = ("proposed", "accepted", "scheduled", "published", "declined")


@dataclass(frozen=True, slots=True)
class Idea:
    id: str
    title: str
    proposed_by: str
    proposed_on: dt.date
    question: str
    persona: str
    stage: str
    format: str
    status: str
    value_proposition: str | None = None
    owner: str | None = None
    scheduled_for: dt.date | None = None
    channel: str | None = None
    url: str | None = None
    published_on: dt.date | None = None
    decided_on: dt.date | None = None  # the day it was accepted or declined
    declined_reason: str | None = None
    notes: str | None = None
    issue: int | None = None  # the issue it was proposed in, through the form
    document: Document | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Playbook:
    """Everything that passed its schema, by kind and id."""

    narrative: Narrative | None = None
    sla: Sla | None = None
    terms: dict[str, Term] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    tracks: dict[str, Track] = field(default_factory=dict)
    ideas: dict[str, Idea] = field(default_factory=dict)
    # Results from playbook/measurements/, checked against the metrics above (validation.py).
    measurements: list[Measurement] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "narrative": int(self.narrative is not None),
            "sla": int(self.sla is not None),
            "terms": len(self.terms),
            "people": len(self.people),
            "tracks": len(self.tracks),
            "ideas": len(self.ideas),
        }

    def add(self, kind: str, record_id: str, document: Document) -> list[Problem]:
        """Build the record of `kind` from a schema-valid document and file it.

        Returns the problems that keep it out instead: values the schema accepts
        but Python cannot hold. The record is filed only when there are none.
        """
        record = make_record(kind, record_id, document)
        if isinstance(record, list):
            return record
        self.file(kind, record_id, record)
        return []

    def file(self, kind: str, record_id: str, record: Record) -> None:
        """File a record `make_record` made (under `hub serve`, possibly for an earlier validation:
        records are frozen, and one made from the same document is the same)."""
        if kind == "narrative":
            self.narrative = cast(Narrative, record)
        elif kind == "sla":
            self.sla = cast(Sla, record)
        elif kind == "term":
            self.terms[record_id] = cast(Term, record)
        elif kind == "person":
            self.people[record_id] = cast(Person, record)
        elif kind == "track":
            self.tracks[record_id] = cast(Track, record)
        elif kind == "idea":
            self.ideas[record_id] = cast(Idea, record)
        else:
            raise ValueError(f"unknown kind {kind!r}")


Record = Narrative | Sla | Term | Person | Track | Idea


def make_record(kind: str, record_id: str, document: Document) -> Record | list[Problem]:
    """The record of `kind` built from a schema-valid document, or the problems that keep it
    out: values the schema accepts but Python cannot hold."""
    problems = unreadable_dates(kind, document)
    if problems:
        return problems
    data = document.data
    if kind == "narrative":
        return _narrative(data, document)
    if kind == "sla":
        return _sla(data, document)
    if kind == "term":
        return _term(record_id, data, document)
    if kind == "person":
        return Person(id=record_id, document=document, **data)
    if kind == "track":
        return _track(record_id, data, document)
    if kind == "idea":
        return _idea(record_id, data, document)
    raise ValueError(f"unknown kind {kind!r}")


_REVIEW_DATES = (("last_reviewed",), ("review_by",))
# Where each kind keeps dates; "*" is every item of a list.
DATE_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "narrative": _REVIEW_DATES,
    "sla": (("effective",), ("signatories", "*", "signed"), *_REVIEW_DATES),
    "term": _REVIEW_DATES,
    "person": (),
    "track": _REVIEW_DATES,
    "idea": (("proposed_on",), ("scheduled_for",), ("published_on",), ("decided_on",)),
}


def unreadable_dates(kind: str, document: Document) -> list[Problem]:
    """A problem for each date that passed `format: date` but that no calendar has.

    JSON Schema's date format accepts the year 0000, which Python's dates (and
    the Gregorian calendar: 1 BC is followed by AD 1) do not have.
    """
    problems = []
    for pattern in DATE_FIELDS.get(kind, ()):
        for path, value in _values_at(document.data, pattern):
            try:
                dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                year = value[:4] if isinstance(value, str) else ""
                hint = (
                    "there is no year 0000: years run from 0001 to 9999"
                    if year == "0000"
                    else "write the date as YYYY-MM-DD, for example 2026-03-01"
                )
                line, column = document.locate(path)
                problems.append(
                    Problem(
                        document.file,
                        line,
                        column,
                        f"{value!r} is not a real date written YYYY-MM-DD",
                        path=json_path(path),
                        hint=hint,
                    )
                )
    return problems


FieldPath = tuple[str | int, ...]


def _values_at(data: Any, pattern: tuple[str, ...], path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _values_at(item, rest, (*path, index))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, (*path, head))


_REVIEW_FIELDS = ("owner", "last_reviewed", "review_every", "review_by")


def _fields(data: dict[str, Any], *skip: str) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in skip and key not in _REVIEW_FIELDS}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _narrative(data: dict[str, Any], document: Document) -> Narrative:
    return Narrative(
        company=data["company"],
        summary=data["summary"],
        market=Market(**data["market"]),
        icp=Icp(**data["icp"]),
        personas=[Persona(**p) for p in data["personas"]],
        value_propositions=[ValueProposition(**v) for v in data["value_propositions"]],
        stages=[Stage(number=n, **s) for n, s in enumerate(data["stages"], start=1)],
        competitors=[Competitor(**c) for c in data.get("competitors", [])],
        review=Review.from_data(data),
        document=document,
    )


CLAUSE_FAMILIES = (
    "commitment",
    "engagement",
    "meeting",
    "feedback",
    "escalation",
    "consequence",
    "review",
    "dissolution",
)


def _sla(data: dict[str, Any], document: Document) -> Sla:
    clauses = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(data["clauses"]):
        family = raw["family"]
        seen[family] = seen.get(family, 0) + 1
        number = f"{CLAUSE_FAMILIES.index(family) + 1}.{seen[family]}"
        fields = _fields(raw, "from", "to", "target")
        clauses.append(
            Clause(
                **fields,
                number=number,
                index=index,
                from_team=raw.get("from"),
                to_team=raw.get("to"),
                target=Target.from_data(raw.get("target")),
            )
        )
    return Sla(
        title=data["title"],
        version=data["version"],
        effective=dt.date.fromisoformat(data["effective"]),
        summary=data.get("summary"),
        signatories=[Signatory(s["person"], dt.date.fromisoformat(s["signed"])) for s in data["signatories"]],
        clauses=clauses,
        review=Review.from_data(data),
        document=document,
    )


def _whole(value: Any) -> Any:
    """An integer field as a Python int: JSON Schema counts `2.0` as an integer, Python does not."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _term(record_id: str, data: dict[str, Any], document: Document) -> Term:
    kpi = data.get("kpi")
    return Term(
        id=record_id,
        review=Review.from_data(data),
        kpi=Kpi(**{**kpi, "target": Target.from_data(kpi["target"])}) if kpi else None,
        lifecycle_stage=_whole(data.get("lifecycle_stage")),
        document=document,
        **_fields(data, "kpi", "lifecycle_stage"),
    )


def _track(record_id: str, data: dict[str, Any], document: Document) -> Track:
    steps = []
    for index, raw in enumerate(data["steps"]):
        action = next(a for a in STEP_ACTIONS if a in raw)
        rest = {key: value for key, value in raw.items() if key not in (*STEP_ACTIONS, "day")}
        steps.append(Step(day=_whole(raw["day"]), action=action, subject=raw[action], index=index, **rest))
    return Track(id=record_id, steps=steps, review=Review.from_data(data), document=document, **_fields(data, "steps"))


_IDEA_DATES = ("proposed_on", "scheduled_for", "published_on", "decided_on")


def _idea(record_id: str, data: dict[str, Any], document: Document) -> Idea:
    dates = {key: _date(data.get(key)) for key in _IDEA_DATES if key in data}
    return Idea(id=record_id, document=document, **{**data, **dates})
