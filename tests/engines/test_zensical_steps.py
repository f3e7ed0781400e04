"""What the hub does around Zensical, which runs no plugin: it exports the hub, has Zensical
build or serve the export, indexes the site for search, and exports again on every change.

Zensical itself is a stand-in here, so these tests run in this process.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from hub_build.engines import zensical
from hub_build.engines.export import Export
from hub_build.engines.pagefind_service import SearchFailed
from tests.helpers import copy_hub

IDEA = "playbook/content/cfo-one-pager.yaml"


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return copy_hub(tmp_path / "hub")


def _break(root: Path) -> None:
    idea = root / IDEA
    idea.write_text(idea.read_text(encoding="utf-8").replace("status: ", "status: x", 1), encoding="utf-8")


class Zensical:
    """Stands in for `zensical build`: records the command and where it ran, writes a page."""

    def __init__(self, code: int = 0) -> None:
        self.code = code
        self.runs: list[tuple[list[str], Path]] = []

    def __call__(self, command: list[str], cwd: Path) -> int:
        self.runs.append((command, cwd))
        (cwd / "site").mkdir(exist_ok=True)
        (cwd / "site" / "index.html").write_text("<html>", encoding="utf-8")
        return self.code


def _indexed(monkeypatch: pytest.MonkeyPatch, fails: bool = False) -> list[Path]:
    sites: list[Path] = []

    def index_site(site: Path, description: object, *, directory_urls: bool, language: str) -> None:
        sites.append(site)
        if fails:
            raise SearchFailed("pagefind is not installed")

    monkeypatch.setattr(zensical, "index_site", index_site)
    return sites


def test_a_build_exports_the_hub_and_has_zensical_build_the_export_cleanly_then_indexes_it(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging = tmp_path / "staging"
    indexed = _indexed(monkeypatch)
    engine = Zensical()

    code, built = zensical.build(hub, staging, strict=True, run=engine)

    source = staging / "source"
    assert (code, built) == (0, source / "site")
    assert engine.runs == [
        (
            [
                sys.executable,
                "-P",
                "-m",
                "zensical",
                "build",
                "--config-file",
                str(source / "mkdocs.yml"),
                "--clean",
                "--strict",
            ],
            source,
        )
    ]
    assert (source / "docs" / "ideas" / "cfo-one-pager.md").is_file()
    assert indexed == [source / "site"]
    # Exported for Zensical: its own search off, as Pagefind indexes the site.
    exported = (source / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^- search:\n    enabled: false$", exported, re.MULTILINE), exported


def test_a_build_zensical_fails_is_not_indexed(hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    indexed = _indexed(monkeypatch)
    engine = Zensical(code=2)

    code, _ = zensical.build(hub, tmp_path / "staging", strict=False, run=engine)

    assert code == 2
    assert "--strict" not in engine.runs[0][0]
    assert indexed == []


def test_a_build_whose_search_cannot_be_indexed_fails_saying_why(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _indexed(monkeypatch, fails=True)

    code, _ = zensical.build(hub, tmp_path / "staging", strict=False, run=Zensical())

    assert code == 1
    assert capsys.readouterr().err == "ERROR    -  pagefind is not installed\n"


def test_a_build_of_a_broken_playbook_reports_each_problem_and_runs_no_engine(
    hub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(hub)
    engine = Zensical()

    code, _ = zensical.build(hub, tmp_path / "staging", strict=False, run=engine)

    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert engine.runs == []
    assert err[0].startswith(f"ERROR    -  {IDEA}:")
    assert err[-1] == "hub: the playbook has 1 error(s)"


class Serving:
    """`alive` for zensical.serve: runs one step each time the server is looked at, then ends."""

    def __init__(self, *steps: object) -> None:
        self.steps = list(steps)
        self.started: list[tuple[list[str], Path]] = []

    def start(self, command: list[str], cwd: Path) -> None:
        self.started.append((command, cwd))

    def alive(self) -> bool:
        if not self.steps:
            return False
        step = self.steps.pop(0)
        if callable(step):
            step()
        return True


def test_serving_exports_once_then_again_for_each_change_and_keeps_the_last_good_pages(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(zensical, "POLL_SECONDS", 0)
    _indexed(monkeypatch)
    folder = tmp_path / "serving"
    page = folder / "source" / "docs" / "ideas" / "cfo-one-pager.md"
    idea = hub / IDEA

    def rename() -> None:
        idea.write_text(idea.read_text(encoding="utf-8").replace("title: ", "title: Renamed — ", 1), encoding="utf-8")

    serving = Serving(None, rename, None, lambda: _break(hub), None)

    assert zensical.serve(hub, folder, "127.0.0.1:8000", start=serving.start, alive=serving.alive) == 0

    source = folder / "source"
    assert serving.started == [
        (
            [
                sys.executable,
                "-P",
                "-m",
                "zensical",
                "serve",
                "--config-file",
                str(source / "mkdocs.yml"),
                "--dev-addr",
                "127.0.0.1:8000",
            ],
            source,
        )
    ]
    err = capsys.readouterr().err.splitlines()
    assert "hub: exported the changes; Zensical reloads the pages" in err
    assert err[-1] == "hub: the playbook has 1 error(s); the last good pages stay as they were"
    assert "Renamed — " in page.read_text(encoding="utf-8")


def _exports_counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Where each export of a serving session was written, in turn."""
    exports: list[Path] = []
    export = zensical._export
    monkeypatch.setattr(
        zensical, "_export", lambda root, source, **kw: exports.append(source) or export(root, source, **kw)
    )
    return exports


