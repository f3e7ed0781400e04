"""What the plugin changes in MkDocs for the hub's pages: its configuration, the theme's
template loader, and which generated files count as modified for a rebuild."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from hub_build.engines import mkdocs_needs as site_needs
from hub_build.engines import site_folder
from hub_build.engines.export import THEME, THEME_SEARCH
from hub_build.engines.rebuilds import folder_state
from hub_build.site import linked
from hub_build.site.abbreviations import GlossaryAbbreviations
from hub_build.site.description import SiteDescription

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def check_site_folder(root: Path, site_dir: Path) -> None:
    """Stop a build before MkDocs empties a site folder that holds the hub or someone's files."""
    shown = site_dir.relative_to(root).as_posix() if site_dir.is_relative_to(root) else None
    reason = site_folder.refusal(root, site_dir, shown=shown)
    if reason is not None:
        raise PluginError(f"site_dir: {reason}; nothing was built (hint: {site_folder.HINT})")


class InsideRepository(jinja2.BaseLoader):
    """The theme's template loader, refusing a template of the hub's own folder read through a link out of it."""

    def __init__(self, loader: jinja2.BaseLoader, folder: Path, root: Path) -> None:
        self.loader, self.folder, self.root = loader, Path(os.path.abspath(folder)), root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if filename and Path(filename).is_relative_to(self.folder) and linked.leaves(Path(filename), self.root):
            problem = linked.refused(Path(filename), self.root)
            log.error(problem.one_line())
            raise jinja2.TemplateNotFound(template, problem.message)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


# MkDocs lists the theme's files at every build, to publish its static ones (Files.add_files_from_theme):
# walking Material's folders, with their fourteen thousand icons, and matching each name against its
# patterns took a twentieth of a save at 8,000 records.
_THEME_FILES_FILTER = "Files.add_files_from_theme.<locals>.filter"
ThemeListings = dict[tuple[str, tuple[str, ...]], frozenset[str]]  # (folder, static templates) → the names kept


def list_installed_theme_once(config: MkDocsConfig, listings: ThemeListings) -> None:
    """Under `hub serve`: the installed theme's folders (all of the theme's but its custom_dir, which the
    hub's authors edit) are listed for MkDocs' static files once per session, with `listings`; the
    custom_dir at every build, as MkDocs lists it. Any other listing of the theme is MkDocs' own."""
    theme = config.theme
    custom = os.path.abspath(theme.custom_dir) if theme.custom_dir else None
    static_templates = tuple(sorted(theme.static_templates))
    get_env = theme.get_env

    def env_listing_installed_once() -> jinja2.Environment:
        env = get_env()
        loader, list_templates = env.loader, env.list_templates

        def listed(
            extensions: Collection[str] | None = None, filter_func: Callable[[str], bool] | None = None
        ) -> list[str]:
            if (
                extensions is not None
                or filter_func is None
                or getattr(filter_func, "__qualname__", None) != _THEME_FILES_FILTER
                or not isinstance(loader, jinja2.FileSystemLoader)
            ):
                return list_templates(extensions, filter_func)
            names: set[str] = set()
            for folder in loader.searchpath:
                key = (os.path.abspath(folder), static_templates)
                kept = None if key[0] == custom else listings.get(key)
                if kept is None:
                    kept = frozenset(filter(filter_func, jinja2.FileSystemLoader(folder).list_templates()))
                    if key[0] != custom:
                        listings[key] = kept
                names |= kept
            return sorted(names)  # as Jinja lists them: each name once, in order

        env.list_templates = listed  # type: ignore[method-assign]  # this environment's own
        return env

    theme.get_env = env_listing_installed_once  # type: ignore[method-assign]  # this configuration's theme only


def under(path: Path, config: MkDocsConfig) -> bool:
    """Whether `path` is in the hub's own folders (docs/, the theme's overrides), not an installed theme."""
    folders = [config.docs_dir, *([config.theme.custom_dir] if config.theme.custom_dir else [])]
    return any(path.is_relative_to(os.path.abspath(folder)) for folder in folders)


