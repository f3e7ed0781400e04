"""The search index: Pagefind run over a built site, whichever engine built it.

Pagefind reads HTML. It is given, in a folder of its own, the site's pages that
people write (hand-written pages, the narrative) and one small document per
search entry (a term, a clause, a person, an onboarding day, an idea; see
site/search.py), each leading to its anchor. It writes its bundle into the
site's `pagefind/` folder, which readers' browsers load only once they search.

Pagefind runs in that folder of its own, so a `pagefind.yml` in the hub's root
is never read: nothing in the repository configures it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from hub_build.engines import site_folder
from hub_build.engines.pagefind_service import SearchStopped, index_documents
from hub_build.site.description import SiteDescription
from hub_build.site.links import HOME
from hub_build.site.search import Entry, entry_html

BUNDLE = "pagefind"
# The theme's own parts of a page, around the article: never what a reader searches for.
THEME_PARTS = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".md-footer",
    ".md-dialog",
    ".md-banner",
    ".md-top",
    ".md-consent",
    ".md-source-file",
    ".md-content__button",
    ".headerlink",
)
WORK_PREFIX = ".hub-search-"  # the folder a bundle is made in, inside the site
OLD_BUNDLE = f".{BUNDLE}-old"  # the last bundle, set aside while the new one takes its place
# Folders of a built site that hold no pages to search.
NOT_PAGES = (BUNDLE, "assets", "schemas", "search")
PAGE_KIND = "page"
ENTRY_PREFIX = "_hub-entry-"


def index_site(
    site_dir: Path,
    site: SiteDescription,
    *,
    directory_urls: bool = True,
    language: str = "en",
    stop: threading.Event | None = None,
    kept: KeptSource | None = None,
) -> int:
    """Write the search bundle of the site built in `site_dir`; return the number of documents indexed.

    Setting `stop` abandons the work (SearchStopped) and leaves the bundle there was. The
    documents are sent to Pagefind through a pipe, never written (see pagefind_service.py).
    With `kept` (under `hub serve`), each is kept from the last time and made again only
    when it changed.
    """
    # What an indexing killed midway left in the site: its working folder and the bundle set aside.
    site_folder.remove_leftovers([*site_dir.glob(f"{WORK_PREFIX}*"), site_dir / OLD_BUNDLE])
    # Inside the site: a build killed while indexing leaves it there, in the staging folder the
    # next build sweeps away (or the kept site, tidied just above), never beside the site.
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=site_dir) as work:
        source = kept if kept is not None else KeptSource()
        skip = {page_file(uri, directory_urls) for uri in site.unsearched}
        count = _read_pages(site_dir, source, skip=skip, stop=stop)
        if count == 0 and not site.search:
            # Pagefind refuses to write an empty index; an empty hub still gets a search that finds its home.
            count = _read_pages(site_dir, source, skip=skip - {page_file(HOME, directory_urls)}, stop=stop)
        for entry in site.search:
            _check(stop)
            # At the root, so that the page's address, relative, resolves against the entry's own.
            source.entry(entry, functools.partial(entry_html, entry, page_url(entry.page, directory_urls), language))
        count += len(site.search)
        documents = source.finish()
        bundle = Path(work) / BUNDLE
        index_documents(
            pagefind_command(), documents, bundle, language=language, exclude=THEME_PARTS, work=Path(work), stop=stop
        )
        _replace(site_dir / BUNDLE, bundle)
    return count


class KeptSource:
    """The documents Pagefind reads: the site's pages searched as pages, and one per search entry,
    each by its path from the site's root. Kept from one indexing to the next (under `hub serve`),
    a page is read again only when the site's file changed (its size or time), an entry's document
    made again only when the entry did; one no longer asked for is dropped."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[object, str]] = {}  # path → (what it was made from, its HTML)
        self._seen: set[str] = set()

    def page(self, relative: str, path: Path) -> None:
        status = path.stat()
        self._make(
            relative,
            (status.st_mtime_ns, status.st_size),
            lambda: _with_search_data(path.read_text(encoding="utf-8", errors="replace")),
        )

    def entry(self, entry: Entry, document: Callable[[], str]) -> None:
        self._make(_unique_entry_file(entry, self._seen), entry, document)

    def _make(self, relative: str, origin: object, content: Callable[[], str]) -> None:
        self._seen.add(relative)
        kept = self._kept.get(relative)
        if kept is None or kept[0] != origin:
            self._kept[relative] = (origin, content())

    def finish(self) -> list[tuple[str, str]]:
        """Every document asked for since the last time, by path (the order Pagefind numbers them in)."""
        for relative in [name for name in self._kept if name not in self._seen]:
            del self._kept[relative]
        self._seen = set()
        return sorted((relative, html) for relative, (_origin, html) in self._kept.items())