def test_serving_with_nothing_saved_exports_once_and_says_nothing_more(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(zensical, "POLL_SECONDS", 0)
    _indexed(monkeypatch)
    exports = _exports_counted(monkeypatch)
    serving = Serving(None, None, None)

    assert zensical.serve(hub, tmp_path / "serving", "127.0.0.1:8000", start=serving.start, alive=serving.alive) == 0

    assert len(exports) == 1
    assert "exported the changes" not in capsys.readouterr().err


def test_serving_a_broken_playbook_starts_no_server(
    hub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(hub)
    serving = Serving()

    assert zensical.serve(hub, tmp_path / "serving", "127.0.0.1:8000", start=serving.start, alive=serving.alive) == 1
    assert serving.started == []
    assert capsys.readouterr().err.splitlines()[-1] == "hub: the playbook has 1 error(s)"  # no pages to keep yet


def test_serving_indexes_the_pages_once_zensical_has_stopped_writing_them(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zensical, "POLL_SECONDS", 0)
    indexed = _indexed(monkeypatch)
    site = tmp_path / "serving" / "source" / "site"

    def write(name: str) -> None:
        site.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<html>{name}</html>", encoding="utf-8")

    # Looked at after each step: a page written, a second page, nothing new (index), nothing new (no index again).
    serving = Serving(lambda: write("index.html"), lambda: write("glossary.html"), None, None, None)

    zensical.serve(hub, tmp_path / "serving", "127.0.0.1:8000", start=serving.start, alive=serving.alive)

    assert indexed == [site]


def test_the_fingerprint_of_a_hub_changes_with_a_save_a_new_file_or_a_delete_in_what_it_watches(tmp_path: Path) -> None:
    (tmp_path / "playbook" / "content").mkdir(parents=True)
    idea = tmp_path / "playbook" / "content" / "idea.yaml"
    idea.write_text("title: One\n", encoding="utf-8")
    (tmp_path / "hub.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not watched\n", encoding="utf-8")
    first = zensical.fingerprint(tmp_path)

    (tmp_path / "notes.txt").write_text("still not watched\n", encoding="utf-8")
    assert zensical.fingerprint(tmp_path) == first
    assert {Path(name).name for name, _, _ in first} == {"idea.yaml", "hub.yaml"}
    idea.write_text("title: Longer\n", encoding="utf-8")
    assert zensical.fingerprint(tmp_path) != first
    (tmp_path / "hub.yaml").unlink()
    assert "hub.yaml" not in {Path(name).name for name, _, _ in zensical.fingerprint(tmp_path)}


def test_a_link_in_the_watched_folders_is_watched_as_itself_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "big.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "playbook").mkdir()
    (tmp_path / "playbook" / "linked").symlink_to(outside, target_is_directory=True)

    names = [name for name, _, _ in zensical.fingerprint(tmp_path)]

    assert names == [str(tmp_path / "playbook" / "linked")]


def test_a_file_linked_from_outside_is_watched_as_the_link_not_as_the_file_it_leads_to(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "playbook").mkdir()
    (tmp_path / "playbook" / "linked.yaml").symlink_to(outside)
    before = zensical.fingerprint(tmp_path)

    outside.write_text("x: 1\ny: 2\n", encoding="utf-8")

    assert zensical.fingerprint(tmp_path) == before


@pytest.mark.parametrize(("unlisted", "listed"), [("playbook", "docs"), ("docs", "playbook")])
def test_a_folder_that_cannot_be_listed_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unlisted: str, listed: str
) -> None:
    (tmp_path / unlisted).mkdir()
    (tmp_path / listed).mkdir()
    (tmp_path / listed / "index.md").write_text("# Home\n", encoding="utf-8")
    real = os.scandir

    def scandir(path: str | Path) -> object:
        if str(path).endswith(unlisted):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(zensical.os, "scandir", scandir)

    assert [Path(name).name for name, _, _ in zensical.fingerprint(tmp_path)] == ["index.md"]


def test_the_pages_being_served_are_the_html_files_with_their_times_and_sizes(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "index.html").write_text("<html>glossary</html>", encoding="utf-8")
    (tmp_path / "style.css").write_text("body{}", encoding="utf-8")
    page = tmp_path / "glossary" / "index.html"

    assert zensical.built_pages(tmp_path) == {(str(page), page.stat().st_mtime_ns, 21)}


def test_an_export_is_indexed_as_its_pages_are_addressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[object, bool, str]] = []
    monkeypatch.setattr(
        zensical,
        "index_site",
        lambda site, description, *, directory_urls, language: seen.append((description, directory_urls, language)),
    )
    export = Export(tmp_path, tmp_path, None, "description", directory_urls=False, language="fr")  # type: ignore[arg-type]

    assert zensical._index(export, tmp_path / "site")
    assert seen == [("description", False, "fr")]


