"""Checking documents against the JSON Schemas in `schemas/`, with messages for people.

Validators are compiled once per schema folder and reused for every file. Every
error is reported, not only the first; a failed `anyOf`/`oneOf` is reduced to
its best match, or to the schema's own `errorMessage`.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

from hub_build.loading import Document
from hub_build.problems import Problem, json_path

KINDS = ("narrative", "term", "sla", "track", "idea", "person", "config")

# "Has a character that is not white space", spelt out because Python's `\s` and
# the schema dialect's `\s` disagree on a few characters (U+001C–U+001F, U+0085, U+FEFF).
NOT_BLANK = r"[^\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of fields",
    "null": "nothing",
}


@dataclass(frozen=True, slots=True)
class KindValidator:
    """A schema compiled twice: a fast yes/no check, and one that explains every error.

    Nearly every record is valid, so the Rust validator answers for most of them
    at a fraction of the cost; the Python one, whose errors carry the paths and
    context the messages need, runs only on records that fail.
    """

    fast: Any
    explaining: Draft202012Validator


@functools.cache
def validators(schema_dir: Path) -> dict[str, KindValidator]:
    """One compiled validator per kind, read from `schema_dir`."""
    # "uri" would need an extra package; the schemas pin links to http(s) with a pattern.
    checker = FormatChecker(("date", "email"))
    found = {}
    for kind in KINDS:
        schema = json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
        found[kind] = KindValidator(
            jsonschema_rs.validator_for(schema, validate_formats=True),
            Draft202012Validator(schema, format_checker=checker),
        )
    return found


def check(document: Document, validator: KindValidator) -> list[Problem]:
    """Every schema problem in one document."""
    if validator.fast.is_valid(document.data):
        return []
    problems: list[Problem] = []
    for error in validator.explaining.iter_errors(document.data):
        problems.extend(_explain(document, error))
    if not problems:
        # The two validators disagree: never let the record through unexplained.
        problems.append(_fast_problem(document, validator))
    return problems


def _fast_problem(document: Document, validator: KindValidator) -> Problem:
    try:
        validator.fast.validate(document.data)
    except jsonschema_rs.ValidationError as exc:
        return _problem(document, exc.instance_path, str(exc.message))
    return _problem(document, (), "does not match its schema")


def _explain(document: Document, error: ValidationError) -> Iterator[Problem]:
    if error.validator in ("anyOf", "oneOf"):
        custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
        if custom:
            yield _problem(document, error.absolute_path, custom)
            return
        if error.context:
            yield from _explain(document, best_match(error.context))
            return
    if error.validator == "additionalProperties":
        yield from _unknown_fields(document, error)
        return
    yield _problem(document, error.absolute_path, _message(error), _hint(error))


def _unknown_fields(document: Document, error: ValidationError) -> Iterator[Problem]:
    known = list(error.schema.get("properties", {}))
    for name in error.instance:
        if name in known:
            continue
        path = (*error.absolute_path, name)
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "allowed fields: " + ", ".join(known)
        yield _problem(document, path, f"unknown field '{name}'", hint, key=True)


def _problem(document: Document, path: Any, message: str, hint: str | None = None, *, key: bool = False) -> Problem:
    path = tuple(path)
    line, column = document.locate(path, key=key)
    return Problem(document.file, line, column, message, path=json_path(path), hint=hint)


def _message(error: ValidationError) -> str:
    value = error.instance
    rule = error.validator_value
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field '{missing}'"
    if error.validator == "type":
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in ([rule] if isinstance(rule, str) else rule))
        return f"expected {expected}, found {_describe(value)}"
    if error.validator == "enum":
        return f"{_show(value)} is not one of the allowed values: {', '.join(map(str, rule))}"
    if error.validator == "format":
        if rule == "date":
            return f"{_show(value)} is not a real date written YYYY-MM-DD"
        return f"{_show(value)} is not a valid {rule}"
    if error.validator == "pattern":
        if rule == NOT_BLANK:
            return "must not be blank"
        return f"{_show(value)} is not in the expected form"
    if error.validator == "minLength":
        return "must not be empty"
    if error.validator == "minItems":
        return f"needs at least {rule} item{'s' if rule != 1 else ''}"
    if error.validator == "uniqueItems":
        return "lists the same item twice"
    if error.validator in ("minimum", "maximum"):
        return f"{_show(value)} is {'below the minimum' if error.validator == 'minimum' else 'above the maximum'} of {rule}"
    return error.message


def _hint(error: ValidationError) -> str | None:
    if error.validator == "enum" and isinstance(error.instance, str):
        close = difflib.get_close_matches(error.instance, [str(v) for v in error.validator_value], n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
    if error.validator == "type" and "string" in error.validator_value:
        if isinstance(error.instance, bool):
            return "YAML reads yes, no, on, off, true and false as true/false: put text in quotes"
        if isinstance(error.instance, (int, float)):
            return f"put it in quotes so it stays text exactly as written (unquoted, YAML reads it as the number {error.instance})"
    if error.validator == "required":
        described = error.schema.get("properties", {}).get(_message(error).split("'")[1], {})
        return described.get("description")
    if isinstance(error.schema, dict) and error.validator in ("pattern", "format", "type", "minLength"):
        return error.schema.get("description")
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    return _show(value)


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "…"