def _unique_entry_file(entry: Entry, taken: set[str]) -> str:
    """The file of an entry's document, beside the others already `taken`."""
    name = f"{ENTRY_PREFIX}{_entry_name(entry)}"
    # Two entries alike in all they are named by (rare): the later one numbered, in the entries' order.
    number = 1
    while f"{name}.html" in taken:
        number += 1
        name = f"{ENTRY_PREFIX}{_entry_name(entry)}-{number}"
    return f"{name}.html"


def _entry_name(entry: Entry) -> str:
    """A name of the entry's own, the same whatever entries come before it."""
    named = f"{entry.page}#{entry.anchor}#{entry.kind}#{entry.title}"
    return hashlib.blake2b(named.encode("utf-8"), digest_size=10).hexdigest()


def page_url(uri: str, directory_urls: bool) -> str:
    """Where the page made from `uri` (a Markdown file's path in docs/) is, from the site's root."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def page_file(uri: str, directory_urls: bool) -> str:
    """The HTML file the page made from `uri` is written to."""
    url = page_url(uri, directory_urls)
    return f"{url}index.html" if url.endswith("/") or not url else url


def _pages(site_dir: Path) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(site_dir):
        here = Path(folder)
        if here == site_dir:
            subfolders[:] = [name for name in subfolders if name not in NOT_PAGES and not name.startswith(".")]
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".html") and not (here == site_dir and name == "404.html"):
                yield here / name


def _check(stop: threading.Event | None) -> None:
    """Give up the moment a newer rebuild asks: it indexes the site again."""
    if stop is not None and stop.is_set():
        raise SearchStopped


def _read_pages(site_dir: Path, source: KeptSource, *, skip: set[str], stop: threading.Event | None = None) -> int:
    count = 0
    for path in _pages(site_dir):
        _check(stop)
        relative = path.relative_to(site_dir).as_posix()
        if relative in skip:
            continue
        source.page(relative, path)
        count += 1
    return count


def _with_search_data(page: str) -> str:
    """The page with its kind, for the indexer only: the site's file is not changed."""
    data = f'<span data-pagefind-meta="section:Page"></span><span data-pagefind-filter="kind:{PAGE_KIND}"></span>'
    end = page.rfind("</body>")
    return page[:end] + data + page[end:] if end >= 0 else page + data


def pagefind_command() -> list[str]:
    """How to run Pagefind: its binary, found where `python -m pagefind` looks first, without
    starting a Python (and its asyncio) only to find it; else `python -m pagefind`, which looks
    further (a pagefind on the PATH) or says why it cannot."""
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured:
        return [configured]
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(package).get_executable()
        except (ImportError, OSError):
            continue
        return [str(found)]
    return [sys.executable, "-P", "-m", "pagefind"]


def _replace(target: Path, new: Path) -> None:
    """Swap the new bundle in, so a reader searching during a rebuild meets a whole bundle."""
    old = target.with_name(OLD_BUNDLE)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    shutil.move(str(new), str(target))
    shutil.rmtree(old, ignore_errors=True)
