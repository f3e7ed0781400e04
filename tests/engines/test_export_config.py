"""The mkdocs.yml `hub export` writes: the hub's own settings kept, the plugin's work done in
advance, and what the engine that will build it needs (MkDocs or Zensical)."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from hub_build.engines.export import ExportFailed, export_site
from tests.helpers import copy_hub


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_hub(tmp_path_factory.mktemp("sample") / "hub")


def _hub_with(sample: Path, tmp_path: Path, change: tuple[str, str] | None = None, before: str = "") -> Path:
    """A copy of the sample whose mkdocs.yml has `change` (a pattern and its replacement) and `before` on top."""
    hub = copy_hub(tmp_path / "hub")
    config = hub / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if change is not None:
        text, count = re.subn(change[0], change[1], text, count=1, flags=re.MULTILINE | re.DOTALL)
        assert count == 1, change
    config.write_text(before + text, encoding="utf-8")
    return hub


def _exported(hub: Path, tmp_path: Path, **options: Any) -> dict[str, Any]:
    export_site(hub, tmp_path / "export", **options)
    return cast(dict[str, Any], yaml.load((tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8"), _Loader))


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


def test_the_hubs_theme_settings_are_kept_beside_the_overrides_folder(sample: Path, tmp_path: Path) -> None:
    theme = _exported(sample, tmp_path)["theme"]

    assert theme["name"] == "material"
    assert theme["font"] is False  # the sample's: nothing fetched from a third party
    assert theme["custom_dir"] == "overrides"
    assert "variant" not in theme


@pytest.mark.parametrize(
    ("written", "name"),
    [("theme: material\n", "material"), ("theme:\n", "material"), ("", "material")],
    ids=["a name alone", "empty", "none"],
)
def test_a_theme_named_alone_or_not_at_all_is_exported_as_a_theme_with_the_overrides(
    sample: Path, tmp_path: Path, written: str, name: str
) -> None:
    hub = _hub_with(sample, tmp_path, (r"^theme:\n(  .*\n|\n)*?(?=^\S)", written))

    theme = _exported(hub, tmp_path)["theme"]

    assert (theme["name"], theme["custom_dir"]) == (name, "overrides")
    assert isinstance(theme["features"], list)


def test_an_export_for_zensical_turns_its_search_off_and_picks_its_classic_look(sample: Path, tmp_path: Path) -> None:
    config = _exported(sample, tmp_path, zensical=True)

    assert config["plugins"][-1] == {"search": {"enabled": False}}
    assert config["theme"]["variant"] == "classic"


def test_a_variant_the_hub_chose_for_zensical_is_kept(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, (r"^theme:\n", "theme:\n  variant: modern\n"))

    assert _exported(hub, tmp_path, zensical=True)["theme"]["variant"] == "modern"


def test_the_hubs_extra_settings_are_kept_beside_the_feeds_every_page_announces(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, before="extra:\n  analytics_free: true\n")

    extra = _exported(hub, tmp_path)["extra"]

    assert extra["analytics_free"] is True
    assert [feed["path"] for feed in extra["hub_feeds"]] == ["feeds/ideas.xml", "feeds/calendar.ics"]


def test_extra_settings_that_are_not_a_mapping_leave_only_the_feeds(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, before="extra: just text\n")

    assert list(_exported(hub, tmp_path)["extra"]) == ["hub_feeds"]


@pytest.mark.parametrize(("written", "language"), [("fr", "fr"), ("", "en"), ("[fr]", "en")])
def test_the_language_the_search_stems_words_in_is_the_themes(
    sample: Path, tmp_path: Path, written: str, language: str
) -> None:
    hub = _hub_with(sample, tmp_path, (r"^theme:\n", f"theme:\n  language: {written}\n"))

    assert export_site(hub, tmp_path / "export").language == language


def test_pages_are_addressed_as_files_where_the_hub_turns_directory_addresses_off(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, before="use_directory_urls: false\n")

    export = export_site(hub, tmp_path / "export")

    assert export.directory_urls is False
    assert _exported(hub, tmp_path)["use_directory_urls"] is False
    assert export_site(sample, tmp_path / "sample-export").directory_urls is True
    # A correction asked for names the page at the address the engine will give it.
    assert "Address: /glossary.html\n" in _correction(tmp_path / "export" / "docs" / "glossary.md")
    assert "Address: /glossary/\n" in _correction(tmp_path / "sample-export" / "docs" / "glossary.md")


def _correction(page: Path) -> str:
    """The body of the issue a page's "Something wrong or missing?" link opens."""
    (link,) = re.findall(r"\[Something wrong or missing\?\]\(([^)\s]+)\)", page.read_text(encoding="utf-8"))
    return urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["body"][0]


