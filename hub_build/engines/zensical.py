"""Zensical: it runs no plugin, so the hub hands it the exported site source.

A build exports the hub into a staging folder and has Zensical build that.
Serving exports once, starts `zensical serve` on the export, and watches the
hub's files itself: when one changes it exports again, rewriting only the pages
whose text changed, and Zensical reloads them. A change that breaks the
playbook is reported in the terminal and the last good pages stay served.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from hub_build.engines.config_file import CONFIG_FILE
from hub_build.engines.export import Export, ExportFailed, export_site
from hub_build.engines.pagefind_service import SearchFailed
from hub_build.engines.search_index import index_site

SOURCE = "source"
WATCHED = ("playbook", "schemas", "docs", "overrides", "hub.yaml", "mkdocs.yml")
POLL_SECONDS = 0.5

Runner = Callable[[list[str], Path], int]


def command(module: str, action: str, source: Path, *options: str) -> list[str]:
    return [sys.executable, "-P", "-m", module, action, "--config-file", str(source / CONFIG_FILE), *options]


def build(root: Path, staging: Path, *, strict: bool, run: Runner) -> tuple[int, Path]:
    """Export into `staging` and build it; return the exit code and the folder the site was built in."""
    source = staging / SOURCE
    export = _export(root, source, serving=False)
    if export is None:
        return 1, source / "site"
    options = ["--clean", *(["--strict"] if strict else [])]
    code = run(command("zensical", "build", source, *options), source)
    if code == 0 and not _index(export, source / "site"):
        code = 1
    return code, source / "site"


def _index(export: Export, site: Path) -> bool:
    """Write the search bundle into the site Zensical built; report why not if it fails."""
    try:
        index_site(site, export.site, directory_urls=export.directory_urls, language=export.language)
    except SearchFailed as exc:
        print(f"ERROR    -  {exc}", file=sys.stderr)
        return False
    return True


def serve(
    root: Path, folder: Path, address: str, *, start: Callable[[list[str], Path], object], alive: Callable[[], bool]
) -> int:
    """Serve the export in `folder` and export again whenever a file of the hub changes."""
    source = folder / SOURCE
    export = _export(root, source, serving=False)  # nothing is served yet: there are no last good pages
    if export is None:
        return 1
    start(command("zensical", "serve", source, "--dev-addr", address), source)
    seen = fingerprint(root)
    site = source / "site"
    pages = indexed = built_pages(site)
    while alive():
        time.sleep(POLL_SECONDS)
        now = fingerprint(root)
        if now != seen:
            seen = now
            exported = _export(root, source, serving=True)
            if exported is not None:  # else the last good export stays, as Zensical serves it
                export = exported
                print("hub: exported the changes; Zensical reloads the pages", file=sys.stderr)
        # Zensical writes pages as it rebuilds them: index once they have stopped changing.
        latest = built_pages(site)
        if latest == pages and latest != indexed and latest:
            indexed = latest if _index(export, site) else indexed
        pages = latest
    return 0


def built_pages(site: Path) -> frozenset[tuple[str, int, int]]:
    """The HTML pages of the site being served, with their modification times and sizes."""
    return frozenset(entry for entry in _files_under(site) if entry[0].endswith(".html"))


def _export(root: Path, source: Path, *, serving: bool) -> Export | None:
    try:
        return export_site(root, source, zensical=True)
    except ExportFailed as exc:
        for problem in exc.problems:
            print(f"ERROR    -  {problem.one_line()}", file=sys.stderr)
        print(f"hub: {exc}" + ("; the last good pages stay as they were" if serving else ""), file=sys.stderr)
        return None


def fingerprint(root: Path) -> frozenset[tuple[str, int, int]]:
    """Every file the site is made from, with its modification time and size."""
    return frozenset(_files(root))


def _files(root: Path) -> Iterator[tuple[str, int, int]]:
    return _files_under(*(root / name for name in WATCHED))


def _files_under(*paths: Path) -> Iterator[tuple[str, int, int]]:
    pending = list(paths)
    while pending:
        path = pending.pop()
        try:
            status = os.stat(path, follow_symlinks=False)
        except OSError:
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            try:
                pending.extend(Path(entry.path) for entry in os.scandir(path))
            except OSError:
                continue
        else:
            yield str(path), status.st_mtime_ns, status.st_size
