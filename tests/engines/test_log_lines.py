"""The MkDocs plugin logs each problem as one inert line."""

from __future__ import annotations

import datetime as dt
import html
import logging
import threading
import unicodedata
from pathlib import Path
from typing import Any, cast

import pytest
from mkdocs.exceptions import PluginError

from hub_build.engines import catch_up
from hub_build.engines.pagefind_service import SearchFailed, SearchStopped
from hub_build.engines.plugin_problems import outside_links, validated
from hub_build.engines.rebuilds import Rebuilds
from hub_build.site.description import SiteDescription
from tests.playbook.validation.conftest import Hub, copy_case


@pytest.fixture
def hub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Hub:
    return Hub(copy_case("valid/minimal", tmp_path / "hub"), capsys)


def test_a_key_with_terminal_controls_is_logged_escaped(hub: Hub, caplog: pytest.LogCaptureFixture) -> None:
    person = "playbook/people/sam-ortiz.yaml"
    hub.write(person, hub.read(person) + '"\\e]52;c;aGk=\\a\\e[1Aforged\\r\\u202eevil": 1\n')
    with caplog.at_level(logging.INFO):
        validated(hub.root, dt.date(2026, 3, 1), None, keep_going=True)
    line = caplog.messages[0]
    assert [c for c in line if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")] == []
    assert line.startswith(f"{person}:8:1: $.\\x1b]52;c;aGk=\\x07\\x1b[1Aforged\\r\\u202eevil: unknown field")


def test_a_search_that_fails_after_a_save_is_logged_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def failing(*_: object) -> None:
        raise PluginError("search: Pagefind could not index the site: out of memory")

    monkeypatch.setattr(catch_up, "index", failing)
    with caplog.at_level(logging.ERROR):
        catch_up.index_logged(tmp_path, cast(SiteDescription, None), True, "en", threading.Event())

    assert caplog.messages == ["search: Pagefind could not index the site: out of memory"]


def test_a_search_a_newer_save_stopped_says_so_to_a_maintainer_looking_closely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def stopped(*_: object) -> None:
        raise SearchStopped

    monkeypatch.setattr(catch_up, "index", stopped)
    with caplog.at_level(logging.DEBUG, logger=catch_up.log.name):
        catch_up.index_logged(tmp_path, cast(SiteDescription, None), True, "en", threading.Event())

    assert [(record.levelname, record.getMessage()) for record in caplog.records] == [
        ("DEBUG", "search: indexing left to the next rebuild")  # seen with `mkdocs serve --verbose`, not an error
    ]


def test_a_search_done_says_how_many_documents_it_indexed_to_a_maintainer_looking_closely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(catch_up, "index_site", lambda *args, **kwargs: 48)
    with caplog.at_level(logging.DEBUG, logger=catch_up.log.name):
        catch_up.index(tmp_path, cast(SiteDescription, None), True, "en")

    assert [(record.levelname, record.getMessage()) for record in caplog.records] == [
        ("DEBUG", "search: 48 documents indexed")
    ]


def test_a_search_that_fails_stops_the_build_with_pagefinds_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_: object, **__: object) -> int:
        raise SearchFailed("Pagefind could not index the site: out of memory")

    monkeypatch.setattr(catch_up, "index_site", failing)

    with pytest.raises(PluginError) as stopped:
        catch_up.index(tmp_path, cast(SiteDescription, None), True, "en")

    assert str(stopped.value) == "Pagefind could not index the site: out of memory"


