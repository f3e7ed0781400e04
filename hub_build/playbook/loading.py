"""Reading one playbook file: bytes → text → YAML → plain data with positions.

The loader drives libyaml's event parser itself instead of calling
`yaml.load`, for four reasons:
- no tag ever becomes a Python object: only the core YAML types are accepted;
- duplicate keys, aliases and deep nesting are refused with their position
  (libyaml's own composer recurses in C and crashes on deep nesting);
- every value keeps the line and column where it starts, so a problem found
  later, by a schema or a cross-check, can point at it;
- dates stay text, so JSON Schema's `format: date` can check them.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml

from hub_build.playbook.problems import Problem
from hub_build.playbook.yaml_syntax import TOO_DEEP_HINT, EditorLines, parse_events
from hub_build.playbook.yaml_syntax import LoadError as LoadError  # raised by the loader, and taken from here

MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

# Numbers beyond JSON's safe integers lose digits in every other tool that reads
# the playbook (editors, browsers, the JSON export), and very long ones make
# Python's own int-to-text conversion refuse; no playbook field needs them.
MAX_INTEGER = 2**53 - 1

# YAML 1.2's core schema, the one editors (the YAML language server) and most
# tools outside Python read: `yes`, `no`, `on`, `off`, `0b1`, `1_000`, `12:30` and
# dates are text, not booleans, numbers or timestamps as YAML 1.1 would have them.
_CORE_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_CORE_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_CORE_FLOAT = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
_SCALAR_TAGS = frozenset({_STR, _TIMESTAMP, _INT, _FLOAT, _BOOL, _NULL})


def _implicit_tag(value: str) -> str:
    """The type a plain (unquoted, untagged) scalar has under YAML 1.2's core schema."""
    if _CORE_NULL.match(value):
        return _NULL
    if value in _CORE_BOOL:
        return _BOOL
    if _CORE_INT.match(value):
        return _INT
    if _CORE_FLOAT.match(value):
        return _FLOAT
    return _STR


class _NotThatType(ValueError):
    """A scalar's text does not spell a value of the type it was given."""


class _NotFinite(ValueError):
    """`.inf` and `.nan`: numbers JSON cannot hold and no playbook field means."""


def _to_int(text: str) -> int:
    if not _CORE_INT.match(text):
        raise _NotThatType(text)
    if text.startswith(("0o", "0x")):
        value = int(text[2:], 8 if text[1] == "o" else 16)
    elif len(text.lstrip("+-").lstrip("0")) > len(str(MAX_INTEGER)):
        raise OverflowError(text)  # before converting: Python refuses to read very long numbers
    else:
        value = int(text, 10)
    if abs(value) > MAX_INTEGER:
        raise OverflowError(text)
    return value


def _to_float(text: str) -> float:
    if not _CORE_FLOAT.match(text) and not _CORE_INT.match(text):
        raise _NotThatType(text)
    if "inf" in text.lower() or "nan" in text.lower():
        raise _NotFinite(text)
    value = float(text) if not text.startswith(("0o", "0x")) else float(_to_int(text))
    if not math.isfinite(value):
        raise OverflowError(text)
    return value


def _to_bool(text: str) -> bool:
    if text not in _CORE_BOOL:
        raise _NotThatType(text)
    return _CORE_BOOL[text]


def _to_null(text: str) -> None:
    if not _CORE_NULL.match(text):
        raise _NotThatType(text)


_CONSTRUCT = {_INT: _to_int, _FLOAT: _to_float, _BOOL: _to_bool, _NULL: _to_null}


@dataclass(slots=True)
class Spot:
    """Where a value starts (0-based, as libyaml counts), and where its children start."""

    line: int
    column: int
    children: dict[Any, Spot] | list[Spot] | None = None
    keys: dict[str, tuple[int, int]] | None = None


