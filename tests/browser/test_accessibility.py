"""axe-core over every page type, light and dark: no violation of any impact in what the hub writes.

axe-core comes from npm (tests/browser/axe/package.json, installed by .ci/run with
`npm ci`) and is injected into each page by Playwright. A violation counts as the
hub's when its element is in the page's article, which the hub's templates and
styles make; the theme's own findings outside it are listed in the README.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "glossary": "glossary/",
    "people": "people/",
    "onboarding": "onboarding/",
    "track": "onboarding/sdr/",
    "narrative": "narrative/",
    "sla": "sla/",
    "calendar": "calendar/",
    "idea": "ideas/kestrel-audit-case-study/",
    "hand-written page": "propose/",
    "scorecard": "scorecard/",
}
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .flatMap(v => v.nodes
      .filter(node => { const found = document.querySelector(node.target[0]); return found && found.closest("article"); })
      .map(node => `${v.id} (${v.impact}): ${node.target.join(" ")}: ${node.failureSummary.split("\\n")[1] || ""}`));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        reason = "axe-core is not installed: npm ci --prefix tests/browser/axe"
        if os.environ.get("CI"):
            pytest.fail(f"accessibility tests cannot run in CI: {reason}")
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["1280 px", "390 px"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_violation_in_the_hubs_content(
    browser: Browser, site_url: str, axe_source: str, page_type: str, scheme: str, screen: dict[str, object]
) -> None:
    context = browser.new_context(**screen, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(site_url + PAGE_TYPES[page_type])
        page.wait_for_load_state("load")
        if page_type == "track":
            page.get_by_label("Your first day").fill("2027-01-04")  # the plan as a hire sees it
        page.add_script_tag(content=axe_source)
        assert page.evaluate(RUN_AXE) == []
    finally:
        context.close()


@pytest.mark.parametrize("page_type", ["calendar", "sla", "glossary", "narrative"])
def test_tables_keep_every_column_on_a_390_pixel_phone(browser: Browser, site_url: str, page_type: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + PAGE_TYPES[page_type])
        widest = page.evaluate(
            "() => Math.max(0, ...Array.from(document.querySelectorAll('article table'))"
            ".map(t => t.getBoundingClientRect().right))"
        )
        assert 0 < widest <= 390
        assert page.evaluate("document.documentElement.scrollWidth") == 390
    finally:
        context.close()


def test_a_calendar_row_on_a_phone_names_each_cell_by_its_column(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + "calendar/")
        labels = (
            page.locator("article table")
            .first.locator("tbody tr")
            .first.locator("td")
            .evaluate_all("cells => cells.map(cell => cell.getAttribute('data-label'))")
        )
        assert labels == ["Date", "Idea", "Format", "Channel", "Proposed by", "Owner"]
    finally:
        context.close()


def test_an_abbreviation_shows_its_meaning_when_reached_by_keyboard(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + "sla/")
        abbreviation = page.locator("article abbr[tabindex='0']", has_text="MQL").first
        abbreviation.focus()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for()
        assert tooltip.inner_text().startswith("Marketing Qualified Lead:")
        assert page.locator("article abbr[tabindex='0']", has_text="MQL").count() == 1  # later uses: no extra stops
    finally:
        context.close()


def test_an_abbreviation_shows_its_meaning_when_tapped(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + "sla/")
        page.locator("article abbr[tabindex='0']", has_text="MQL").first.tap()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for()
        assert tooltip.inner_text().startswith("Marketing Qualified Lead:")
    finally:
        context.close()


RUN_AXE_ON_SEARCH = """async () => {
  const results = await axe.run({include: [[".hub-search-trigger"], ["pagefind-modal"]]},
                                {resultTypes: ["violations"]});
  return results.violations
    .filter(v => v.impact === "critical" || v.impact === "serious")
    .flatMap(v => v.nodes.map(node => `${v.id} (${v.impact}): ${node.target.join(" ")}`));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_button_and_window_have_no_critical_or_serious_violation(
    browser: Browser, site_url: str, axe_source: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(site_url + "glossary/")
        page.add_script_tag(content=axe_source)
        assert page.evaluate(RUN_AXE_ON_SEARCH.replace(', ["pagefind-modal"]', "")) == []
        page.locator(".hub-search-trigger").click()
        page.locator("pagefind-modal input").fill("Kenji")
        page.locator("pagefind-modal .pf-result-link").first.wait_for()
        assert page.evaluate(RUN_AXE_ON_SEARCH) == []
    finally:
        context.close()
