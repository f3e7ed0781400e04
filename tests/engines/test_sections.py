"""Long pages are converted a section at a time on MkDocs: the page is the one a conversion of
the whole page gives, its table of contents and content tabs included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from hub_build.engines import mkdocs as plugin
from hub_build.engines.sections import can_split
from tests.helpers import build_with_mkdocs, copy_hub

LONG_PAGES = ("people/index.html", "narrative/index.html", "calendar/index.html")


def built(root: Path, site: Path) -> dict[str, str]:
    build_with_mkdocs(root, site)
    return {page: (site / page).read_text(encoding="utf-8") for page in LONG_PAGES}


def lines(html: str) -> str:
    return re.sub(r"\n+", "\n", html)


def test_a_page_converted_by_sections_is_the_page_converted_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_hub(tmp_path / "hub")
    by_sections = built(root, tmp_path / "by-sections")
    monkeypatch.setattr(plugin, "can_split", lambda config: False)

    whole = built(root, tmp_path / "whole")

    # The same, but for blank lines between blocks (after a block of raw HTML, Python-Markdown
    # leaves one when more follows in the same conversion); these pages have no <pre>.
    assert [page for page in LONG_PAGES if lines(by_sections[page]) != lines(whole[page])] == []
    # The narrative's stages each have their own tabs (in their own sections), numbered on.
    assert re.findall(r'data-tabs="(\d+):', by_sections["narrative/index.html"]) == [str(n) for n in range(1, 8)]
    # Its table of contents nests each stage under "The buying journey", as one conversion does.
    toc = by_sections["narrative/index.html"].split('data-md-component="toc"', 1)[1]
    journey = toc.split('href="#buying-journey"', 1)[1].split('href="#competitors"', 1)[0]
    assert journey.count('href="#stage-') == 7


@pytest.mark.parametrize(
    ("settings", "split"),
    [
        ({}, True),
        ({"pymdownx.tabbed": {"alternate_style": True}}, True),
        ({"pymdownx.tabbed": {"alternate_style": True, "slugify": "a function"}}, False),
    ],
)
def test_pages_are_converted_whole_where_tabs_are_named_after_their_labels(
    settings: dict[str, object], split: bool
) -> None:
    class Config:
        mdx_configs = settings

    assert can_split(Config()) is split  # type: ignore[arg-type]


def _page_of(tmp_path: Path, markdown: str) -> tuple[object, object, object]:
    """A real MkDocs page of a small site (`long.md`, and `other.md` it links to), read from `markdown`."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "other.md").write_text("# Other\n\n## Kept\n", encoding="utf-8")
    (docs / "long.md").write_text(markdown, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hub\nmarkdown_extensions:\n  - toc:\n      permalink: false\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in ("long.md", "other.md")])
    page = Page(None, files.get_file_from_path("long.md"), config)
    page.markdown = markdown
    return page, config, files


SECTIONS = (
    "# The whole team\n\nSee [their brief](other.md#kept) and [this](#lost).\n\n",
    "## Sales\n\nReps.\n\n### West\n\nOne.\n\n",
    "## Marketing\n\nSee [Other](other.md#kept).\n",
)


def test_a_page_converted_by_sections_tells_mkdocs_what_the_whole_conversion_tells_it(tmp_path: Path) -> None:
    from hub_build.engines.sections import SectionCache, render_by_sections

    whole, config, files = _page_of(tmp_path / "whole", "".join(SECTIONS))
    whole.render(config, files)  # type: ignore[attr-defined]
    parts, config, files = _page_of(tmp_path / "parts", "".join(SECTIONS))

    render_by_sections(parts, SECTIONS, SectionCache(), lambda html: html)(config, files)  # type: ignore[arg-type]

    # The title MkDocs gives a page its navigation does not name, from its first heading.
    assert parts._title_from_render == whole._title_from_render == "The whole team"  # type: ignore[attr-defined]
    # The anchors MkDocs checks links against, and the links it checks, by the page they lead to.
    assert parts.present_anchor_ids == whole.present_anchor_ids  # type: ignore[attr-defined]
    assert {f.src_uri: a for f, a in parts.links_to_anchors.items()} == {  # type: ignore[attr-defined]
        f.src_uri: a
        for f, a in whole.links_to_anchors.items()  # type: ignore[attr-defined]
    }
    assert {f.src_uri: a for f, a in parts.links_to_anchors.items()} == {  # type: ignore[attr-defined]
        "other.md": {"kept": "other.md#kept"},
        "long.md": {"lost": "#lost"},
    }
    # The table of contents, nested as one conversion nests it, its first entry marked as MkDocs marks it.
    assert getattr(parts.toc.items[0], "active", None) is getattr(whole.toc.items[0], "active", None) is True  # type: ignore[attr-defined]
    assert [(h.id, [c.id for c in h.children]) for h in parts.toc.items[0].children] == [  # type: ignore[attr-defined]
        ("sales", ["west"]),
        ("marketing", []),
    ]
    assert parts.markdown == "".join(SECTIONS)  # type: ignore[attr-defined]


def test_a_section_kept_from_the_last_build_is_used_again_unconverted(tmp_path: Path) -> None:
    from hub_build.engines.sections import SectionCache, render_by_sections

    cache = SectionCache()
    page, config, files = _page_of(tmp_path, "".join(SECTIONS))
    render_by_sections(page, SECTIONS, cache, lambda html: html)(config, files)  # type: ignore[arg-type]
    cache.finish({"long.md"})
    finished: list[str] = []

    render_by_sections(page, SECTIONS, cache, lambda html: finished.append(html) or html)(config, files)  # type: ignore[arg-type]

    assert finished == []  # nothing converted again
    assert page._title_from_render == "The whole team"  # type: ignore[attr-defined]
    assert page.content.count("<h2") == 2  # type: ignore[attr-defined]


def test_sections_of_a_page_the_build_left_as_it_was_are_kept_and_those_of_a_removed_page_dropped() -> None:
    from hub_build.engines.sections import Converted, SectionCache

    cache, done = SectionCache(), Converted("<p>x</p>", (), frozenset(), (), None, 0)
    for uri in ("people.md", "calendar.md", "removed.md"):
        cache.keep(uri, "text", done)
    cache.finish({"people.md", "calendar.md", "removed.md"})
    cache.keep("people.md", "new text", done)  # the next build converts the people page again

    cache.finish({"people.md", "calendar.md"})

    assert cache.get("people.md", "new text") is done and cache.get("people.md", "text") is None
    assert cache.get("calendar.md", "text") is done
    assert cache.get("removed.md", "text") is None
