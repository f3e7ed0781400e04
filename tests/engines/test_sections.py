"""Long pages are converted a section at a time on MkDocs: the page is the one a conversion of
the whole page gives, its table of contents and content tabs included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from hub_build.engines import mkdocs as plugin
from hub_build.engines.sections import can_split
from tests.helpers import copy_hub

LONG_PAGES = ("people/index.html", "narrative/index.html", "calendar/index.html")


def built(root: Path, site: Path) -> dict[str, str]:
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))
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
