"""A cold `hub build` on MkDocs, run in this process so that every hook of the plugin is seen:
the pages it adds, the files it publishes, the links each page carries, and the theme's search
turned off for Pagefind's."""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from mkdocs.config import load_config

from hub_build.site.page_additions import NEW_IDEA_MARKER
from tests.helpers import Clock, Terminal, build_with_mkdocs, copy_hub, shared

EDIT = 'title="Edit this page"'
REPO_EDIT = "https://github.com/quillstone/revenue-hub/edit/main/"


class Built:
    def __init__(self, root: Path, site: Path, log: list[str]) -> None:
        self.root, self.site, self.log = root, site, log

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


@pytest.fixture(scope=shared)
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_hub(tmp_path_factory.mktemp("plugin-build") / "hub")
    (root / "docs" / "propose.md").unlink()  # built from the page shipped with the hub
    (root / "docs" / "contributing.md").write_text("# How we contribute here\n", encoding="utf-8")
    (root / "docs" / "partners.md").write_text(
        f"Intro.\n\n# Pricing for partners\n\nPropose one: {NEW_IDEA_MARKER}\n", encoding="utf-8"
    )
    (root / "docs" / "ideas").mkdir()
    (root / "docs" / "ideas" / "cfo-one-pager.md").write_text("# Our own CFO page\n", encoding="utf-8")
    site = root.parent / "site"
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)  # as `mkdocs build` shows
    try:
        build_with_mkdocs(root, site)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Built(root, site, records)


def _edit_link(page: str) -> str | None:
    if EDIT not in page:
        return None
    return page.split(EDIT, 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]


def _correction(page: str) -> str:
    """The text of the issue "Something wrong or missing?" opens, its address decoded."""
    link = page.split('class="hub-correction"', 1)[1].split('href="', 1)[1].split('"', 1)[0]
    return urllib.parse.unquote_plus(html.unescape(link))


def test_a_generated_page_is_edited_in_the_yaml_file_it_comes_from(built: Built) -> None:
    assert _edit_link(built.page("ideas/adoption-scorecard/index.html")) == (
        f"{REPO_EDIT}playbook/content/adoption-scorecard.yaml"
    )
    assert _edit_link(built.page("sla/index.html")) == f"{REPO_EDIT}playbook/sla.yaml"


def test_a_page_that_gathers_many_files_has_no_single_file_to_edit(built: Built) -> None:
    assert _edit_link(built.page("glossary/index.html")) is None


def test_a_generated_pages_correction_names_the_address_mkdocs_publishes_it_at(built: Built) -> None:
    correction = _correction(built.page("ideas/adoption-scorecard/index.html"))

    assert "Address: /ideas/adoption-scorecard/" in correction
    assert "File: playbook/content/adoption-scorecard.yaml" in correction


def test_a_page_shipped_with_the_hub_has_no_file_to_edit_and_a_correction_named_by_its_heading(
    built: Built,
) -> None:
    page = built.page("propose/index.html")

    assert _edit_link(page) is None
    correction = _correction(page)
    assert "Correction: Propose a content idea" in correction and "File:" not in correction


def test_a_hand_written_page_is_edited_in_docs_and_corrected_under_its_first_heading(built: Built) -> None:
    page = built.page("partners/index.html")

    assert _edit_link(page) == f"{REPO_EDIT}docs/partners.md"
    correction = _correction(page)
    assert "Correction: Pricing for partners" in correction and "File: docs/partners.md" in correction
    assert "Address: /partners/" in correction  # published as a folder, as MkDocs' directory URLs make it
    # The button the marker stands for, opening a new idea's file in GitHub's editor.
    assert NEW_IDEA_MARKER not in page
    assert 'class="md-button md-button--primary" href="https://github.com/quillstone/revenue-hub/new/main/' in page


def test_a_page_the_hub_has_its_own_file_for_is_built_from_it_not_from_the_shipped_one(built: Built) -> None:
    assert "How we contribute here" in built.page("contributing/index.html")


