"""`schemas.check`: the fast validator answers first, the explaining one says why; a record never slips through."""

from __future__ import annotations

import jsonschema_rs
from jsonschema import Draft202012Validator

from hub_build.playbook.loading import parse_text
from hub_build.playbook.problems import Problem
from hub_build.playbook.schemas import KindValidator, check

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
    def is_valid(self, data: object) -> bool:
        raise ValueError("cannot resolve $ref 'elsewhere.json'\nsecond line")


def test_a_record_both_validators_accept_has_no_problem() -> None:
    validator = KindValidator(jsonschema_rs.validator_for({}), Draft202012Validator({}))

    assert check(DOCUMENT, validator) == []


def test_a_record_is_explained_by_the_explaining_validator() -> None:
    validator = KindValidator(jsonschema_rs.validator_for(COUNT_IS_TEXT), Draft202012Validator(COUNT_IS_TEXT))

    assert check(DOCUMENT, validator) == [
        Problem(FILE, 2, 8, "expected text, found 3", path="$.count",
                hint="put it in quotes so it stays text exactly as written (unquoted, YAML reads it as the number 3)"),
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


def test_a_problem_two_schemas_find_is_reported_once_and_each_schemas_own_problems_all() -> None:
    built_in = KindValidator(jsonschema_rs.validator_for(COUNT_IS_TEXT), Draft202012Validator(COUNT_IS_TEXT))
    title_is_number = {"properties": {"title": {"type": "integer"}, "count": {"type": "string"}}}
    own = KindValidator(jsonschema_rs.validator_for(title_is_number), Draft202012Validator(title_is_number))

    assert [(p.line, p.message) for p in check(DOCUMENT, (built_in, own))] == [
        (2, "expected text, found 3"),
        (1, "expected a whole number, found 'x'"),
    ]
