"""The whole site as plain data, for any engine: pages, tooltips, schemas, default pages.

Every engine adapter starts from this description. What must hold on every
engine is in it, not in an engine's hooks: each generated page carries its
title and its "Edit this page" address in its front matter, its links are
already made safe in its Markdown, and the glossary is a dictionary any
Markdown `abbr` extension applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hub_build.playbook.layout import PLAYBOOK
from hub_build.playbook.validation import Result, schema_dir_for
from hub_build.site import api, feeds, schema_links, scorecard_view
from hub_build.site.abbreviations import tooltips
from hub_build.site.chart_cache import ChartFolder
from hub_build.site.feeds import ANNOUNCED
from hub_build.site.history import recent_changes
from hub_build.site.host import IDEA_FORM_FILE, Corrections, GitHost, idea_form_url
from hub_build.site.kept import Kept
from hub_build.site.new_records import browser_template
from hub_build.site.page import Page
from hub_build.site.page_cache import PageCache
from hub_build.site.pages import render_site
from hub_build.site.search import Entry, entries, searched_as_entries

# The hand-written pages the generated ones link to, in generic words; a page of
# the same name in the hub's docs/ replaces one.
DEFAULT_DOCS = Path(__file__).resolve().parent / "default_docs"
NEW_IDEA_FILE = "your-idea-title.yaml"
# The hub's own script and styles, published with the site and named in every page.
ASSETS = Path(__file__).resolve().parent / "assets"
ASSET_FOLDER = "hub-assets"
STYLESHEETS = (f"{ASSET_FOLDER}/hub.css", f"{ASSET_FOLDER}/search.css")
SCRIPTS = (f"{ASSET_FOLDER}/hub.js", f"{ASSET_FOLDER}/search.js")


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """What the description needs from the engine's configuration."""

    root: Path
    docs_dir: Path
    today: dt.date
    site_url: str | None = None
    repo_url: str | None = None
    edit_uri: str | None = None
    custom_templates: str = "overrides/hub"  # relative to the root
    directory_urls: bool = True  # pages published as `x/` rather than `x.html`

    @property
    def docs_folder(self) -> str:
        """The docs folder's path from the hub's root, as `edit_uri` ends with it."""
        docs = self.docs_dir.resolve()
        root = self.root.resolve()
        return docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.name


@dataclass(frozen=True, slots=True)
class SiteDescription:
    pages: list[Page]  # the generated pages, in Markdown with front matter
    tooltips: dict[str, str]  # abbreviation → what it stands for, on every page
    schemas: dict[str, str]  # "schemas/idea.schema.json" → the published text
    default_docs: dict[str, Path]  # "propose.md" → the page shipped with hub_build
    edit_base: str | None  # the Git host's editor, to which a file's path is added
    new_idea_url: str | None  # the Git host's editor, prefilled with a new idea
    search: list[Entry]  # what the search finds besides the pages (search.py)
    unsearched: frozenset[str]  # generated pages the search reaches through its entries instead
    files: dict[str, str]  # other files published with the site: "hub-assets/hub.js" → its text
    stylesheets: tuple[str, ...] = STYLESHEETS  # files above that every page links as styles
    feeds: tuple[tuple[str, str, str], ...] = ANNOUNCED  # and as feeds: (path, media type, title)
    scripts: tuple[str, ...] = SCRIPTS  # and as scripts
    later: tuple[str, ...] = ()  # files left out of `files`, to be written once the pages are served
    idea_form_url: str | None = None  # GitHub's "Propose a content idea" form, where the hub has it
    corrections: Corrections | None = None  # "Something wrong or missing?", where the hub has a repository

    def correction_url(self, title: str, uri: str, source: str | None) -> str | None:
        """The new-issue link "Something wrong or missing?" opens on the page made from `uri`."""
        return self.corrections.url(title, uri, source) if self.corrections else None


class SiteCache:
    """What a long `hub serve` keeps from one rebuild to the next. Invisible: a
    description made with it is the one made without it from the same files."""

    def __init__(self) -> None:
        self.pages = PageCache()
        self.charts = scorecard_view.KeptCharts()
        self.data = Kept()  # records' parts of the feeds and the export
        self.search = Kept()  # ideas' search entries