def test_a_hand_written_page_of_a_generated_pages_name_is_built_and_said_so(built: Built) -> None:
    assert "Our own CFO page" in built.page("ideas/cfo-one-pager/index.html")
    assert "docs/ideas/cfo-one-pager.md replaces the generated page of the same name" in built.log
    ideas = {path.stem for path in (built.root / "playbook" / "content").glob("*.yaml")}
    assert ideas > {"cfo-one-pager"}
    assert {idea for idea in ideas if (built.site / "ideas" / idea / "index.html").is_file()} == ideas  # the rest too


def test_the_schemas_feeds_and_export_are_published_with_the_site(built: Built) -> None:
    schemas = sorted(p.name for p in (built.site / "schemas").glob("*.json"))
    assert schemas == sorted(p.name for p in (built.root / "schemas").glob("*.json"))
    calendar = icalendar.Calendar.from_ical((built.site / "feeds" / "calendar.ics").read_bytes())
    assert calendar.walk("VEVENT")
    assert ET.parse(built.site / "feeds" / "ideas.xml").getroot().tag == "{http://www.w3.org/2005/Atom}feed"
    exported = json.loads((built.site / "api" / "playbook.json").read_text(encoding="utf-8"))
    assert "cfo-one-pager" in {idea["id"] for idea in exported["ideas"]}


def test_every_page_announces_the_feeds_in_its_head(built: Built) -> None:
    head = built.page("index.html").split("</head>", 1)[0]

    assert 'type="application/atom+xml"' in head and 'type="text/calendar"' in head


def test_the_search_is_pagefinds_and_the_themes_own_index_is_not_written(built: Built) -> None:
    assert (built.site / "pagefind" / "pagefind-entry.json").stat().st_size > 0
    assert not (built.site / "search" / "search_index.json").exists()


@pytest.mark.parametrize(("command", "dirty"), [("build", True), ("serve", False), ("build", False)])
def test_only_a_dirty_serve_rebuilds_in_place(command: str, dirty: bool) -> None:
    from hub_build.engines.mkdocs import HubPlugin

    plugin = HubPlugin()
    plugin.on_startup(command=command, dirty=dirty)

    assert plugin.incremental is False


