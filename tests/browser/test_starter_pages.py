"""A hub as `hub init` writes it, in a real browser: the plugin's own configuration at work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve


@pytest.fixture(scope="module")
def starter_url(starter_site: Path) -> Iterator[str]:
    yield from serve(starter_site)


def test_an_abbreviation_in_a_new_hubs_onboarding_track_shows_its_definition(page: Page, starter_url: str) -> None:
    # mkdocs.yml from `hub init` names neither abbr nor Material's tooltips: the plugin adds both.
    page.goto(starter_url + "onboarding/account-executive/")
    expect(page.locator("article li:has(input.hub-step)").first).to_contain_text("Meet Your sales lead")
    page.locator("article abbr", has_text="MQL").first.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Marketing Qualified Lead:")


def test_a_new_hubs_narrative_switches_between_the_teams_tabs(page: Page, starter_url: str) -> None:
    page.goto(starter_url + "narrative/")
    stage = page.locator(".tabbed-set").first
    stage.locator("label", has_text="Marketing").click()
    expect(stage.locator(".tabbed-block").nth(1)).to_be_visible()
    expect(stage.locator(".tabbed-block").nth(1)).to_contain_text("To fill in: what marketing does at this stage")
    expect(stage.locator(".tabbed-block").first).to_be_hidden()
