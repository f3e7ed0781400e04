"""The site as last built, served while `hub serve`'s first build runs: only what is in the site folder."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub_build.engines.previous_site import HEADER, NOTICE_ID, PreviousSite, last_built


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
