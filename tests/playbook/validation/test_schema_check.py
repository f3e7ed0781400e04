"""`schemas.check`: the fast validator answers first, the explaining one says why; a record never slips through."""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from hub_build.playbook.loading import load_file, parse_text
from hub_build.playbook.problems import Problem
from hub_build.playbook.schemas import BUILT_IN, NOT_BLANK, KindValidator, check, validators
from tests.helpers import REPO

FILE = "playbook/content/a.yaml"
DOCUMENT = parse_text("title: x\ncount: 3\n", FILE)
COUNT_IS_TEXT = {"properties": {"count": {"type": "string"}}}


class _Refuses:
    """A fast validator that calls every record invalid, yet names no error."""

    def is_valid(self, data: object) -> bool:
        return False

    def validate(self, data: object) -> None:
        return None


class _Breaks:
    def __init__(self, message: str = "cannot resolve $ref 'elsewhere.json'\nsecond line") -> None:
        self.message = message

    def is_valid(self, data: object) -> bool:
        raise ValueError(self.message)


def test_a_record_both_validators_accept_has_no_problem() -> None:
    validator = KindValidator(jsonschema_rs.validator_for({}), Draft202012Validator({}))

    assert check(DOCUMENT, validator) == []


def test_a_record_is_explained_by_the_explaining_validator() -> None:
    validator = KindValidator(jsonschema_rs.validator_for(COUNT_IS_TEXT), Draft202012Validator(COUNT_IS_TEXT))

    assert check(DOCUMENT, validator) == [
        Problem(
            FILE,
            2,
            8,
            "expected text, found 3",
            path="$.count",
            hint="put it in quotes so it stays text exactly as written (unquoted, YAML reads it as the number 3)",
        ),
    ]


def test_when_only_the_fast_validator_refuses_a_record_its_own_error_is_reported() -> None:
    validator = KindValidator(jsonschema_rs.validator_for(COUNT_IS_TEXT), Draft202012Validator({}))

    assert check(DOCUMENT, validator) == [Problem(FILE, 2, 8, '3 is not of type "string"', path="$.count")]


def test_when_the_fast_validator_refuses_without_an_error_the_record_is_still_refused() -> None:
    validator = KindValidator(_Refuses(), Draft202012Validator({}))

    assert check(DOCUMENT, validator) == [Problem(FILE, 1, 1, "does not match its schema", path="$")]


def test_a_schema_that_fails_on_a_record_is_reported_at_the_top_of_the_file() -> None:
    validator = KindValidator(_Breaks(), Draft202012Validator({}))

    assert check(DOCUMENT, validator) == [
        Problem(FILE, 1, 1, "the schema could not be applied: cannot resolve $ref 'elsewhere.json'", path="$"),
    ]


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("x" * 160, "x" * 160),
        ("x" * 161, "x" * 157 + "…"),
        ("   ", "unknown error"),
    ],
)
def test_why_a_schema_could_not_be_applied_is_said_in_at_most_160_characters(message: str, shown: str) -> None:
    validator = KindValidator(_Breaks(message), Draft202012Validator({}))

    assert [p.message for p in check(DOCUMENT, validator)] == [f"the schema could not be applied: {shown}"]


def test_a_problem_two_schemas_find_is_reported_once_and_each_schemas_own_problems_all() -> None:
    built_in = KindValidator(jsonschema_rs.validator_for(COUNT_IS_TEXT), Draft202012Validator(COUNT_IS_TEXT))
    title_is_number = {"properties": {"title": {"type": "integer"}, "count": {"type": "string"}}}
    own = KindValidator(jsonschema_rs.validator_for(title_is_number), Draft202012Validator(title_is_number))

    assert [(p.line, p.message) for p in check(DOCUMENT, (built_in, own))] == [
        (2, "expected text, found 3"),
        (1, "expected a whole number, found 'x'"),
    ]


