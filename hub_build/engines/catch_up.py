"""What follows the pages: the search index, and under `hub serve` the feeds and the JSON export.

A plain build indexes before it ends. Under `hub serve` the rebuilt page is served at
once, and these catch up a moment later on a thread of their own, which a newer save
stops (the `stop` event) rather than waits for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from hub_build.engines.pagefind_service import SearchFailed, SearchStopped
from hub_build.engines.rebuilds import set_aside
from hub_build.engines.search_index import KeptSource, index_site
from hub_build.playbook.validation import Result
from hub_build.site.description import SiteCache, SiteDescription, SiteSettings, data_parts

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def index(
    site_dir: Path,
    site: SiteDescription,
    directory_urls: bool,
    language: str,
    stop: threading.Event | None = None,
    kept: KeptSource | None = None,
) -> None:
    try:
        count = index_site(site_dir, site, directory_urls=directory_urls, language=language, stop=stop, kept=kept)
    except SearchFailed as exc:
        raise PluginError(str(exc)) from None
    log.debug("search: %d documents indexed", count)


def index_logged(
    site_dir: Path,
    site: SiteDescription,
    directory_urls: bool,
    language: str,
    stop: threading.Event,
    kept: KeptSource | None = None,
) -> None:
    try:
        index(site_dir, site, directory_urls, language, stop, kept)
    except PluginError as exc:
        log.error("%s", exc)
    except SearchStopped:
        log.debug("search: indexing left to the next rebuild")


def catch_up(
    site_dir: Path,
    site: SiteDescription,
    data: tuple[Result, SiteSettings, SiteCache | None] | None,
    directory_urls: bool,
    language: str,
    stop: threading.Event,
    kept: KeptSource | None,
) -> None:
    """After a rebuild under `hub serve`: the data files of the playbook just built, then the search."""
    for files in data_parts(*data) if data is not None else ():
        if stop.is_set():
            return
        try:
            _write_changed(site_dir, files, stop)
        except OSError as exc:
            log.error("the feeds and the JSON export could not be written: %s", exc)
            break
    index_logged(site_dir, site, directory_urls, language, stop, kept)
    if not stop.is_set():
        set_aside(tidy=True)  # nothing waits: the cycles left by the saves so far are collected now


def _write_changed(site_dir: Path, files: dict[str, str], stop: threading.Event) -> None:
    """Write each file whose text changed, whole (by renaming), unless a newer save stops it."""
    for path, text in files.items():
        if stop.is_set():
            return
        target = site_dir / path
        content = text.encode("utf-8")
        with contextlib.suppress(OSError):
            if target.read_bytes() == content:
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(content)
        os.replace(partial, target)
