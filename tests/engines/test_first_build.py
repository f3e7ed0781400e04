"""A file saved while `hub serve`'s first build runs (nothing watches the files yet) is built once it is served."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from hub_build.engines import mkdocs as plugin_module
from tests.helpers import copy_hub, free_port

IDEA = "playbook/content/cfo-one-pager.yaml"


class _Server:
    """What the hub's watcher uses of MkDocs' live-reload server."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False

    def watch(self, path: str) -> None:
        return


def _hub_saved_an_hour_ago(target: Path) -> Path:
    root = copy_hub(target)
    before = time.time() - 3600
    for path in [root, *root.rglob("*")]:
        os.utime(path, (before, before))
    return root


@contextlib.contextmanager
def _first_build_done(root: Path, *, later: int = 0) -> Iterator[tuple[MkDocsConfig, object]]:
    """The plugin as `hub serve` leaves it after its first build, before MkDocs serves,
    the build started `later` seconds after the hub was copied.

    Copying changed each file's status, if not its times, which a build begun within
    a second of it counts as a save.
    """
    with contextlib.chdir(root):
        config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins["hub"]
    plugin.on_startup(command="serve", dirty=True)
    now = time.time_ns
    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(plugin_module.time, "time_ns", lambda: now() + later * 10**9)
        plugin.on_config(config)
    try:
        yield config, plugin
    finally:
        plugin.on_shutdown()


def test_a_file_saved_during_the_first_build_is_built_as_soon_as_the_site_is_served(tmp_path: Path) -> None:
    root = _hub_saved_an_hour_ago(tmp_path / "hub")
    server = _Server()
    with _first_build_done(root) as (config, plugin):
        idea = root / IDEA
        idea.write_text(idea.read_text(encoding="utf-8").replace("One page for the CFO", "Two pages"), encoding="utf-8")

        plugin.on_serve(server, config=config, builder=None)  # type: ignore[attr-defined]

    assert server._want_rebuild


def test_no_rebuild_is_asked_for_when_nothing_was_saved_during_the_first_build(tmp_path: Path) -> None:
    root = _hub_saved_an_hour_ago(tmp_path / "hub")
    server = _Server()
    with _first_build_done(root, later=60) as (config, plugin):
        plugin.on_serve(server, config=config, builder=None)  # type: ignore[attr-defined]

    assert not server._want_rebuild


def test_a_second_serve_in_the_same_process_catches_up_with_saves_during_its_own_first_build(tmp_path: Path) -> None:
    # MkDocs keeps the plugin from one command to the next in a process.
    root = _hub_saved_an_hour_ago(tmp_path / "hub")
    with _first_build_done(root) as (config, plugin):
        plugin.on_serve(_Server(), config=config, builder=None)  # type: ignore[attr-defined]
    server = _Server()
    with _first_build_done(root, later=60) as (config, plugin):
        idea = root / IDEA
        idea.write_text(idea.read_text(encoding="utf-8").replace("One page for the CFO", "Two pages"), encoding="utf-8")
        os.utime(idea, ns=(time.time_ns() + 120 * 10**9,) * 2)  # saved after the first build began, a minute on

        plugin.on_serve(server, config=config, builder=None)  # type: ignore[attr-defined]

    assert server._want_rebuild


def test_the_served_site_is_the_folder_the_hub_builds_in_with_its_own_error_pages(tmp_path: Path) -> None:
    root = _hub_saved_an_hour_ago(tmp_path / "hub")
    with _first_build_done(root) as (config, plugin):
        plugin.served_at = tmp_path / "kept"  # type: ignore[attr-defined]
        server = _Server()
        server.root = str(tmp_path / "mkdocs-temporary")  # type: ignore[attr-defined]

        plugin.on_serve(server, config=config, builder=None)  # type: ignore[attr-defined]

        assert server.root == str(tmp_path / "kept")  # type: ignore[attr-defined]
        assert callable(server.error_handler)  # type: ignore[attr-defined]


def test_the_served_sites_error_pages_are_read_from_the_folder_it_is_served_from(tmp_path: Path) -> None:
    from hub_build.engines import served_site

    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "404.html").write_bytes(b"<h1>Not in the hub</h1>")
    (kept / "403.html").write_bytes(b"<h1>Forbidden</h1>")
    page = served_site.error_pages(kept)

    assert page(404) == b"<h1>Not in the hub</h1>"
    assert page(403) is None  # MkDocs' server has pages for 404 and 500 only
    assert page(500) is None  # none was built: the server's own answer
    (kept / "500.html").write_bytes(b"<h1>Something broke</h1>")
    (kept / "501.html").write_bytes(b"<h1>Not implemented</h1>")
    assert page(500) == b"<h1>Something broke</h1>"
    assert page(501) is None


