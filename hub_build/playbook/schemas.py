"""Checking documents against the JSON Schemas in `schemas/`, with messages for people.

Validators are compiled once per schema folder and reused for every file. Every
error is reported, not only the first; a failed `anyOf`/`oneOf` is reduced to
its best match, or to the schema's own `errorMessage`.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from hub_build.playbook.loading import Document, LoadError, decode, parse_text, read_bytes, unreadable
from hub_build.playbook.problems import Problem, json_path

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


class KindValidator:
    """A schema compiled twice: a fast yes/no check, and one that explains every error.

    Nearly every record is valid, so the Rust validator answers for most of them
    at a fraction of the cost; the Python one, whose errors carry the paths and
    context the messages need, runs only on records that fail, and is compiled
    (jsonschema imported) only when the first one does.
    """

    __slots__ = ("_explaining", "fast", "schema")

    def __init__(self, fast: Any, explaining: Draft202012Validator | None = None, *, schema: Any = None) -> None:
        self.fast = fast
        self._explaining = explaining
        self.schema: Any = explaining.schema if explaining is not None else schema

    @property
    def explaining(self) -> Draft202012Validator:
        if self._explaining is None:
            from jsonschema import Draft202012Validator, FormatChecker

            # "uri" would need an extra package; the schemas pin links to http(s) with a pattern.
            self._explaining = Draft202012Validator(self.schema, format_checker=FormatChecker(("date", "email")))
        return self._explaining


_PACKAGE = Path(__file__).resolve().parents[1]
# Installed from a wheel, the schemas travel inside the package; from a checkout
# they are the repository's own `schemas/` folder.
BUILT_IN = next(
    (path for path in (_PACKAGE / "schemas", _PACKAGE.parent / "schemas") if (path / "idea.schema.json").is_file()),
    _PACKAGE.parent / "schemas",
)
HUB_SCHEMAS = "schemas"  # a hub's own schemas, beside playbook/
MAX_SCHEMA_BYTES = 1 << 20
_DELETE_HINT = "delete the file to use the built-in schema"
_FIX_JSON_HINT = f"fix the JSON, or {_DELETE_HINT}"


@functools.cache
def validators(schema_dir: Path = BUILT_IN) -> dict[str, KindValidator]:
    """One compiled validator per kind, read from a folder of complete, valid schemas."""
    return {
        kind: _compile(json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))) for kind in KINDS
    }


def _compile(schema: dict[str, Any]) -> KindValidator:
    # offline: a schema is never a reason to reach the network while checking files.
    return KindValidator(jsonschema_rs.validator_for(schema, validate_formats=True, offline=True), schema=schema)


@dataclass(frozen=True, slots=True)
class Schemas:
    """What a hub's records are checked against, kind by kind.

    The built-in schema always applies: the rest of the hub relies on what it
    promises. A hub may keep its own copy in `schemas/` (editors read it) and
    add rules there; a kind whose file is missing uses the built-in schema alone.
    """

    checks: dict[str, tuple[KindValidator, ...]]
    files: dict[str, Path]  # the schema a kind's files are edited against: the hub's copy or the built-in one
    problems: tuple[Problem, ...] = ()


def hub_schemas(root: Path) -> Schemas:
    """The schemas for the hub under `root`, with a problem for each of its own that cannot be used."""
    built_in = validators(BUILT_IN)
    checks: dict[str, tuple[KindValidator, ...]] = {}
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    for kind in KINDS:
        checks[kind], files[kind] = (built_in[kind],), BUILT_IN / f"{kind}.schema.json"
        path = root / HUB_SCHEMAS / f"{kind}.schema.json"
        if not os.path.lexists(path):
            continue
        own = _own_validator(path, f"{HUB_SCHEMAS}/{kind}.schema.json", kind)
        if isinstance(own, Problem):
            problems.append(own)
            continue
        files[kind] = path
        if own is not None:
            checks[kind] = (built_in[kind], own)
    return Schemas(checks, files, tuple(problems))


def _own_validator(path: Path, file: str, kind: str) -> KindValidator | Problem | None:
    """The hub's own schema compiled; None when it says the same as the built-in one."""
    try:
        status = os.stat(path)
    except OSError as exc:
        return unreadable(file, exc)
    return _compile_own(str(path), file, kind, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=64)
