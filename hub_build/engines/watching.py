"""What `hub serve` watches on MkDocs, with the system's file events rather than polling.

MkDocs' server polls what it watches every half second, taking a snapshot of every
file (its size, times and birth time) each time. Over a playbook of thousands of
files that snapshot competes with the rebuild it is waiting for: at 8,000 records
it took half of the serving process's time while a save was rebuilt. The hub
watches its own folders with the operating system's notifications instead (inotify
on Linux, FSEvents on macOS; watchdog falls back to polling where there are none),
and asks the server for a rebuild as MkDocs' own watcher does.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# What a save, a new file, a delete or a rename makes; reading a file (as every
# rebuild does) makes "opened" and "closed without writing", which are not changes.
CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED})


class _Changes(FileSystemEventHandler):
    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        ask_rebuild(self.server)


def ask_rebuild(server: Any) -> None:
    """As MkDocs' own watcher asks for a rebuild (mkdocs/livereload/__init__.py)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def changed_since(paths: Iterable[Path], since_ns: int) -> bool:
    """Whether anything under `paths` was written, added, removed or renamed at or after `since_ns`
    (a folder's times change when a file in it is added, removed or renamed)."""
    for path in paths:
        for folder, _, files in os.walk(path) if path.is_dir() else [(str(path.parent), [], [path.name])]:
            for name in [".", *files] if path.is_dir() else files:
                try:
                    status = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                if max(status.st_mtime_ns, status.st_ctime_ns) >= since_ns:
                    return True
    return False


def watch(server: Any, paths: Iterable[Path], *, root: Path | None = None) -> BaseObserver | None:
    """Watch `paths` for `server` with the system's file events; return the running observer,
    or None (having asked the server to poll them) where the server or the system does not allow it.

    MkDocs names only what it watches itself (docs/ and mkdocs.yml), so the hub
    names, in the same words, the paths inside `root` it watches on its own.
    """
    folders = [path for path in paths if path.exists()]
    if not hasattr(server, "_rebuild_cond") or not hasattr(server, "_want_rebuild"):
        _polled(server, folders)
        return None
    observer = Observer()
    handler = _Changes(server)
    try:
        for path in folders:
            observer.schedule(handler, str(path), recursive=path.is_dir())
        observer.start()
    except OSError as exc:  # no more inotify watches, say
        log.debug("watching with the system's file events failed (%s): polling instead", exc)
        observer.stop()
        _polled(server, folders)
        return None
    if root is not None:
        shown = [path.relative_to(root).as_posix() for path in folders if path.is_relative_to(root)]
        log.info("Watching the hub's paths for changes too: %s", ", ".join(f"'{name}'" for name in shown))
    return observer


def _polled(server: Any, folders: list[Path]) -> None:
    for path in folders:
        server.watch(str(path))
