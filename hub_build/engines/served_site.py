"""Where `hub serve` builds on MkDocs: a folder of the hub's own that outlives the session, so
that the next `hub serve` starts by serving it (see previous_site.py), as it does a site
`hub build` left.

MkDocs builds what it serves in a temporary folder, removed when it stops. The hub builds in
`.hub-build/served-site/` instead, and the engine's server serves that folder. A session's
first build goes into `.hub-build/served-site.partial/`, and takes the place of the site kept
before only once it is finished: a session stopped at any moment (Ctrl-C, a signal, a crash)
leaves a whole site, and nothing the playbook no longer has (an idea deleted since) stays in it.
Where `.hub-build/` is not a real folder inside the hub, nothing is kept: MkDocs' own temporary
folder is used, as before.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

KEEP = "HUB_KEEP_SERVED_SITE"  # set by `hub serve` for the engine: "1" to build in the kept folder
FOLDER = (".hub-build", "served-site")
PARTIAL = ".partial"  # the first build's folder: the kept one's name with this after it
_OLD = ".old"  # the site kept before, for the moment it takes to remove it


def kept(root: Path) -> Path:
    """The folder that holds the site `hub serve` built last, finished."""
    return root.joinpath(*FOLDER)


def first_build_folder(root: Path) -> Path | None:
    """An empty folder for a session's first build; None where the hub's own folder cannot be used."""
    folder = _named(root, PARTIAL)
    if not _usable(root):
        return None
    try:
        shutil.rmtree(folder, ignore_errors=True)  # left by a session stopped during its first build
        folder.mkdir(parents=True)
    except OSError:
        return None
    return folder


def keep_first_build(root: Path) -> Path:
    """The session's first build is finished: it replaces the site kept before. Returns where it is now."""
    target, old = kept(root), _named(root, _OLD)
    shutil.rmtree(old, ignore_errors=True)
    if target.is_dir():
        os.replace(target, old)
    os.replace(_named(root, PARTIAL), target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def _named(root: Path, suffix: str) -> Path:
    folder = kept(root)
    return folder.with_name(folder.name + suffix)


def _usable(root: Path) -> bool:
    """`.hub-build/` and what `hub serve` keeps in it are real folders inside the hub (no link out)."""
    parent = root / FOLDER[0]
    for path in (parent, kept(root), _named(root, PARTIAL), _named(root, _OLD)):
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            return False
    try:
        return (parent if parent.exists() else root).resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def wanted() -> bool:
    """Whether `hub serve` asked the engine to keep what it serves (a plain `mkdocs serve` does not)."""
    return os.environ.get(KEEP) == "1"


def root_of(folder: Path) -> Path:
    """The hub's root, from the folder `hub serve` builds in (kept or first build's)."""
    return folder.parents[len(FOLDER) - 1]


def remove_first_build(folder: Path) -> None:
    """A first build that did not finish leaves nothing behind."""
    if folder == _named(root_of(folder), PARTIAL):
        shutil.rmtree(folder, ignore_errors=True)


def error_pages(folder: Path) -> Callable[[int], bytes | None]:
    """The engine server's error pages (its 404 page), read from the kept folder as MkDocs reads its own."""

    def page(code: int) -> bytes | None:
        if code not in (404, 500):
            return None
        try:
            return (folder / f"{code}.html").read_bytes()
        except OSError:
            return None

    return page
