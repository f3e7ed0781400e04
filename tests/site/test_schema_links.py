"""Schema addresses that resolve for the reader: in the hub's own schemas/, or published with the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hub_build.cli import main
from hub_build.site.schema_links import (
    built_in_schemas,
    published_schema,
    published_url,
    schema_files,
    schema_reference,
    site_url_of,
)
from tests.helpers import REPO

IDEA_SCHEMA = REPO / "schemas" / "idea.schema.json"
TERM_FLAGS = [
    "--name",
    "Net revenue retention",
    "--abbreviation",
    "NRRX",
    "--definition",
    "Revenue kept.",
    "--team",
    "shared",
    "--owner",
    "priya-raman",
]


def test_the_published_schema_is_identified_by_its_address_on_the_site() -> None:
    published = json.loads(published_schema(IDEA_SCHEMA, "https://acme.github.io/hub/"))
    assert published["$id"] == "https://acme.github.io/hub/schemas/idea.schema.json"
    assert list(published)[:3] == ["$schema", "$id", "title"]
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_without_a_site_url_the_published_schema_has_no_id() -> None:
    published = json.loads(published_schema(IDEA_SCHEMA, None))
    assert "$id" not in published
    assert published["title"] == "Content idea"


def test_a_schema_id_of_the_hubs_own_is_replaced_by_the_published_address(tmp_path: Path) -> None:
    own = tmp_path / "idea.schema.json"
    own.write_text(json.dumps({"$id": "https://elsewhere.example/idea.json", "type": "object"}), encoding="utf-8")
    assert json.loads(published_schema(own, "https://hub.example/")) == {
        "$id": "https://hub.example/schemas/idea.schema.json",
        "type": "object",
    }


def test_the_hubs_own_schema_replaces_the_built_in_one_of_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    shutil.copy2(IDEA_SCHEMA, tmp_path / "schemas" / "idea.schema.json")
    files = schema_files(tmp_path)
    assert files["idea.schema.json"] == tmp_path / "schemas" / "idea.schema.json"
    assert files["term.schema.json"].parent != tmp_path / "schemas"
    assert len(files) == 7


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("playbook/terms/mql.yaml", "../../schemas/term.schema.json"),
        ("playbook/narrative.yaml", "../schemas/term.schema.json"),
        ("hub.yaml", "schemas/term.schema.json"),
    ],
)
def test_a_modeline_points_at_the_hubs_own_schema_by_a_relative_path(tmp_path: Path, file: str, expected: str) -> None:
    (tmp_path / "schemas").mkdir()
    shutil.copy2(REPO / "schemas" / "term.schema.json", tmp_path / "schemas" / "term.schema.json")
    assert schema_reference(tmp_path, "term", file, site_url="https://hub.example/") == expected


def test_without_its_own_schema_a_modeline_points_at_the_published_copy(tmp_path: Path) -> None:
    assert schema_reference(tmp_path, "term", "playbook/terms/mql.yaml", site_url="https://hub.example/") == (
        "https://hub.example/schemas/term.schema.json"
    )


def test_without_its_own_schema_or_a_site_there_is_no_address_to_point_at(tmp_path: Path) -> None:
    assert schema_reference(tmp_path, "term", "playbook/terms/mql.yaml", site_url=None) is None


def test_the_site_url_is_read_from_mkdocs_yml_without_running_its_tags(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hub\nsite_url: https://hub.example/\nplugins:\n  - hub:\n      today: !ENV [X, '2026-11-23']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n",
        encoding="utf-8",
    )
    assert site_url_of(tmp_path) == "https://hub.example/"


def _hub_without_schemas(target: Path, site_url: str | None) -> Path:
    for part in ("hub.yaml", "playbook"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    (target / "mkdocs.yml").write_text(
        "site_name: Hub\n" + (f"site_url: {site_url}\n" if site_url else ""), encoding="utf-8"
    )
    return target


def test_hub_new_in_a_hub_without_schemas_points_at_the_published_schema(tmp_path: Path) -> None:
    root = _hub_without_schemas(tmp_path, "https://hub.example/revenue/")
    assert main(["new", "term", "--root", str(root), *TERM_FLAGS]) == 0
    first_line = (root / "playbook/terms/nrrx.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=https://hub.example/revenue/schemas/term.schema.json"


def test_hub_new_writes_no_modeline_when_no_schema_address_would_resolve(tmp_path: Path) -> None:
    root = _hub_without_schemas(tmp_path, None)
    assert main(["new", "term", "--root", str(root), *TERM_FLAGS]) == 0
    first_line = (root / "playbook/terms/nrrx.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "name: Net revenue retention"


def test_hub_new_works_in_a_hub_that_keeps_only_some_schemas(tmp_path: Path) -> None:
    root = _hub_without_schemas(tmp_path, None)
    (root / "schemas").mkdir()
    shutil.copy2(REPO / "schemas" / "term.schema.json", root / "schemas" / "term.schema.json")
    flags = [
        "--title",
        "Partial",
        "--proposed-by",
        "sofia-marchetti",
        "--question",
        "Why?",
        "--persona",
        "finance-leader",
        "--stage",
        "evaluation",
        "--format",
        "article",
    ]
    assert main(["new", "idea", "--root", str(root), *flags]) == 0
    assert main(["new", "term", "--root", str(root), *TERM_FLAGS]) == 0
    assert (root / "playbook/terms/nrrx.yaml").read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../../schemas/term.schema.json"
    )


def test_a_published_schema_is_indented_json_that_keeps_its_own_characters(tmp_path: Path) -> None:
    own = tmp_path / "term.schema.json"
    own.write_text(
        json.dumps(
            {"title": "Begriff · Glossar", "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
        ),
        encoding="utf-8",
    )

    assert published_schema(own, "https://hub.example/") == (
        '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n'
        '  "$id": "https://hub.example/schemas/term.schema.json",\n'
        '  "title": "Begriff · Glossar",\n  "type": "object"\n}\n'
    )


def test_a_schema_that_is_not_an_object_cannot_be_published(tmp_path: Path) -> None:
    own = tmp_path / "idea.schema.json"
    own.write_text("[]", encoding="utf-8")

    with pytest.raises(ValueError, match=r"^idea\.schema\.json is not a JSON object$"):
        published_schema(own, None)


def test_the_published_address_keeps_the_site_url_up_to_its_last_slash() -> None:
    assert published_url("https://hub.example/revenue-X/", "idea") == (
        "https://hub.example/revenue-X/schemas/idea.schema.json"
    )
    assert published_url("https://hub.example", "sla") == "https://hub.example/schemas/sla.schema.json"


@pytest.mark.parametrize(
    ("config", "site_url"),
    [
        ("site_url: http://hub.example/\n", "http://hub.example/"),
        ("site_url: ftp://hub.example/\n", None),
        ("site_url: /revenue/\n", None),
        ("site_url: [https://hub.example/]\n", None),
        ("- site_url: https://hub.example/\n", None),
        ("site_name: Hub\n", None),
    ],
)
def test_only_a_web_address_counts_as_the_site_url(tmp_path: Path, config: str, site_url: str | None) -> None:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")

    assert site_url_of(tmp_path) == site_url


def test_without_mkdocs_yml_there_is_no_site_url(tmp_path: Path) -> None:
    assert site_url_of(tmp_path) is None


def test_the_built_in_schemas_are_one_per_kind() -> None:
    assert [path.name for path in built_in_schemas()] == [
        "config.schema.json",
        "idea.schema.json",
        "narrative.schema.json",
        "person.schema.json",
        "sla.schema.json",
        "term.schema.json",
        "track.schema.json",
    ]
