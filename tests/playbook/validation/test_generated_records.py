"""Valid means buildable: a record generated from its own JSON Schema either fails
`hub validate` with clean problems, or the hub it joins renders every page.

Each example generates one record of one kind from `schemas/<kind>.schema.json`
(hypothesis-jsonschema), points its references at records of the minimal hub
half of the time, writes it as YAML into a copy of that hub, validates the hub
and, when no error is left, renders the whole site.

hypothesis-jsonschema 0.23 draws objects through a Hypothesis internal that
Hypothesis 6.170.10 removed: the test extra keeps Hypothesis below that.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from hub_build.cli.report import FORMATS
from hub_build.playbook.schemas import NOT_BLANK, validators
from hub_build.playbook.validation import validate_hub
from hub_build.site.pages import render_site
from tests.playbook.validation.conftest import MINIMAL, REPO, TODAY

Draw = Callable[[st.SearchStrategy[Any]], Any]

# Where the generated record goes: narrative and SLA replace the minimal hub's,
# the others join it under an id no record has yet.
FILES = {
    "narrative": "playbook/narrative.yaml",
    "sla": "playbook/sla.yaml",
    "term": "playbook/terms/generated-term.yaml",
    "person": "playbook/people/generated-person.yaml",
    "track": "playbook/onboarding/generated-track.yaml",
    "idea": "playbook/content/generated-idea.yaml",
}
PEOPLE = {"sam-ortiz": "sales", "maya-chen": "marketing"}
PERSONAS = ["controller", "finance-director"]
STAGES = ["awareness", "evaluation"]
TERMS = ["lead", "mql"]
MEETINGS = ["pipeline-review"]
PIPELINE_REVIEW = {
    "id": "pipeline-review",
    "family": "meeting",
    "title": "Weekly pipeline review",
    "text": "Both teams review new pipeline every Monday.",
    "cadence": "weekly",
    "contacts": ["sam-ortiz", "maya-chen"],
}
LATEST = dt.date.fromisoformat(TODAY)
EARLIEST = LATEST - dt.timedelta(days=800)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Custom strategies for the patterns hypothesis-jsonschema can only meet by
# drawing and rejecting, which runs out of entropy on records with dozens of them:
# - NOT_BLANK ("somewhere a character outside thirty white-space ranges") on every
#   text field: any text around one character that is not white space, or markup;
# - ids (slugs, person ids, up to 80 characters): short ones, as people write them;
# - `url` (format uri and pattern ^https?://): http(s) links;
# - `email` (format email and a pattern): addresses with a dot in the domain.
SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
BLANK = "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "[x](javascript:alert(1))",
    "*[MQL]: x",
    "# heading",
    "```",
    "|",
    "- item",
    "1. item",
    "---",
    "===",
    "&amp;",
    "é",
    "\u202e",
    "`code`",
    "> quote",
]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
PATTERNS = {
    NOT_BLANK: st.one_of(
        st.builds(
            lambda before, middle, after: before + middle + after,
            st.text(max_size=6),
            st.characters(exclude_characters=BLANK, exclude_categories=["Cs"]),
            st.text(max_size=6),
        ),
        st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map("\n".join),
        st.text(alphabet=BLANK, max_size=2).map(lambda pad: pad + "x" + pad),
    ),
    SLUG: st.lists(WORD, min_size=1, max_size=3).map("-".join),
    "^https?://": st.builds("{}://{}.example/{}".format, st.sampled_from(["http", "https"]), WORD, WORD),
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": st.builds("{}@{}.example".format, WORD, WORD),
}
PATTERN_FORMATS = {f"pattern-{index}": strategy for index, strategy in enumerate(PATTERNS.values())}
FORMAT_OF = {pattern: name for pattern, name in zip(PATTERNS, PATTERN_FORMATS, strict=True)}


def _tame(node: Any) -> Any:
    """The schema with the same rules, narrowed where generating from it would be hopeless.

    Every record drawn from the tamed schema is valid for the original one.
    """
    if isinstance(node, list):
        return [_tame(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tame(value) for key, value in node.items() if key != "errorMessage"}
    if node.get("pattern") in FORMAT_OF:
        return {"type": "string", "format": FORMAT_OF[node["pattern"]]}
    if node.get("type") == "array":
        node["maxItems"] = max(node.get("minItems", 0), min(node.get("maxItems", 2), 2))
    if "oneOf" in node and all(set(branch) == {"required"} for branch in node["oneOf"]):
        # A step does exactly one of meet, read, shadow and attend. Drawing all four
        # and keeping the steps that happen to have one would reject nearly every
        # draw: each action is drawn as a shape of its own, with the fields its
        # if/then rules require.
        actions = [branch["required"] for branch in node.pop("oneOf")]
        rules = node.pop("allOf", [])
        shapes = []
        for action in actions:
            required = [*node.get("required", []), *action]
            for rule in rules:
                if set(rule["if"]["required"]) <= set(required):
                    required += rule["then"]["required"]
            others = {name for other in actions if other != action for name in other}
            properties = {key: value for key, value in node["properties"].items() if key not in others}
            shapes.append({**node, "required": required, "properties": properties})
        node = {"anyOf": shapes}
    return node


SCHEMAS = {kind: json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")) for kind in FILES}
RECORDS = {kind: from_schema(_tame(schema), custom_formats=PATTERN_FORMATS) for kind, schema in SCHEMAS.items()}
CHECKERS = validators(REPO / "schemas")


def _half(draw: Draw, existing: list[str], generated: Any) -> Any:
    """An id that exists half of the time, else the one generated."""
    return draw(st.sampled_from(existing)) if draw(st.booleans()) else generated


def _date_between(draw: Draw, earliest: dt.date, latest: dt.date) -> str:
    return draw(st.dates(min_value=earliest, max_value=max(earliest, latest))).isoformat()


def _review(record: dict[str, Any], draw: Draw) -> None:
    record["owner"] = _half(draw, list(PEOPLE), record["owner"])


def _narrative(record: dict[str, Any], draw: Draw) -> None:
    _review(record, draw)
    if draw(st.booleans()):  # the ids the minimal hub's idea refers to
        record["personas"][0]["id"] = "controller"
        record["stages"][0]["id"] = "awareness"
        record["value_propositions"][0]["id"] = "faster-close"
    personas = [persona["id"] for persona in record["personas"]]
    for proposition in record["value_propositions"]:
        proposition["personas"] = [_half(draw, personas, p) for p in proposition["personas"]]


def _sla(record: dict[str, Any], draw: Draw) -> None:
    _review(record, draw)
    effective = dt.date.fromisoformat(record["effective"])
    if draw(st.booleans()):  # signed by both teams before it took effect
        record["signatories"] = [
            {"person": person, "signed": _date_between(draw, dt.date.min, effective)} for person in PEOPLE
        ]
    if "review_by" in record and effective < dt.date.max and draw(st.booleans()):
        record["review_by"] = _date_between(draw, effective + dt.timedelta(days=1), dt.date.max)
    for clause in record["clauses"]:
        if "measured_by" in clause:
            clause["measured_by"] = _half(draw, TERMS, clause["measured_by"])
        clause["contacts"] = sorted({_half(draw, list(PEOPLE), c) for c in clause.get("contacts", [])})
        if draw(st.booleans()):  # what the clause's family needs
            family = clause["family"]
            if family in ("commitment", "feedback"):
                clause["from"], clause["to"] = draw(st.permutations(list(PEOPLE.values())))
            if family == "commitment":
                clause.setdefault("target", {"value": 4, "unit": "hours"})
            if family == "meeting":
                clause.setdefault("cadence", "weekly")
                clause["contacts"] = clause["contacts"] or ["sam-ortiz"]
    if draw(st.booleans()):  # the meeting the minimal hub's track attends
        record["clauses"] = [c for c in record["clauses"] if c["id"] != "pipeline-review"] + [PIPELINE_REVIEW]


def _term(record: dict[str, Any], draw: Draw) -> None:
    _review(record, draw)
    record["related"] = list(dict.fromkeys(_half(draw, TERMS, r) for r in record.get("related", [])))
    if draw(st.booleans()):  # next in the lead lifecycle (lead is 1, MQL is 2), or not in it
        record["lifecycle_stage"] = 3
        if draw(st.booleans()):
            del record["lifecycle_stage"]
    if "kpi" in record:
        owners = record["kpi"]["owners"]
        owners["sales"] = _half(draw, ["sam-ortiz"], owners["sales"])
        owners["marketing"] = _half(draw, ["maya-chen"], owners["marketing"])


def _track(record: dict[str, Any], draw: Draw) -> None:
    _review(record, draw)
    for step in record["steps"]:
        for action, known in (("meet", list(PEOPLE)), ("shadow", list(PEOPLE)), ("attend", MEETINGS)):
            if action in step:
                step[action] = _half(draw, known, step[action])
    if draw(st.booleans()):  # an introduction across teams in the first days
        other = next(person for person, team in PEOPLE.items() if team != record["team"])
        record["steps"].append(
            {
                "day": 1,
                "meet": other,
                "why": "Works with your team every day.",
                "ask": ["What do you need from us?"],
                "mode": "live-call",
            }
        )


_STATUS_NEEDS = {
    "accepted": {"owner": "maya-chen"},
    "scheduled": {"owner": "maya-chen", "channel": "blog"},
    "published": {"owner": "maya-chen", "url": "https://example.com/piece"},
    "declined": {"declined_reason": "Too close to the *checklist* we have."},
}


def _idea(record: dict[str, Any], draw: Draw) -> None:
    record["proposed_by"] = _half(draw, list(PEOPLE), record["proposed_by"])
    record["persona"] = _half(draw, PERSONAS, record["persona"])
    record["stage"] = _half(draw, STAGES, record["stage"])
    for field, known in (("value_proposition", ["faster-close"]), ("owner", ["maya-chen"])):
        if field in record:
            record[field] = _half(draw, known, record[field])
    if draw(st.booleans()):  # what the status needs, on dates in order
        for field, value in _STATUS_NEEDS.get(record["status"], {}).items():
            record.setdefault(field, value)
        proposed = dt.date.fromisoformat(_date_between(draw, EARLIEST, LATEST))
        record["proposed_on"] = proposed.isoformat()
        if record["status"] == "scheduled" or "scheduled_for" in record:
            record["scheduled_for"] = _date_between(draw, proposed, dt.date.max)
        if "published_on" in record:
            record["published_on"] = _date_between(draw, proposed, LATEST)


FIX = {
    "narrative": _narrative,
    "sla": _sla,
    "term": _term,
    "person": lambda record, draw: None,
    "track": _track,
    "idea": _idea,
}


def _ints_as_floats(value: Any) -> Any:
    """Every whole number written `2.0`, which JSON Schema still counts as an integer."""
    if isinstance(value, dict):
        return {key: _ints_as_floats(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_ints_as_floats(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _year_zero(value: Any, draw: Draw) -> Any:
    """The record with one of its dates moved to the year 0000, which `format: date` accepts."""
    dates = [path for path, item in _leaves(value) if isinstance(item, str) and DATE.fullmatch(item)]
    if not dates:
        return value
    path = draw(st.sampled_from(dates))
    parent = value
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = "0000" + parent[path[-1]][4:]
    return value


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))]
    return [(path, value)]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("generated") / "hub"))


NO_EXPLAIN = [phase for phase in Phase if phase is not Phase.explain]  # explaining reruns every example many times


# Derandomized and without a database: the same draws on every run and every machine.
@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    phases=NO_EXPLAIN,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(kind=st.sampled_from(sorted(FILES)), data=st.data())
def test_a_record_its_schema_accepts_is_reported_cleanly_or_builds(root: Path, kind: str, data: st.DataObject) -> None:
    record = data.draw(RECORDS[kind], label=kind)
    assert CHECKERS[kind].fast.is_valid(record), record  # the generator keeps to the schema
    record = copy.deepcopy(record)
    FIX[kind](record, data.draw)
    if data.draw(st.booleans(), label="whole numbers written 2.0"):
        record = _ints_as_floats(record)
    if data.draw(st.integers(0, 7), label="a date in the year 0000") == 0:
        record = _year_zero(record, data.draw)
    path = root / FILES[kind]
    original = path.read_bytes() if path.exists() else None
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        result = validate_hub(root, today=LATEST)
        for render in FORMATS.values():
            render(result, strict=True)
        if not result.errors:
            render_site(
                result.playbook,
                today=LATEST,
                edit_base="https://git.example/edit/main/",
                new_idea_url="https://git.example/new/main/playbook/content",
            )
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    event(f"{kind}: {'rendered' if not result.errors else 'reported problems'}")
    # Whole numbers are Python ints however they were written: JSON Schema counts 2.0 as an integer.
    assert all(type(t.lifecycle_stage) is int for t in result.playbook.terms.values() if t.lifecycle_stage is not None)
    assert all(type(step.day) is int for track in result.playbook.tracks.values() for step in track.steps)
    for problem in result.problems:
        assert (root / problem.file).exists() or problem.file == FILES[kind], problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message and problem.path.startswith("$"), problem
