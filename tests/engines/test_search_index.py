"""Pagefind run over a built site: what it is given, and what it says when it cannot index."""

from __future__ import annotations

import base64
import dataclasses
import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import hub_build
from hub_build.engines import catch_up, search_index
from hub_build.engines.pagefind_service import SearchFailed, SearchStopped
from hub_build.engines.search_index import index_site
from hub_build.site.description import SiteDescription
from hub_build.site.search import Entry
from tests.helpers import copy_hub, run_hub


def _site(entries: list[Entry], unsearched: frozenset[str] = frozenset()) -> SiteDescription:
    return SiteDescription(
        pages=[],
        tooltips={},
        schemas={},
        default_docs={},
        edit_base=None,
        new_idea_url=None,
        search=entries,
        unsearched=unsearched,
        files={},
    )


def _page(site: Path, path: str, title: str) -> None:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(
        f"<html lang='en'><body><header class='md-header'>Header words</header>"
        f"<article><h1>{title}</h1><p>About {title}.</p></article></body></html>",
        encoding="utf-8",
    )


def _reason_pagefind_fails_with(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> str:
    """Why indexing `site` failed, with a Pagefind that runs `script`; no bundle is left."""
    pagefind = tmp_path / "pagefind"
    pagefind.write_text(f"#!/bin/sh\n{script}", encoding="utf-8")
    pagefind.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(pagefind))
    with pytest.raises(SearchFailed) as failed:
        index_site(site, _site([]))
    assert not (site / "pagefind").exists()
    return str(failed.value)


def _guides(site: Path) -> Path:
    """A site of three pages."""
    for number in range(3):
        _page(site, f"guide-{number}/index.html", f"Guide {number}")
    return site


def _count(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return int(entry["languages"]["en"]["page_count"])


def test_pages_people_write_and_entries_are_indexed_and_the_rest_is_not(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path, title in (
        ("index.html", "Home"),
        ("guide/index.html", "Guide"),
        ("glossary/index.html", "Glossary"),
        ("404.html", "Not found"),
        ("assets/x/index.html", "Asset"),
        ("schemas/index.html", "S"),
        (".hidden/index.html", "Hidden"),  # a hidden folder holds no page of the site
    ):
        _page(site, path, title)
    entry = Entry("glossary.md", "mql", "MQL", "Glossary", "term", "A lead.")

    count = index_site(site, _site([entry], frozenset({"index.md", "glossary.md"})))

    assert count == 2 and _count(site) == 2  # guide/ and the entry
    assert not list(tmp_path.rglob(".hub-search-*"))  # its working folder is gone


def test_an_index_built_again_replaces_the_previous_bundle_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "guide/index.html", "Guide")
    index_site(site, _site([]))
    first = {p.name for p in (site / "pagefind" / "fragment").iterdir()}
    _page(site, "guide/index.html", "Guide, rewritten")

    index_site(site, _site([]))

    assert {p.name for p in (site / "pagefind" / "fragment").iterdir()}.isdisjoint(first)
    assert not (site / ".pagefind-old").exists()


def test_an_empty_hub_still_gets_a_search_of_its_home_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "index.html", "Home")

    assert index_site(site, _site([], frozenset({"index.md"}))) == 1
    assert _count(site) == 1


def test_pagefind_failing_is_said_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    _page(site, "guide/index.html", "Guide")
    # A Pagefind failing the way it does.
    said = "echo 'Note: something'\necho 'Error: Pagefind was not able to build an index.' >&2\nexit 1\n"

    reason = _reason_pagefind_fails_with(site, tmp_path, monkeypatch, said)

    assert reason == "Pagefind could not index the site: Error: Pagefind was not able to build an index."


