"""How the running hub was installed, and how to install that same hub again elsewhere.

pip records where a package came from in the `direct_url.json` of its metadata
(PEP 610): a Git repository at a commit, an archive (a wheel or an sdist, on this
computer or at an address), or a folder. A package with no such record came from
a package index. A new hub's CI, its pre-commit hook and every install command the
hub prints start from this, so that they name what exists: a hub installed from
Git is never told to install a release that was never published.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit
from urllib.request import url2pathname

from hub_build import __version__

# The name the hub is published under, and installed by (pyproject.toml's [project] name).
DISTRIBUTION = "hub-build"
# Where a hub keeps a wheel it installs the hub from, when the hub came from this computer.
WHEELS = "wheels"
_PACKAGE = Path(__file__).resolve().parents[1]


class Source(Enum):
    INDEX = "index"  # a package index such as PyPI: name and version say it all
    GIT = "git"  # a Git repository, at the commit that was installed
    ARCHIVE = "archive"  # a wheel or sdist at an address anyone can fetch
    LOCAL = "local"  # a wheel or a folder on this computer, which no other computer can reach


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the running hub came from."""

    source: Source
    version: str
    url: str = ""  # the Git repository, the archive's address, or a file:// address on this computer
    commit: str = ""  # for Git: the commit installed
    editable: bool = False  # a folder installed with `pip install -e`

    @property
    def local_path(self) -> Path | None:
        """The file or folder on this computer the hub was installed from."""
        if self.source is not Source.LOCAL:
            return None
        return Path(url2pathname(unquote(urlsplit(self.url).path)))

    @property
    def wheel_name(self) -> str:
        """The wheel a hub keeps in wheels/: the one installed, or the one its folder builds."""
        path = self.local_path
        if path is not None and path.suffix == ".whl":
            return path.name
        return f"hub_build-{self.version}-py3-none-any.whl"

    def requirement(self, extra: str | None = None) -> str:
        """A line of requirements.txt that installs this same hub (run from the hub's root for a local one)."""
        name = f"{DISTRIBUTION}[{extra}]" if extra else DISTRIBUTION
        if self.source is Source.GIT:
            return f"{name} @ git+{self.url}@{self.commit}"
        if self.source is Source.ARCHIVE:
            return f"{name} @ {self.url}"
        if self.source is Source.LOCAL:
            return f"./{WHEELS}/{self.wheel_name}" + (f"[{extra}]" if extra else "")
        return f"{name}=={self.version}"

    def install_command(self, extra: str | None = None) -> str:
        """The command that installs this hub, with an extra, into the environment it runs in."""
        if self.source is Source.LOCAL:
            path = self.local_path
            target = f"{path}[{extra}]" if extra else str(path)
            return f"python -m pip install {'-e ' if self.editable else ''}'{target}'"
        return f"python -m pip install '{self.requirement(extra)}'"


def origin_of(direct_url: Mapping[str, object] | None, version: str) -> Origin:
    """Where a hub of `version` came from, given its direct_url.json (None when it has none)."""
    if direct_url is None:
        return Origin(Source.INDEX, version)
    url = _without_password(str(direct_url.get("url", "")))
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, Mapping) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return Origin(Source.GIT, version, url=_with_host(url), commit=str(vcs["commit_id"]))
    if urlsplit(url).scheme in ("http", "https") and "archive_info" in direct_url:
        return Origin(Source.ARCHIVE, version, url=url)
    dir_info = direct_url.get("dir_info")
    editable = isinstance(dir_info, Mapping) and bool(dir_info.get("editable"))
    return Origin(Source.LOCAL, version, url=url, editable=editable)


def running_origin() -> Origin:
    """Where the hub running now came from.

    A hub run from a copy of its source that no installation describes (on
    PYTHONPATH, say) counts as installed from that folder.
    """
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _source_folder()
    raw = distribution.read_text("direct_url.json")
    try:
        direct_url = json.loads(raw) if raw else None
    except json.JSONDecodeError:
        direct_url = None
    if direct_url is not None and not isinstance(direct_url, dict):
        direct_url = None
    found = origin_of(direct_url, distribution.version)
    if not _is_the_running_copy(distribution, found):
        return _source_folder()
    return found


def _is_the_running_copy(distribution: metadata.Distribution, found: Origin) -> bool:
    """Whether the installation found is the code running now, not another copy beside it."""
    if found.editable:
        return found.local_path is not None and _same(found.local_path, _PACKAGE.parent)
    installed = distribution.locate_file("hub_build/__init__.py")
    return _same(Path(str(installed)), _PACKAGE / "__init__.py")


def _source_folder() -> Origin:
    return Origin(Source.LOCAL, __version__, url=_PACKAGE.parent.as_uri(), editable=True)


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _with_host(url: str) -> str:
    """A file:// address with its host written out: pip before 24 refuses `name @ git+file:///…`."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc="localhost")) if parts.scheme == "file" and not parts.netloc else url


def _without_password(url: str) -> str:
    """The address with any password taken out: a requirements file is committed and read by many."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=user + host))
