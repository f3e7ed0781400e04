"""Charts drawn by earlier builds, kept in the hub's `.hub-build/charts/` folder.

Drawing a chart is most of the scorecard's cost (matplotlib's import alone is
half a second), and most builds change no result: a chart is kept under a name
made from everything it shows (`scorecard_view._shown`) and the code that draws
it, so a build whose results did not change draws nothing and imports no
matplotlib.

The folder is the hub's own and Git ignores it, but what is in it is read as
markup into the pages, so nothing is trusted: an entry is used only if it is a
chart of the shape the hub draws (SVG elements, no scripts, no event handlers,
no links out of the chart), smaller than `ENTRY_BYTES`; anything else is ignored
and drawn again. The folder is used only where it lies inside the hub with no
symbolic link on the way; it holds at most `ENTRIES` charts, the least recently
used removed first.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import re
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

FOLDER = (".hub-build", "charts")
SUFFIX = ".svg"
ENTRIES = 1_000  # far more than a scorecard shows; what a build uses is always kept
ENTRY_BYTES = 1 << 20  # a chart of five years of weekly results is about 60 KB
CHARTS_CODE = Path(__file__).resolve().parent / "charts.py"

_SVG = "{http://www.w3.org/2000/svg}"
# What matplotlib's SVG backend and `charts._accessible` write, and nothing that runs or loads anything.
_ELEMENTS = frozenset(
    f"{_SVG}{name}"
    for name in (
        "svg",
        "defs",
        "style",
        "g",
        "path",
        "clipPath",
        "rect",
        "use",
        "text",
        "tspan",
        "title",
        "desc",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
    )
)
_LINKS = frozenset({"href", "{http://www.w3.org/1999/xlink}href"})
_UNSAFE_STYLE = re.compile(r"url\(\s*['\"]?(?!#)|@import|expression\s*\(|javascript:", re.IGNORECASE)


@functools.cache
def _code_version() -> str:
    """What else decides how a chart looks: the drawing code and matplotlib's version."""
    try:
        matplotlib = importlib.metadata.version("matplotlib")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - matplotlib is a dependency
        matplotlib = "?"
    return hashlib.sha256(CHARTS_CODE.read_bytes() + matplotlib.encode()).hexdigest()


def chart_key(shown: tuple[object, ...]) -> str:
    """The entry's name: a digest of what the chart shows and of the code that draws it."""
    return hashlib.sha256(f"{_code_version()}\n{shown!r}".encode()).hexdigest()


class ChartFolder:
    """The kept charts of one hub, by key; what this build used is never removed when tidying."""

    def __init__(self, root: Path) -> None:
        self.folder = root.joinpath(*FOLDER)
        self._usable = _inside(root, self.folder)
        self._used: set[str] = set()

    def get(self, key: str) -> str | None:
        """The kept chart, if there is one and it is safe to place in a page."""
        if not self._usable:
            return None
        path = self.folder / f"{key}{SUFFIX}"
        try:
            with open(path, "rb", opener=_no_links) as stream:
                data = stream.read(ENTRY_BYTES + 1)
            os.utime(path, follow_symlinks=False)  # recently used: the last to go when the folder is tidied
        except OSError:
            return None
        text = _chart_text(data)
        if text is not None:
            self._used.add(key)
        return text

    def put(self, key: str, svg: str) -> None:
        """Keep a chart just drawn; a folder that cannot be written only means drawing it again next time."""
        if not self._usable:
            return
        self._used.add(key)
        temporary = self.folder / f".{key}-{secrets.token_hex(4)}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not _inside(self.folder.parent.parent, self.folder):
                self._usable = False
                return
            with open(temporary, "xb") as stream:
                stream.write(svg.encode("utf-8"))
            os.replace(temporary, self.folder / f"{key}{SUFFIX}")
        except OSError:
            temporary.unlink(missing_ok=True)

    def tidy(self) -> None:
        """Remove the least recently used charts beyond `ENTRIES`, and leftovers of interrupted writes."""
        if not self._usable:
            return
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        leftovers = [entry for entry in entries if entry.name.endswith(".tmp")]
        charts = [
            entry
            for entry in entries
            if entry.name.endswith(SUFFIX) and entry.name.removesuffix(SUFFIX) not in self._used
        ]
        room = max(ENTRIES - len(self._used), 0)
        charts.sort(key=_last_used, reverse=True)
        _remove(entry.path for entry in [*leftovers, *charts[room:]])


def _inside(root: Path, folder: Path) -> bool:
    """The folder, and every part of it that exists, is a real folder inside the hub."""
    part = root
    for name in FOLDER:
        part = part / name
        if part.is_symlink() or (part.exists() and not part.is_dir()):
            return False
    try:
        existing = folder if folder.exists() else root
        return existing.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def _no_links(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def _last_used(entry: os.DirEntry[str]) -> float:
    try:
        return entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0


def _remove(paths: Iterable[str]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):  # gone already, or not ours to remove: nothing to do
            os.unlink(path)


def _chart_text(data: bytes) -> str | None:
    """The entry's text if it is a whole chart of the shape the hub draws, else None (drawn again)."""
    if len(data) > ENTRY_BYTES:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # No prologue, comment, doctype or CDATA: nothing an HTML parser could read otherwise than XML does.
    if not text.startswith("<svg") or "<!" in text or "<?" in text:
        return None
    try:
        tree = ET.fromstring(text)
    except ET.ParseError:
        return None
    return text if all(_safe(element) for element in tree.iter()) else None


def _safe(element: ET.Element) -> bool:
    if element.tag not in _ELEMENTS:
        return False
    for name, value in element.attrib.items():
        if name.rsplit("}", 1)[-1].lower().startswith("on"):
            return False
        if name in _LINKS and not value.startswith("#"):
            return False
        if _UNSAFE_STYLE.search(value):
            return False
    return not (element.text and element.tag == f"{_SVG}style" and _UNSAFE_STYLE.search(element.text))
