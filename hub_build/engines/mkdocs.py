"""The MkDocs plugin: a thin adapter that hands the playbook's pages to MkDocs.

At the start of every build (and every rebuild under `mkdocs serve`) it
validates the playbook exactly as `hub validate` does, renders the pages in
memory, and adds them to the build. Nothing is written into docs/.

This module holds the plugin's hooks, in the order MkDocs calls them; what they
change in MkDocs is in mkdocs_setup.py, how they tell problems in plugin_problems.py,
and what follows the pages (search, feeds) in catch_up.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_build_date

from hub_build.engines import catch_up, plugin_problems, served_site, site_folder
from hub_build.engines import mkdocs_setup as setup
from hub_build.engines.export import FEEDS_SETTING, announced_feeds
from hub_build.engines.rebuilds import Rebuilds, pause_collection, resume_collection, set_aside
from hub_build.engines.search_index import page_file
from hub_build.engines.sections import can_split, render_by_sections
from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.problems import Problem
from hub_build.playbook.progress import Progress
from hub_build.playbook.validation import Result, schema_dir_for
from hub_build.site import linked
from hub_build.site.description import SiteCache, SiteDescription, SiteSettings, describe
from hub_build.site.environment import TEMPLATES, TemplateFailed
from hub_build.site.page_additions import fill_markers, heading_of, with_correction
from hub_build.site.text import safe_links

if TYPE_CHECKING:
    # What only `hub serve` uses is imported when it serves: a build never loads it.
    from watchdog.observers.api import BaseObserver

    from hub_build.engines import previous_site

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class HubPluginConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    root = c.Optional(c.Type(str))  # the hub's root; default: the folder of mkdocs.yml
    custom_templates = c.Type(str, default="overrides/hub")  # relative to the root
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; review dates are judged as of this day


class HubPlugin(BasePlugin[HubPluginConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site: SiteDescription | None = None
        self.sources: dict[str, str | None] = {}
        self.sections: dict[str, tuple[str, ...]] = {}  # page uri → its sections, for long pages
        self.split: set[str] = set()  # the pages this build converts by sections
        self.defaults: set[str] = set()
        self.docs_folder = "docs"
        self.incremental = False  # under `mkdocs serve --dirty`, as `hub serve` runs it
        self.serving = False  # MkDocs serves from a folder of its own making, removed when it stops
        self.rebuilds: Rebuilds | None = None
        self.indexing: threading.Thread | None = None
        # What the feeds and the export are made from, after the pages (under `hub serve`).
        self.data_later: tuple[Result, SiteSettings, SiteCache | None] | None = None
        self.watcher: BaseObserver | None = None  # under `hub serve`: the playbook's file events
        self.stop_indexing = threading.Event()
        self.problems: list[Problem] = []  # under `hub serve`: the errors of the last save, if any
        self.flagged: dict[str, list[Problem]] = {}  # page uri → the errors shown on it
        self.pages = Progress(sys.stderr, "building pages", "pages")  # on a terminal, for long builds
        self.pages_built = self.pages_to_build = 0
        self.previous: previous_site.PreviousSite | None = None  # served while `hub serve`'s first build runs
        self.first_build = True
        self.first_build_started: int | None = None  # under `hub serve`: when its first build began
        # Under `hub serve`: where the site is built and served, kept for the next `hub serve` (served_site.py).
        self.served_at: Path | None = None
        self.first_build_done = False
        # Under `hub serve`: the files of the unchanged pages left out of MkDocs' pages in the last build,
        # by uri, with the site folder and URL style they were made for.
        self.left_out: tuple[tuple[str, bool], dict[str, File]] = (("", True), {})

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also makes MkDocs keep this plugin between rebuilds,
        # and with it what the rebuilds reuse.
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        self.first_build = True  # MkDocs keeps this plugin from one command to the next run in a process
        self.served_at, self.first_build_done = None, False  # so each command builds where it is asked to
        if self.incremental:
            # MkDocs warns that a dirty build may leave links and navigation stale:
            # the hub rebuilds whatever a change reaches (see rebuilds.py), so it does not.
            for engine in ("mkdocs", "properdocs"):
                logging.getLogger(f"{engine}.commands.build").addFilter(setup.not_the_dirty_build_warning)

    def on_shutdown(self) -> None:
        self._stop_previous_site()
        self._stop_watching()
        self._wait_for_search()
        if self.served_at is not None and not self.first_build_done:
            served_site.remove_first_build(self.served_at)
        if self.rebuilds is not None:
            self.rebuilds.close()
            self.rebuilds = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The last rebuild's search is abandoned, not waited for: this build indexes again.
        self._wait_for_search(stop=True)
        setup.configure_markdown(config)
        root = self._root(config)
        if not self.serving:
            setup.check_site_folder(root, Path(config.site_dir))
        elif self.first_build:
            # A second early: a file's time comes from a coarser clock than this one.
            self.first_build_started = time.time_ns() - 1_000_000_000
            self._serve_previous_site(root, config)
            if self.incremental and served_site.wanted():
                self.served_at = served_site.first_build_folder(root)
        self.first_build = False
        if self.served_at is not None:
            config.site_dir = str(self.served_at)
        if self.incremental and self.rebuilds is not None and self.rebuilds.root == root:
            pause_collection()  # until the page is served, or every page is built (rebuilds.py)
        if self.incremental and (self.rebuilds is None or self.rebuilds.root != root):
            if self.rebuilds is not None:
                self.rebuilds.close()
            self.rebuilds = Rebuilds(root)
        rebuilds = self.rebuilds if self.incremental else None
        if rebuilds is not None:
            setup.list_installed_theme_once(config, rebuilds.theme_files)
        today = dt.date.fromisoformat(self.config.today) if self.config.today else dt.date.today()
        last_good = rebuilds.last_good if rebuilds else None
        result = plugin_problems.validated(root, today, rebuilds, keep_going=last_good is not None)
        settings = SiteSettings(
            root=root,
            docs_dir=Path(config.docs_dir),
            today=today,
            site_url=config.site_url,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            custom_templates=self.config.custom_templates,
            directory_urls=config.use_directory_urls,
        )
        self.problems = result.errors
        self.docs_folder = settings.docs_folder
        # Under `hub serve`, the feeds and the JSON export are written once the pages are served.
        self.data_later = (
            (result, settings, rebuilds.cache if rebuilds else None) if self.incremental and not self.problems else None
        )
        if not self.problems:
            custom_dir = config.theme.custom_dir
            self.problems = plugin_problems.outside_links(
                root, Path(config.docs_dir), Path(custom_dir) if custom_dir else None, keep_going=last_good is not None
            )
        if not self.problems:
            try:
                self.site = describe(
                    result, settings, rebuilds.cache if rebuilds else None, with_data=not self.incremental
                )
            except TemplateFailed as exc:
                if last_good is None:
                    for problem in exc.problems[1:]:
                        log.error(problem.one_line())
                    raise PluginError(exc.problem.one_line()) from None
                for problem in exc.problems:
                    log.error(problem.one_line())
                self.problems = list(exc.problems)
        if self.problems:
            # Under `hub serve`, a save with an error keeps the last good site, with the
            # error shown on the page of the file and on the home page.
            self.site = last_good
        assert self.site is not None
        self.sources = {page.uri: page.source for page in self.site.pages}
        split = can_split(config)
        self.split = set()
        self.sections = {page.uri: page.sections for page in self.site.pages if page.sections and split}
        setup.add_tooltips(config, self.site.tooltips)
        setup.use_hub_search(config, self.site)
        setup.add_assets(config, self.site)
        config.extra[FEEDS_SETTING] = announced_feeds(self.site)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None  # on_config ran
        # MkDocs finds the pages and the theme's files itself, following links: none that leads
        # out of the repository is published, whatever changed since on_config looked.
        root = self._root(config)
        for file in [
            f
            for f in files
            if f.abs_src_path
            and linked.leaves(Path(f.abs_src_path), root)
            and setup.under(Path(f.abs_src_path), config)
        ]:
            files.remove(file)
        # The schemas are published with the site, for editors and other tools.
        for uri, content in {**self.site.schemas, **self.site.files}.items():
            files.append(File.generated(config, uri, content=content))
        for uri in self.site.later:
            # Written after the build (see on_post_build); listed, so that links to them resolve.
            later = File.generated(config, uri, content="")
            setup.built_already(later)
            files.append(later)
        self.defaults = set()
        for name, path in self.site.default_docs.items():
            if files.get_file_from_path(name) is None:
                files.append(File.generated(config, name, abs_src_path=str(path)))
                self.defaults.add(name)
        rebuilds = self.rebuilds if self.incremental else None
        self.flagged = plugin_problems.flagged(self.site, self.problems)
        if rebuilds is not None:
            rebuilds.start(self.site, setup.shared(config, self.site), flagged=self.flagged, day=get_build_date())
            if rebuilds.everything:
                resume_collection()
        # Under `hub serve`, a save that adds or removes no page tells MkDocs only of the pages it
        # builds (and those in the navigation, part of every page): the others are files linked to.
        in_nav = setup.nav_sources(config)
        hidden = rebuilds is not None and rebuilds.same_pages() and in_nav is not None
        # Such a page's file, unchanged since the last build that left it out too, is that build's.
        made_for = (config.site_dir, config.use_directory_urls)
        before = self.left_out[1] if hidden and self.left_out[0] == made_for else None
        self.left_out = (made_for, {})
        present = files.src_uris  # by uri; a page's uri is a posix path already (a lookup makes a PurePath each)
        for page in self.site.pages:
            if page.uri in present:
                log.info("docs/%s replaces the generated page of the same name", page.uri)
                continue
            unchanged = rebuilds is not None and not rebuilds.changed(page.uri)
            if unchanged and hidden and in_nav is not None and page.uri not in in_nav:
                file = self.left_out[1][page.uri] = _left_out(config, page.uri, page.markdown, before)
            else:
                file = File.generated(config, page.uri, content=page.markdown)
                if unchanged:
                    setup.built_already(file)
            files.append(file)
        if hidden:
            setup.keep_sitemap(config)
        self.pages = Progress(sys.stderr, "building pages", "pages")
        self.pages_built, self.pages_to_build = 0, sum(1 for f in files.documentation_pages() if f.is_modified())
        return files

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        self.pages_built += 1
        self.pages(self.pages_built, max(self.pages_to_build, self.pages_built))
        return output

    def on_build_error(self, *, error: Exception) -> None:
        self.pages.close()
        resume_collection()

    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        if self.incremental and self.rebuilds is not None:
            env.bytecode_cache = self.rebuilds.templates
        if config.theme.custom_dir:
            # The theme's templates are read as pages are built: one linked out of the repository
            # since on_config looked (under `hub serve`) is refused rather than read.
            env.loader = setup.InsideRepository(env.loader, Path(config.theme.custom_dir), self._root(config))
        return env

    def on_nav(self, nav, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        if self.incremental and self.rebuilds is not None:
            # A page in the navigation is part of every page, by its title. A generated
            # page's title is in its front matter, read without building the page; a
            # hand-written page's may come from its first heading, so it is built, unless
            # the navigation names it and it is unchanged (docs/ is, or every page is built).
            for page in nav.pages:
                uri = page.file.src_uri
                if uri not in self.sources:
                    if "title" not in vars(page) or self.rebuilds.changed(uri):
                        setup.to_build(page.file)
                        continue
                    setup.built_already(page.file)
                if not page.file.is_modified():
                    page.read_source(config)
        return nav

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # Hand-written pages place the button with an HTML comment, which other
        # engines simply leave out.
        new_idea_url = self.site.new_idea_url if self.site else None
        form_url = self.site.idea_form_url if self.site else None
        sections = self.sections.get(page.file.src_uri)
        if sections and page.file.generated_by and markdown.strip() == "".join(sections).strip():
            # A long page is converted a section at a time (see sections.py).
            filled = tuple(fill_markers(text, new_idea_url=new_idea_url, idea_form_url=form_url) for text in sections)
            cache = self.rebuilds.sections if self.incremental and self.rebuilds else None
            # The last guard (see on_page_content) runs on each section, and is kept with it.
            setattr(page, "render", render_by_sections(page, filled, cache, safe_links))  # noqa: B010  # its own
            self.split.add(page.file.src_uri)
            return "".join(filled)
        markdown = fill_markers(markdown, new_idea_url=new_idea_url, idea_form_url=form_url)
        if page.file.src_uri not in self.sources and self.site is not None:
            # A generated page has the link in its Markdown already; a hand-written one gets it here.
            source = None if page.file.src_uri in self.defaults else f"{self.docs_folder}/{page.file.src_uri}"
            # Titled by its heading, as the export titles it for Zensical: the same link on every engine.
            markdown = with_correction(
                markdown, self.site.correction_url(heading_of(markdown, page.file.src_uri), page.file.src_uri, source)
            )
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # The last guard on pages made from playbook text: whatever Markdown turned
        # into a link, only http, https and mailto targets stay live.
        uri = page.file.src_uri
        html = safe_links(html) if uri in self.sources and uri not in self.split else html
        shown = self.flagged.get(uri)
        return plugin_problems.notice(shown) + html if shown else html

    def on_page_context(self, context, page: MkDocsPage, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        if page.file.src_uri in self.sources and page.file.generated_by:
            # "Edit this page" opens the YAML file the page came from; a page that
            # gathers many files (the glossary, say) links each entry instead.
            source = self.sources[page.file.src_uri]
            edit_base = self.site.edit_base if self.site else None
            page.edit_url = f"{edit_base}{source}" if source and edit_base else None
        elif page.file.src_uri in self.defaults:
            page.edit_url = None  # the page comes with hub_build: there is no file to edit in the hub
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.site is not None  # on_config ran
        self.pages.close()
        site, site_dir = self.site, Path(config.site_dir)
        language, directory_urls = str(config.theme.get("language") or "en"), config.use_directory_urls
        site_folder.mark(site_dir)  # served or built, the site holds the same files
        if not self.incremental:
            catch_up.index(site_dir, site, directory_urls, language)
            return
        if self.served_at is not None and not self.first_build_done:
            site_dir = self._keep_first_build(site_dir)
        if self.rebuilds is not None:
            folder = str(site_dir)  # joined as text: a Path per page is a hundredth of a save at 8,000 records
            outputs = {page.uri: os.path.join(folder, page_file(page.uri, directory_urls)) for page in site.pages}
            self.rebuilds.finish(outputs, good=None if self.problems else site)
        set_aside()  # the next save's garbage collection walks only what it makes (rebuilds.py)
        # The rebuilt page is served at once; the feeds, the JSON export and the search
        # catch up a moment later.
        self.stop_indexing = threading.Event()
        self.indexing = threading.Thread(
            target=catch_up.catch_up,
            name="hub-search",
            daemon=True,
            args=(
                site_dir,
                site,
                self.data_later,
                directory_urls,
                language,
                self.stop_indexing,
                self.rebuilds.search if self.rebuilds else None,
            ),
        )
        self.indexing.start()

    def _keep_first_build(self, site_dir: Path) -> Path:
        """The session's first build is finished: it takes the place of the site kept before,
        where this session goes on building and serving."""
        self.first_build_done = True
        try:
            self.served_at = served_site.keep_first_build(served_site.root_of(site_dir))
        except OSError as exc:
            log.warning("the site served could not be kept for the next hub serve: %s", exc)
            return site_dir
        return self.served_at

    def _wait_for_search(self, *, stop: bool = False) -> None:
        if self.indexing is not None:
            if stop:
                self.stop_indexing.set()
            self.indexing.join()
            self.indexing = None

    def _serve_previous_site(self, root: Path, config: MkDocsConfig) -> None:
        """Serve the site as last built on the address MkDocs will serve on, until it does."""
        from hub_build.engines import previous_site

        host, port = config.dev_addr
        mount_path = urllib.parse.urlsplit(config.site_url or "/").path or "/"
        self.previous = previous_site.start(root, host, port, mount_path, Path(config.config_file_path).name)
        if self.previous is not None:
            log.info(
                f"Serving the site as last built ({self.previous.built}, from "
                f"{_shown_folder(self.previous.folder, root)}) on {self.previous.url} while the first build "
                "catches up with your files; its pages say so, and reload when the build is served"
            )

    def _stop_previous_site(self) -> None:
        if self.previous is not None:
            self.previous.stop()
            self.previous = None

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        # MkDocs listens on the address right after this: the site as last built makes way.
        from hub_build.engines import watching

        self._stop_previous_site()
        if self.served_at is not None and hasattr(server, "root"):
            # MkDocs would serve its own temporary folder, left empty: the hub builds in the one it keeps.
            server.root = str(self.served_at)
            server.error_handler = served_site.error_pages(self.served_at)
        root = self._root(config)
        self._stop_watching()
        watched = (
            root / PLAYBOOK,
            schema_dir_for(root),
            TEMPLATES,
            root / self.config.custom_templates,
            root / "hub.yaml",
        )
        self.watcher = watching.watch(server, watched, root=root)
        if self.first_build_started is not None:
            # Nothing watched the files while the first build ran (and the site as last built was served,
            # inviting edits): a file saved since is built at once.
            started, self.first_build_started = self.first_build_started, None
            if watching.changed_since([*watched, Path(config.docs_dir), Path(config.config_file_path)], started):
                watching.ask_rebuild(server)
        return server

    def _stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.join()
            self.watcher = None

    def _root(self, config: MkDocsConfig) -> Path:
        folder = Path(config.config_file_path).resolve().parent
        return (folder / self.config.root).resolve() if self.config.root else folder


def _left_out(config: MkDocsConfig, uri: str, markdown: str, before: dict[str, File] | None) -> File:
    """The file of an unchanged page MkDocs is not told of as a page (see on_files)."""
    kept = before.get(uri) if before is not None else None
    if kept is not None:
        return kept
    file = File.generated(config, uri, content=markdown)
    setup.built_already(file)
    setup.not_a_page_this_time(file)
    return file


def _shown_folder(folder: Path, root: Path) -> str:
    resolved = root.resolve()
    return f"{folder.relative_to(resolved).as_posix()}/" if folder.is_relative_to(resolved) else str(folder)
