"""`hub serve` watches the playbook with the system's file events: a save asks for a rebuild
at once, reading a file does not, and where the server cannot be asked directly the folders
are handed to its own (polling) watcher."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest

from hub_build.engines import watching


class Server:
    """What MkDocs' live-reload server offers a watcher: a flag and its condition."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False

    def asked(self, within: float = 5.0) -> bool:
        with self._rebuild_cond:
            return self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=within)


def test_a_save_a_new_file_and_a_delete_each_ask_for_a_rebuild(tmp_path: Path) -> None:
    folder = tmp_path / "playbook" / "content"
    folder.mkdir(parents=True)
    idea = folder / "idea.yaml"
    idea.write_text("title: One\n", encoding="utf-8")
    server = Server()
    observer = watching.watch(server, [tmp_path / "playbook", tmp_path / "missing"])
    assert observer is not None
    try:
        for change in (
            lambda: idea.write_text("title: Two\n", encoding="utf-8"),
            lambda: (folder / "new.yaml").write_text("title: New\n", encoding="utf-8"),
            lambda: (folder / "new.yaml").unlink(),
        ):
            server._want_rebuild = False
            change()
            assert server.asked()
    finally:
        observer.stop()
        observer.join()


def test_reading_the_playbook_asks_for_nothing(tmp_path: Path) -> None:
    idea = tmp_path / "idea.yaml"
    idea.write_text("title: One\n", encoding="utf-8")
    server = Server()
    observer = watching.watch(server, [tmp_path])
    assert observer is not None
    try:
        time.sleep(0.2)
        idea.read_text(encoding="utf-8")  # what every rebuild does
        assert not server.asked(within=1.0)
    finally:
        observer.stop()
        observer.join()


def test_a_server_without_the_flag_polls_the_folders_itself(tmp_path: Path) -> None:
    class Polling:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Polling()
    (tmp_path / "playbook").mkdir()

    assert watching.watch(server, [tmp_path / "playbook", tmp_path / "gone"]) is None
    assert server.watched == [str(tmp_path / "playbook")]


def test_serving_names_the_hubs_own_paths_it_watches(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "playbook").mkdir()
    (tmp_path / "hub.yaml").write_text("{}\n", encoding="utf-8")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-templates"
    elsewhere.mkdir()
    caplog.set_level(logging.INFO)

    observer = watching.watch(
        Server(), [tmp_path / "playbook", tmp_path / "schemas", elsewhere, tmp_path / "hub.yaml"], root=tmp_path
    )
    assert observer is not None
    observer.stop()
    observer.join()

    assert caplog.messages == ["Watching the hub's paths for changes too: 'playbook', 'hub.yaml'"]
