"""Rebuilds under `hub serve` reuse what did not change, and the site they leave is the
one a cold build makes from the same files, byte for byte.

The serve session runs in this process as `mkdocs serve --dirty` runs its builder
(the same plugin kept between builds); the cold build is `hub build` in a process
of its own.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from hub_build.engines import served_site
from hub_build.engines.mkdocs import HubPlugin
from hub_build.site.description import DEFAULT_DOCS
from tests.helpers import copy_hub, run_hub

IDEA = "playbook/content/cfo-one-pager.yaml"


class Session:
    """A `hub serve` session on MkDocs: one plugin kept across rebuilds, each built dirty."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.built: list[set[str]] = []  # the pages each rebuild wrote
        self.plugin: HubPlugin | None = None

    def rebuild(self, *, wait: bool = True) -> set[str]:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        if self.plugin is None:
            config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = config.plugins["hub"]  # type: ignore[assignment]
        before = {p: p.stat().st_mtime_ns for p in self.site.rglob("*.html")}
        build(config, dirty=True)
        if wait:
            self.plugin._wait_for_search()
        written = {
            p.relative_to(self.site).as_posix()
            for p in self.site.rglob("*.html")
            if before.get(p) != p.stat().st_mtime_ns
        }
        self.built.append(written)
        return written

    def stop(self) -> None:
        if self.plugin is not None:
            self.plugin.on_shutdown()
            self.plugin.on_startup(command="build", dirty=False)  # the next test's builds are cold


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    root = copy_hub(tmp_path / "hub")
    serving = Session(root, tmp_path / "served")
    yield serving
    serving.stop()