def test_a_hub_that_lists_the_themes_search_gets_the_hubs_instead(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1), encoding="utf-8"
    )

    completed = run_hub("build", "--strict", cwd=root)

    assert completed.returncode == 0, completed.stderr
    assert "the theme's search plugin is off: the hub's search (Pagefind) replaces it" in completed.stderr
    assert not (root / "site" / "search").exists()
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home and "hub-assets/search.js" in home
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_indexing_stopped_for_a_newer_build_leaves_the_bundle_there_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _page(site, "guide/index.html", "Guide")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text("the last bundle", encoding="utf-8")
    slow = tmp_path / "pagefind"
    slow.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()

    with pytest.raises(SearchStopped):
        index_site(site, _site([]), stop=stop)

    assert (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8") == "the last bundle"
    assert [p.name for p in tmp_path.rglob(".hub-search-*")] == []


def test_indexing_stops_while_writing_its_documents_when_a_newer_build_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _guides(tmp_path / "site")
    ran = tmp_path / "pagefind-ran"
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\ntouch {ran}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    stop = threading.Event()
    stop.set()

    with pytest.raises(SearchStopped):
        index_site(site, _site([]), stop=stop)

    assert not ran.exists()  # stopped before Pagefind was started
    assert [p.name for p in tmp_path.rglob(".hub-search-*")] == []


def test_a_kept_source_makes_again_only_what_changed_and_drops_what_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, kept = tmp_path / "site", search_index.KeptSource()
    for name in ("guide", "faq", "terms"):
        _page(site, f"{name}/index.html", name.capitalize())
    mql = Entry(page="glossary.md", anchor="mql", title="MQL", section="Glossary", kind="term", text="A lead.")
    sql = Entry(page="glossary.md", anchor="sql", title="SQL", section="Glossary", kind="term", text="Sales.")
    made: list[str] = []
    with_data, render = search_index._with_search_data, search_index.entry_html
    monkeypatch.setattr(search_index, "_with_search_data", lambda page: made.append("page") or with_data(page))
    monkeypatch.setattr(search_index, "entry_html", lambda entry, *a: made.append(entry.title) or render(entry, *a))
    sent: list[list[str]] = []
    index = search_index.index_documents
    monkeypatch.setattr(
        search_index,
        "index_documents",
        lambda command, documents, *a, **k: (
            sent.append([p for p, _ in documents]) or index(command, documents, *a, **k)
        ),
    )

    assert index_site(site, _site([mql, sql]), kept=kept) == 5
    assert len(made) == 5
    made.clear()
    time.sleep(0.01)
    _page(site, "faq/index.html", "Questions")  # rebuilt
    (site / "terms" / "index.html").unlink()  # gone
    changed = dataclasses.replace(sql, text="Sales-qualified.")

    assert index_site(site, _site([mql, changed]), kept=kept) == 4
    assert made == ["page", "SQL"]  # the rebuilt page and the changed entry, nothing else
    assert [p for p in sent[-1] if not p.startswith(search_index.ENTRY_PREFIX)] == [
        "faq/index.html",
        "guide/index.html",
    ]
    assert len([p for p in sent[-1] if p.startswith(search_index.ENTRY_PREFIX)]) == 2
    assert _count(site) == 4


def test_pagefind_runs_as_its_own_binary_without_a_second_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _page(site, "guide/index.html", "Guide")
    broken = tmp_path / "python"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(search_index.sys, "executable", str(broken))
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)

    assert index_site(site, _site([])) == 1
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_an_error_pagefind_answers_is_said_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    _page(site, "guide/index.html", "Guide")
    # A Pagefind service that opens an index, then refuses the first document.
    answers = [
        {"message_id": 1, "payload": {"type": "NewIndex", "index_id": 0}},
        {
            "message_id": 2,
            "payload": {"type": "Error", "message": "Failed to parse the HTML file", "original_message": None},
        },
    ]
    said = ",".join(base64.b64encode(json.dumps(answer).encode()).decode() for answer in answers) + ","
    reason = _reason_pagefind_fails_with(site, tmp_path, monkeypatch, f"printf '%s' '{said}'\ncat > /dev/null\n")

    assert reason == "Pagefind could not index the site: Failed to parse the HTML file"


def test_a_site_with_pages_but_no_entries_leaves_its_home_unsearched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path, title in (("index.html", "Home"), ("guide/index.html", "Guide")):
        _page(site, path, title)

    count = index_site(site, _site([], frozenset({"index.md"})))

    assert count == 1 and _count(site) == 1  # guide/ alone


def _fragments(site: Path) -> list[dict[str, Any]]:
    """What the bundle holds for each document: Pagefind's fragments, gzipped JSON after a signature."""
    return [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    ]


@pytest.mark.parametrize(("directory_urls", "url"), [(True, "glossary/"), (False, "glossary.html")])
def test_an_entry_leads_to_its_page_in_the_sites_style_of_address(
    tmp_path: Path, directory_urls: bool, url: str
) -> None:
    site = tmp_path / "site"
    _page(site, "guide/index.html", "Guide")
    entry = Entry("glossary.md", "mql", "MQL", "Glossary", "term", "A lead.")

    catch_up.index(site, _site([entry]), directory_urls, "en")

    metas = [fragment["meta"] for fragment in _fragments(site) if fragment["meta"].get("title") == "MQL"]
    assert [meta["url"] for meta in metas] == [url]


