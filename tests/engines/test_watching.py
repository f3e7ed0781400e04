"""`hub serve` watches the playbook with the system's file events: a save asks for a rebuild
at once, reading a file does not, and where the server cannot be asked directly the folders
are handed to its own (polling) watcher."""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
from pathlib import Path

import pytest
from watchdog import events
from watchdog.events import FileSystemEvent

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


class Counting:
    """A server that counts the rebuilds asked of it."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False

    def ask(self, event: FileSystemEvent) -> bool:
        self._want_rebuild = False
        watching._Changes(self).on_any_event(event)
        return self._want_rebuild


@pytest.mark.parametrize(
    "event",
    [
        events.FileModifiedEvent("idea.yaml"),
        events.FileCreatedEvent("new.yaml"),
        events.FileDeletedEvent("old.yaml"),
        events.FileMovedEvent("idea.yaml.tmp", "idea.yaml"),
        events.FileClosedEvent("idea.yaml"),
    ],
    ids=lambda event: event.event_type,
)
def test_each_kind_of_change_to_a_file_asks_for_a_rebuild(event: FileSystemEvent) -> None:
    assert Counting().ask(event)


@pytest.mark.parametrize(
    "event",
    [
        events.FileOpenedEvent("idea.yaml"),
        events.FileClosedNoWriteEvent("idea.yaml"),
        events.FileAttribEvent("idea.yaml"),
        events.DirModifiedEvent("content"),
        events.DirCreatedEvent("content"),
        events.DirDeletedEvent("content"),
    ],
    ids=lambda event: f"{'folder' if event.is_directory else 'file'} {event.event_type}",
)
def test_reading_a_file_or_a_folders_own_event_asks_for_nothing(event: FileSystemEvent) -> None:
    # A folder's file events come for the files in it, which are what changed.
    assert not Counting().ask(event)


def test_a_rebuild_is_asked_for_by_waking_the_server_waiting_for_one() -> None:
    server = Counting()
    ready = threading.Event()
    woken: list[bool] = []

    def serve() -> None:
        with server._rebuild_cond:
            ready.set()
            woken.append(server._rebuild_cond.wait(timeout=60))  # False had it waited the minute out

    waiting = threading.Thread(target=serve)
    waiting.start()
    ready.wait()
    watching.ask_rebuild(server)  # takes the lock only once the server waits
    waiting.join()

    assert woken == [True]
    assert server._want_rebuild


def _written(path: Path, text: str = "x") -> int:
    path.write_text(text, encoding="utf-8")
    return os.stat(path).st_ctime_ns


def test_a_file_changed_at_or_after_a_moment_is_a_change_since_then(tmp_path: Path) -> None:
    changed = _written(tmp_path / "hub.yaml")

    assert watching.changed_since([tmp_path / "hub.yaml"], changed)
    assert not watching.changed_since([tmp_path / "hub.yaml"], changed + 1)


def test_a_file_given_a_past_modification_time_counts_from_when_it_was_changed(tmp_path: Path) -> None:
    path = tmp_path / "idea.yaml"
    _written(path)
    os.utime(path, ns=(1, 1))  # as a copy keeping its times does: the change is still now
    changed = os.stat(path).st_ctime_ns

    assert watching.changed_since([path], changed)


def test_a_file_given_a_future_modification_time_is_a_change(tmp_path: Path) -> None:
    path = tmp_path / "idea.yaml"
    changed = _written(path)
    os.utime(path, ns=(changed + 10**12, changed + 10**12))

    assert watching.changed_since([path], changed + 10**11)


def test_a_file_saved_deep_in_a_folder_is_a_change_in_that_folder(tmp_path: Path) -> None:
    deep = tmp_path / "playbook" / "content" / "ideas"
    deep.mkdir(parents=True)
    _written(deep / "old.yaml")
    _written(tmp_path / "elsewhere.yaml")
    saved = _written(deep / "new.yaml")

    assert watching.changed_since([tmp_path / "missing", tmp_path / "playbook"], saved)
    assert not watching.changed_since([tmp_path / "playbook"], saved + 1)


def test_a_file_removed_from_a_folder_is_a_change_in_that_folder(tmp_path: Path) -> None:
    folder = tmp_path / "playbook"
    folder.mkdir()
    _written(folder / "idea.yaml")
    os.utime(folder, ns=(1, 1))
    (folder / "idea.yaml").unlink()
    removed = os.stat(folder).st_ctime_ns

    assert watching.changed_since([folder], removed)


def test_a_missing_path_is_no_change(tmp_path: Path) -> None:
    assert not watching.changed_since([tmp_path / "gone", tmp_path / "gone.yaml"], 0)


def test_what_cannot_be_looked_at_is_passed_over_and_the_rest_still_looked_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "playbook"
    folder.mkdir()
    saved = _written(folder / "idea.yaml")
    real = os.stat

    def stat(path: str | Path, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).endswith(f"{os.sep}."):  # the folder removed meanwhile, say
            raise FileNotFoundError(errno.ENOENT, "gone", path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(watching.os, "stat", stat)

    assert watching.changed_since([folder], saved)


class PollingToo(Server):
    """A server that can also poll what it is given to watch."""

    def __init__(self) -> None:
        super().__init__()
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_a_server_with_a_condition_but_no_flag_polls_the_folders_itself(tmp_path: Path) -> None:
    server = PollingToo()
    del server._want_rebuild

    assert watching.watch(server, [tmp_path]) is None
    assert server.watched == [str(tmp_path)]


def test_where_the_system_allows_no_more_file_events_the_folders_are_polled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stopped: list[bool] = []

    class Exhausted:
        def schedule(self, handler: object, path: str, recursive: bool) -> None:
            raise OSError(28, "inotify watch limit reached")

        def start(self) -> None:
            raise AssertionError("never started")

        def stop(self) -> None:
            stopped.append(True)

    monkeypatch.setattr(watching, "Observer", Exhausted)
    server = PollingToo()
    (tmp_path / "playbook").mkdir()

    with caplog.at_level(logging.DEBUG, logger=watching.log.name):
        assert watching.watch(server, [tmp_path / "playbook", tmp_path / "hub.yaml"]) is None
    assert server.watched == [str(tmp_path / "playbook")]
    assert stopped == [True]
    assert caplog.messages == [
        "watching with the system's file events failed ([Errno 28] inotify watch limit reached): polling instead"
    ]