def _compile_own(path: str, file: str, kind: str, mtime_ns: int, size: int) -> KindValidator | Problem | None:
    # Keyed by modification time and size, so `hub serve` rereads a schema only when it changed.
    try:
        raw = read_bytes(Path(path), file, max_bytes=MAX_SCHEMA_BYTES)
    except LoadError as exc:
        if exc.problem.message.startswith("file is too large"):
            # max_file_kb in hub.yaml is for playbook files; a schema's limit is fixed.
            return replace(exc.problem, hint=f"a schema holds at most {MAX_SCHEMA_BYTES:,} bytes; {_DELETE_HINT}")
        return exc.problem
    try:
        text = decode(raw, file)
    except LoadError as exc:
        return exc.problem
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        return Problem(file, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}", hint=_FIX_JSON_HINT)
    except (ValueError, RecursionError) as exc:  # numbers too long for Python, nesting too deep
        return Problem(file, 1, 1, f"not valid JSON: {_short(str(exc))}", hint=_FIX_JSON_HINT)
    if not isinstance(schema, dict):
        return Problem(
            file, 1, 1, "a schema must be a JSON object", hint=f"start the file with '{{', or {_DELETE_HINT}"
        )
    if _without_id(schema) == _without_id(validators(BUILT_IN)[kind].schema):
        return None
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        line, column = _json_position(text, tuple(exc.absolute_path), file)
        return Problem(
            file,
            line,
            column,
            f"not a valid JSON Schema: {_short(exc.message)}",
            path=json_path(exc.absolute_path),
            hint=f"compare it with the built-in schema, or {_DELETE_HINT}",
        )
    except RecursionError:
        return Problem(file, 1, 1, "the schema is nested too deeply", hint=_DELETE_HINT)
    try:
        return _compile(schema)
    except Exception as exc:  # the engines' own refusals: a regular expression they cannot read, a remote $ref…
        return Problem(
            file,
            1,
            1,
            f"this schema cannot be used: {_short(str(exc))}",
            hint=f"remote $ref and non-standard regular expressions are not supported; {_DELETE_HINT}",
        )


def _without_id(schema: Any) -> Any:
    return {key: value for key, value in schema.items() if key != "$id"}


def _json_position(text: str, path: tuple[Any, ...], file: str) -> tuple[int, int]:
    """Line and column of the value at `path` in JSON text (JSON is YAML, whose parser keeps positions)."""
    try:
        return parse_text(text, file).locate(path)
    except LoadError:
        return 1, 1


def _short(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return first if len(first) <= 160 else first[:157] + "…"


def check(document: Document, validator: KindValidator | tuple[KindValidator, ...]) -> list[Problem]:
    """Every schema problem in one document, by each schema that applies to it."""
    problems: list[Problem] = []
    for one in validator if isinstance(validator, tuple) else (validator,):
        for problem in _check_one(document, one):
            if problem not in problems:
                problems.append(problem)
    return problems


def _check_one(document: Document, validator: KindValidator) -> list[Problem]:
    try:
        if validator.fast.is_valid(document.data):
            return []
        problems: list[Problem] = []
        for error in validator.explaining.iter_errors(document.data):
            problems.extend(_explain(document, error))
        if not problems:
            # The two validators disagree: never let the record through unexplained.
            problems.append(_fast_problem(document, validator))
    except Exception as exc:  # a hub's own schema failing only on some data, such as an unresolvable $ref
        return [_problem(document, (), f"the schema could not be applied: {_short(str(exc))}")]
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
            from jsonschema.exceptions import best_match

            yield from _explain(document, best_match(error.context))
            return
    if error.validator == "additionalProperties":
        yield from _unknown_fields(document, error)
        return
    yield _problem(document, error.absolute_path, _message(error), _hint(error))


def _unknown_fields(document: Document, error: ValidationError) -> Iterator[Problem]:
    schema: Any = error.schema
    instance: Any = error.instance
    known = list(schema.get("properties", {}))
    for name in instance:
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
    value: Any = error.instance
    rule: Any = error.validator_value
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
        limit = "below the minimum" if error.validator == "minimum" else "above the maximum"
        return f"{_show(value)} is {limit} of {rule}"
    return error.message


def _hint(error: ValidationError) -> str | None:
    instance: Any = error.instance
    rule: Any = error.validator_value
    schema: Any = error.schema
    if error.validator == "enum" and isinstance(instance, str):
        close = difflib.get_close_matches(instance, [str(v) for v in rule], n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
    if error.validator == "type" and "string" in rule:
        if isinstance(instance, bool):
            return "YAML reads true and false as true/false: put text in quotes"
        if isinstance(instance, (int, float)):
            return (
                "put it in quotes so it stays text exactly as written "
                f"(unquoted, YAML reads it as the number {instance})"
            )
    if error.validator == "required":
        described = schema.get("properties", {}).get(_message(error).split("'")[1], {})
        return _text_or_none(described.get("description"))
    if isinstance(schema, dict) and error.validator in ("pattern", "format", "type", "minLength"):
        return _text_or_none(schema.get("description"))
    return None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


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
