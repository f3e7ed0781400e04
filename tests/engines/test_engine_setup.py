"""What the plugin sets up around the engine before any page is built: the site folder it may
replace, the theme's search turned off for the hub's, and how Pagefind is started."""

from __future__ import annotations

import functools
import logging
import sys
import types
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from hub_build.engines import search_index, site_folder
from hub_build.engines.export import THEME
from hub_build.engines.mkdocs_setup import check_site_folder, use_hub_search
from hub_build.site.description import SiteDescription


def test_a_site_folder_inside_the_hub_holding_someones_files_is_refused_by_its_path_in_the_hub(
    tmp_path: Path,
) -> None:
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "thesis.md").write_text("years of work", encoding="utf-8")

    with pytest.raises(PluginError) as refused:
        check_site_folder(tmp_path, tmp_path / "public")

    assert str(refused.value) == (
        f"site_dir: public already holds files the hub did not write; nothing was built (hint: {site_folder.HINT})"
    )


def test_a_site_folder_outside_the_hub_is_refused_by_its_full_path(tmp_path: Path) -> None:
    hub, elsewhere = tmp_path / "hub", tmp_path / "documents"
    hub.mkdir()
    elsewhere.mkdir()
    (elsewhere / "thesis.md").write_text("years of work", encoding="utf-8")

    with pytest.raises(PluginError, match=r"^site_dir: ") as refused:
        check_site_folder(hub, elsewhere)

    assert f"{elsewhere.as_posix()} already holds files the hub did not write" in str(refused.value)


def test_a_new_or_marked_site_folder_is_built_into(tmp_path: Path) -> None:
    check_site_folder(tmp_path, tmp_path / "site")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html>", encoding="utf-8")
    site_folder.mark(tmp_path / "site")
    check_site_folder(tmp_path, tmp_path / "site")


@pytest.mark.parametrize("theme_search", ["search", "material/search"])
def test_the_themes_search_is_turned_off_hooks_and_all_and_the_hubs_theme_folder_added(
    tmp_path: Path, theme_search: str, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Hub\ntheme:\n  name: material\nplugins:\n  - {theme_search}\n  - tags\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    search = config.plugins["material/search"]  # MkDocs names the theme's own

    with caplog.at_level(logging.INFO):
        use_hub_search(config, SiteDescription.__new__(SiteDescription))

    assert caplog.messages == ["the theme's search plugin is off: the hub's search (Pagefind) replaces it"]
    assert list(config.plugins) == ["material/tags"]
    # Its hooks for what follows are gone; on_config, running now, is MkDocs' to finish.
    hooked = [m for event, methods in config.plugins.events.items() if event != "config" for m in methods]
    assert not [m for m in hooked if getattr(m, "__self__", None) is search]
    assert [m for m in hooked if getattr(m, "__self__", None) is config.plugins["material/tags"]]
    assert config.theme.dirs[0] == str(THEME)  # before the theme's own templates: they are overridden
    use_hub_search(config, SiteDescription.__new__(SiteDescription))
    assert config.theme.dirs.count(str(THEME)) == 1


def test_the_glossary_is_given_to_the_abbreviations_extension_once_however_often_it_is_added(tmp_path: Path) -> None:
    from hub_build.engines.mkdocs_setup import add_tooltips
    from hub_build.site.abbreviations import GlossaryAbbreviations

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Hub\nmarkdown_extensions: [toc]\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))

    add_tooltips(config, {"MQL": "Marketing-qualified lead"})
    add_tooltips(config, {"SQL": "Sales-qualified lead"})  # a rebuild under `hub serve`

    named = [e for e in config.markdown_extensions if isinstance(e, str)]
    glossaries = [e for e in config.markdown_extensions if isinstance(e, GlossaryAbbreviations)]
    assert [name for name in named if "abbr" in name.lower()] == ["abbr"]
    assert len(glossaries) == 1


def test_what_the_hubs_pages_need_added_to_the_configuration_is_logged_for_whoever_asks(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from hub_build.engines.mkdocs_setup import configure_markdown, log

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hub\ntheme:\n  name: material\nmarkdown_extensions:\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))

    with caplog.at_level(logging.DEBUG, logger=log.name):
        configure_markdown(config)

    (message,) = caplog.messages
    assert message.startswith("added to the configuration for the hub's pages: abbr, admonition, attr_list, ")
    assert message.endswith(", pymdownx.tasklist, content.action.edit, content.tooltips")


