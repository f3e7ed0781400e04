"""The hub's search in Chromium: what comes first, what loads when, and where results lead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, Request, expect

from tests.browser.conftest import serve

QUESTIONS = yaml.safe_load((Path(__file__).parent / "search_relevance.yaml").read_text(encoding="utf-8"))
# Anything of the search: Pagefind's script and styles, its entry file, the index, fragments, WebAssembly.
SEARCH = re.compile(r"/pagefind/")
INDEX = re.compile(r"/pagefind/(pagefind-entry\.json|.*\.pf_(meta|index|fragment|filter)|wasm\.)")


def _search(page: Page, query: str, *, key: bool = True) -> None:
    if key:
        page.keyboard.press("/")
    else:
        page.locator(".md-header .hub-search-trigger").click()
    box = page.locator("pagefind-modal input")
    expect(box).to_be_focused()
    box.fill(query)


def _first_result(page: Page) -> str:
    first = page.locator("pagefind-modal .pf-result-link").first
    expect(first).to_be_visible()
    return first.get_attribute("href") or ""


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "why-alignment/")
    expect(page.locator(".md-header .hub-search-trigger")).to_be_visible()
    yield page
    context.close()


def test_the_relevance_table_holds_at_least_twenty_questions() -> None:
    assert len(QUESTIONS) >= 20
    assert len({row["query"] for row in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize("row", QUESTIONS, ids=[row["query"] for row in QUESTIONS])
def test_the_entry_a_reader_asks_for_comes_first(search_page: Page, row: dict[str, str]) -> None:
    _search(search_page, row["query"], key=False)
    # The first result settles once the last keystroke's search has answered.
    expect(search_page.locator("pagefind-modal .pf-result-link").first).to_have_attribute(
        "href", "/" + row["first"], timeout=10_000
    )
    search_page.keyboard.press("Escape")
    expect(search_page.locator("pagefind-modal input")).not_to_be_visible()


def test_nothing_of_the_search_loads_before_the_reader_searches(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "glossary/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if SEARCH.search(url) or "search_index" in url]

    page.locator(".md-header .hub-search-trigger").click()
    expect(page.locator("pagefind-modal input")).to_be_focused()
    # Opened, the search loads its script; Pagefind may start on the index as its box takes focus.
    assert [url for url in requests if SEARCH.search(url)]

    page.locator("pagefind-modal input").fill("SQL")
    _first_result(page)
    assert [url for url in requests if INDEX.search(url)]


def test_slash_opens_the_search_and_enter_reaches_the_entry(page: Page, site_url: str) -> None:
    page.goto(site_url)
    _search(page, "MQL")
    expect(page.locator("pagefind-modal .pf-result-link").first).to_have_attribute("href", "/glossary/#mql")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/glossary/#mql$"))
    expect(page.locator("h4#mql")).to_be_in_viewport()


def test_a_result_says_what_it_is_and_what_it_says(page: Page, site_url: str) -> None:
    page.goto(site_url)
    _search(page, "Kenji")
    first = page.locator("pagefind-modal .pf-result").first
    expect(first.locator(".hub-search-section")).to_have_text("People")
    expect(first.locator(".pf-result-link")).to_have_text("Kenji Watanabe")
    expect(first.locator(".pf-result-excerpt")).to_contain_text("SDR Team Lead")


def test_the_kind_filter_keeps_only_that_kind(page: Page, site_url: str) -> None:
    page.goto(site_url)
    _search(page, "lead")
    _first_result(page)
    page.locator("pagefind-filter-dropdown[filter='kind'] button").first.click()
    page.get_by_role("option", name=re.compile(r"^person")).click()
    # The dropdown stays open for more choices; an Escape could close the search window instead.
    expect(page.locator("pagefind-modal .hub-search-section").first).to_have_text("People", timeout=15_000)
    sections = set(page.locator("pagefind-modal .hub-search-section").all_inner_texts())
    assert sections == {"PEOPLE"} or sections == {"People"}


def test_a_site_under_a_sub_path_searches_and_leads_within_it(
    browser: Browser, built_site: Path, tmp_path: Path
) -> None:
    (tmp_path / "revenue").symlink_to(built_site, target_is_directory=True)
    server = serve(tmp_path)
    root = next(server)
    try:
        page = browser.new_page()
        page.goto(root + "revenue/why-alignment/")
        _search(page, "MQL")
        expect(page.locator("pagefind-modal .pf-result-link").first).to_have_attribute("href", "/revenue/glossary/#mql")
        page.close()
    finally:
        server.close()


def test_no_request_leaves_the_site_while_reading_and_searching(page: Page, site_url: str) -> None:
    outside: list[str] = []

    def record(request: Request) -> None:
        if not request.url.startswith(site_url) and not request.url.startswith("data:"):
            outside.append(request.url)

    page.on("request", record)
    for path in ("", "glossary/", "sla/", "people/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    _search(page, "speed to lead")
    _first_result(page)
    page.wait_for_load_state("networkidle")
    assert outside == []


def test_hostile_text_in_results_stays_text(page: Page, hostile_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url)
    _search(page, "script")
    _first_result(page)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator("pagefind-modal script:not([type='text/pagefind-template']), pagefind-modal img").count() == 0