def test_each_reminder_is_logged_as_information_with_its_line(hub: Hub, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        validated(hub.root, dt.date(2027, 6, 1), None, keep_going=True)

    assert caplog.messages[0] == (
        "reminder: playbook/narrative.yaml:55:16: $.last_reviewed: due for review since 2026-07-15: "
        "ask its owner, Maya Chen (maya-chen), to check it "
        "(hint: once it has been checked, set last_reviewed to the day of the review)"
    )
    assert {record.levelno for record in caplog.records} == {logging.INFO}


def test_reminders_a_hub_counts_as_failures_are_logged_as_warnings(hub: Hub, caplog: pytest.LogCaptureFixture) -> None:
    hub.write("hub.yaml", hub.read("hub.yaml") + "reminders: fail\n")

    with caplog.at_level(logging.INFO):
        validated(hub.root, dt.date(2027, 6, 1), None, keep_going=True)

    assert caplog.messages[0].startswith("playbook/narrative.yaml:55:16: $.last_reviewed: due for review since")
    assert {record.levelno for record in caplog.records} == {logging.WARNING}


def test_under_hub_serve_a_save_logs_only_the_reminders_it_brings_and_counts_the_rest(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    rebuilds = Rebuilds(hub.root)
    with caplog.at_level(logging.INFO):
        validated(hub.root, dt.date(2027, 6, 1), rebuilds, keep_going=True)
    told = len(caplog.messages)
    assert told > 1 and all(message.startswith("reminder: playbook/") for message in caplog.messages)

    caplog.clear()
    with caplog.at_level(logging.INFO):
        validated(hub.root, dt.date(2027, 6, 1), rebuilds, keep_going=True)  # a save that changes nothing

    assert caplog.messages == [f"reminder: {told} as at the last save; `hub validate` lists them all"]


def test_a_save_whose_reminders_are_all_new_counts_none_as_at_the_last_save(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    rebuilds = Rebuilds(hub.root)
    rebuilds.reminders_told = frozenset({"playbook/terms/mql.yaml:9:16: $.last_reviewed: due for review"})  # dealt with

    with caplog.at_level(logging.INFO):
        validated(hub.root, dt.date(2027, 6, 1), rebuilds, keep_going=True)

    assert len(caplog.messages) > 1
    assert all(message.startswith("reminder: playbook/") for message in caplog.messages)  # no "0 as at the last save"


def test_a_link_out_of_the_repository_is_logged_as_an_error_at_the_link(
    hub: Hub, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "secret.md").write_text("secret\n", encoding="utf-8")
    (hub.root / "docs").mkdir(exist_ok=True)
    (hub.root / "docs" / "notes.md").symlink_to(tmp_path / "secret.md")

    with caplog.at_level(logging.ERROR):
        problems = outside_links(hub.root, hub.root / "docs", None, keep_going=True)

    assert caplog.messages == [problem.one_line() for problem in problems]
    assert caplog.messages[0].startswith("docs/notes.md:1:1: ")


def test_errors_stop_a_build_and_under_hub_serve_leave_the_last_good_site_said_so(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    person = "playbook/people/sam-ortiz.yaml"
    hub.write(person, hub.read(person) + "unknown_field: 1\n")

    with caplog.at_level(logging.INFO), pytest.raises(PluginError) as stopped:
        validated(hub.root, dt.date(2026, 3, 1), None, keep_going=False)
    summary = "failed: 1 error, 0 warnings in 7 valid records (2 terms, 1 person, 1 track, 1 idea)"
    assert str(stopped.value) == f"the playbook has errors: {summary}"
    assert [r.levelno for r in caplog.records] == [logging.ERROR]
    assert caplog.messages[0].startswith(f"{person}:")

    caplog.clear()
    with caplog.at_level(logging.INFO):
        result = validated(hub.root, dt.date(2026, 3, 1), None, keep_going=True)
    assert len(result.errors) == 1
    assert caplog.messages[-1] == f"the playbook has errors: {summary}; the site shows the last version without them"


def test_the_notice_over_a_page_with_errors_says_so_and_shows_each_line_as_text() -> None:
    from hub_build.engines.plugin_problems import notice
    from hub_build.playbook.problems import Problem

    problem = Problem(file="playbook/people/<b>.yaml", line=3, column=1, message="unknown field '<script>'")

    shown = notice([problem])

    assert shown == (
        '<div class="admonition failure" role="alert"><p class="admonition-title">'
        "The playbook has an error: this page shows the last version without it</p>"
        f"<ul><li><code>{html.escape(problem.one_line())}</code></li></ul></div>"
    )
    assert "<script>" not in shown and "<b>" not in shown


def test_errors_are_flagged_on_their_own_files_page_and_all_of_them_on_the_home_page() -> None:
    from types import SimpleNamespace

    from hub_build.engines.plugin_problems import flagged
    from hub_build.playbook.problems import Problem

    idea = Problem(file="playbook/content/cfo.yaml", line=2, column=1, message="unknown field")
    person = Problem(file="playbook/people/sam.yaml", line=4, column=1, message="unknown field")
    pages = [
        SimpleNamespace(uri="index.md", source="playbook/narrative.yaml"),
        SimpleNamespace(uri="ideas/cfo.md", source="playbook/content/cfo.yaml"),
        SimpleNamespace(uri="glossary.md", source=None),
    ]

    shown = flagged(cast(SiteDescription, SimpleNamespace(pages=pages)), [idea, person])

    assert shown == {"index.md": [idea, person], "ideas/cfo.md": [idea]}
    assert flagged(cast(SiteDescription, SimpleNamespace(pages=pages)), []) == {}


def test_feeds_that_cannot_be_written_after_a_save_are_logged_and_the_search_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refused(*_: object) -> None:
        raise OSError(28, "No space left on device")

    searched: list[object] = []
    monkeypatch.setattr(catch_up, "data_parts", lambda *_: [{"feeds/ideas.xml": "<feed/>"}])
    monkeypatch.setattr(catch_up, "_write_changed", refused)
    monkeypatch.setattr(catch_up, "index_logged", lambda *args: searched.append(args))
    monkeypatch.setattr(catch_up, "set_aside", lambda **_: None)
    data = cast(Any, ("result", "settings", None))

    with caplog.at_level(logging.ERROR):
        catch_up.catch_up(tmp_path, cast(SiteDescription, None), data, True, "en", threading.Event(), None)

    assert caplog.messages == ["the feeds and the JSON export could not be written: [Errno 28] No space left on device"]
    assert len(searched) == 1


def test_a_saves_search_is_indexed_as_the_build_asks_stoppable_and_from_the_pages_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[object, ...]] = []
    monkeypatch.setattr(catch_up, "index_site", lambda *args, **kwargs: asked.append((args, kwargs)) or 3)
    monkeypatch.setattr(catch_up, "set_aside", lambda **_: None)
    site, stop, kept = cast(SiteDescription, object()), threading.Event(), cast(Any, object())

    catch_up.catch_up(tmp_path, site, None, False, "fr", stop, kept)  # no data: the feeds wait for a good save

    assert asked == [((tmp_path, site), {"directory_urls": False, "language": "fr", "stop": stop, "kept": kept})]


def test_after_a_save_the_garbage_left_is_collected_once_the_search_is_done_unless_a_newer_save_came(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tidied: list[bool] = []
    monkeypatch.setattr(catch_up, "index_site", lambda *args, **kwargs: 0)
    monkeypatch.setattr(catch_up, "set_aside", lambda *, tidy: tidied.append(tidy))
    site, stop = cast(SiteDescription, object()), threading.Event()

    catch_up.catch_up(tmp_path, site, None, True, "en", stop, None)
    stop.set()
    catch_up.catch_up(tmp_path, site, None, True, "en", stop, None)

    assert tidied == [True]
