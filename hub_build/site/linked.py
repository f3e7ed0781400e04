"""Symbolic links among the files a site is made of: followed inside the repository, refused out of it.

A maintainer's or contributor's link in `docs/`, in the theme's overrides or in the
templates' overrides could otherwise have the build read a file of the machine it
runs on (`docs/notes.md -> ~/.ssh/id_rsa`) and publish it. A link whose target lies
inside the repository is read like the file it points to, on every engine and in
the export alike; one that leads out of it is refused with its own position.
"""

from __future__ import annotations

import os
from pathlib import Path

from hub_build.playbook.layout import shown_path
from hub_build.playbook.problems import Problem

HINT = "copy what it points to into the repository, or remove the link"
GIT = ".git"


def refused_links(folder: Path, root: Path) -> list[Problem]:
    """One problem for each symbolic link under `folder` (or `folder` itself) that leads out of `root`."""
    return _walk(folder, root)[1]


def files_under(folder: Path, root: Path) -> list[Path]:
    """The files under `folder` (as paths from it), through the links that stay inside `root`,
    as the engines find them."""
    return _walk(folder, root)[0]


def leaves(path: Path, root: Path) -> bool:
    """Whether reading `path` reads, through a symbolic link, a file outside `root`."""
    return _leaves(str(path), os.path.realpath(root))


def refused(path: Path, root: Path) -> Problem:
    """The problem of `path`, read through a link out of `root`, said at the link itself."""
    link = _link_on_the_way(os.path.abspath(path), os.path.abspath(root), os.path.realpath(root))
    return _problem(link, root)


def _walk(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    real_root = os.path.realpath(root)
    start, base = os.path.abspath(folder), os.path.abspath(root)
    files: list[Path] = []
    problems: dict[str, Problem] = {}
    if not os.path.isdir(start):
        return files, []
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(start, followlinks=True):
        dirnames.sort()
        real = os.path.realpath(dirpath)
        if real in seen:  # a link back to a folder already walked: once is enough
            dirnames[:] = []
            continue
        seen.add(real)
        if _leaves(dirpath, real_root):
            link = _link_on_the_way(dirpath, base, real_root)
            problems.setdefault(link, _problem(link, root))
            dirnames[:] = []
            continue
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if _leaves(path, real_root):
                link = _link_on_the_way(path, base, real_root)
                problems.setdefault(link, _problem(link, root))
            elif os.path.isfile(path):
                files.append(Path(os.path.relpath(path, start)))
    return files, sorted(problems.values(), key=Problem.sort_key)


def _leaves(path: str, real_root: str) -> bool:
    # A path read through no link at all is where the configuration put it, even outside the root.
    real = os.path.realpath(path)
    return not _in_repository(real, real_root) and real != os.path.abspath(path)


def _in_repository(real: str, real_root: str) -> bool:
    # Git's own folder is no part of what the repository holds, and on a build machine its
    # config may carry the token the checkout used.
    return _inside(real, real_root) and not _inside(real, os.path.join(real_root, GIT))


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _link_on_the_way(path: str, base: str, real_root: str) -> str:
    """The first link on the way from the root (or the file system's top) to `path` that leads out of the root."""
    start = base if _inside(path, base) else os.sep
    parts = Path(os.path.relpath(path, start)).parts
    for count in range(1, len(parts) + 1):
        prefix = os.path.join(start, *parts[:count])
        if os.path.islink(prefix) and not _in_repository(os.path.realpath(prefix), real_root):
            return prefix
    return path


def _problem(link: str, root: Path) -> Problem:
    base = os.path.abspath(root)
    shown = Path(os.path.relpath(link, base)).as_posix() if _inside(link, base) else link
    kind = "folder" if os.path.isdir(link) else "file"
    return Problem(
        shown_path(shown), 1, 1, f"a symbolic link to a {kind} outside the repository is not read", hint=HINT
    )