def test_the_functions_the_pages_need_are_named_for_the_engine_to_import(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, (r"^  - pymdownx\.emoji:\n(      .*\n)+", ""))

    export_site(hub, tmp_path / "export")

    written = (tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in written
    assert "emoji_generator: !!python/name:material.extensions.emoji.to_svg" in written
    # As the engine reads them: each name gives the function itself.
    from material.extensions.emoji import to_svg, twemoji
    from mkdocs.config import load_config

    config = load_config(str(tmp_path / "export" / "mkdocs.yml"))
    assert config.mdx_configs["pymdownx.emoji"] == {"emoji_index": twemoji, "emoji_generator": to_svg}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("site_name: Hub\nnav: [unclosed\n", (3, 1, "YAML syntax error: did not find expected ','")),
        ("site_name: Hub\nrepo_name: ü\x07b\n", (2, 13, "the character U+0007 is not allowed in YAML")),
        ("site_name: Hub\nnav: !!set {a: 1}\nrepo_name: !!binary 'not base64'\n", (3, 12, "cannot be read: failed to")),
        ("site_name: Hub\n---\nsite_name: Other\n", (2, 1, "cannot be read: but found another document")),
    ],
    ids=["broken YAML", "a character YAML refuses", "a value its tag refuses", "two documents"],
)
def test_a_configuration_that_is_not_yaml_is_said_where(tmp_path: Path, text: str, where: tuple[int, int, str]) -> None:
    hub = copy_hub(tmp_path / "hub")
    (hub / "mkdocs.yml").write_text(text, encoding="utf-8")

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "export")

    assert str(failed.value) == "mkdocs.yml cannot be read as YAML"
    [problem] = failed.value.problems
    assert (problem.file, problem.line, problem.column, problem.message[: len(where[2])]) == ("mkdocs.yml", *where)
    assert problem.is_error and problem.hint
    assert not (tmp_path / "export").exists()


def test_a_configuration_that_is_not_settings_says_why(tmp_path: Path) -> None:
    hub = copy_hub(tmp_path / "hub")
    (hub / "mkdocs.yml").write_text("- a list\n- of things\n", encoding="utf-8")

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "export")

    assert (str(failed.value), failed.value.problems) == ("mkdocs.yml must hold settings (name: value)", [])