@dataclass(slots=True)
class Document:
    """A parsed file: its path relative to the hub's root, its data, and positions."""

    file: str
    data: Any
    spot: Spot

    def locate(self, path: tuple[Any, ...] | list[Any], *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `path` (of its key with `key=True`).

        A path that goes deeper than the data stops at the deepest value that exists,
        which is where a missing field belongs.
        """
        spot = self.spot
        line, column = spot.line, spot.column
        for index, part in enumerate(path):
            children = spot.children
            try:
                child = children[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                break
            if key and index == len(path) - 1 and spot.keys is not None:
                line, column = spot.keys[part]
                return line + 1, column + 1
            spot = child
            line, column = spot.line, spot.column
        return line + 1, column + 1


class EmptyFile(LoadError):
    """A file with nothing in it but comments or blank lines."""


def load_file(path: str | Path, file: str, *, max_bytes: int) -> Document:
    """Read and parse one playbook file, or raise LoadError naming where it went wrong."""
    return parse_text(decode(read_bytes(path, file, max_bytes=max_bytes), file), file)


class Documents:
    """Parsed files kept from one validation of a hub to the next (under `hub serve`).

    A file is read again only when what `stat` says of it changes (size, times,
    inode), so a save costs one parse, not one per file. What a file gave, a
    document or a problem, is given again unchanged; files no longer listed are
    forgotten at each validation, so the cache never outgrows the playbook.
    """

    def __init__(self) -> None:
        self._kept: dict[str, tuple[tuple[int, ...], Document | LoadError]] = {}
        self._seen: set[str] = set()

    def load(self, path: str | Path, file: str, *, max_bytes: int) -> Document:
        self._seen.add(file)
        try:
            status = os.stat(path)
        except OSError:
            return load_file(path, file, max_bytes=max_bytes)  # which says why
        if not stat.S_ISREG(status.st_mode):
            return load_file(path, file, max_bytes=max_bytes)
        key = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, max_bytes)
        kept = self._kept.get(file)
        if kept is None or kept[0] != key:
            try:
                kept = key, load_file(path, file, max_bytes=max_bytes)
            except LoadError as exc:
                kept = key, exc
            self._kept[file] = kept
        if isinstance(kept[1], LoadError):
            raise kept[1]
        return kept[1]

    def forget(self, files: Iterable[str]) -> None:
        """Read these files again next time, whatever `stat` says: they were replaced."""
        for file in files:
            self._kept.pop(file, None)

    def forget_unseen(self) -> None:
        """Drop the files not loaded since the last call: deleted or renamed ones."""
        for file in self._kept.keys() - self._seen:
            del self._kept[file]
        self._seen = set()


def read_bytes(path: str | Path, file: str, *, max_bytes: int) -> bytes:
    """At most `max_bytes` of a regular file; anything else is refused without blocking.

    A FIFO or a device named like a playbook file would block a plain `open` or
    never end; opening without blocking and checking what was opened closes
    that door even if the file changed since it was listed.
    """
    try:
        # os.open's descriptors are already closed on exec (PEP 446); O_NONBLOCK is POSIX only.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise LoadError(unreadable(file, exc)) from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise LoadError(not_a_regular_file(file))
        # Never read more than the limit, however large the file.
        raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise LoadError(
            Problem(
                file,
                1,
                1,
                f"file is too large ({status.st_size:,} bytes; the limit is {max_bytes:,})",
                hint="split it into smaller files, or raise max_file_kb in hub.yaml",
            )
        )
    return raw


def unreadable(file: str, exc: OSError) -> Problem:
    reason = exc.strerror or type(exc).__name__
    return Problem(
        file, 1, 1, f"cannot read the file ({reason})", hint="check that the file exists and that it can be read"
    )


def not_a_regular_file(file: str) -> Problem:
    return Problem(
        file,
        1,
        1,
        "not a regular file (a pipe, a socket or a device), so it is not read",
        hint="playbook files are ordinary text files: remove this one",
    )


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text, with a byte-order mark accepted and dropped as editors expect."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # The codec counts from after a byte-order mark; positions count from the file's start.
        start = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        line = raw.count(b"\n", 0, start) + 1
        column = len(raw[raw.rfind(b"\n", 0, start) + 1 : start].decode("utf-8", errors="replace")) + 1
        raise LoadError(
            Problem(
                file,
                line,
                column,
                f"file is not UTF-8 text (byte 0x{raw[start]:02X} cannot be read)",
                hint="save the file with UTF-8 encoding (most editors offer it under 'Save with encoding')",
            )
        ) from None


def parse_text(text: str, file: str) -> Document:
    """Parse YAML text holding exactly one document whose top level is a mapping."""
    lines = EditorLines(text)
    builder = _Builder(file, lines)
    parse_events(text, file, lines, builder.feed)
    document = builder.document()
    _move(lines, document.spot)
    return document


def _move(lines: EditorLines, root: Spot) -> None:
    """Every position in the tree under `root`, moved to where an editor shows it."""
    if lines.starts is None:
        return
    spots = [root]
    while spots:
        spot = spots.pop()
        spot.line, spot.column = lines.place(spot.line, spot.column)
        if spot.keys:
            spot.keys = {key: lines.place(*where) for key, where in spot.keys.items()}
        if isinstance(spot.children, dict):
            spots.extend(spot.children.values())
        elif spot.children:
            spots.extend(spot.children)


class _Builder:
    """Turns parser events into plain data and a tree of Spots, without recursion."""

    def __init__(self, file: str, lines: EditorLines) -> None:
        self.file = file
        self.lines = lines
        # Each frame: [container, spot, pending key or _NO_KEY, key line, key column]
        self.stack: list[list[Any]] = []
        self.result: Any = _NOTHING
        self.result_spot = Spot(0, 0)
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if type(event) is yaml.ScalarEvent:  # most events: keep their path short
            mark: Any = event.start_mark  # libyaml sets it on every event
            stack = self.stack
            if stack and stack[-1][2] is _NO_KEY and type(stack[-1][0]) is dict:
                self._key(stack[-1], event, mark.line, mark.column)
            else:
                self._add(self._scalar(event), Spot(mark.line, mark.column), event)
        elif isinstance(event, yaml.MappingStartEvent):
            self._open(event, {}, "map")
        elif isinstance(event, yaml.SequenceStartEvent):
            self._open(event, [], "seq")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            container, spot = self.stack.pop()[:2]
            self._add(container, spot, event)
        elif isinstance(event, yaml.AliasEvent):
            self._fail(
                event,
                f"aliases (*{event.anchor}) are not supported in the playbook",
                "write the value out in full instead of referring to an anchor",
            )
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._fail(
                    event,
                    "the file holds more than one YAML document",
                    "a playbook file holds one record: remove this '---' and what follows, or move it to its own file",
                )

    def document(self) -> Document:
        if self.result is _NOTHING or self.result is None:
            raise EmptyFile(
                Problem(
                    self.file, 1, 1, "the file is empty", hint="fill it in, or delete the file if the record is gone"
                )
            )
        if not isinstance(self.result, dict):
            line, column = self.lines.place(self.result_spot.line, self.result_spot.column)
            raise LoadError(
                Problem(
                    self.file,
                    line + 1,
                    column + 1,
                    f"the file must hold fields (name: value), not {_kind_name(self.result)}",
                    hint="start each field on its own line as 'field: value'",
                )
            )
        return Document(self.file, self.result, self.result_spot)

    def _open(self, event: Any, container: dict[str, Any] | list[Any], kind: str) -> None:
        self._check_tag(event, frozenset({"tag:yaml.org,2002:" + kind}))
        if len(self.stack) >= MAX_DEPTH:
            self._fail(event, f"values are nested more than {MAX_DEPTH} levels deep", TOO_DEEP_HINT)
        is_map = kind == "map"
        spot = Spot(event.start_mark.line, event.start_mark.column, {} if is_map else [], {} if is_map else None)
        self.stack.append([container, spot, _NO_KEY, 0, 0])

    def _add(self, value: Any, spot: Spot, event: Any) -> None:
        if not self.stack:
            self.result, self.result_spot = value, spot
            return
        frame = self.stack[-1]
        container, parent = frame[0], frame[1]
        if isinstance(container, list):
            container.append(value)
            parent.children.append(spot)
        elif frame[2] is _NO_KEY:
            self._fail(event, "a list or mapping cannot be used as a key", "keys are plain field names such as 'title'")
        else:
            key = frame[2]
            container[key] = value
            parent.children[key] = spot
            parent.keys[key] = (frame[3], frame[4])
            frame[2] = _NO_KEY

    def _key(self, frame: list[Any], event: yaml.ScalarEvent, line: int, column: int) -> None:
        # A key is the text as written: `no:` names a field "no", not false.
        if event.tag not in (None, "!"):
            self._check_tag(event, _SCALAR_TAGS)
        key = event.value
        if key in frame[0]:
            first = self.lines.place(*frame[1].keys[key])[0] + 1
            self._fail(
                event,
                f"duplicate key '{key}' (first set at line {first})",
                "keep one of the two; YAML would silently drop the other",
            )
        frame[2], frame[3], frame[4] = key, line, column

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        if event.tag in (None, "!"):
            if not event.implicit[0]:
                return event.value  # quoted: always text
            tag = _implicit_tag(event.value)
        else:
            self._check_tag(event, _SCALAR_TAGS)
            tag = event.tag
        construct = _CONSTRUCT.get(tag)
        if construct is None:
            return event.value  # text, and dates, which stay text for the schema to check
        try:
            return construct(event.value)
        except OverflowError:
            self._fail(
                event,
                f"{_shown(event.value)} is too large a number for the playbook",
                f"numbers stay within ±{MAX_INTEGER:,}; put the value in quotes if it is text",
            )
        except _NotFinite:
            self._fail(
                event,
                f"{_shown(event.value)} is not a finite number",
                "write a number such as 42 or 0.5, or put the value in quotes if it is text",
            )
        except ValueError:
            kind = "a number" if tag in (_INT, _FLOAT) else tag.rsplit(":", 1)[-1]
            self._fail(
                event,
                f"{_shown(event.value)} cannot be read as {kind}",
                "put the value in quotes if it is text, or correct it",
            )

    def _check_tag(self, event: Any, allowed: frozenset[str]) -> None:
        if event.tag is None or event.tag == "!" or event.tag in allowed:
            return
        shown = event.tag.replace("tag:yaml.org,2002:", "!!")
        self._fail(
            event,
            f"the tag {shown} is not allowed",
            "remove the tag: playbook values are plain text, numbers, dates, lists and fields",
        )

    def _fail(self, event: Any, message: str, hint: str) -> NoReturn:
        line, column = self.lines.place(event.start_mark.line, event.start_mark.column)
        raise LoadError(Problem(self.file, line + 1, column + 1, message, hint=hint))


_NOTHING = object()
_NO_KEY = object()


def _shown(value: str) -> str:
    """A value quoted for a one-line message, shortened when long."""
    return repr(value if len(value) <= 40 else value[:37] + "…")


def _kind_name(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "plain text"
    return f"a single value ({value!r})"