@pytest.mark.parametrize("custom_dir", [True, False], ids=["with overrides", "without"])
def test_the_hubs_own_folders_are_its_docs_and_its_overrides_not_the_installed_theme(
    tmp_path: Path, custom_dir: bool
) -> None:
    from hub_build.engines.mkdocs_setup import under

    for folder in ("docs", "overrides"):
        (tmp_path / folder).mkdir()
    theme = "theme:\n  name: material\n" + ("  custom_dir: overrides\n" if custom_dir else "")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Hub\n{theme}", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))

    assert under(tmp_path / "docs" / "notes" / "a.md", config)
    assert under(tmp_path / "overrides" / "main.html", config) is custom_dir
    assert not under(Path(config.theme.dirs[-1]) / "base.html", config)
    assert not under(tmp_path / "mkdocs.yml", config)


def test_the_hubs_theme_folder_comes_after_a_hubs_own_overrides(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hub\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))

    use_hub_search(config, SiteDescription.__new__(SiteDescription))

    assert config.theme.dirs[:2] == [str(tmp_path / "overrides"), str(THEME)]


def test_pagefind_is_run_from_the_path_a_maintainer_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind/pagefind")

    assert search_index.pagefind_command() == ["/opt/pagefind/pagefind"]


def _package(found: str | None) -> types.ModuleType:
    module = types.ModuleType("pagefind_bin")

    def get_executable() -> str:
        if found is None:
            raise FileNotFoundError("no binary for this platform")
        return found

    module.get_executable = get_executable  # type: ignore[attr-defined]
    return module


def test_pagefinds_own_binary_is_run_the_extended_one_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", _package("/wheel/extended/pagefind"))
    monkeypatch.setitem(sys.modules, "pagefind_bin", _package("/wheel/plain/pagefind"))

    assert search_index.pagefind_command() == ["/wheel/extended/pagefind"]


def test_a_binary_package_that_cannot_give_its_binary_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", _package(None))
    monkeypatch.setitem(sys.modules, "pagefind_bin", _package("/wheel/plain/pagefind"))

    assert search_index.pagefind_command() == ["/wheel/plain/pagefind"]


def test_without_a_binary_package_pagefinds_python_module_looks_further(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # an import of it fails
    monkeypatch.setitem(sys.modules, "pagefind_bin", _package(None))

    assert search_index.pagefind_command() == [sys.executable, "-P", "-m", "pagefind"]


def _theme_folder(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A hub with overrides/ holding its own template and one linked to a file outside the hub."""
    root, outside = tmp_path / "hub", tmp_path / "outside"
    (root / "overrides").mkdir(parents=True)
    outside.mkdir()
    (outside / "main.html").write_text("{{ secrets }}", encoding="utf-8")
    (root / "overrides" / "main.html").symlink_to(outside / "main.html")
    (root / "overrides" / "footer.html").write_text("<footer>Ours</footer>", encoding="utf-8")
    return root, root / "overrides", outside


def test_a_theme_template_linked_out_of_the_repository_is_refused_at_the_link(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import jinja2

    from hub_build.engines.mkdocs_setup import InsideRepository

    root, overrides, _ = _theme_folder(tmp_path)
    loader = InsideRepository(jinja2.FileSystemLoader(str(overrides)), overrides, root)
    env = jinja2.Environment(loader=loader)

    with pytest.raises(jinja2.TemplateNotFound) as refused:
        env.get_template("main.html")

    assert refused.value.message == "a symbolic link to a file outside the repository is not read"
    assert refused.value.name == "main.html"  # the template the theme asked for, as Jinja names it
    logged = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert logged == [
        f"overrides/main.html:1:1: $: {refused.value.message} "
        "(hint: copy what it points to into the repository, or remove the link)"
    ]
    assert env.get_template("footer.html").render() == "<footer>Ours</footer>"
    assert loader.list_templates() == ["footer.html", "main.html"]


def test_a_template_of_another_folder_is_read_as_the_theme_reads_it(tmp_path: Path) -> None:
    import jinja2

    from hub_build.engines.mkdocs_setup import InsideRepository

    root, overrides, outside = _theme_folder(tmp_path)
    theme = jinja2.FileSystemLoader([str(overrides.parent / "elsewhere"), str(outside)])
    env = jinja2.Environment(loader=InsideRepository(theme, overrides, root))

    assert env.get_template("main.html").render(secrets="the theme's own") == "the theme's own"


def _theme_files(config: object) -> list[str]:
    """The theme's static files, listed as MkDocs lists them for a build."""
    from mkdocs.structure.files import Files

    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)  # type: ignore[attr-defined]
    return sorted(f.src_uri for f in files)


def test_the_installed_themes_files_are_listed_once_a_session_and_the_overrides_at_every_build(
    tmp_path: Path,
) -> None:
    from hub_build.engines.mkdocs_setup import list_installed_theme_once

    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "ours.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hub\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    as_mkdocs_lists = _theme_files(load_config(str(tmp_path / "mkdocs.yml")))
    listings: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
    config = load_config(str(tmp_path / "mkdocs.yml"))
    list_installed_theme_once(config, listings)

    assert _theme_files(config) == as_mkdocs_lists and "ours.css" in as_mkdocs_lists
    assert {folder for folder, _ in listings} == {str(Path(d)) for d in config.theme.dirs[1:]}

    (tmp_path / "overrides" / "added.css").write_text("p{}", encoding="utf-8")
    again = load_config(str(tmp_path / "mkdocs.yml"))
    list_installed_theme_once(again, listings)  # the next save's build, with the session's listings
    listed: list[str] = []
    list_templates = jinja2.FileSystemLoader.list_templates

    def recorded(loader: jinja2.FileSystemLoader) -> list[str]:
        listed.extend(loader.searchpath)
        return list_templates(loader)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.FileSystemLoader, "list_templates", recorded)
        assert _theme_files(again) == sorted([*as_mkdocs_lists, "added.css"])
    assert listed == [str(tmp_path / "overrides")]  # the installed theme's folders were listed once


