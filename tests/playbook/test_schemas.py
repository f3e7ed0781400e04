"""The JSON Schemas are valid 2020-12 schemas, written for the person editing the YAML."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.helpers import REPO

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))


def _properties(schema: object, path: str = "$") -> Iterator[tuple[str, dict]]:
    """Every property definition in a schema, with where it sits."""
    if isinstance(schema, dict):
        for name, definition in schema.get("properties", {}).items():
            yield f"{path}.{name}", definition
        for key, value in schema.items():
            if key != "properties":
                yield from _properties(value, f"{path}/{key}")
        for name, definition in schema.get("properties", {}).items():
            yield from _properties(definition, f"{path}.{name}")
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from _properties(item, f"{path}[{index}]")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_against_the_2020_12_metaschema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # The site sets $id to where it publishes the schema (see schema_links): a fixed
    # address here would name a host where nothing is published.
    assert "$id" not in schema
    assert schema["title"]


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_description_for_the_editor(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    undocumented = [where for where, definition in _properties(schema) if not definition.get("description")]
    assert undocumented == []


def test_there_is_a_schema_per_kind() -> None:
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS} == {
        "narrative",
        "term",
        "sla",
        "track",
        "idea",
        "person",
        "config",
    }
