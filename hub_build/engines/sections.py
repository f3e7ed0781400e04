"""Long pages converted a section at a time on MkDocs, so that a save under `hub serve`
converts again only the sections it changed.

The site layer cuts its long pages (people, the calendar, the narrative, the status
lists) where a section can stand on its own: between teams, months, stages and
groups of records. MkDocs converts each section with the page's own settings, and
the page is the sections' HTML one after the other, its table of contents theirs
nested again by heading level. Content tabs are numbered per conversion, so each
section's tab sets are numbered on from the sections before it, as they are in one
conversion.

Under `hub serve`, the HTML of each section is kept by page and text, and used
again while nothing every page shows has changed (`Rebuilds` clears it then). A
cold build converts every section, the same way, so both make the same pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

_TAB_SET = re.compile(r'(__tabbed_|data-tabs=")(\d+)')


@dataclass(frozen=True, slots=True)
class Converted:
    """What converting one section gave: its HTML and what MkDocs learns from it."""

    html: str
    headings: tuple[tuple[str, str, int], ...]  # (title as HTML, id, level), in page order
    anchors: frozenset[str]  # the ids a link can point to
    links: tuple[tuple[str, str, str], ...]  # links to anchors: (target page, anchor, the link as written)
    title: str | None  # the first heading of level 1, if the section has it
    tab_sets: int  # content tab sets, numbered 1 to tab_sets in `html`


class SectionCache:
    """Sections converted in the last build, by page and text."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], Converted] = {}
        self._next: dict[tuple[str, str], Converted] = {}

    def get(self, uri: str, text: str) -> Converted | None:
        return self._kept.get((uri, text))

    def keep(self, uri: str, text: str, converted: Converted) -> None:
        self._next[(uri, text)] = converted

    def finish(self, pages: Collection[str]) -> None:
        """The build of `pages` went through: the sections of the pages it converted are theirs
        now, and those of the pages it left as they were are kept as they were."""
        converted = {uri for uri, _ in self._next}
        for (uri, text), done in self._kept.items():
            if uri not in converted and uri in pages:
                self._next[(uri, text)] = done
        self._kept, self._next = self._next, {}

    def clear(self) -> None:
        self._kept, self._next = {}, {}


def can_split(config: MkDocsConfig) -> bool:
    """Sections are converted apart unless content tabs take their ids from their labels,
    which only one conversion of the whole page keeps unique."""
    tabbed = (config.mdx_configs or {}).get("pymdownx.tabbed") or {}
    return not tabbed.get("slugify")


def render_by_sections(
    page: Page, sections: Sequence[str], cache: SectionCache | None, finish: Callable[[str], str]
) -> Callable[..., None]:
    """A `render` for `page` that converts `sections` one by one, reusing `cache`'s; `finish`
    is applied to each section's HTML (it must give for a whole page what it gives for its parts)."""
    render = type(page).render

    def render_sections(config: MkDocsConfig, files: Files) -> None:
        uri = page.file.src_uri
        converted = []
        for text in sections:
            done = cache.get(uri, text) if cache is not None else None
            if done is None:
                page.markdown = text
                render(page, config, files)
                page.content = finish(page.content or "")
                done = _converted(page)
            if cache is not None:
                cache.keep(uri, text, done)
            converted.append(done)
        page.markdown = "".join(sections)
        _combine(page, converted, files)

    return render_sections


def _converted(page: Page) -> Converted:
    html = page.content or ""
    links = getattr(page, "links_to_anchors", None) or {}
    return Converted(
        html=html,
        headings=tuple(_flat(page.toc)),
        anchors=frozenset(page.present_anchor_ids or ()),
        links=tuple(
            (file.src_uri, anchor, written) for file, anchors in links.items() for anchor, written in anchors.items()
        ),
        title=getattr(page, "_title_from_render", None),
        tab_sets=max((int(number) for _, number in _TAB_SET.findall(html)), default=0),
    )


def _flat(links: Iterable[AnchorLink]) -> list[tuple[str, str, int]]:
    flat = []
    for link in links:
        flat.append((link.title, link.id, link.level))
        flat.extend(_flat(link.children))
    return flat


def _combine(page: Page, converted: list[Converted], files: Files) -> None:
    parts, offset = [], 0
    for done in converted:
        parts.append(_renumbered(done.html, offset) if offset and done.tab_sets else done.html)
        offset += done.tab_sets
    page.content = "\n".join(parts)  # as Python-Markdown joins the blocks of one conversion
    page.toc = _nested([heading for done in converted for heading in done.headings])
    page.present_anchor_ids = set().union(*(done.anchors for done in converted))
    page._title_from_render = next((done.title for done in converted if done.title), None)
    if any(done.links for done in converted) or getattr(page, "links_to_anchors", None) is not None:
        links: dict[Any, dict[str, str]] = {}
        for done in converted:
            for target, anchor, written in done.links:
                file = files.get_file_from_path(target)
                if file is not None:
                    links.setdefault(file, {})[anchor] = written
        page.links_to_anchors = links


def _renumbered(html: str, offset: int) -> str:
    return _TAB_SET.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + offset}", html)


def _nested(headings: list[tuple[str, str, int]]) -> TableOfContents:
    """The table of contents of the whole page: each heading under the last one above its level."""
    roots: list[AnchorLink] = []
    open_links: list[AnchorLink] = []
    for title, anchor, level in headings:
        link = AnchorLink(title, anchor, level)
        while open_links and open_links[-1].level >= level:
            open_links.pop()
        (open_links[-1].children if open_links else roots).append(link)
        open_links.append(link)
    if roots:
        roots[0].active = True  # type: ignore[attr-defined]  # as MkDocs marks the first entry
    return TableOfContents(roots)