def test_validators_compiled_from_a_folder_check_dates_and_emails_in_both_engines(tmp_path: Path) -> None:
    # A folder of its own, so the validators are compiled here rather than taken from the cache.
    shutil.copytree(BUILT_IN, tmp_path / "schemas")
    compiled = validators(tmp_path / "schemas")
    person = load_file(REPO / "playbook/people/aoife-gallagher.yaml", "x", max_bytes=1 << 20).data
    idea = load_file(REPO / "playbook/content/brightwater-nda-case-study.yaml", "x", max_bytes=1 << 20).data

    for kind, record, field, wrong in (
        ("person", person, "email", "not an address"),
        ("idea", idea, "proposed_on", "2026-02-30"),
    ):
        assert compiled[kind].fast.is_valid(record), kind
        broken = {**record, field: wrong}
        assert not compiled[kind].fast.is_valid(broken), kind
        assert "format" in [error.validator for error in compiled[kind].explaining.iter_errors(broken)], kind


def _checked(schema: dict, text: str) -> list[tuple[int, int, str, str, str | None]]:
    validator = KindValidator(
        jsonschema_rs.validator_for(schema, validate_formats=True),
        Draft202012Validator(schema, format_checker=FormatChecker(("date", "email"))),
    )
    return [(p.line, p.column, p.path, p.message, p.hint) for p in check(parse_text(text, FILE), validator)]


def _v(rule: dict) -> dict:
    return {"properties": {"v": rule}}


