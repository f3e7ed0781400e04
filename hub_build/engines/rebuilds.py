"""What `hub serve` keeps between rebuilds on MkDocs, so that a save rebuilds
only what it changed.

Under `mkdocs serve --dirty` MkDocs builds only the files that say they were
modified. A generated page says so when its Markdown differs from the one built
last time; everything is built again when something every page shows changes
(the glossary's tooltips, the hub's settings, the theme's overrides, the
hand-written pages, the "propose an idea" address) or when the last build did
not finish. Pages in the navigation are always built: their titles and places
are part of every page. A page no longer generated has its output removed.

The parsed files, the rendered record pages, the HTML of long pages' sections
and the documents the search indexes are kept too (`Documents`, `SiteCache`,
`SectionCache`, `KeptSource`), so a save costs one parse, the pages that
changed, and the sections and search documents that changed. None of this shows: the site is the one a cold build makes.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable
from pathlib import Path

import jinja2
import jinja2.bccache

from hub_build.engines.search_index import KeptSource
from hub_build.engines.sections import SectionCache
from hub_build.playbook.loading import Documents
from hub_build.site.description import SiteCache, SiteDescription


class KeptBytecode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept between rebuilds: MkDocs makes a new
    template environment for each, and compiling the theme is a third of a small
    hub's rebuild. Jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


class Rebuilds:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.documents = Documents()
        self.cache = SiteCache()
        self.templates = KeptBytecode()
        self.sections = SectionCache()  # the HTML of long pages' sections (sections.py)
        # The documents the search indexed last time (search_index.py).
        self.search = KeptSource()
        self._built: dict[str, str] = {}  # page uri → the Markdown built last time
        self._outputs: dict[str, str] = {}  # page uri → the file it was written to
        self._shared: tuple[object, ...] | None = None
        self._finished = True
        self._everything = True
        self._pending: dict[str, str] = {}
        self._flagged: set[str] = set()  # pages that showed an error notice last time
        self._flagging: set[str] = set()
        self._day: str | None = None  # the build date of the last build (the sitemap's dates)
        # The installed theme's files MkDocs publishes, listed once (mkdocs_setup.list_installed_theme_once).
        self.theme_files: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
        self.last_good: SiteDescription | None = None  # what is served while a save has errors
        self.reminders_told: frozenset[str] = frozenset()  # the reminders logged so far (plugin_problems.py)

    def start(
        self, site: SiteDescription, shared: tuple[object, ...], *, flagged: Iterable[str] = (), day: str = ""
    ) -> None:
        """Begin a build of `site`; `shared` is what every page shows besides its Markdown,
        `flagged` the pages that show an error notice (built, as are those that showed one),
        `day` the engine's build date."""
        self._everything = not self._finished or shared != self._shared or day != self._day
        self._day = day
        if self._everything:
            self.sections.clear()
        self._shared = shared
        self._finished = False
        self._pending = {page.uri: page.markdown for page in site.pages}
        self._flagging = set(flagged)

    @property
    def everything(self) -> bool:
        """Whether this build builds every page."""
        return self._everything

    def same_pages(self) -> bool:
        """Whether this build makes the very pages the last one made (none added or gone), on the
        same day, and builds only those that changed: what lists every page (the sitemap) is as
        last built, and MkDocs need not be told of the unchanged pages as pages at all."""
        return not self._everything and self._pending.keys() == self._built.keys()

    def changed(self, uri: str) -> bool:
        return (
            self._everything
            or uri in self._flagging
            or uri in self._flagged
            or self._built.get(uri) != self._pending.get(uri)
        )

    def finish(self, outputs: dict[str, str], *, good: SiteDescription | None) -> list[str]:
        """The build went through: remember it, and remove the output of pages gone since.
        `good` is the site built when it had no errors."""
        gone = [path for uri, path in self._outputs.items() if uri not in outputs]
        for path in gone:
            _remove(path)
        self._built, self._outputs = self._pending, outputs
        self._flagged, self._pending = self._flagging, {}
        self._finished = True
        self.sections.finish(outputs)
        if good is not None:
            self.last_good = good
        return gone

    def close(self) -> None:
        """The session is over: let go of what only it used."""
        self.search = KeptSource()


def set_aside(*, tidy: bool = False) -> None:
    """What the session holds now (the playbook, the pages, what is kept, and what the last
    save left unreachable) is left out of Python's cyclic garbage collector's rounds, which
    start again; with `tidy`, after a full round that frees the unreachable first.

    A full round walks every object the process holds: at 8,000 records, half a second
    each, and a save triggered two; the younger rounds of a save took a sixth of it more.
    So a save runs with no rounds at all (`pause_collection`) unless it builds every page,
    and what it leaves unreachable is freed when nothing refers to it any more, or, for
    cycles, at the next tidy, which `hub serve` runs once the site is caught up and no save
    is waiting.
    """
    if tidy:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    gc.enable()


def pause_collection() -> None:
    """No cyclic garbage collection until `set_aside` or `resume_collection`: a save that builds
    a few pages leaves little garbage, collected after its page is served."""
    gc.disable()


def resume_collection() -> None:
    """Collect as usual: this build makes every page, and with them much garbage."""
    gc.enable()


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    # The page's own folder, with directory URLs; kept if anything else is in it.
    with contextlib.suppress(OSError):
        os.rmdir(os.path.dirname(path))


def folder_state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under `folder` with its size and modification time: a change anywhere changes it."""
    state = []
    for parent, subfolders, files in os.walk(folder):
        subfolders.sort()
        for name in sorted(files):
            path = os.path.join(parent, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            state.append((os.path.relpath(path, folder), status.st_size, status.st_mtime_ns))
    return tuple(state)
