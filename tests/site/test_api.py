"""The playbook as JSON for other tools: every file valid against the export's own schema,
every record valid against the schema of its kind, and enough to answer a question."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from hub_build.playbook.validation import validate_hub
from hub_build.site.api import api_files
from tests.helpers import HOSTILE_IDEA, REPO, SCRIPT, shared

TODAY = dt.date(2026, 11, 23)
KIND_SCHEMAS = {
    "narrative": "narrative",
    "sla": "sla",
    "terms": "term",
    "people": "person",
    "tracks": "track",
    "ideas": "idea",
}


@pytest.fixture(scope=shared)
def files() -> dict[str, object]:
    published = api_files(validate_hub(REPO, today=TODAY).playbook, today=TODAY)
    return {path: json.loads(text) for path, text in published.items()}


def _validator(schema: object) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_export_publishes_the_whole_playbook_each_kind_and_its_schema(files: dict[str, object]) -> None:
    assert sorted(files) == [
        "api/ideas.json",
        "api/narrative.json",
        "api/people.json",
        "api/playbook.json",
        "api/playbook.schema.json",
        "api/sla.json",
        "api/terms.json",
        "api/tracks.json",
    ]


def test_every_file_is_valid_against_the_exports_schema(files: dict[str, object]) -> None:
    validator = _validator(files["api/playbook.schema.json"])
    jsonschema.Draft202012Validator.check_schema(files["api/playbook.schema.json"])
    for path, data in files.items():
        if path != "api/playbook.schema.json":
            assert list(validator.iter_errors(data)) == [], path


def test_a_file_with_another_version_is_not_valid_against_the_schema(files: dict[str, object]) -> None:
    terms = dict(files["api/terms.json"])  # type: ignore[call-overload]
    assert not _validator(files["api/playbook.schema.json"]).is_valid({**terms, "version": 2})


def test_every_record_is_valid_against_the_schema_of_its_kind(files: dict[str, object]) -> None:
    for kind, schema in KIND_SCHEMAS.items():
        validator = _validator(json.loads((REPO / "schemas" / f"{schema}.schema.json").read_text()))
        items = files[f"api/{kind}.json"]["items"]  # type: ignore[index]
        assert items, kind
        for item in items:
            assert list(validator.iter_errors(item["record"])) == [], item["id"]


def test_the_whole_playbook_counts_what_hub_validate_counts(files: dict[str, object]) -> None:
    whole = files["api/playbook.json"]
    assert {kind: len(whole[kind]) for kind in KIND_SCHEMAS} == {  # type: ignore[index]
        "narrative": 1,
        "sla": 1,
        "terms": 40,
        "people": 27,
        "tracks": 5,
        "ideas": 32,
    }
    assert whole["version"] == 1 and whole["company"] == "Quillstone"  # type: ignore[index]
    assert whole["generated_on"] == "2026-11-23"  # type: ignore[index]


def test_a_script_can_answer_what_an_mql_is(files: dict[str, object]) -> None:
    terms = files["api/terms.json"]["items"]  # type: ignore[index]
    mql = next(item for item in terms if item["record"].get("abbreviation") == "MQL")
    assert mql["id"] == "mql"
    assert mql["page"] == "glossary/#mql"
    assert mql["file"] == "playbook/terms/mql.yaml"
    assert mql["record"]["name"] == "Marketing Qualified Lead"
    assert mql["record"]["definition"].startswith("A lead that has reached a **lead score of 65 or more**")


def test_dates_are_written_as_in_the_yaml(files: dict[str, object]) -> None:
    ideas = files["api/ideas.json"]["items"]  # type: ignore[index]
    kestrel = next(item for item in ideas if item["id"] == "kestrel-audit-case-study")
    assert kestrel["record"]["scheduled_for"] == "2027-01-12"
    assert kestrel["page"] == "ideas/kestrel-audit-case-study/"


def test_hostile_text_is_kept_as_written_data(tmp_path: Path) -> None:
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    (tmp_path / "playbook" / "content" / "hostile-idea.yaml").write_text(HOSTILE_IDEA, encoding="utf-8")
    published = api_files(validate_hub(tmp_path, today=TODAY).playbook, today=TODAY)
    ideas = json.loads(published["api/ideas.json"])["items"]
    hostile = next(item for item in ideas if item["id"] == "hostile-idea")
    assert hostile["record"]["title"] == f"{SCRIPT} and {{{{ 7 * 7 }}}}"


def test_each_file_is_json_written_one_space_an_indent_as_json_dumps_writes_it() -> None:
    published = api_files(validate_hub(REPO, today=TODAY).playbook, today=TODAY)

    for path, text in published.items():
        if path != "api/playbook.schema.json":
            assert text == json.dumps(json.loads(text), indent=1, ensure_ascii=False) + "\n", path


def test_the_narrative_and_the_sla_are_one_item_each_leading_to_their_page() -> None:
    published = api_files(validate_hub(REPO, today=TODAY).playbook, today=TODAY)

    for kind in ("narrative", "sla"):
        items = json.loads(published[f"api/{kind}.json"])["items"]
        assert [(item["id"], item["page"], item["file"]) for item in items] == [
            (kind, f"{kind}/", f"playbook/{kind}.yaml")
        ]
        assert json.loads(published["api/playbook.json"])[kind] == items


def test_every_kind_of_record_leads_to_its_place_in_the_site() -> None:
    published = json.loads(api_files(validate_hub(REPO, today=TODAY).playbook, today=TODAY)["api/playbook.json"])

    places = {kind: published[kind][0]["page"] for kind in ("terms", "people", "tracks", "ideas")}
    first = {kind: published[kind][0]["id"] for kind in places}
    assert places == {
        "terms": f"glossary/#{first['terms']}",
        "people": f"people/#{first['people']}",
        "tracks": f"onboarding/{first['tracks']}/",
        "ideas": f"ideas/{first['ideas']}/",
    }
