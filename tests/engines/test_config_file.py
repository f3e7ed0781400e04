"""mkdocs.yml read as data before any engine starts: whether it can be read as YAML, whether it lists
the hub plugin, the line to point at when it does not, and the tags only an engine resolves kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hub_build.engines.config_file import ConfigLoader, Tagged, missing_plugin, plugin_name, unreadable

MESSAGE = "the hub plugin is not listed under plugins:, so the site would be built without the playbook"


def _config(tmp_path: Path, text: str, name: str = "mkdocs.yml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "plugins",
    [
        "plugins:\n  - hub\n",
        "plugins:\n  - search\n  - hub:\n      root: .\n",
        "plugins:\n  hub: {}\n  search: {}\n",
    ],
    ids=["a name", "a name with options", "a mapping"],
)
def test_the_plugin_listed_in_any_of_the_shapes_mkdocs_reads_is_found(tmp_path: Path, plugins: str) -> None:
    assert missing_plugin(_config(tmp_path, f"site_name: Hub\n{plugins}")) is None


def test_a_missing_plugin_is_pointed_at_the_plugins_key_with_where_to_add_it(tmp_path: Path) -> None:
    root = _config(tmp_path, "site_name: Hub\ntheme:\n  name: material\nplugins:\n  - search\n")

    problem = missing_plugin(root)

    assert problem is not None
    assert (problem.file, problem.line, problem.column, problem.message) == ("mkdocs.yml", 4, 1, MESSAGE)
    assert problem.is_error
    assert problem.hint == 'add "- hub" under plugins: in mkdocs.yml'


def test_without_any_plugins_key_the_line_after_the_last_is_where_it_goes(tmp_path: Path) -> None:
    problem = missing_plugin(_config(tmp_path, "site_name: Hub\ntheme:\n  name: material\n"))

    assert problem is not None and problem.line == 4


def test_an_empty_plugins_list_is_no_plugin(tmp_path: Path) -> None:
    problem = missing_plugin(_config(tmp_path, "site_name: Hub\nplugins:\n"))

    assert problem is not None and problem.line == 2


def test_another_configuration_file_is_named_in_the_problem_and_its_hint(tmp_path: Path) -> None:
    problem = missing_plugin(_config(tmp_path, "site_name: Hub\nplugins: [search]\n", "other.yml"), "other.yml")

    assert problem is not None
    assert (problem.file, problem.line, problem.hint) == ("other.yml", 2, 'add "- hub" under plugins: in other.yml')


@pytest.mark.parametrize(
    "text",
    ["site_name: [unclosed\n", "- a list\n- of things\n", "just text\n", b"site_name: \xff\n"],
    ids=["broken YAML", "a list", "a scalar", "not UTF-8"],
)
def test_a_configuration_that_cannot_be_read_as_one_is_left_for_the_engine_to_report(
    tmp_path: Path, text: str | bytes
) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    assert missing_plugin(tmp_path) is None


def test_a_missing_configuration_is_left_for_the_engine_to_report(tmp_path: Path) -> None:
    assert missing_plugin(tmp_path) is None


def test_tags_only_an_engine_resolves_are_kept_as_written_with_their_values() -> None:
    text = (
        "site_url: !ENV SITE_URL\n"
        "copyright: !ENV [COPYRIGHT, 'Quillstone']\n"
        "extra: !custom {a: 1}\n"
        "format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )

    raw = yaml.load(text, Loader=ConfigLoader)

    assert raw == {
        "site_url": Tagged("!ENV", "SITE_URL"),
        "copyright": Tagged("!ENV", ["COPYRIGHT", "Quillstone"]),
        "extra": Tagged("!custom", {"a": 1}),
        "format": Tagged("tag:yaml.org,2002:python/name:pymdownx.superfences.fence_code_format", ""),
    }


@pytest.mark.parametrize(
    ("entry", "name"),
    [("hub", "hub"), ({"hub": {"root": "."}}, "hub"), ({}, {}), (None, None)],
)
def test_a_plugins_entry_is_named_by_its_key_when_it_has_options(entry: object, name: object) -> None:
    assert plugin_name(entry) == name


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b"site_name: Hub\nnav: [unclosed\n", (3, 1, "YAML syntax error: did not find expected ',' or ']'")),
        ("site_name: Hub\nrepo_name: ü\x07b\n".encode(), (2, 13, "the character U+0007 is not allowed in YAML")),
        (b"site_name: Hub\nrepo_name: caf\xe9\n", (2, 15, "file is not UTF-8 text (byte 0xE9 cannot be read)")),
    ],
    ids=["broken YAML", "a character YAML refuses", "not UTF-8"],
)
def test_a_configuration_that_is_not_yaml_is_placed_where_an_editor_shows_it(
    tmp_path: Path, raw: bytes, said: tuple[int, int, str]
) -> None:
    (tmp_path / "mkdocs.yml").write_bytes(raw)

    problem = unreadable(tmp_path)

    assert problem is not None and problem.is_error and problem.hint
    assert (problem.file, problem.line, problem.column, problem.message[: len(said[2])]) == ("mkdocs.yml", *said)


def test_a_configuration_with_the_tags_only_an_engine_resolves_can_be_read(tmp_path: Path) -> None:
    text = (
        "site_name: !ENV [HUB_NAME, Hub]\nplugins:\n  - hub\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )

    assert unreadable(_config(tmp_path, text)) is None
    assert unreadable(_config(tmp_path, text, "other.yml"), "other.yml") is None


def test_a_configuration_that_cannot_be_opened_is_left_to_the_command_to_report(tmp_path: Path) -> None:
    assert unreadable(tmp_path) is None  # no mkdocs.yml: "run this in the root of a hub"
    (tmp_path / "mkdocs.yml").mkdir()
    assert unreadable(tmp_path) is None


def test_another_configuration_file_that_is_not_yaml_is_named_as_itself(tmp_path: Path) -> None:
    problem = unreadable(_config(tmp_path, "site_name: [Hub\n", "other.yml"), "other.yml")

    assert problem is not None and problem.file == "other.yml"


def test_a_configuration_linked_out_of_the_repository_is_refused_at_the_link_unread(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("site_name: [not read\n", encoding="utf-8")  # read, it would be a syntax error
    root = tmp_path / "hub"
    root.mkdir()
    (root / "mkdocs.yml").symlink_to(outside)

    problem = unreadable(root)

    assert problem is not None and problem.is_error
    assert (problem.file, problem.line, problem.message) == (
        "mkdocs.yml",
        1,
        "a symbolic link to a file outside the repository is not read",
    )


def test_a_configuration_linked_inside_the_repository_is_read_as_its_file(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "site.yml").write_text("site_name: Hub\nplugins:\n  - hub\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").symlink_to(Path("config") / "site.yml")

    assert unreadable(tmp_path) is None


@pytest.mark.parametrize("text", ["- a list\n- of things\n", "just words\n", "", "# only a comment\n"])
def test_a_configuration_that_holds_no_settings_is_said_so(tmp_path: Path, text: str) -> None:
    problem = unreadable(_config(tmp_path, text))

    assert problem is not None and problem.is_error and problem.hint
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("the file must hold settings (name: value)")


def test_a_configuration_of_two_documents_is_left_to_the_engine_to_judge(tmp_path: Path) -> None:
    assert unreadable(_config(tmp_path, "site_name: Hub\n---\nsite_name: Other\n")) is None