def describe(
    result: Result, settings: SiteSettings, cache: SiteCache | None = None, *, with_data: bool = True
) -> SiteDescription:
    """The site for a validated playbook. Raises pages.TemplateFailed if a template fails.

    Without `with_data`, the files other programs read (`data_files`) are left out, for
    an engine that writes them once the pages are served.
    """
    root = settings.root
    host = GitHost.from_site_config(settings.repo_url, settings.edit_uri, settings.docs_folder)
    edit_base = host.edit_base if host else None
    new_idea_url = _new_idea_url(host, result, settings)
    form_url = idea_form_url(settings.repo_url, (root / IDEA_FORM_FILE).is_file())
    corrections = Corrections.for_repository(settings.repo_url, settings.site_url, settings.directory_urls)
    card_set = scorecard_view.build_scorecard(
        result.playbook, today=settings.today, holidays={h.date for h in result.config.holidays}
    )
    charts = scorecard_view.charts(card_set, cache.charts if cache else None, ChartFolder(root))
    pages = render_site(
        result.playbook,
        today=settings.today,
        history=recent_changes(root),
        custom_templates=root / settings.custom_templates,
        root=root,
        edit_base=edit_base,
        new_idea_url=new_idea_url,
        idea_form_url=form_url,
        corrections=corrections,
        holidays=result.config.holidays,
        chat_url=result.config.chat_url,
        cache=cache.pages if cache else None,
        scorecard=card_set,
        charts=charts,
        template_seconds=result.config.template_seconds,
    )
    return SiteDescription(
        pages=pages,
        tooltips=tooltips(result.playbook),
        schemas=_published_schemas(root, settings.site_url),
        default_docs={path.name: path for path in sorted(DEFAULT_DOCS.glob("*.md"))},
        edit_base=edit_base,
        new_idea_url=new_idea_url,
        search=entries(result.playbook, _started(cache.search) if cache else None),
        unsearched=searched_as_entries(result.playbook),
        files={
            **_assets(),
            **(data_files(result, settings) if with_data else {}),
            **scorecard_view.chart_files(charts),
        },
        later=() if with_data else DATA_PATHS,
        idea_form_url=form_url,
        corrections=corrections,
    )


def data_files(result: Result, settings: SiteSettings) -> dict[str, str]:
    """The files published for other programs: the feeds and the JSON export, by path in the site."""
    return {path: text for part in data_parts(result, settings) for path, text in part.items()}


def data_parts(result: Result, settings: SiteSettings, cache: SiteCache | None = None) -> Iterator[dict[str, str]]:
    """`data_files` a part at a time (the feeds, then the export), for a caller that may stop between;
    with `cache`, each record's part of them as made last time while unchanged."""
    kept = cache.data if cache else None
    if kept is not None:
        kept.start()
    yield feeds.feeds(result.playbook, today=settings.today, site_url=settings.site_url, kept=kept)
    yield api.api_files(result.playbook, today=settings.today, kept=kept)


# The paths of `data_files`, known before they are made.
DATA_PATHS = (*feeds.PATHS, *api.PATHS)


def _started(kept: Kept) -> Kept:
    kept.start()
    return kept


def _assets() -> dict[str, str]:
    return {
        f"{ASSET_FOLDER}/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted(ASSETS.iterdir())
        if path.suffix in (".css", ".js")
    }


def _new_idea_url(host: GitHost | None, result: Result, settings: SiteSettings) -> str | None:
    if host is None:
        return None
    file = f"{PLAYBOOK}/content/{NEW_IDEA_FILE}"
    schema = schema_links.schema_reference(settings.root, "idea", file, site_url=settings.site_url)
    template = browser_template(result.playbook, schema_dir_for(settings.root), schema=schema)
    return host.new_file_url(f"{PLAYBOOK}/content", NEW_IDEA_FILE, template)


def _published_schemas(root: Path, site_url: str | None) -> dict[str, str]:
    """The schemas published with the site, each with the `$id` of where it is published."""
    return {
        f"{schema_links.SCHEMAS}/{name}": schema_links.published_schema(path, site_url)
        for name, path in schema_links.schema_files(root).items()
    }