def edit(root: Path, file: str, change: Callable[[str], str]) -> None:
    path = root / file
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_saved_idea_rebuilds_its_page_and_the_pages_that_list_it_not_the_others(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    first = session.rebuild()
    assert len(first) > 40

    edit(session.root, IDEA, lambda text: text.replace("title: One page for the CFO", "title: Two pages for the CFO"))
    rebuilt = session.rebuild()

    assert rebuilt == {
        "ideas/cfo-one-pager/index.html",
        "calendar/index.html",
        "people/index.html",
        "narrative/index.html",  # they list it by its title
        "404.html",  # MkDocs always writes it
    }  # not the hand-written pages: the navigation names them, and docs/ did not change
    # MkDocs' warning that a dirty build may leave the site stale does not apply, and is not shown.
    assert "dirty" not in caplog.text
    assert "Two pages for the CFO" in (session.site / "ideas/cfo-one-pager/index.html").read_text(encoding="utf-8")


def test_a_save_abandons_the_search_the_save_before_it_was_still_indexing(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.engines import catch_up

    stopped: list[bool] = []

    def indexing(*args: object) -> None:
        stop = args[5]
        assert isinstance(stop, threading.Event)
        stopped.append(stop.wait(timeout=10))  # a long indexing, until it is told to stop

    monkeypatch.setattr(catch_up, "catch_up", indexing)
    session.rebuild(wait=False)
    session.rebuild(wait=False)  # saved again while the first save's search is indexing

    assert stopped[0] is True  # stopped at once, not waited for: this save indexes again
    assert session.plugin is not None
    session.plugin.stop_indexing.set()  # the second one's, which the session's end would wait for


def _made_at_a_save(
    session: Session, monkeypatch: pytest.MonkeyPatch, module: Any, name: str, told: Callable[..., str]
) -> tuple[int, list[str]]:
    """How often `module.name` runs in a whole build, and what it is called for (as `told` names
    it) when one idea is retitled and saved."""
    made: list[str] = []
    original = getattr(module, name)

    def counted(*args: Any) -> Any:
        made.append(told(*args))
        return original(*args)

    monkeypatch.setattr(module, name, counted)
    session.rebuild()
    every = len(made)
    made.clear()
    edit(session.root, IDEA, lambda text: text.replace("title: One page for the CFO", "title: Two pages for the CFO"))
    session.rebuild()
    return every, made


def test_a_save_makes_again_only_the_search_documents_of_what_changed(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.engines import search_index

    every, made = _made_at_a_save(session, monkeypatch, search_index, "entry_html", lambda entry, *_: entry.title)

    assert every > 100
    assert made == ["Two pages for the CFO — why contracts are a finance problem"]  # the idea, as retitled


def test_a_save_renders_again_only_the_page_of_the_idea_saved(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.site import pages

    every, rendered = _made_at_a_save(session, monkeypatch, pages, "_idea_page", lambda env, idea, *_: idea.id)

    assert every > 20
    assert rendered == ["cfo-one-pager"]


def test_a_save_converts_again_only_the_sections_of_long_pages_that_show_the_change(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.rebuild()
    converted: list[tuple[str, str]] = []
    render = MkDocsPage.render

    def counted(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        converted.append((page.file.src_uri, page.markdown or ""))
        render(page, config, files)

    monkeypatch.setattr(MkDocsPage, "render", counted)
    edit(session.root, IDEA, lambda text: text.replace("title: One page for the CFO", "title: Two pages for the CFO"))
    session.rebuild()

    long_pages = {"people.md", "calendar.md", "narrative.md"}
    sections = [(uri, text) for uri, text in converted if uri in long_pages]
    assert {uri for uri, _ in sections} == long_pages
    # One section each: the proposer's entry, the board's, the idea's stage.
    assert len(sections) == 3
    assert all("Two pages for the CFO" in text for _, text in sections)


def test_a_change_every_page_shows_rebuilds_every_page(session: Session) -> None:
    first = session.rebuild()
    edit(
        session.root,
        "playbook/terms/mql.yaml",
        lambda text: re.sub(r"^name: .*$", "name: Marketing-qualified lead", text, count=1, flags=re.M),
    )

    assert session.rebuild() == first  # the tooltip of "MQL" is on every page


def test_a_save_with_an_error_keeps_the_last_good_site_and_shows_the_error_on_the_files_page_and_home(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    session.rebuild()
    page = session.site / "ideas/cfo-one-pager/index.html"
    good = page.read_text(encoding="utf-8")
    edit(
        session.root,
        IDEA,
        lambda text: text.replace("title: One page for the CFO", "title: <b>Half</b> saved") + "status: [unclosed\n",
    )

    with caplog.at_level(logging.ERROR):
        rebuilt = session.rebuild()

    error = "playbook/content/cfo-one-pager.yaml:15:1: $: duplicate key &#x27;status&#x27; (first set at line 11)"
    assert "playbook/content/cfo-one-pager.yaml:15:1: $: duplicate key 'status'" in caplog.text
    assert {"ideas/cfo-one-pager/index.html", "index.html"} <= rebuilt
    assert "ideas/clm-payback-calculator/index.html" not in rebuilt
    shown = page.read_text(encoding="utf-8")
    assert 'class="admonition failure" role="alert"' in shown and error in shown
    assert "One page for the CFO" in shown and "<b>Half</b>" not in shown  # the last good version
    assert error in (session.site / "index.html").read_text(encoding="utf-8")
    assert error not in (session.site / "calendar/index.html").read_text(encoding="utf-8")

    edit(
        session.root,
        IDEA,
        lambda text: text.replace("status: [unclosed\n", "").replace(
            "title: <b>Half</b> saved", "title: One page for the CFO"
        ),
    )
    assert {"ideas/cfo-one-pager/index.html", "index.html"} <= session.rebuild()
    assert page.read_text(encoding="utf-8") == good


def test_an_error_in_the_first_build_stops_it(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    edit(root, IDEA, lambda text: text + "status: [unclosed\n")
    serving = Session(root, tmp_path / "served")
    try:
        with pytest.raises((PluginError, Abort)):
            serving.rebuild()
    finally:
        serving.stop()


def test_a_long_session_of_edits_leaves_the_site_a_cold_build_makes(session: Session) -> None:
    root = session.root
    session.rebuild()
    edits: list[Callable[[], None]] = [
        lambda: edit(root, IDEA, lambda t: t.replace("title: One page for the CFO", "title: A page for the CFO")),
        lambda: edit(root, "playbook/people/chloe-adeyemi.yaml", lambda t: t.replace("Chloe Adeyemi", "Chloé Adeyemi")),
        lambda: (root / "playbook/content/cfo-brief.yaml").write_text(
            (root / IDEA).read_text(encoding="utf-8").replace("A page for the CFO", "The CFO brief"), encoding="utf-8"
        ),
        lambda: (root / "playbook/content/clm-payback-calculator.yaml").unlink(),
        lambda: (root / "playbook/content/publish-pricing-page.yaml").rename(root / "playbook/content/pricing.yaml"),
        lambda: edit(root, "playbook/sla.yaml", lambda t: t.replace("four business hours", "three business hours")),
        lambda: edit(root, "docs/propose.md", lambda t: t + "\nOne more line.\n"),
        lambda: edit(root, "playbook/onboarding/sdr.yaml", lambda t: t.replace("Your first two weeks", "Two weeks")),
    ]
    for change in edits:
        change()
        session.rebuild()
    session.stop()

    assert run_hub("build", cwd=root).returncode == 0
    served, cold = compared(files(session.site)), compared(files(root / "site"))
    assert sorted(served) == sorted(cold)
    assert [name for name in cold if served[name] != cold[name]] == []


def compared(site: dict[str, bytes]) -> dict[str, bytes]:
    """Every file, but of the search bundle only what each document holds (its fragment) and the word
    index: Pagefind names and orders its filter and metadata files differently from one run to the
    next, two cold builds alike."""
    return {
        name: content
        for name, content in site.items()
        if not name.startswith("pagefind/") or name.startswith(("pagefind/fragment/", "pagefind/index/"))
    }


def test_a_theme_override_edited_while_serving_is_used_on_every_page(session: Session) -> None:
    config = session.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8"
    )
    override = session.root / "overrides" / "main.html"
    override.parent.mkdir()
    override.write_text(
        '{% extends "base.html" %}\n{% block footer %}<p>First footer</p>{% endblock %}\n', encoding="utf-8"
    )
    first = session.rebuild()
    assert "First footer" in (session.site / "ideas/cfo-one-pager/index.html").read_text(encoding="utf-8")

    override.write_text(override.read_text(encoding="utf-8").replace("First", "Second"), encoding="utf-8")

    assert session.rebuild() == first
    # The theme's compiled templates are kept between rebuilds, but never used for a changed source.
    assert "Second footer" in (session.site / "ideas/cfo-one-pager/index.html").read_text(encoding="utf-8")


def test_a_save_leaves_the_sitemap_listing_every_page(session: Session) -> None:
    config = session.root / "mkdocs.yml"
    config.write_text("site_url: https://hub.example/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    session.rebuild()
    listed = (session.site / "sitemap.xml").read_text(encoding="utf-8")

    edit(session.root, IDEA, lambda text: text.replace("title: One page for the CFO", "title: Two pages for the CFO"))
    session.rebuild()

    assert "<loc>https://hub.example/ideas/cfo-one-pager/</loc>" in listed
    assert (session.site / "sitemap.xml").read_text(encoding="utf-8") == listed


def test_a_hand_written_page_of_a_generated_pages_name_is_the_one_built(session: Session) -> None:
    (session.root / "docs" / "glossary.md").write_text("# Our own glossary\n\nWritten by hand.\n", encoding="utf-8")

    session.rebuild()

    glossary = (session.site / "glossary/index.html").read_text(encoding="utf-8")
    assert "Written by hand." in glossary and "Our own glossary" in glossary


def test_a_file_added_to_the_theme_overrides_while_serving_is_published_at_the_next_save(session: Session) -> None:
    config = session.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8"
    )
    (session.root / "overrides").mkdir()
    session.rebuild()
    assert (session.site / "assets/javascripts").is_dir()  # the installed theme's files
    styles = session.root / "overrides" / "assets" / "stylesheets" / "extra.css"
    styles.parent.mkdir(parents=True)
    styles.write_text("body { margin: 0; }\n", encoding="utf-8")

    session.rebuild()

    assert (session.site / "assets/stylesheets/extra.css").read_text(encoding="utf-8") == "body { margin: 0; }\n"


def test_a_save_logs_only_the_reminders_it_brings_and_counts_the_others(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    def reminders() -> list[str]:
        return [record.getMessage() for record in caplog.records if record.getMessage().startswith("reminder: ")]

    # Two ideas waiting past the SLA's promise of a decision, then a third.
    for idea, proposed in (("adoption-scorecard", "2026-11-13"), ("change-of-control-due-diligence", "2026-11-19")):
        edit(session.root, f"playbook/content/{idea}.yaml", lambda text, day=proposed: text.replace(day, "2026-10-01"))
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        session.rebuild()
    first = reminders()
    caplog.clear()
    edit(session.root, IDEA, lambda text: text.replace("proposed_on: 2026-11-10", "proposed_on: 2026-10-01"))

    with caplog.at_level(logging.INFO, logger="mkdocs"):
        session.rebuild()

    assert [line.split(":")[1].strip() for line in first] == [
        "playbook/content/adoption-scorecard.yaml",
        "playbook/content/change-of-control-due-diligence.yaml",
    ]
    assert [line.split(":")[1].strip() for line in reminders()[:-1]] == [IDEA]
    assert reminders()[-1] == "reminder: 2 as at the last save; `hub validate` lists them all"


def test_a_hub_serve_session_builds_in_the_folder_it_keeps_and_goes_on_there(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(served_site.KEEP, "1")  # as `hub serve` runs the engine
    session.rebuild()
    edit(session.root, IDEA, lambda text: text.replace("title: One page for the CFO", "title: Two pages for the CFO"))

    session.rebuild()

    page = served_site.kept(session.root) / "ideas" / "cfo-one-pager" / "index.html"
    assert "Two pages for the CFO" in page.read_text(encoding="utf-8")
    assert sorted(path.name for path in (session.root / ".hub-build").iterdir() if "served" in path.name) == [
        "served-site"
    ]


def test_a_save_that_adds_an_idea_lists_its_page_in_the_sitemap(session: Session) -> None:
    config = session.root / "mkdocs.yml"
    config.write_text("site_url: https://hub.example/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    session.rebuild()

    added = (session.root / IDEA).read_text(encoding="utf-8").replace("One page for the CFO", "The CFO brief")
    (session.root / "playbook/content/cfo-brief.yaml").write_text(added, encoding="utf-8")
    session.rebuild()

    assert (session.site / "ideas/cfo-brief/index.html").is_file()
    assert "<loc>https://hub.example/ideas/cfo-brief/</loc>" in (session.site / "sitemap.xml").read_text(
        encoding="utf-8"
    )


def test_a_page_the_hub_has_no_file_for_is_built_from_the_one_shipped_with_the_hub(session: Session) -> None:
    (session.root / "docs" / "propose.md").unlink()

    session.rebuild()

    shipped = (DEFAULT_DOCS / "propose.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert shipped in (session.site / "propose" / "index.html").read_text(encoding="utf-8")


def test_a_change_to_mkdocs_yml_rebuilds_every_page(session: Session) -> None:
    config = session.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "copyright: First words\n", encoding="utf-8")
    first = session.rebuild()

    config.write_text(config.read_text(encoding="utf-8").replace("First words", "Second words"), encoding="utf-8")

    assert session.rebuild() == first
    assert "Second words" in (session.site / "ideas/cfo-one-pager/index.html").read_text(encoding="utf-8")


def test_after_a_save_the_navigation_titles_an_unchanged_generated_page_by_its_own_title(session: Session) -> None:
    config = session.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - Service-level agreement: sla.md\n", "  - sla.md\n"),
        encoding="utf-8",
    )
    session.rebuild()

    edit(session.root, IDEA, lambda text: text.replace("title: One page for the CFO", "title: Two pages for the CFO"))
    rebuilt = session.rebuild()

    assert "ideas/cfo-one-pager/index.html" in rebuilt and "sla/index.html" not in rebuilt
    page = (session.site / "ideas/cfo-one-pager/index.html").read_text(encoding="utf-8")
    # Named by no title in the navigation, the page is titled there as it titles itself.
    assert re.search(r'href="\.\./\.\./sla/"[^>]*>\s*<span class="md-ellipsis">\s*Service-level agreement', page)


def test_a_save_that_links_templates_out_of_the_repository_names_each_and_keeps_the_last_good_site(
    session: Session, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    session.rebuild()
    own = session.root / "overrides" / "hub"
    own.mkdir(parents=True)
    for name in ("glossary.md.j2", "people.md.j2"):
        (tmp_path / name).write_text("# Page\n", encoding="utf-8")
        (own / name).symlink_to(tmp_path / name)

    with caplog.at_level(logging.ERROR):
        session.rebuild()

    named = {message.split(":", 1)[0] for message in caplog.messages if message.startswith("overrides/hub/")}
    assert named == {"overrides/hub/glossary.md.j2", "overrides/hub/people.md.j2"}
    assert "Glossary" in (session.site / "glossary/index.html").read_text(encoding="utf-8")


def test_a_save_that_links_a_page_out_of_the_repository_names_it_and_keeps_serving(
    session: Session, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    session.rebuild()
    (tmp_path / "secret.md").write_text("# Secret\n\nTEXT-FROM-OUTSIDE\n", encoding="utf-8")
    (session.root / "docs" / "secret.md").symlink_to(tmp_path / "secret.md")

    with caplog.at_level(logging.ERROR):
        session.rebuild()  # the session goes on: there is a last good site to serve

    assert any(message.startswith("docs/secret.md:") for message in caplog.messages)
    assert not (session.site / "secret").exists()


def test_a_session_that_goes_on_past_midnight_rebuilds_every_page_at_the_next_save(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.engines import mkdocs as plugin_module

    monkeypatch.setattr(plugin_module, "get_build_date", lambda: "2026-11-23")
    first = session.rebuild()
    monkeypatch.setattr(plugin_module, "get_build_date", lambda: "2026-11-24")  # the sitemap's date of every page

    edit(session.root, IDEA, lambda text: text.replace("title: One page for the CFO", "title: Two pages for the CFO"))

    assert session.rebuild() == first


def test_a_file_renamed_in_a_watched_folder_changes_its_state(tmp_path: Path) -> None:
    from hub_build.engines.rebuilds import folder_state

    (tmp_path / "guides").mkdir()
    page = tmp_path / "guides" / "old-name.md"
    page.write_text("# A guide\n", encoding="utf-8")
    before = folder_state(tmp_path)
    page.rename(tmp_path / "guides" / "new-name.md")  # the same size and time: only the name tells

    assert [name for name, _, _ in before] == ["guides/old-name.md"]
    assert [name for name, _, _ in folder_state(tmp_path)] == ["guides/new-name.md"]