def test_pages_served_after_a_save_are_indexed_with_what_the_save_exported(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zensical, "POLL_SECONDS", 0)
    described: list[object] = []
    monkeypatch.setattr(zensical, "index_site", lambda site, description, **_: described.append(description))
    site = tmp_path / "serving" / "source" / "site"
    idea = hub / IDEA

    def rename() -> None:
        idea.write_text(idea.read_text(encoding="utf-8").replace("title: ", "title: Renamed — ", 1), encoding="utf-8")

    def write() -> None:  # Zensical writes the page the save changed
        site.mkdir(parents=True, exist_ok=True)
        (site / "index.html").write_text("<html>again</html>", encoding="utf-8")

    serving = Serving(rename, write, None, None)
    zensical.serve(hub, tmp_path / "serving", "127.0.0.1:8000", start=serving.start, alive=serving.alive)

    [description] = described
    page = next(p for p in description.pages if p.uri == "ideas/cfo-one-pager.md")  # type: ignore[attr-defined]
    assert "Renamed — " in page.markdown


def test_serving_exports_a_save_once_then_waits_for_the_next(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zensical, "POLL_SECONDS", 0)
    _indexed(monkeypatch)
    exports = _exports_counted(monkeypatch)
    idea = hub / IDEA

    def rename() -> None:
        idea.write_text(idea.read_text(encoding="utf-8").replace("title: ", "title: Renamed — ", 1), encoding="utf-8")

    serving = Serving(None, rename, None, None, None)  # a save, then three looks with nothing new

    zensical.serve(hub, tmp_path / "serving", "127.0.0.1:8000", start=serving.start, alive=serving.alive)

    assert len(exports) == 2  # the first, and the save's