def test_the_feeds_of_a_hub_with_an_address_link_each_idea_at_it(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_url: https://hub.example.com/team/\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )

    build_with_mkdocs(root, tmp_path / "site")

    feed = ET.parse(tmp_path / "site" / "feeds" / "ideas.xml").getroot()
    links = {link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")}
    assert "https://hub.example.com/team/ideas/cfo-one-pager/" in links


def test_a_hub_whose_plugin_names_no_day_is_built_as_of_the_clocks_day(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"\n +today: .*", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    assert "today:" not in config.read_text(encoding="utf-8")

    build_with_mkdocs(root, tmp_path / "site")

    data = json.loads((tmp_path / "site" / "api" / "playbook.json").read_text(encoding="utf-8"))
    assert data["generated_on"] in {dt.date.today().isoformat(), (dt.date.today() - dt.timedelta(days=1)).isoformat()}


def test_the_hubs_styles_and_scripts_are_listed_once_however_often_the_configuration_is_read() -> None:
    from types import SimpleNamespace

    from hub_build.engines import mkdocs_setup

    config = SimpleNamespace(extra_css=["ours.css"], extra_javascript=[])
    site = SimpleNamespace(stylesheets=("hub-assets/hub.css",), scripts=("hub-assets/hub.js",))
    for _ in range(2):  # each rebuild under `mkdocs serve` runs on_config again on the same lists
        mkdocs_setup.add_assets(config, site)  # type: ignore[arg-type]

    assert (config.extra_css, config.extra_javascript) == (["ours.css", "hub-assets/hub.css"], ["hub-assets/hub.js"])


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_plugin_that_served_or_built_nothing_yet_ends_with_nothing_to_stop(command: str) -> None:
    from hub_build.engines.mkdocs import HubPlugin

    plugin = HubPlugin()
    plugin.on_startup(command=command, dirty=True)
    plugin.on_shutdown()  # as MkDocs ends a command stopped before its first build

    assert (plugin.previous, plugin.indexing, plugin.rebuilds) == (None, None, None)


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_a_dirty_serve_silences_the_dirty_build_warning_of_either_engine(engine: str) -> None:
    from hub_build.engines.mkdocs import HubPlugin
    from hub_build.engines.mkdocs_setup import not_the_dirty_build_warning

    logger = logging.getLogger(f"{engine}.commands.build")
    plugin = HubPlugin()
    try:
        plugin.on_startup(command="serve", dirty=True)

        assert plugin.incremental is True
        assert not_the_dirty_build_warning in logger.filters
    finally:
        logger.removeFilter(not_the_dirty_build_warning)


def test_pages_built_are_counted_on_a_terminal_against_those_to_build_or_more() -> None:
    from hub_build.engines.mkdocs import HubPlugin
    from hub_build.playbook.progress import Progress

    terminal, clock = Terminal(), Clock()
    plugin = HubPlugin()
    plugin.pages = Progress(terminal, "building pages", "pages", clock=clock)
    plugin.pages_built, plugin.pages_to_build = 0, 2
    clock.now += 1

    for shown in range(3):  # a page MkDocs builds beyond those it said it would
        clock.now += 0.2
        assert plugin.on_post_page(f"<p>{shown}</p>", page=None, config=None) == f"<p>{shown}</p>"  # type: ignore[arg-type]

    assert terminal.getvalue().split("\r\x1b[K")[1:] == [
        "building pages: 1 of 2 pages",
        "building pages: 2 of 2 pages",
        "building pages: 3 of 3 pages",
    ]


@pytest.mark.parametrize(("theme", "language"), [("  language: fr\n", "fr"), ("", "en")])
def test_a_built_site_is_indexed_in_the_themes_language_at_the_addresses_pages_are_written_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str, language: str
) -> None:
    from hub_build.engines import catch_up
    from hub_build.engines.mkdocs import HubPlugin
    from hub_build.site.description import SiteDescription

    (tmp_path / "docs").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Hub\nuse_directory_urls: false\ntheme:\n  name: material\n{theme}", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    indexed: list[tuple[object, ...]] = []
    monkeypatch.setattr(catch_up, "index", lambda *args: indexed.append(args))
    plugin = HubPlugin()
    plugin.site = SiteDescription.__new__(SiteDescription)

    plugin.on_post_build(config)

    assert indexed == [(tmp_path / "site", plugin.site, False, language)]


def test_a_page_linked_out_of_the_repository_after_the_check_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.engines import plugin_problems

    root = copy_hub(tmp_path / "hub")
    (tmp_path / "secret.md").write_text("# Secret\n\nTEXT-FROM-OUTSIDE\n", encoding="utf-8")
    (root / "docs" / "secret.md").symlink_to(tmp_path / "secret.md")
    # The link is made between the check before the build and MkDocs finding the pages.
    monkeypatch.setattr(plugin_problems, "outside_links", lambda *args, **kwargs: [])

    build_with_mkdocs(root, tmp_path / "site")

    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "site" / "secret").exists()
    assert not [p for p in (tmp_path / "site").rglob("*") if p.is_file() and b"TEXT-FROM-OUTSIDE" in p.read_bytes()]


def test_a_theme_override_that_reads_mkdocs_own_edit_address_gets_the_yaml_file_or_none(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "actions.html").write_text(
        '<p class="edit-address">{{ page.edit_url or "none" }}</p>', encoding="utf-8"
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8"
    )

    build_with_mkdocs(root, tmp_path / "site")

    def address(page: str) -> str:
        text = (tmp_path / "site" / page).read_text(encoding="utf-8")
        return text.split('<p class="edit-address">', 1)[1].split("</p>", 1)[0]

    assert address("ideas/adoption-scorecard/index.html") == f"{REPO_EDIT}playbook/content/adoption-scorecard.yaml"
    assert address("glossary/index.html") == "none"  # many files: each entry links its own
    assert address("propose/index.html") == f"{REPO_EDIT}docs/propose.md"  # a page of the hub's docs/


def test_where_the_hub_has_an_idea_form_a_hand_written_page_gets_its_button_first(tmp_path: Path) -> None:
    from tests.helpers import REPO

    root = copy_hub(tmp_path / "hub")
    form = root / ".github" / "ISSUE_TEMPLATE" / "propose-idea.yml"
    form.parent.mkdir(parents=True)
    form.write_bytes((REPO / ".github" / "ISSUE_TEMPLATE" / "propose-idea.yml").read_bytes())

    build_with_mkdocs(root, tmp_path / "site")

    page = (tmp_path / "site" / "propose" / "index.html").read_text(encoding="utf-8")
    form_button = page.index('href="https://github.com/quillstone/revenue-hub/issues/new?template=propose-idea.yml')
    assert form_button < page.index('href="https://github.com/quillstone/revenue-hub/new/main/playbook/content?')


def _pages_split(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages the plugin converts a section at a time, as the build goes."""
    from hub_build.engines import mkdocs as plugin_module

    split: list[str] = []
    by_sections = plugin_module.render_by_sections
    monkeypatch.setattr(
        plugin_module,
        "render_by_sections",
        lambda page, *args: split.append(page.file.src_uri) or by_sections(page, *args),
    )
    return split


def test_long_pages_are_converted_whole_where_content_tabs_take_their_ids_from_their_labels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      alternate_style: true\n",
            "      alternate_style: true\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
            1,
        ),
        encoding="utf-8",
    )
    split = _pages_split(monkeypatch)

    build_with_mkdocs(root, tmp_path / "site")

    assert split == []  # one conversion of the whole page keeps the tabs' ids unique
    assert (tmp_path / "site" / "people" / "index.html").is_file()


def test_long_pages_are_converted_a_section_at_a_time_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_hub(tmp_path / "hub")
    split = _pages_split(monkeypatch)

    build_with_mkdocs(root, tmp_path / "site")

    assert {"people.md", "calendar.md", "narrative.md"} <= set(split)


def test_a_theme_override_linked_out_of_the_repository_stops_the_build_before_any_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    root = copy_hub(tmp_path / "hub")
    (tmp_path / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").symlink_to(tmp_path / "main.html")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8"
    )

    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_with_mkdocs(root, tmp_path / "site")

    assert caplog.messages[0].startswith("overrides/main.html:")
    assert "1 symbolic link(s) lead out of the repository: nothing was built" in caplog.messages[1]
    assert not (tmp_path / "site").exists()


def test_a_long_build_on_a_terminal_tells_how_far_it_got_reading_then_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.playbook import progress

    terminal = Terminal()
    monkeypatch.setattr(progress, "AFTER_SECONDS", 0.0)  # as if every step took long: each is told
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0.0)
    monkeypatch.setattr("sys.stderr", terminal)

    build_with_mkdocs(copy_hub(tmp_path / "hub"), tmp_path / "site")

    told = [line for line in terminal.getvalue().split("\r\x1b[K") if line]
    reading = [line for line in told if line.startswith("reading the playbook: ")]
    building = [line for line in told if line.startswith("building pages: ")]
    assert reading and reading[-1].endswith(" files") and told.index(reading[-1]) < told.index(building[0])
    done, _, total = reading[-1].removeprefix("reading the playbook: ").removesuffix(" files").partition(" of ")
    assert done == total and int(total) > 100
    pages = len([p for p in (tmp_path / "site").rglob("*.html") if p.name != "404.html"])  # the theme's own
    assert building[-1] == f"building pages: {pages} of {pages} pages"


def test_every_template_linked_out_of_the_repository_is_named_when_the_build_stops(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    root = copy_hub(tmp_path / "hub")
    own = root / "overrides" / "hub"
    own.mkdir(parents=True)
    for name in ("glossary.md.j2", "people.md.j2"):
        (tmp_path / name).write_text("# Page\n", encoding="utf-8")
        (own / name).symlink_to(tmp_path / name)

    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_with_mkdocs(root, tmp_path / "site")

    named = {message.split(":", 1)[0] for message in caplog.messages if "overrides/hub/" in message}
    assert named == {"overrides/hub/glossary.md.j2", "overrides/hub/people.md.j2"}


def test_the_hubs_own_templates_are_read_from_the_folder_its_plugin_names(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    own = root / "templates" / "ours"
    own.mkdir(parents=True)
    (own / "glossary.md.j2").write_text("---\ntitle: Words\n---\n\n# Words we share\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - hub:\n", "  - hub:\n      custom_templates: templates/ours\n"),
        encoding="utf-8",
    )

    build_with_mkdocs(root, tmp_path / "site")

    assert "Words we share" in (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
