"""Which folders the hub may fill with a site or an export, and replace or prune later.

A build replaces its site folder as a whole, and an export removes the files it
no longer needs: given the hub's own root, its playbook or someone's documents,
either would destroy what it did not make. So the hub writes only into a folder
that is missing, empty, or carries the marker it leaves in everything it makes;
a site or an export made before the marker existed is recognised by the files
only the hub writes. The hub's root, a folder holding it, and its source folders are
refused whatever they hold.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import yaml

from hub_build.engines.config_file import composed
from hub_build.playbook.writing import replace

MARKER = ".hub-output"
SOURCES = ("playbook", "docs", "schemas", "overrides", ".git")
# What every hub build (or export) has and a folder of someone's own does not: the playbook's JSON
# export beside a home page (or beside the engine's settings).
_UNMARKED_HUB_OUTPUT = (("index.html", "api/playbook.json"), ("mkdocs.yml", "docs/api/playbook.json"))
_MARKER_TEXT = "This folder was written by hub. hub replaces it when it builds or exports again.\n"
_WRITTEN = "# written: "
HINT = "choose a new or empty folder, outside playbook/, docs/, schemas/ and overrides/"


class SiteFolderRefused(Exception):
    """The folder would hold the hub, or someone's files: the hub does not write there."""

    def __init__(self, reason: str, *, hint: str) -> None:
        super().__init__(reason)
        self.hint = hint


def check(root: Path, folder: Path) -> None:
    """Raise SiteFolderRefused unless the hub may replace `folder` with what it builds from `root`."""
    reason = refusal(root, folder)
    if reason is not None:
        raise SiteFolderRefused(reason, hint=HINT)


def refusal(root: Path, folder: Path, *, shown: str | None = None) -> str | None:
    """Why the hub must not write a site or an export into `folder`, or None when it may."""
    root, target = root.resolve(), folder.resolve()
    shown = shown or folder.as_posix()
    if target == root:
        return f"{shown} is the hub's own folder, which writing a site there would replace"
    if root.is_relative_to(target):
        return f"{shown} holds the hub, which writing a site there would replace"
    for source in SOURCES:
        if target == root / source:
            return f"{shown} is the hub's {source}/ folder, which the hub is made from"
        if target.is_relative_to(root / source):
            return f"{shown} is inside {source}/, which the hub is made from"
    if os.path.lexists(target) and not target.is_dir():
        return f"{shown} is a file, not a folder"
    if target.is_dir() and not made_by_hub(target):
        return f"{shown} already holds files the hub did not write"
    return None


def remove_leftovers(folders: Iterable[Path]) -> None:
    """Remove what a killed build left, each only where it is a folder itself: never through a link."""
    for folder in folders:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def made_by_hub(folder: Path) -> bool:
    """True for an empty folder, one the hub marked, or a site or export the hub made before it marked them."""
    try:
        if not any(folder.iterdir()):
            return True
    except OSError:
        return False
    if _regular_file(folder / MARKER):
        return True
    return any(all(_regular_file(folder / name) for name in names) for names in _UNMARKED_HUB_OUTPUT)


def mark(folder: Path, written: list[str] | None = None) -> None:
    """Leave the marker in a folder the hub made; for an export, with the files it wrote, so it prunes only those."""
    lines = [_MARKER_TEXT, *(f"{_WRITTEN}{name}\n" for name in written or [])]
    replace(folder / MARKER, "".join(lines).encode("utf-8"))


def written_before(folder: Path) -> set[str]:
    """The files the last export into `folder` wrote, as its marker lists them."""
    if not _regular_file(folder / MARKER):
        return set()
    text = (folder / MARKER).read_text(encoding="utf-8", errors="replace")
    return {line.removeprefix(_WRITTEN) for line in text.splitlines() if line.startswith(_WRITTEN)}


def configured(root: Path, config_file: str = "mkdocs.yml") -> tuple[str, int, int] | None:
    """The `site_dir` set in the hub's mkdocs.yml, with its line and column, or None where none is set."""
    try:
        node = composed((root / config_file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # the engine reports a configuration it cannot read
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "site_dir"
            and isinstance(value, yaml.ScalarNode)
            and value.tag == "tag:yaml.org,2002:str"
        ):  # a value an engine resolves (!ENV) is its own to judge
            return value.value, value.start_mark.line + 1, value.start_mark.column + 1
    return None


def _regular_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()
