"""A prompt a new hub starts with ("To fill in: …") is marked wherever a page shows it."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from hub_build.site.text import PLACEHOLDER_MARK, markdown, plain


def test_a_plain_field_with_a_prompt_is_marked_and_other_text_is_not() -> None:
    assert html.unescape(plain("To fill in: a segment")) == f"{PLACEHOLDER_MARK}To fill in: a segment"
    assert html.unescape(plain("  To fill in")) == f"{PLACEHOLDER_MARK}To fill in"
    assert html.unescape(plain("Not To fill in")) == "Not To fill in"


def test_a_markdown_field_with_a_prompt_is_marked_before_its_first_line() -> None:
    assert markdown("To fill in: what we sell,\nto whom.") == f"{PLACEHOLDER_MARK}To fill in: what we sell,\nto whom."
    assert markdown("We sell **contracts**.") == "We sell **contracts**."


@pytest.mark.parametrize("page", ["narrative/index.html", "sla/index.html"])
def test_every_prompt_on_a_new_hubs_pages_carries_the_mark(starter_site: Path, page: str) -> None:
    shown = html.unescape((starter_site / page).read_text(encoding="utf-8"))

    assert shown.count("To fill in") > 0
    assert shown.count("To fill in") == shown.count(f"{PLACEHOLDER_MARK}To fill in")


def test_the_samples_pages_have_no_mark(built_site: Path) -> None:
    for page in ("narrative/index.html", "sla/index.html", "index.html"):
        assert PLACEHOLDER_MARK.strip() not in (built_site / page).read_text(encoding="utf-8")
