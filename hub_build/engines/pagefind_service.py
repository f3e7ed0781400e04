"""Pagefind fed through a pipe: the search's documents sent to it, not written as files first.

Writing thousands of small files only for Pagefind to read them back was most of
what the search cost a build. `pagefind --service` takes the documents on its
standard input instead, in the protocol Pagefind's own Python and Node APIs speak:
each message is JSON, base64-encoded and ended by a comma, and each request
carries a number its answer repeats. The hub speaks it itself because the Python
API waits a tenth of a second before reading each answer: minutes for a large
hub's thousands of documents. Here one thread writes every request while the
answers are read as they come.

The bundle comes back in the last answer and is written here. Pagefind's own
`WriteFiles` answers once its writes are queued, not done, and the service ends
the moment its input does: closing it after that answer could leave a file of
the bundle empty.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import queue
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

_END = b","
_EOF = None
_BATCH = 200  # requests encoded and written at a time


class SearchStopped(Exception):
    """The indexing was abandoned: a newer build will index the site again."""


class SearchFailed(Exception):
    """Pagefind could not index the site; the message says why."""


def index_documents(
    command: Sequence[str],
    documents: Sequence[tuple[str, str]],
    bundle: Path,
    *,
    language: str,
    exclude: Sequence[str],
    work: Path,
    stop: threading.Event | None = None,
) -> None:
    """Have Pagefind index `documents` (path in the site, HTML) and write its bundle into `bundle`."""
    _check(stop)
    try:
        process = subprocess.Popen(
            [*command, "--service"],
            cwd=work,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONSAFEPATH": "1"},
        )
    except OSError as exc:
        raise SearchFailed(f"cannot run Pagefind: {exc.strerror}") from None
    service = _Service(process, stop)
    try:
        config = {"force_language": language, "exclude_selectors": list(exclude)}
        service.send([{"type": "NewIndex", "config": config}])
        index = service.answer()["index_id"]
        requests: list[dict[str, Any]] = [
            {"type": "AddFile", "index_id": index, "file_path": path, "url": None, "file_contents": html}
            for path, html in documents
        ]
        requests.append({"type": "GetFiles", "index_id": index})
        service.send(requests, first=2, background=True)
        for _ in requests:
            files = service.answer().get("files")
        _write_bundle(files, bundle)
    except BaseException:
        service.close(kill=True)
        raise
    service.close()


def _write_bundle(files: object, bundle: Path) -> None:
    """The bundle's files, as Pagefind gave them (path in the bundle, base64 content), written into `bundle`."""
    if not isinstance(files, list) or not files:
        raise SearchFailed("Pagefind could not index the site: it gave no files")
    bundle.mkdir()
    for file in files:
        relative = PurePosixPath(str(file.get("path", "")) if isinstance(file, dict) else "")
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise SearchFailed(f"Pagefind could not index the site: it gave a file outside its bundle, {relative}")
        target = bundle.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file.get("content", "")))


class _Service:
    """One running `pagefind --service`: requests written, answers read in order, a stop obeyed."""

    def __init__(self, process: subprocess.Popen[bytes], stop: threading.Event | None) -> None:
        self.process, self.stop = process, stop
        self.said = bytearray()  # whatever it wrote that is not an answer: the reason, when it fails
        self.answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, name="hub-search-answers", daemon=True)
        self.reader.start()
        self.writer: threading.Thread | None = None
        self.closing = threading.Event()

    def send(self, requests: list[dict[str, Any]], *, first: int = 1, background: bool = False) -> None:
        if background:
            # Written while the answers are read, so that neither pipe fills while the other waits,
            # and a little at a time, so that a stopped indexing stops writing too.
            self.writer = threading.Thread(
                target=self._write_all, args=(requests, first), name="hub-search-requests", daemon=True
            )
            self.writer.start()
        else:
            self._write_all(requests, first)

    def _write_all(self, requests: list[dict[str, Any]], first: int) -> None:
        for start in range(0, len(requests), _BATCH):
            if self.closing.is_set():
                return
            batch = enumerate(requests[start : start + _BATCH], start=first + start)
            if not self._write(b"".join(_encoded(number, request) for number, request in batch)):
                return

    def answer(self) -> dict[str, Any]:
        while True:
            _check(self.stop)
            try:
                message = self.answers.get(timeout=0.1)
            except queue.Empty:
                continue
            if message is _EOF:
                raise SearchFailed(f"Pagefind could not index the site: {self._reason()}")
            payload: dict[str, Any] = message.get("payload") or {}
            if payload.get("type") == "Error":
                raise SearchFailed(f"Pagefind could not index the site: {payload.get('message') or 'an error'}")
            return payload

    def close(self, *, kill: bool = False) -> None:
        """Let it finish (its input ends), or stop it at once when the indexing failed or was stopped."""
        self.closing.set()
        if kill:
            self.process.kill()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):  # it stopped reading: it is stopped below
                self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        finally:
            if self.process.poll() is None:  # pragma: no cover - wait() above returned
                self.process.kill()
        self.reader.join()
        if self.writer is not None:
            self.writer.join()

    def _write(self, data: bytes) -> bool:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(data)
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            return False  # it stopped, or was stopped: the answers say why
        return True

    def _read(self) -> None:
        assert self.process.stdout is not None
        pending = bytearray()  # grown in place: the last answer, the whole bundle, is megabytes long
        output = self.process.stdout.fileno()
        while chunk := os.read(output, 1 << 16):
            searched = len(pending)
            pending += chunk
            start, end = 0, pending.find(_END, searched)
            while end != -1:
                self._take(bytes(pending[start:end]))
                start, end = end + 1, pending.find(_END, end + 1)
            del pending[:start]
        if pending:
            self.said += pending
        self.answers.put(_EOF)

    def _take(self, part: bytes) -> None:
        try:
            message = json.loads(base64.b64decode(part, validate=True))
        except (binascii.Error, ValueError):
            self.said += part + _END
            return
        if isinstance(message, dict):
            self.answers.put(message)

    def _reason(self) -> str:
        code = self.process.wait()
        lines = self.said.decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit {code}"


def _encoded(number: int, request: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": number, "payload": request}).encode("utf-8")) + _END


def _check(stop: threading.Event | None) -> None:
    """Give up the moment a newer rebuild asks: it indexes the site again."""
    if stop is not None and stop.is_set():
        raise SearchStopped