def test_a_served_site_not_kept_is_served_from_where_mkdocs_builds_it(tmp_path: Path) -> None:
    root = _hub_saved_an_hour_ago(tmp_path / "hub")
    with _first_build_done(root) as (config, plugin):
        plugin.served_at = None  # type: ignore[attr-defined]  # `mkdocs serve` run by hand
        server = _Server()
        server.root = str(tmp_path / "mkdocs-temporary")  # type: ignore[attr-defined]

        plugin.on_serve(server, config=config, builder=None)  # type: ignore[attr-defined]

        assert server.root == str(tmp_path / "mkdocs-temporary")  # type: ignore[attr-defined]
        assert not hasattr(server, "error_handler")


def test_a_site_that_cannot_be_kept_for_the_next_serve_is_said_so_with_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from hub_build.engines import served_site

    def refused(root: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(root / ".hub-build"))

    monkeypatch.setattr(served_site, "keep_first_build", refused)
    plugin = plugin_module.HubPlugin()
    folder = tmp_path / ".hub-build" / "served-site.partial"

    assert plugin._keep_first_build(folder) == folder  # goes on serving where it built
    assert plugin.first_build_done
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "the site served could not be kept for the next hub serve: "
        f"[Errno 13] Permission denied: '{tmp_path / '.hub-build'}'"
    ]


def test_the_site_served_while_the_first_build_runs_is_named_from_the_hub_or_in_full(tmp_path: Path) -> None:
    from hub_build.engines.mkdocs import _shown_folder

    root = tmp_path / "hub"
    root.mkdir()

    assert _shown_folder(root.resolve() / ".hub-build" / "served-site", root) == ".hub-build/served-site/"
    assert _shown_folder(tmp_path / "public", root) == str(tmp_path / "public")


def test_a_session_that_starts_from_the_site_last_built_says_which_and_what_follows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from hub_build.engines import site_folder

    root = _hub_saved_an_hour_ago(tmp_path / "hub")
    (root / "site" / "glossary").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    site_folder.mark(root / "site")
    port = free_port()
    config_file = root / "mkdocs.yml"
    config_file.write_text(f"dev_addr: 127.0.0.1:{port}\n" + config_file.read_text(encoding="utf-8"), encoding="utf-8")

    with caplog.at_level(logging.INFO), _first_build_done(root) as (_, plugin):
        built = plugin.previous.built  # type: ignore[attr-defined]

    assert (
        f"Serving the site as last built ({built}, from site/) on http://127.0.0.1:{port}/ while the first build "
        "catches up with your files; its pages say so, and reload when the build is served"
    ) in caplog.messages


@pytest.mark.parametrize(
    ("site_url", "mount_path"),
    [("https://quillstone.example/hub/", "/hub/"), ("https://quillstone.example", "/"), (None, "/")],
)
def test_the_site_as_last_built_is_served_under_the_path_of_the_sites_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_url: str | None, mount_path: str
) -> None:
    from hub_build.engines import previous_site

    root = tmp_path / "hub"
    (root / "docs").mkdir(parents=True)
    lines = ["site_name: Hub", "dev_addr: 127.0.0.1:8123", *([f"site_url: {site_url}"] if site_url else [])]
    (root / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    started: list[tuple[object, ...]] = []
    monkeypatch.setattr(previous_site, "start", lambda *args: started.append(args))

    plugin_module.HubPlugin()._serve_previous_site(root, config)

    # MkDocs serves the site under its address's path: the site as last built is found at the same one.
    assert started == [(root, "127.0.0.1", 8123, mount_path, "mkdocs.yml")]


def test_a_session_stopped_before_its_first_build_ends_leaves_no_part_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_build.engines import served_site

    monkeypatch.setenv(served_site.KEEP, "1")  # as `hub serve` starts the engine
    root = _hub_saved_an_hour_ago(tmp_path / "hub")

    with _first_build_done(root) as (config, plugin):
        partial = plugin.served_at  # type: ignore[attr-defined]
        assert partial is not None and partial.is_dir() and config.site_dir == str(partial)
        # Stopped here: on_post_build never ran.

    assert not partial.exists()
    assert not served_site.kept(root).exists()


def test_a_served_hub_says_which_of_its_own_paths_it_watches_besides_mkdocs_own(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = _hub_saved_an_hour_ago(tmp_path / "hub")
    with caplog.at_level(logging.INFO), _first_build_done(root, later=60) as (config, plugin):
        plugin.on_serve(_Server(), config=config, builder=None)  # type: ignore[attr-defined]

    assert "Watching the hub's paths for changes too: 'playbook', 'schemas', 'hub.yaml'" in caplog.messages