@pytest.mark.parametrize(
    ("schema", "text", "problem"),
    [
        pytest.param(_v({"minLength": 1}), "v: ''", (1, 4, "$.v", "must not be empty", None), id="minLength"),
        pytest.param(
            _v({"minLength": 1, "description": "A name."}),
            "v: ''",
            (1, 4, "$.v", "must not be empty", "A name."),
            id="minLength, described",
        ),
        pytest.param(
            _v({"type": "integer"}),
            "v: t",
            (1, 4, "$.v", "expected a whole number, found 't'", None),
            id="no did-you-mean outside a list of values",
        ),
        pytest.param(_v({"minItems": 1}), "v: []", (1, 4, "$.v", "needs at least 1 item", None), id="minItems 1"),
        pytest.param(_v({"minItems": 2}), "v: [1]", (1, 4, "$.v", "needs at least 2 items", None), id="minItems 2"),
        pytest.param(
            _v({"uniqueItems": True}), "v: [1, 1]", (1, 4, "$.v", "lists the same item twice", None), id="uniqueItems"
        ),
        pytest.param(_v({"minimum": 1}), "v: 0", (1, 4, "$.v", "0 is below the minimum of 1", None), id="minimum"),
        pytest.param(_v({"maximum": 1}), "v: 2", (1, 4, "$.v", "2 is above the maximum of 1", None), id="maximum"),
        pytest.param(
            _v({"format": "email", "description": "A work email."}),
            "v: nope",
            (1, 4, "$.v", "'nope' is not a valid email", "A work email."),
            id="email",
        ),
        pytest.param(
            _v({"format": "date"}),
            "v: 2026-02-30",
            (1, 4, "$.v", "'2026-02-30' is not a real date written YYYY-MM-DD", None),
            id="date",
        ),
        pytest.param(_v({"pattern": NOT_BLANK}), "v: ' '", (1, 4, "$.v", "must not be blank", None), id="blank"),
        pytest.param(
            _v({"pattern": "^a$", "description": "Just a."}),
            "v: b",
            (1, 4, "$.v", "'b' is not in the expected form", "Just a."),
            id="pattern",
        ),
        pytest.param(
            _v({"type": ["string", "null"]}),
            "v: [1]",
            (1, 4, "$.v", "expected text or nothing, found a list", None),
            id="two types",
        ),
        pytest.param(
            _v({"type": "string"}),
            "v: true",
            (
                1,
                4,
                "$.v",
                "expected text, found true/false (true)",
                "YAML reads true and false as true/false: put text in quotes",
            ),
            id="boolean for text",
        ),
        pytest.param(
            _v({"type": "string"}),
            "v: 1.5",
            (
                1,
                4,
                "$.v",
                "expected text, found 1.5",
                "put it in quotes so it stays text exactly as written (unquoted, YAML reads it as the number 1.5)",
            ),
            id="number for text",
        ),
        pytest.param(
            _v({"type": "boolean", "description": "Yes or no."}),
            "v: 1",
            (1, 4, "$.v", "expected true or false, found 1", "Yes or no."),
            id="number for boolean",
        ),
        pytest.param(
            _v({"type": "integer"}),
            "v: {a: 1}",
            (1, 4, "$.v", "expected a whole number, found a set of fields", None),
            id="mapping",
        ),
        pytest.param(
            _v({"type": "number"}), "v: null", (1, 4, "$.v", "expected a number, found nothing", None), id="null"
        ),
        pytest.param(
            _v({"type": "integer"}),
            "v: " + "x" * 70,
            (1, 4, "$.v", "expected a whole number, found '" + "x" * 56 + "…", None),
            id="long text shortened",
        ),
        pytest.param(
            _v({"type": "integer"}),
            "v: " + "x" * 58,
            (1, 4, "$.v", "expected a whole number, found '" + "x" * 58 + "'", None),
            id="60 characters shown",
        ),
        pytest.param(
            _v({"type": "integer"}),
            "v: " + "x" * 59,
            (1, 4, "$.v", "expected a whole number, found '" + "x" * 56 + "…", None),
            id="61 characters cut",
        ),
        pytest.param(
            _v({"enum": ["alpha", "beta"]}),
            "v: alpah",
            (1, 4, "$.v", "'alpah' is not one of the allowed values: alpha, beta", "did you mean 'alpha'?"),
            id="enum, close",
        ),
        pytest.param(
            _v({"enum": ["alpha", "beta"]}),
            "v: zzz",
            (1, 4, "$.v", "'zzz' is not one of the allowed values: alpha, beta", None),
            id="enum, far",
        ),
        pytest.param(
            _v({"enum": ["a", "b"]}),
            "v: true",
            (1, 4, "$.v", "true is not one of the allowed values: a, b", None),
            id="enum, a boolean",
        ),
        pytest.param(
            _v({"enum": [1, 2]}),
            "v: 3",
            (1, 4, "$.v", "3 is not one of the allowed values: 1, 2", None),
            id="enum of numbers",
        ),
        pytest.param(
            {"required": ["v"], "properties": {"v": {"description": "The v."}}},
            "w: 1",
            (1, 1, "$", "missing required field 'v'", "The v."),
            id="required",
        ),
        pytest.param(_v({"const": 1}), "v: 2", (1, 4, "$.v", "1 was expected", None), id="other rules in their words"),
        pytest.param(
            _v({"anyOf": [{"type": "integer"}, {"type": "null"}]}),
            "v: x",
            (1, 4, "$.v", "expected a whole number, found 'x'", None),
            id="anyOf: the best match",
        ),
        pytest.param(
            _v({"oneOf": [{"type": "integer"}, {"type": "boolean"}], "errorMessage": "say it once"}),
            "v: x",
            (1, 4, "$.v", "say it once", None),
            id="oneOf: the schema's own message",
        ),
    ],
)
def test_each_rule_a_schema_breaks_is_said_in_words(schema: dict, text: str, problem: tuple) -> None:
    assert _checked(schema, text + "\n") == [problem]


def test_each_unknown_field_is_reported_at_its_key() -> None:
    schema = {"additionalProperties": False, "properties": {"title": {}, "status": {}}}

    assert _checked(schema, "status: 1\ntitel: 1\nzzz: 2\n") == [
        (2, 1, "$.titel", "unknown field 'titel'", "did you mean 'title'?"),
        (3, 1, "$.zzz", "unknown field 'zzz'", "allowed fields: title, status"),
    ]


def test_an_object_that_allows_no_fields_names_none_as_allowed() -> None:
    assert _checked({"additionalProperties": False}, "a: 1\n") == [
        (1, 1, "$.a", "unknown field 'a'", "allowed fields: ")
    ]