def test_the_exported_configuration_names_no_hub_code(sample: Path, tmp_path: Path) -> None:
    export_site(sample, tmp_path / "export")

    text = (tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hub_build" in (sample / "mkdocs.yml").read_text(encoding="utf-8")  # the guard, listed by the sample
    assert "hub_build" not in text  # built by an engine without the hub installed


def test_the_hubs_own_styles_and_scripts_come_before_the_sites(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, before="extra_css: [ours.css]\nextra_javascript: [ours.js]\n")

    config = _exported(hub, tmp_path)

    assert config["extra_css"] == ["ours.css", "hub-assets/hub.css", "hub-assets/search.css"]
    assert config["extra_javascript"] == ["ours.js", "hub-assets/hub.js", "hub-assets/search.js"]


def test_the_glossary_goes_to_the_tooltips_extension_beside_its_own_options(sample: Path, tmp_path: Path) -> None:
    extensions = _exported(sample, tmp_path)["markdown_extensions"]

    (abbr,) = [entry["abbr"] for entry in extensions if isinstance(entry, dict) and "abbr" in entry]
    assert list(abbr) == ["glossary"]
    assert abbr["glossary"]["MQL"].startswith("Marketing Qualified Lead: A lead that has reached a lead score")


def test_the_glossary_goes_to_the_tooltips_extension_named_by_its_module_path(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, ("^  - abbr$", "  - markdown.extensions.abbr"))

    extensions = _exported(hub, tmp_path)["markdown_extensions"]

    (abbr,) = [entry for entry in extensions if "abbr" in str(entry) and "guard" not in str(entry)]
    assert list(abbr) == ["markdown.extensions.abbr"]  # not added again under its short name
    assert abbr["markdown.extensions.abbr"]["glossary"]["MQL"].startswith("Marketing Qualified Lead")


def test_the_options_the_hub_gave_its_markdown_extensions_are_exported_with_them(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, ("      permalink: true\n", "      permalink: true\n      toc_depth: 3\n"))

    extensions = _exported(hub, tmp_path)["markdown_extensions"]

    assert {"toc": {"permalink": True, "toc_depth": 3}} in extensions


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("COPYRIGHT_LINE", "COPYRIGHT_LINE"),
        ("[COPYRIGHT_LINE, Quillstone]", ["COPYRIGHT_LINE", "Quillstone"]),
        ("{names: [COPYRIGHT_LINE, OWNER]}", {"names": ["COPYRIGHT_LINE", "OWNER"]}),
    ],
    ids=["one value", "a list", "settings holding a list"],
)
def test_a_setting_under_a_tag_only_the_engine_resolves_is_exported_as_written(
    sample: Path, tmp_path: Path, written: str, value: object
) -> None:
    from hub_build.engines.config_file import ConfigLoader, Tagged

    hub = _hub_with(sample, tmp_path, before=f"copyright: !ENV {written}\n")

    export_site(hub, tmp_path / "export")

    exported = yaml.load((tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8"), ConfigLoader)
    assert exported["copyright"] == Tagged("!ENV", value)


def test_a_site_address_that_is_not_text_is_left_out_of_the_feeds(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, before="site_url: 42\n")

    export_site(hub, tmp_path / "export")

    feed = (tmp_path / "export" / "docs" / "feeds" / "ideas.xml").read_text(encoding="utf-8")
    assert "<id>urn:hub-build:ideas</id>" in feed


def test_the_exported_configuration_keeps_its_text_readable_as_written(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, before="copyright: © Quillstone — Zürich\n")

    export_site(hub, tmp_path / "export")

    assert "copyright: © Quillstone — Zürich\n" in (tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_exported_configuration_keeps_the_hubs_order_of_settings(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, before="theme_of_the_year: 2026\n")  # first, though it sorts last

    export_site(hub, tmp_path / "export")

    assert (tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8").startswith("theme_of_the_year: 2026\n")


def test_a_hub_whose_plugin_names_no_day_is_exported_as_of_today(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, (r"^      today: .*?\n", ""))

    export_site(hub, tmp_path / "export")

    page = (tmp_path / "export" / "docs" / "ideas" / "cfo-one-pager.md").read_text(encoding="utf-8")
    assert "Waiting **" in page  # proposed on 10 November, judged as of the clock's day
    assert ("Waiting **9 business days**" in page) == (dt.date.today() == dt.date(2026, 11, 23))


def test_the_hubs_options_are_read_after_another_plugins_own(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, ("^plugins:\n", "plugins:\n  - tags:\n      tags_file: tags.md\n"))

    export_site(hub, tmp_path / "export")  # as of the day the hub's own options name

    page = (tmp_path / "export" / "docs" / "ideas" / "cfo-one-pager.md").read_text(encoding="utf-8")
    assert "Waiting **9 business days** for a decision" in page


def test_an_export_reads_the_hubs_templates_from_the_folder_its_plugin_names(sample: Path, tmp_path: Path) -> None:
    hub = _hub_with(sample, tmp_path, ("^  - hub:\n", "  - hub:\n      custom_templates: templates/ours\n"))
    (hub / "templates" / "ours").mkdir(parents=True)
    (hub / "templates" / "ours" / "glossary.md.j2").write_text("# Words we share\n", encoding="utf-8")

    export_site(hub, tmp_path / "export")

    assert "# Words we share" in (tmp_path / "export" / "docs" / "glossary.md").read_text(encoding="utf-8")


def test_a_configuration_linked_out_of_the_repository_is_neither_read_nor_exported(tmp_path: Path) -> None:
    hub = copy_hub(tmp_path / "hub")
    (tmp_path / "secret.yml").write_text("site_name: s3cret\nplugins:\n  - hub\n", encoding="utf-8")
    (hub / "mkdocs.yml").unlink()
    (hub / "mkdocs.yml").symlink_to(tmp_path / "secret.yml")

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "export")

    assert str(failed.value) == "mkdocs.yml leads out of the repository"
    [problem] = failed.value.problems
    assert (problem.file, problem.line) == ("mkdocs.yml", 1) and "outside the repository" in problem.message
    assert not (tmp_path / "export").exists()
