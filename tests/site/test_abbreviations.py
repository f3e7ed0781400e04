"""The glossary's tooltips: the same HTML as Python-Markdown's abbr glossary, on every page."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from hub_build.playbook.model import Playbook, Review, Term
from hub_build.playbook.validation import validate_hub
from hub_build.site.abbreviations import GlossaryAbbreviations, tooltips
from hub_build.site.pages import render_site
from tests.helpers import REPO, TODAY, shared

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    "pymdownx.details",
]


@pytest.fixture(scope=shared)
def sample() -> tuple[dict[str, str], dict[str, str]]:
    today = dt.date.fromisoformat(TODAY)
    playbook = validate_hub(REPO, today=today).playbook
    pages = {page.uri: page.markdown for page in render_site(playbook, today=today)}
    for path in (REPO / "docs").rglob("*.md"):
        pages[path.name] = path.read_text(encoding="utf-8")
    return pages, tooltips(playbook)


def _standard(text: str, glossary: dict[str, str]) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"abbr": {"glossary": glossary}}).convert(text)


def _hub(text: str, glossary: dict[str, str]) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, GlossaryAbbreviations(glossary)]).convert(text)


def test_every_sample_page_gets_the_same_html_as_the_abbr_glossary(sample) -> None:  # type: ignore[no-untyped-def]
    pages, glossary = sample
    assert len(glossary) >= 20
    for uri, text in pages.items():
        assert _hub(text, glossary) == _standard(text, glossary), uri


def test_a_longer_abbreviation_wins_over_its_prefix_and_words_stay_whole() -> None:
    glossary = {"MQL": "marketing", "MQLA": "longer", "SQL": "sales"}
    html = _hub("MQLA, MQL-to-SQL, MQLs and SQLite", glossary)
    assert '<abbr title="longer">MQLA</abbr>' in html
    assert '<abbr title="marketing">MQL</abbr>-to-<abbr title="sales">SQL</abbr>' in html
    assert "MQLs" in html and "SQLite" in html and html.count("<abbr") == 3


def test_a_page_can_still_define_its_own_abbreviations() -> None:
    html = _hub("*[XYZ]: defined on this page\n\nXYZ next to MQL", {"MQL": "marketing"})
    assert '<abbr title="defined on this page">XYZ</abbr>' in html
    assert '<abbr title="marketing">MQL</abbr>' in html


def test_code_is_left_alone() -> None:
    assert "<abbr" not in _hub("`MQL` and\n\n    MQL in a code block", {"MQL": "marketing"})


def _glossary(definition: str, name: str = "N") -> dict[str, str]:
    review = Review("maya-chen", None, None, dt.date(2026, 12, 31))
    playbook = Playbook(
        terms={
            "n": Term("n", name, definition, "shared", review, abbreviation="NB"),
            "lead": Term("lead", "Lead", "No abbreviation, no tooltip.", "shared", review),
        }
    )
    return tooltips(playbook)


@pytest.mark.parametrize(
    ("length", "shown"),
    [
        (219, "N: " + "x" * 216),
        (220, "N: " + "x" * 217),
        (221, "N: " + "x" * 216 + "…"),
    ],
)
def test_a_tooltip_holds_220_characters_and_a_longer_one_is_cut_to_220_with_an_ellipsis(
    length: int, shown: str
) -> None:
    glossary = _glossary("x" * (length - len("N: ")))

    assert glossary == {"NB": shown}
    assert len(glossary["NB"]) == min(length, 220)


def test_a_tooltip_is_not_cut_after_a_space() -> None:
    assert _glossary("x" * 215 + " " + "y" * 10)["NB"] == "N: " + "x" * 215 + "…"


def test_a_tooltip_is_one_line_of_plain_text_keeping_link_labels() -> None:
    definition = "**Bold** and __strong__ `code`,\n\n  [the label](https://x.example/) and [](https://y.example/) end"

    assert _glossary(definition, name="Name")["NB"] == "Name: Bold and strong code, the label and end"
