"""The hub builds and exports only into a folder it may replace: never the hub, its sources or someone's files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hub_build.cli import main
from hub_build.engines import site_folder
from tests.helpers import copy_hub, run_hub

HINT = "    hint: choose a new or empty folder, outside playbook/, docs/, schemas/ and overrides/"


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    root = copy_hub(tmp_path / "hub")
    (root / "overrides").mkdir()
    (root / ".git").mkdir()
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("site_dir", "reason"),
    [
        pytest.param(".", ". is the hub's own folder, which writing a site there would replace", id="the root"),
        pytest.param("..", ".. holds the hub, which writing a site there would replace", id="a parent"),
        pytest.param(
            "playbook/site", "playbook/site is inside playbook/, which the hub is made from", id="in playbook"
        ),
        pytest.param("docs", "docs is the hub's docs/ folder, which the hub is made from", id="docs"),
        pytest.param("schemas/site", "schemas/site is inside schemas/, which the hub is made from", id="in schemas"),
        pytest.param(
            "overrides/site", "overrides/site is inside overrides/, which the hub is made from", id="in overrides"
        ),
        pytest.param(".git", ".git is the hub's .git/ folder, which the hub is made from", id="git"),
        pytest.param("mkdocs.yml", "mkdocs.yml is a file, not a folder", id="a file"),
    ],
)
def test_build_refuses_a_site_folder_that_would_replace_the_hub_or_its_sources(
    hub: Path, site_dir: str, reason: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(hub)
    before = _files(hub)

    code = main(["build", "--root", str(hub), "--site-dir", site_dir])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [f"hub: error: {reason}; nothing was built", HINT]
    assert _files(hub) == before


def test_build_refuses_a_folder_of_someone_elses_files(
    hub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.md").write_text("years of work")

    code = main(["build", "--root", str(hub), "--site-dir", str(folder)])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"hub: error: {folder} already holds files the hub did not write; nothing was built",
        HINT,
    ]
    assert _files(folder) == {"thesis.md": b"years of work"}


def test_build_refuses_a_site_dir_in_mkdocs_yml_that_is_the_hub(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = hub / "mkdocs.yml"
    lines = config.read_text().count("\n")
    config.write_text(config.read_text() + "site_dir: .\n")

    code = main(["build", "--root", str(hub)])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"mkdocs.yml:{lines + 1}:11: error: site_dir: . is the hub's own folder, which writing a site there would "
        "replace; nothing was built",
        HINT,
    ]


def test_serve_refuses_a_site_dir_in_mkdocs_yml_inside_the_playbook(
    hub: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = hub / "mkdocs.yml"
    config.write_text(config.read_text() + "site_dir: playbook\n")

    code = main(["serve", "--root", str(hub)])

    assert code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[0]
        .endswith(
            "error: site_dir: playbook is the hub's playbook/ folder, which the hub is made from; nothing was served"
        )
    )


def test_mkdocs_build_with_the_hub_plugin_refuses_a_site_dir_holding_the_playbook(hub: Path) -> None:
    config = hub / "mkdocs.yml"
    config.write_text(config.read_text() + "site_dir: playbook\n")
    before = _files(hub / "playbook")

    completed = subprocess.run(
        [sys.executable, "-P", "-m", "mkdocs", "build"], cwd=hub, capture_output=True, text=True, timeout=300
    )

    assert completed.returncode != 0
    assert (
        "site_dir: playbook is the hub's playbook/ folder, which the hub is made from; nothing was built"
        in completed.stderr
    )
    assert _files(hub / "playbook") == before


def test_a_site_the_hub_built_is_replaced_by_the_next_build(hub: Path) -> None:
    assert run_hub("build", cwd=hub).returncode == 0
    (hub / "site" / "left-over.html").write_text("from the last build")

    completed = run_hub("build", cwd=hub)

    assert completed.returncode == 0, completed.stderr
    assert (hub / "site" / "index.html").is_file()
    assert not (hub / "site" / "left-over.html").exists()


def test_a_site_built_before_sites_were_marked_may_be_replaced(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "api").mkdir(parents=True)
    (site / "index.html").write_text("<html>")
    (site / "api" / "playbook.json").write_text("{}")

    assert site_folder.refusal(tmp_path / "hub", site) is None


def test_an_export_made_before_exports_were_marked_may_be_written_again(tmp_path: Path) -> None:
    export = tmp_path / "hub-source"
    (export / "docs" / "api").mkdir(parents=True)
    (export / "mkdocs.yml").write_text("site_name: Hub\n")
    (export / "docs" / "api" / "playbook.json").write_text("{}")

    assert site_folder.refusal(tmp_path / "hub", export) is None


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_missing_or_empty_folder_may_hold_a_site(tmp_path: Path, folder: str) -> None:
    (tmp_path / "empty").mkdir()

    assert site_folder.refusal(tmp_path / "hub", tmp_path / folder) is None


def test_export_refuses_a_folder_of_someone_elses_files(
    hub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "documents"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "notes.md").write_text("mine")

    code = main(["export", "--root", str(hub), str(folder)])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"hub: error: {folder} already holds files the hub did not write; nothing was exported",
        HINT,
    ]
    assert _files(folder) == {"docs/notes.md": b"mine"}


def test_export_removes_only_the_files_it_wrote_before(hub: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    assert main(["export", "--root", str(hub), str(folder)]) == 0
    assert (folder / "docs" / "ideas" / "cfo-one-pager.md").is_file()
    (folder / "docs" / "notes.md").write_text("added by hand")
    (folder / "overrides" / "extra.html").write_text("added by hand")
    (hub / "playbook" / "content" / "cfo-one-pager.yaml").unlink()

    assert main(["export", "--root", str(hub), str(folder)]) == 0

    assert not (folder / "docs" / "ideas" / "cfo-one-pager.md").exists()  # the export's own, no longer needed
    assert (folder / "docs" / "notes.md").read_text() == "added by hand"
    assert (folder / "overrides" / "extra.html").read_text() == "added by hand"


def test_a_folder_marked_by_a_link_to_a_marker_is_not_the_hubs(tmp_path: Path) -> None:
    marked = tmp_path / "marked"
    marked.mkdir()
    site_folder.mark(marked, ["docs/index.md"])
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.md").write_text("years of work", encoding="utf-8")
    (folder / site_folder.MARKER).symlink_to(marked / site_folder.MARKER)

    assert not site_folder.made_by_hub(folder)
    assert site_folder.written_before(folder) == set()


def test_a_site_made_before_sites_were_marked_needs_both_of_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<html>", encoding="utf-8")

    assert not site_folder.made_by_hub(folder)


def test_a_folder_that_cannot_be_read_is_not_the_hubs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / site_folder.MARKER).write_text("", encoding="utf-8")

    def unreadable(self: Path) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", unreadable)

    assert not site_folder.made_by_hub(folder)


def test_an_exports_marker_lists_the_files_it_wrote_and_says_what_it_is(tmp_path: Path) -> None:
    site_folder.mark(tmp_path, ["docs/index.md", "mkdocs.yml"])

    assert (tmp_path / site_folder.MARKER).read_text(encoding="utf-8") == (
        "This folder was written by hub. hub replaces it when it builds or exports again.\n"
        "# written: docs/index.md\n"
        "# written: mkdocs.yml\n"
    )
    assert site_folder.written_before(tmp_path) == {"docs/index.md", "mkdocs.yml"}


def test_a_damaged_marker_still_gives_the_files_it_lists(tmp_path: Path) -> None:
    site_folder.mark(tmp_path, ["docs/index.md", "mkdocs.yml"])
    marker = tmp_path / site_folder.MARKER
    marker.write_bytes(marker.read_bytes().replace(b"This folder", b"Th\xe9s folder"))

    assert site_folder.written_before(tmp_path) == {"docs/index.md", "mkdocs.yml"}


def test_a_sites_marker_lists_nothing(tmp_path: Path) -> None:
    site_folder.mark(tmp_path)

    assert site_folder.written_before(tmp_path) == set()
    assert site_folder.made_by_hub(tmp_path)


@pytest.mark.parametrize(
    ("config", "found"),
    [
        ("site_name: Hub\nsite_dir: public\n", ("public", 2, 11)),
        ("site_name: Hub\nsite_dir:   'out/site'\n", ("out/site", 2, 13)),
        ("site_name: Hub\n", None),
        ("site_dir: !ENV [SITE, public]\n", None),
        ("site_dir: [public]\n", None),
        ("site_dir: 12\n", None),
        ("- site_dir: public\n", None),
        ("site_dir: [unclosed\n", None),
        ("[site_dir]: public\n", None),
    ],
    ids=[
        "set",
        "quoted",
        "unset",
        "from the environment",
        "a list",
        "a number",
        "not settings",
        "not YAML",
        "a key that is a list",
    ],
)
def test_the_site_folder_set_in_mkdocs_yml_is_found_with_its_position(
    tmp_path: Path, config: str, found: tuple[str, int, int] | None
) -> None:
    (tmp_path / "site.yml").write_text(config, encoding="utf-8")

    assert site_folder.configured(tmp_path, "site.yml") == found


def test_an_unreadable_or_missing_mkdocs_yml_sets_no_site_folder(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_bytes(b"site_dir: \xff\n")

    assert site_folder.configured(tmp_path) is None
    assert site_folder.configured(tmp_path, "missing.yml") is None


def test_a_folder_holding_the_hub_is_shown_as_asked_for(tmp_path: Path) -> None:
    root = tmp_path / "a" / "hub"
    root.mkdir(parents=True)

    assert site_folder.refusal(root, tmp_path, shown="site_dir: ../..") == (
        "site_dir: ../.. holds the hub, which writing a site there would replace"
    )


def test_a_leftover_that_cannot_be_removed_is_left_and_nothing_else_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    left = tmp_path / ".site-building-x"
    (left / "glossary").mkdir(parents=True)
    (left / "glossary" / "index.html").write_text("half a page", encoding="utf-8")
    other = tmp_path / ".site-building-y"
    other.mkdir()

    def refused(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")  # a folder of another user's, say

    monkeypatch.setattr(os, "rmdir", refused)
    site_folder.remove_leftovers([left, other])  # no error: the next build's sweep tries again

    assert not (left / "glossary" / "index.html").exists()  # what could be removed was
    assert left.is_dir() and other.is_dir()
