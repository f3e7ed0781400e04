"""What the plugin adds to mkdocs.yml so the generated pages render, without building a site."""

from __future__ import annotations

from pathlib import Path

import pytest
from material.extensions.emoji import to_svg, twemoji
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from pymdownx.emoji import emojione

from hub_build.engines.mkdocs_needs import FEATURES, Conflict, add_extensions, add_features
from hub_build.engines.mkdocs_setup import configure_markdown


def test_a_configuration_without_extensions_gets_every_one_the_pages_need() -> None:
    extensions: list[object] = ["toc", "tables", "fenced_code"]  # MkDocs' built-in ones
    configs: dict[str, dict[str, object]] = {}
    add_extensions(extensions, configs)
    assert extensions == [
        "toc",
        "tables",
        "fenced_code",
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "md_in_html",
        "pymdownx.details",
        "pymdownx.emoji",
        "pymdownx.highlight",
        "pymdownx.keys",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
    ]
    assert configs["toc"] == {"permalink": True}
    assert configs["pymdownx.tabbed"] == {"alternate_style": True}
    assert configs["pymdownx.emoji"] == {"emoji_index": twemoji, "emoji_generator": to_svg}
    assert configs["pymdownx.tasklist"] == {"custom_checkbox": True}


def test_what_is_added_is_reported_by_name_and_option() -> None:
    extensions: list[object] = ["toc", "admonition", "pymdownx.tabbed"]
    added = add_extensions(extensions, {"pymdownx.tabbed": {}})
    assert "admonition" not in added
    assert "toc: permalink" in added
    assert "pymdownx.tabbed: alternate_style" in added
    assert "attr_list" in added


def test_settings_the_hub_chose_are_kept_when_the_pages_can_work_with_them() -> None:
    extensions: list[object] = ["toc", "pymdownx.tasklist", "pymdownx.tabbed"]
    configs: dict[str, dict[str, object]] = {
        "toc": {"permalink": "¶", "toc_depth": 3},
        "pymdownx.tasklist": {"custom_checkbox": False},
        "pymdownx.tabbed": {"alternate_style": True},  # the one value the pages accept, set by the hub itself
    }
    add_extensions(extensions, configs)
    assert configs["toc"] == {"permalink": "¶", "toc_depth": 3}
    assert configs["pymdownx.tasklist"] == {"custom_checkbox": False}
    assert configs["pymdownx.tabbed"] == {"alternate_style": True}


def test_an_extension_named_with_its_full_module_path_is_not_added_twice() -> None:
    extensions: list[object] = ["markdown.extensions.admonition"]
    add_extensions(extensions, {})
    assert "admonition" not in extensions


def test_extension_instances_in_the_list_are_left_alone() -> None:
    instance = object()
    extensions: list[object] = [instance, "abbr"]
    add_extensions(extensions, {})
    assert extensions[:2] == [instance, "abbr"]


def test_tabs_in_the_old_style_are_a_conflict_that_names_the_setting() -> None:
    with pytest.raises(Conflict) as error:
        add_extensions(["pymdownx.tabbed"], {"pymdownx.tabbed": {"alternate_style": False}})
    assert str(error.value) == (
        "mkdocs.yml: markdown_extensions: pymdownx.tabbed: alternate_style is false, but the hub's pages need true "
        "(Material styles only the alternate content tabs); remove the option or set it to true"
    )


def test_a_setting_written_as_text_is_shown_as_text_in_the_conflict() -> None:
    with pytest.raises(Conflict, match=r"alternate_style is 'yes', but the hub's pages need true"):
        add_extensions(["pymdownx.tabbed"], {"pymdownx.tabbed": {"alternate_style": "yes"}})


def test_headings_without_anchor_links_are_a_conflict() -> None:
    with pytest.raises(Conflict, match=r"toc: permalink is false, but the hub's pages need true or a symbol"):
        add_extensions(["toc"], {"toc": {"permalink": False}})


def test_another_emoji_index_is_a_conflict_that_names_materials() -> None:
    with pytest.raises(Conflict) as error:
        add_extensions(["pymdownx.emoji"], {"pymdownx.emoji": {"emoji_index": emojione}})
    assert str(error.value) == (
        "mkdocs.yml: markdown_extensions: pymdownx.emoji: emoji_index is pymdownx.emoji.emojione, but the hub's pages "
        "need !!python/name:material.extensions.emoji.twemoji (the pages use Material's :material-…: icons); "
        "remove the option or set it to !!python/name:material.extensions.emoji.twemoji"
    )


def test_materials_emoji_functions_given_by_the_hub_are_accepted() -> None:
    configs: dict[str, dict[str, object]] = {"pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg}}
    added = add_extensions(["pymdownx.emoji"], configs)
    assert [item for item in added if item.startswith("pymdownx.emoji")] == []
    assert configs["pymdownx.emoji"] == {"emoji_index": twemoji, "emoji_generator": to_svg}


def test_materials_tooltips_and_edit_button_are_added_to_the_features() -> None:
    features = ["navigation.tabs", "content.tooltips"]
    assert add_features("material", features) == ["content.action.edit"]
    assert features == ["navigation.tabs", "content.tooltips", "content.action.edit"]


def test_another_theme_is_a_conflict_that_says_to_use_material() -> None:
    with pytest.raises(Conflict) as error:
        add_features("readthedocs", [])
    assert str(error.value) == (
        "mkdocs.yml: theme: the hub's pages are written for Material for MkDocs, but the theme "
        "is 'readthedocs'; set `theme: material` (or `name: material` under theme)"
    )


@pytest.mark.parametrize(
    ("theme", "features"),
    [
        ("name: material\n  features:\n    - navigation.tabs\n", ["navigation.tabs", *FEATURES]),
        ("name: material\n", list(FEATURES)),
    ],
)
def test_the_plugin_adds_the_features_the_pages_need_to_those_the_hub_chose(
    tmp_path: Path, theme: str, features: list[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Hub\ntheme:\n  {theme}", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))

    configure_markdown(config)

    assert list(config.theme["features"]) == features


def test_the_plugin_refuses_a_theme_other_than_material_with_what_to_write_instead(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Hub\ntheme:\n  name: readthedocs\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))

    with pytest.raises(PluginError) as refused:
        configure_markdown(config)

    assert str(refused.value).startswith("mkdocs.yml: theme: the hub's pages are written for Material for MkDocs")


def test_the_pages_a_navigation_names_are_found_at_every_depth(tmp_path: Path) -> None:
    from hub_build.engines.mkdocs_setup import nav_sources

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hub\nnav:\n  - index.md\n  - Ideas:\n      - ideas/a.md\n      - More:\n          - Two: b.md\n"
        "  - Elsewhere: https://example.org/\n",
        encoding="utf-8",
    )

    assert nav_sources(load_config(str(tmp_path / "mkdocs.yml"))) == {
        "index.md",
        "ideas/a.md",
        "b.md",
        "https://example.org/",
    }
    (tmp_path / "mkdocs.yml").write_text("site_name: Hub\n", encoding="utf-8")
    assert nav_sources(load_config(str(tmp_path / "mkdocs.yml"))) is None  # every page is in the navigation