def test_a_theme_whose_static_templates_change_in_a_session_is_listed_again(tmp_path: Path) -> None:
    from hub_build.engines.mkdocs_setup import list_installed_theme_once

    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: Hub\ntheme:\n  name: material\n", encoding="utf-8")
    listings: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
    first = load_config(str(config_file))
    list_installed_theme_once(first, listings)
    assert "assets/images/favicon.png" in _theme_files(first)

    config_file.write_text(
        "site_name: Hub\ntheme:\n  name: material\n  static_templates: [assets/images/favicon.png]\n",
        encoding="utf-8",
    )
    again = load_config(str(config_file))
    list_installed_theme_once(again, listings)  # the next save's build, with the session's listings

    assert _theme_files(again) == _theme_files(load_config(str(config_file)))  # as MkDocs lists it
    assert "assets/images/favicon.png" not in _theme_files(again)  # a template now, no longer a file


def test_any_other_listing_of_the_theme_is_jinjas_own(tmp_path: Path) -> None:
    from hub_build.engines.mkdocs_setup import list_installed_theme_once

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Hub\ntheme:\n  name: material\n", encoding="utf-8")
    plain = load_config(str(tmp_path / "mkdocs.yml")).theme.get_env()
    config = load_config(str(tmp_path / "mkdocs.yml"))
    list_installed_theme_once(config, {})
    env = config.theme.get_env()

    assert env.list_templates(extensions=["html"]) == plain.list_templates(extensions=["html"])
    assert env.list_templates() == plain.list_templates()
    for ending in (".js", ".html"):  # each filter its own listing: none kept from the one before
        ends = functools.partial(_ends_with, ending)
        assert env.list_templates(filter_func=ends) == plain.list_templates(filter_func=ends)


def _ends_with(ending: str, name: str) -> bool:
    return name.endswith(ending)


def test_what_every_page_shows_is_told_without_a_configuration_file_gone_for_a_moment(tmp_path: Path) -> None:
    from hub_build.engines.mkdocs_setup import shared
    from tests.engines.test_search_index import _site as site_of

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Hub\ntheme:\n  name: material\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    site = site_of([])
    with_it = shared(config, site)
    (tmp_path / "mkdocs.yml").unlink()  # an editor that writes the file anew, caught in between

    assert b"site_name: Hub\ntheme:\n  name: material\n" in with_it
    assert shared(config, site) != with_it  # no error: the next save, with the file back, builds every page