def test_entries_alike_in_all_they_are_named_by_each_get_a_document_numbered_in_their_order() -> None:
    kept = search_index.KeptSource()
    alike = Entry(page="glossary.md", anchor="mql", title="MQL", section="Glossary", kind="term", text="A lead.")
    for text in ("first", "second", "third"):
        kept.entry(dataclasses.replace(alike, text=text), lambda text=text: f"<p>{text}</p>")

    documents = dict(kept.finish())

    first = next(path for path, html in documents.items() if html == "<p>first</p>")
    assert first.startswith(search_index.ENTRY_PREFIX)
    assert documents == {
        first: "<p>first</p>",
        first.replace(".html", "-2.html"): "<p>second</p>",
        first.replace(".html", "-3.html"): "<p>third</p>",
    }


INDEX_THEN_WAIT = """
import sys
from pathlib import Path
from hub_build.engines.search_index import index_site
from hub_build.site.description import SiteDescription

site = SiteDescription(pages=[], tooltips={}, schemas={}, default_docs={}, edit_base=None, new_idea_url=None,
                       search=[], unsearched=frozenset(), files={})
index_site(Path(sys.argv[1]), site)
"""


def test_an_indexing_killed_midway_leaves_nothing_beside_the_site_and_the_next_one_tidies_up(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "guide/index.html", "Guide")
    started = tmp_path / "started"
    pagefind = tmp_path / "pagefind-that-hangs"
    pagefind.write_text(f"#!/bin/sh\ntouch {started}\nexec sleep 60\n", encoding="utf-8")
    pagefind.chmod(0o755)
    indexing = subprocess.Popen(
        [sys.executable, "-c", INDEX_THEN_WAIT, str(site)],
        env={
            **os.environ,
            "PAGEFIND_BINARY_PATH": str(pagefind),
            "PYTHONPATH": str(Path(hub_build.__file__).parents[1]),
        },
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists():  # Pagefind started: the bundle is being made
            assert indexing.poll() is None and time.monotonic() < deadline, "the indexing never started Pagefind"
            time.sleep(0.05)
    finally:
        os.killpg(indexing.pid, signal.SIGKILL)  # the build and Pagefind, as a machine going down would
        indexing.wait()

    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind-that-hangs", "site", "started"]

    index_site(site, _site([]))

    assert sorted(p.name for p in site.iterdir()) == ["guide", "pagefind"]


def test_indexing_stops_between_two_pages_when_a_newer_build_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _guides(tmp_path / "site")
    stop = threading.Event()
    read: list[str] = []
    with_data = search_index._with_search_data

    def reading(page: str) -> str:
        read.append(page)
        stop.set()  # a save while the first page is read
        return with_data(page)

    monkeypatch.setattr(search_index, "_with_search_data", reading)

    with pytest.raises(SearchStopped):
        index_site(site, _site([]), stop=stop)

    assert len(read) == 1


@pytest.mark.parametrize("page", ["</body></html>", "<html><body><h1>A</h1></body></html>"])
def test_the_kind_of_a_page_is_told_to_the_search_inside_its_body(page: str) -> None:
    told = search_index._with_search_data(page)

    body, end = told.rsplit("</body>", 1)
    assert 'data-pagefind-filter="kind:' in body and "data-pagefind" not in end


def test_the_kind_of_a_page_without_a_body_end_is_told_after_it() -> None:
    told = search_index._with_search_data("<h1>A</h1>")

    assert told.startswith("<h1>A</h1>") and 'data-pagefind-filter="kind:' in told


def test_the_site_is_indexed_in_the_language_the_build_names_whatever_its_pages_say(tmp_path: Path) -> None:
    site = _guides(tmp_path / "site")  # pages that say lang='en'

    index_site(site, _site([]), language="fr")

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]  # words stemmed as French, the theme's language


def test_pagefind_runs_in_the_indexings_own_folder_inside_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _guides(tmp_path / "site")
    where = tmp_path / "where"
    monkeypatch.chdir(tmp_path)  # where the hub was started: a pagefind.yml there is not the hub's

    _reason_pagefind_fails_with(site, tmp_path, monkeypatch, f"pwd > '{where}'\nexit 3")

    ran_in = Path(where.read_text(encoding="utf-8").strip())
    assert ran_in.parent == site and ran_in.name.startswith(search_index.WORK_PREFIX)
