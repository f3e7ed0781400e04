"""The site as last built, served while `hub serve`'s first build runs: only what is in the site folder."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hub_build.engines import served_site
from hub_build.engines.previous_site import HEADER, NOTICE_ID, PreviousSite, last_built
from tests.helpers import copy_hub


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _site(folder: Path) -> Path:
    (folder / "glossary").mkdir(parents=True)
    (folder / ".hub-output").write_text("This folder was written by hub.\n", encoding="utf-8")
    (folder / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    (folder / "glossary" / "index.html").write_text("<html><body>glossary</body></html>", encoding="utf-8")
    return folder


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    site = _site(tmp_path / "hub" / "site")
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    port = _free_port()
    server = PreviousSite(site, "127.0.0.1", port)
    try:
        yield f"http://127.0.0.1:{port}", tmp_path
    finally:
        server.stop()


def _get(url: str) -> tuple[int, str, str | None]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # a local server
            return response.status, response.read().decode("utf-8"), response.headers.get(HEADER)
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers.get(HEADER)


def served_page(
    root: Path, page: str, *, stop_when: Callable[[bool, str], bool], timeout: float = 180
) -> list[tuple[bool, str]]:
    """`hub serve` started, `page` asked for until an answer meets `stop_when`, then `hub serve` stopped
    as a terminal's window closing stops it; each answer: (from the site as last built, text)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "hub_build", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    answers: list[tuple[bool, str]] = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (answers and stop_when(*answers[-1])):
            assert process.poll() is None, "hub serve stopped"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=5) as response:
                    answers.append((response.headers.get(HEADER) == "1", response.read().decode("utf-8")))
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return answers


def test_every_page_of_the_site_as_last_built_says_it_may_be_older_than_the_files(served: tuple[str, Path]) -> None:
    status, text, header = _get(served[0] + "/glossary/")

    assert (status, header) == (200, "1")
    assert text.startswith(f'<html><body><div id="{NOTICE_ID}" role="status"')
    assert "it may be older than your files" in text and "glossary" in text and "location.reload()" in text


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/link/secret.txt", "/outside.txt"])
def test_nothing_outside_the_site_folder_is_served(served: tuple[str, Path], path: str) -> None:
    base, tmp_path = served
    site = tmp_path / "hub" / "site"
    (site / "link").symlink_to(tmp_path, target_is_directory=True)
    (site / "outside.txt").symlink_to(tmp_path / "secret.txt")

    status, text, _ = _get(base + path)

    assert status == 404 and "outside the site" not in text


def test_a_folder_the_hub_did_not_build_is_not_served_as_the_last_site(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    (root / "site").mkdir(parents=True)
    (root / "site" / "index.html").write_text("someone's page", encoding="utf-8")

    assert last_built(root) is None
    _site(tmp_path / "other" / "site")
    assert last_built(tmp_path / "other") == tmp_path / "other" / "site"


def _aged(folder: Path, seconds: float) -> Path:
    """The site as built `seconds` ago: every build writes the hub's marker anew."""
    marker = folder / ".hub-output"
    then = marker.stat().st_mtime - seconds
    os.utime(marker, (then, then))
    return folder


def test_the_site_hub_serve_kept_is_served_where_it_is_newer_than_the_built_one(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _aged(_site(root / "site"), 3600)
    _site(served_site.kept(root))

    assert last_built(root) == served_site.kept(root)
    _aged(served_site.kept(root), 7200)
    assert last_built(root) == root / "site"


def test_the_site_hub_serve_kept_is_served_where_hub_build_never_ran(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(served_site.kept(root))

    assert last_built(root) == served_site.kept(root)


def test_a_finished_first_build_replaces_the_kept_site_whole(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(served_site.kept(root))
    (served_site.kept(root) / "ideas" / "gone").mkdir(parents=True)
    (served_site.kept(root) / "ideas" / "gone" / "index.html").write_text("an idea deleted since", encoding="utf-8")
    building = served_site.first_build_folder(root)
    assert building is not None
    _site(building)

    kept = served_site.keep_first_build(root)

    assert kept == served_site.kept(root) and not (kept / "ideas" / "gone").exists()
    assert (kept / "glossary" / "index.html").is_file() and not building.exists()


def test_a_first_build_stopped_before_it_finished_leaves_the_kept_site_as_it_was(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(served_site.kept(root))
    building = served_site.first_build_folder(root)
    assert building is not None
    (building / "index.html").write_text("half a site", encoding="utf-8")

    served_site.remove_first_build(building)

    assert not building.exists() and last_built(root) == served_site.kept(root)
    assert (served_site.kept(root) / "index.html").read_text(encoding="utf-8") == "<html><body>home</body></html>"


def test_nothing_is_kept_where_the_hubs_build_folder_leads_out_of_it(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (root / ".hub-build").symlink_to(tmp_path / "elsewhere", target_is_directory=True)

    assert served_site.first_build_folder(root) is None
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_the_next_hub_serve_starts_from_the_site_the_last_one_served(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    first = served_page(root, "glossary/", stop_when=lambda previous, _: not previous)
    assert not first[-1][0]  # no site was built before: nothing to serve until the first build is
    assert all(not previous for previous, _ in first)

    again = served_page(root, "glossary/", stop_when=lambda previous, _: True)

    previous, text = again[0]
    assert previous and NOTICE_ID in text and "Glossary" in text
    assert not (root / "site").exists()


def test_the_site_as_last_built_says_when_it_was_last_built_not_when_its_home_page_changed(tmp_path: Path) -> None:
    site = _site(tmp_path / "hub" / served_site.FOLDER[0] / served_site.FOLDER[1])
    day_before = (site / "index.html").stat().st_mtime - 86_400
    os.utime(site / "index.html", (day_before, day_before))  # a save leaves an unchanged home page as it was

    server = PreviousSite(site, "127.0.0.1", _free_port())
    server.stop()

    assert server.built == time.strftime("%Y-%m-%d at %H:%M", time.localtime((site / ".hub-output").stat().st_mtime))
