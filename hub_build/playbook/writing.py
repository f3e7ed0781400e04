"""Writing a file without writing through a symbolic link, outside the hub, or half.

A playbook comes from pull requests: a link named like a record can point at
any file its reader may write. So a file is opened without following a link at
its name, its folder is checked to lie inside the hub before anything is
written, and a file is replaced by renaming a complete copy over it, so a
stopped command never leaves half of one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from hub_build.playbook.problems import Problem

_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
LINK_HINT = "replace the symbolic link with the file itself, or remove it"


class WriteRefused(Exception):
    """Writing the file would go through a link, outside the hub, or over something else; nothing was written."""

    def __init__(self, message: str, *, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint
        self.place = ""

    def at(self, place: str) -> WriteRefused:
        """The same refusal, naming the file as the user knows it."""
        self.place = place
        return self

    @property
    def problem(self) -> Problem:
        return Problem(self.place, 1, 1, self.message, hint=self.hint)


def check_inside(root: Path, path: Path) -> None:
    """Refuse `path` if it is a link, or if its folder, once links are followed, lies outside `root`."""
    if path.is_symlink():
        raise WriteRefused("this is a symbolic link: the hub does not write through links", hint=LINK_HINT)
    folder = path.parent
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    if not folder.resolve().is_relative_to(root.resolve()):
        raise WriteRefused(
            f"{folder.name or folder}/ leads outside the hub through a symbolic link",
            hint="replace the symbolic link with a real folder, so the file stays inside the hub",
        )


def create(path: Path, data: bytes) -> None:
    """Write a new file at `path`; refuse if anything, a link included, is there already."""
    try:
        descriptor = os.open(path, _NEW, 0o666)
    except FileExistsError:
        if path.is_symlink():
            raise WriteRefused(
                "this is a symbolic link: the hub does not write through links", hint=LINK_HINT
            ) from None
        raise WriteRefused(
            "this file already exists", hint="choose another name, or move the file out of the way"
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def replace(path: Path, data: bytes) -> None:
    """Put a file holding `data` at `path` in one rename, keeping the mode of the file it replaces.

    A link at `path` is refused rather than followed or replaced: it was not the hub's to change.
    """
    try:
        status: os.stat_result | None = path.lstat()
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISLNK(status.st_mode):
        raise WriteRefused("this is a symbolic link: the hub does not write through links", hint=LINK_HINT)
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise WriteRefused("this is not a regular file", hint="move it out of the way")
    temporary = path.with_name(f".hub-{secrets.token_hex(6)}.tmp")
    try:
        create(temporary, data)
        if status is not None:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
