"""`hub export`: what is written, what is refused, and what is said."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from hub_build.engines import catalog
from tests.helpers import copy_hub, free_port, run_hub

HUB_COMMAND = str(Path(sys.executable).parent / "hub")


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return copy_hub(tmp_path / "hub")


def _front_matter(page: Path) -> dict[str, object]:
    text = page.read_text(encoding="utf-8")
    return json.loads(text.split("---\n")[1]) if text.startswith("---\n{") else yaml.safe_load(text.split("---\n")[1])


def test_export_writes_pages_docs_schemas_theme_and_a_config_without_the_plugin(hub: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    completed = run_hub("export", str(out), cwd=hub)

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[0] == "hub: exported 45 generated pages and 92 files in all to " + str(out)
    config = yaml.load((out / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    # Written out empty: MkDocs adds its own search when no plugins are listed; the hub's replaces it.
    assert config["plugins"] == []
    assert (out / "docs" / "hub-assets" / "search.js").is_file()
    assert (out / "overrides" / "partials" / "source.html").is_file()
    assert "hub_build.engines.guard" not in (out / "mkdocs.yml").read_text(encoding="utf-8")
    abbr = next(e["abbr"] for e in config["markdown_extensions"] if isinstance(e, dict) and "abbr" in e)
    assert abbr["glossary"]["MQL"].startswith("Marketing Qualified Lead: ")
    assert (config["docs_dir"], config["site_dir"], config["theme"]["custom_dir"]) == ("docs", "site", "overrides")
    assert (out / "overrides" / "partials" / "actions.html").is_file()
    assert _front_matter(out / "docs" / "ideas" / "cfo-one-pager.md")["edit_url"] == (
        "https://github.com/quillstone/revenue-hub/edit/main/playbook/content/cfo-one-pager.yaml"
    )
    assert _front_matter(out / "docs" / "glossary.md")["edit_url"] == ""
    # A hand-written page as it is, with only "Something wrong or missing?" added at its end.
    exported, own = (out / "docs" / "why-alignment.md").read_text(), (hub / "docs" / "why-alignment.md").read_text()
    assert exported.startswith(own.rstrip("\n") + '\n\n<small class="hub-correction">')
    assert sorted(p.name for p in (out / "docs" / "schemas").iterdir())[0] == "config.schema.json"
    assert (config["extra_css"], config["extra_javascript"]) == (
        ["hub-assets/hub.css", "hub-assets/search.css"],
        ["hub-assets/hub.js", "hub-assets/search.js"],
    )
    assert sorted(p.name for p in (out / "docs" / "feeds").iterdir()) == ["calendar.ics", "ideas.xml"]
    assert (out / "docs" / "api" / "playbook.json").is_file()
    # Every page's head announces the feeds, from the theme's main.html reading `extra`.
    assert (out / "overrides" / "main.html").is_file()
    assert config["extra"]["hub_feeds"] == [
        {"path": "feeds/ideas.xml", "type": "application/atom+xml", "title": "Content ideas"},
        {"path": "feeds/calendar.ics", "type": "text/calendar", "title": "Content calendar"},
    ]


def test_export_fills_the_new_idea_button_into_hand_written_pages(hub: Path, tmp_path: Path) -> None:
    run_hub("export", str(tmp_path / "out"), cwd=hub)

    propose = (tmp_path / "out" / "docs" / "propose.md").read_text(encoding="utf-8")
    assert "<!-- hub:new-idea-button -->" not in propose
    assert "https://github.com/quillstone/revenue-hub/new/main/playbook/content?" in propose


def test_a_second_export_removes_the_page_of_a_deleted_record_and_keeps_unchanged_files(
    hub: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_hub("export", str(out), cwd=hub)
    glossary = out / "docs" / "glossary.md"
    before = glossary.stat().st_mtime_ns
    (hub / "playbook" / "content" / "cfo-one-pager.yaml").unlink()

    assert run_hub("export", str(out), cwd=hub).returncode == 0

    assert not (out / "docs" / "ideas" / "cfo-one-pager.md").exists()
    assert (out / "docs" / "ideas" / "brightwater-nda-case-study.md").is_file()
    assert glossary.stat().st_mtime_ns == before


def test_a_second_export_rewrites_the_page_of_a_changed_record(hub: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_hub("export", str(out), cwd=hub)
    idea = hub / "playbook" / "content" / "cfo-one-pager.yaml"
    idea.write_text(idea.read_text(encoding="utf-8").replace("title: ", "title: Changed — ", 1), encoding="utf-8")

    assert run_hub("export", str(out), cwd=hub).returncode == 0

    assert "# Changed — One page for the CFO" in (out / "docs" / "ideas" / "cfo-one-pager.md").read_text(
        encoding="utf-8"
    )


def test_export_of_a_playbook_with_errors_reports_them_and_writes_nothing(hub: Path, tmp_path: Path) -> None:
    idea = hub / "playbook" / "content" / "cfo-one-pager.yaml"
    idea.write_text(idea.read_text().replace("status:", "statut:"), encoding="utf-8")

    completed = run_hub("export", str(tmp_path / "out"), cwd=hub)

    assert completed.returncode == 1
    assert "playbook/content/cfo-one-pager.yaml:" in completed.stderr
    assert completed.stderr.splitlines()[-1].startswith("hub: error: the playbook has ")
    assert not (tmp_path / "out").exists()


def test_export_refuses_the_hubs_own_root(hub: Path) -> None:
    completed = run_hub("export", str(hub), cwd=hub)

    assert completed.returncode == 2
    assert "is the hub's own folder" in completed.stderr


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


@pytest.mark.skipif(not catalog.ENGINES["zensical"].is_installed(), reason="zensical is not installed")
def test_serving_with_zensical_exports_again_when_a_playbook_file_changes(hub: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [HUB_COMMAND, "serve", "--engine", "zensical", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=hub,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    page = f"http://127.0.0.1:{port}/ideas/cfo-one-pager/"
    search = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
    try:
        deadline = time.monotonic() + 120
        while "cfo" not in _get(page).lower() or '"page_count"' not in _get(search):
            assert time.monotonic() < deadline and server.poll() is None, "the first export was never served"
            time.sleep(0.2)
        first_index = _get(search)
        idea = hub / "playbook" / "content" / "cfo-one-pager.yaml"
        text = idea.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        idea.write_text(text.replace(title, "title: The renamed one-pager for finance"), encoding="utf-8")
        while "The renamed one-pager for finance" not in _get(page):
            assert time.monotonic() < deadline and server.poll() is None, "the change was never served"
            time.sleep(0.2)
        # The search is indexed again once Zensical has rebuilt: its index has another hash.
        while _get(search) == first_index:
            assert time.monotonic() < deadline and server.poll() is None, "the search was never indexed again"
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.skipif(not catalog.ENGINES["zensical"].is_installed(), reason="zensical is not installed")
def test_a_zensical_build_of_a_broken_playbook_reports_it_and_keeps_the_site(hub: Path) -> None:
    assert run_hub("build", "--engine", "zensical", cwd=hub).returncode == 0
    index = (hub / "site" / "index.html").read_bytes()
    idea = hub / "playbook" / "content" / "cfo-one-pager.yaml"
    idea.write_text(idea.read_text(encoding="utf-8").replace("status: ", "status: x", 1), encoding="utf-8")

    completed = run_hub("build", "--engine", "zensical", cwd=hub)

    assert completed.returncode == 1
    assert "playbook/content/cfo-one-pager.yaml:" in completed.stderr
    assert completed.stderr.splitlines()[-2:] == [
        "hub: the playbook has 1 error(s)",
        "hub: the build failed; the previous site was left as it was",
    ]
    assert (hub / "site" / "index.html").read_bytes() == index
    assert sorted(p.name for p in hub.iterdir() if p.name.startswith(".site")) == []
