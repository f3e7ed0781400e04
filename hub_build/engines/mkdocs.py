"""The MkDocs plugin: a thin adapter that hands the playbook's pages to MkDocs.

At the start of every build (and every rebuild under `mkdocs serve`) it
validates the playbook exactly as `hub validate` does, renders the pages in
memory, and adds them to the build. Nothing is written into docs/.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from hub_build.engines import mkdocs_needs as site_needs
from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.model import Playbook
from hub_build.playbook.problems import Problem
from hub_build.playbook.validation import NotAHub, Result, schema_dir_for, summary, validate_hub
from hub_build.site import schema_links
from hub_build.site.abbreviations import GlossaryAbbreviations, tooltips
from hub_build.site.history import recent_changes
from hub_build.site.host import GitHost
from hub_build.site.new_records import browser_template
from hub_build.site.pages import TEMPLATES, Page, TemplateFailed, fill_markers, render_site
from hub_build.site.text import safe_links

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# The hand-written pages the generated ones link to, in generic words; a page of
# the same name in the hub's docs/ replaces one.
DEFAULT_DOCS = Path(__file__).resolve().parents[1] / "site" / "default_docs"


class HubPluginConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    root = c.Optional(c.Type(str))  # the hub's root; default: the folder of mkdocs.yml
    custom_templates = c.Type(str, default="overrides/hub")  # relative to the root
    today = c.Optional(c.Type(str))  # YYYY-MM-DD; review dates are judged as of this day
    # "warn": overdue reviews are warnings, which `mkdocs build --strict` turns into
    # failures; "info": they are only listed, and still marked on the pages.
    overdue_reviews = c.Choice(("warn", "info"), default="warn")


class HubPlugin(BasePlugin[HubPluginConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.sources: dict[str, str | None] = {}
        self.edit_base: str | None = None
        self.new_idea_url: str | None = None
        self.defaults: set[str] = set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _configure_markdown(config)
        root = self._root(config)
        today = dt.date.fromisoformat(self.config.today) if self.config.today else dt.date.today()
        result = self._validate(root, today)
        host = GitHost.from_site_config(config.repo_url, config.edit_uri, _docs_folder(config, root))
        self.edit_base = host.edit_base if host else None
        self.new_idea_url = _new_idea_url(host, result.playbook, root, today, config.site_url)
        try:
            self.pages = render_site(
                result.playbook,
                today=today,
                history=recent_changes(root),
                custom_templates=root / self.config.custom_templates,
                root=root,
                edit_base=self.edit_base,
                new_idea_url=self.new_idea_url,
            )
        except TemplateFailed as exc:
            raise PluginError(_problem_line(exc.problem)) from None
        self.sources = {page.uri: page.source for page in self.pages}
        _add_tooltips(config, tooltips(result.playbook))
        return config

    def _validate(self, root: Path, today: dt.date) -> Result:
        """Validate as `hub validate` does; log every problem, and stop the build on errors."""
        try:
            result = validate_hub(root, today=today)
        except NotAHub as exc:
            raise PluginError(str(exc)) from None
        quiet_reviews = self.config.overdue_reviews == "info"
        for problem in result.problems:
            line = _problem_line(problem)
            if problem.is_error:
                log.error(line)
            else:
                (log.info if quiet_reviews and problem.is_review else log.warning)(line)
        if result.errors:
            raise PluginError(f"the playbook has errors: {summary(result)}")
        return result

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # The schemas are published with the site, for editors and other tools.
        for name, path in schema_links.schema_files(self._root(config)).items():
            try:
                content = schema_links.published_schema(path, config.site_url)
            except ValueError as exc:
                raise PluginError(f"{path}: cannot publish the schema: {exc}") from None
            files.append(File.generated(config, f"{schema_links.SCHEMAS}/{name}", content=content))
        self.defaults = set()
        for default in sorted(DEFAULT_DOCS.glob("*.md")):
            if files.get_file_from_path(default.name) is None:
                files.append(File.generated(config, default.name, abs_src_path=str(default)))
                self.defaults.add(default.name)
        for page in self.pages:
            if files.get_file_from_path(page.uri) is not None:
                log.info("docs/%s replaces the generated page of the same name", page.uri)
                continue
            files.append(File.generated(config, page.uri, content=page.markdown))
        return files

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # Hand-written pages place the button with an HTML comment, which other
        # engines simply leave out.
        return fill_markers(markdown, new_idea_url=self.new_idea_url)

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # The last guard on pages made from playbook text: whatever Markdown turned
        # into a link, only http, https and mailto targets stay live.
        return safe_links(html) if page.file.src_uri in self.sources else html

    def on_page_context(self, context, page: MkDocsPage, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        if page.file.src_uri in self.sources and page.file.generated_by:
            # "Edit this page" opens the YAML file the page came from; a page that
            # gathers many files (the glossary, say) links each entry instead.
            source = self.sources[page.file.src_uri]
            page.edit_url = f"{self.edit_base}{source}" if source and self.edit_base else None
        elif page.file.src_uri in self.defaults:
            page.edit_url = None  # the page comes with hub_build: there is no file to edit in the hub
        return context

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        root = self._root(config)
        for path in (root / PLAYBOOK, schema_dir_for(root), TEMPLATES, root / self.config.custom_templates,
                     root / "hub.yaml"):
            if path.exists():
                server.watch(str(path))
        return server

    def _root(self, config: MkDocsConfig) -> Path:
        folder = Path(config.config_file_path).resolve().parent
        return (folder / self.config.root).resolve() if self.config.root else folder


def _problem_line(problem: Problem) -> str:
    line = f"{problem.file}:{problem.line}:{problem.column}: {problem.path}: {problem.message}"
    return f"{line} (hint: {problem.hint})" if problem.hint else line


def _docs_folder(config: MkDocsConfig, root: Path) -> str:
    """The docs folder's path from the hub's root, as edit_uri ends with it."""
    docs = Path(config.docs_dir).resolve()
    return docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.name


def _new_idea_url(host: GitHost | None, playbook: Playbook, root: Path, today: dt.date,
                  site_url: str | None) -> str | None:
    if host is None:
        return None
    schema = schema_links.schema_reference(root, "idea", f"{PLAYBOOK}/content/your-idea-title.yaml", site_url=site_url)
    template = browser_template(playbook, schema_dir_for(root), today=today, schema=schema)
    return host.new_file_url("playbook/content", "your-idea-title.yaml", template)


def _configure_markdown(config: MkDocsConfig) -> None:
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


def _add_tooltips(config: MkDocsConfig, glossary: dict[str, str]) -> None:
    # The glossary applies to every page, with nothing to include in the pages:
    # the standard abbr syntax and output, built once per build (see abbreviations.py).
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, GlossaryAbbreviations)]
    config.markdown_extensions.append(GlossaryAbbreviations(glossary))  # type: ignore[arg-type]  # MkDocs takes instances too
