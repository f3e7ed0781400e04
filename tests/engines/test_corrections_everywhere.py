""" "Something wrong or missing?" on every page, whichever engine builds it: in the Markdown the engine reads."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from hub_build.engines.export import export_site
from tests.helpers import copy_hub

LINK = re.compile(r'href="([^"]+)"[^>]*>Something wrong or missing\?</a>')


def _body(url: str) -> str:
    return parse_qs(urlparse(html.unescape(url)).query)["body"][0]


def test_the_export_every_engine_can_build_asks_for_corrections_on_hand_written_pages(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")

    export_site(root, tmp_path / "out", zensical=True)

    page = (tmp_path / "out" / "docs" / "why-alignment.md").read_text(encoding="utf-8")
    url = page.split("[Something wrong or missing?](", 1)[1].split(")", 1)[0]
    assert "File: docs/why-alignment.md\n" in _body(url)
    assert page.count("Something wrong or missing?") == 1


def test_a_mkdocs_build_asks_once_on_generated_and_hand_written_pages(built_site: Path) -> None:
    for page, file in (("why-alignment", "docs/why-alignment.md"), ("ideas/cfo-one-pager", "playbook/content/")):
        links = LINK.findall((built_site / page / "index.html").read_text(encoding="utf-8"))
        assert len(links) == 1, page
        assert f"File: {file}" in _body(links[0])