def not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def shared(config: MkDocsConfig, site: SiteDescription) -> tuple[object, ...]:
    """What every page shows besides its own Markdown: when it changes, every page is built again."""
    config_file = Path(config.config_file_path) if config.config_file_path else None
    custom_dir = config.theme.custom_dir
    return (
        tuple(sorted(site.tooltips.items())),
        site.new_idea_url,
        site.idea_form_url,
        site.corrections,
        site.edit_base,
        site.stylesheets,
        site.scripts,
        site.feeds,
        config_file.read_bytes() if config_file and config_file.is_file() else None,
        folder_state(Path(config.docs_dir)),
        folder_state(Path(custom_dir)) if custom_dir else None,
    )


def built_already(file: File) -> None:
    # MkDocs counts a generated file as always modified; this one is as built last time.
    setattr(file, "is_modified", _no)  # noqa: B010  # an instance's own answer, not the class's


def not_a_page_this_time(file: File) -> None:
    """Leave an unchanged page out of MkDocs' pages for this build: it is neither read, nor
    made a page, nor written, but links to it still resolve to its address.

    MkDocs makes a page of every Markdown file at every build, navigation and all, before
    it skips those not modified: at 8,000 records that was a third of a save. The file
    stays in the collection, its address worked out as a page's first.
    """
    for worked_out in (file.dest_uri, file.url, file.abs_dest_path):
        assert worked_out is not None  # computed now, as a page's, and kept by the file
    setattr(file, "is_documentation_page", _no)  # noqa: B010  # an instance's own answer


def nav_sources(config: MkDocsConfig) -> set[str] | None:
    """The pages the configured navigation names; None where it names every page (no `nav:`)."""
    if config.nav is None:
        return None
    found: set[str] = set()
    pending: list[object] = [config.nav]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def keep_sitemap(config: MkDocsConfig) -> None:
    """The sitemap lists every page with the build date: the same pages on the same day, it is as last written."""
    config.theme.static_templates.discard("sitemap.xml")


def to_build(file: File) -> None:
    setattr(file, "is_modified", _yes)  # noqa: B010


def _no() -> bool:
    return False


def _yes() -> bool:
    return True


def configure_markdown(config: MkDocsConfig) -> None:
    """Add the Markdown extensions and Material features the generated pages need."""
    if "features" not in config.theme:
        config.theme["features"] = []
    try:
        added = site_needs.add_extensions(config.markdown_extensions, config.mdx_configs)
        added += site_needs.add_features(config.theme.name, config.theme["features"])
    except site_needs.Conflict as exc:
        raise PluginError(str(exc)) from None
    if added:
        log.debug("added to the configuration for the hub's pages: %s", ", ".join(added))


def use_hub_search(config: MkDocsConfig, site: SiteDescription) -> None:
    """Turn off the theme's search, whose index every page downloads (the hub's is in its assets)."""
    plugins = config.plugins
    for name in THEME_SEARCH:
        if name in plugins:
            search = plugins.pop(name)
            # Its remaining hooks are already registered: take them out too.
            for event, methods in plugins.events.items():
                if event != "config":
                    plugins.events[event] = [m for m in methods if getattr(m, "__self__", None) is not search]
            log.info("the theme's search plugin is off: the hub's search (Pagefind) replaces it")
    # After the hub's own overrides, before the theme: a hub can still replace these.
    if str(THEME) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))


def add_tooltips(config: MkDocsConfig, glossary: dict[str, str]) -> None:
    # The glossary applies to every page, with nothing to include in the pages:
    # the standard abbr syntax and output, built once per build (see abbreviations.py).
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, GlossaryAbbreviations)]
    config.markdown_extensions.append(GlossaryAbbreviations(glossary))  # type: ignore[arg-type]  # MkDocs takes instances too


def add_assets(config: MkDocsConfig, site: SiteDescription) -> None:
    # Rebuilds under `mkdocs serve` run on_config again on the same lists.
    for listed, wanted in ((config.extra_css, site.stylesheets), (config.extra_javascript, site.scripts)):
        for uri in wanted:
            if uri not in [str(entry) for entry in listed]:
                listed.append(uri)
