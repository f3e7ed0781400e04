"""The sample hub as its readers see it in Chromium, on a 1280 px desktop and a 390 px phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_accessibility import PAGE_TYPES
from tests.browser.test_search import _search

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
EVERY_PAGE_TYPE = {**PAGE_TYPES, "scorecard": "scorecard/"}


@contextmanager
def _opened(browser: Browser, url: str, screen: dict[str, object], **options: object) -> Iterator[Page]:
    context = browser.new_context(**screen, **options)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        yield page
    finally:
        context.close()


def _height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


# ------------------------------------------------------------------ the scorecard


@pytest.mark.parametrize(("screen", "tallest"), [(DESKTOP, 5_000), (PHONE, 12_000)], ids=["1280 px", "390 px"])
def test_the_scorecard_fits_on_a_few_screens(
    browser: Browser, site_url: str, screen: dict[str, object], tallest: int
) -> None:
    with _opened(browser, site_url + "scorecard/", screen) as page:
        assert 0 < _height(page) < tallest


def test_the_scorecards_tables_of_results_are_folded_under_each_chart(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "scorecard/", DESKTOP) as page:
        folded = page.locator("article .hub-metric details.hub-results")
        assert folded.count() == page.locator("article svg.hub-chart").count() > 10
        expect(folded.first.locator("table")).to_be_hidden()
        folded.first.locator("summary").click()
        expect(folded.first.locator("table")).to_be_visible()


# The rendered size of a chart's text: its font size times the chart's scale on the page.
CHART_TEXT = """() => Array.from(document.querySelectorAll('article svg.hub-chart')).flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const box = svg.getBoundingClientRect();
  return Array.from(svg.querySelectorAll('g[id*="xtick"] text, g[id*="ytick"] text, [id$="-unit"] text')).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5};
  });
})"""


def test_chart_labels_are_at_least_11_pixels_and_none_is_cut_on_a_phone(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "scorecard/", PHONE) as page:
        labels = page.evaluate(CHART_TEXT)
    assert len(labels) > 50
    assert min(label["px"] for label in labels) >= 11
    assert [label["text"] for label in labels if not label["inside"]] == []


def test_each_chart_names_its_unit_on_the_value_axis(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "scorecard/", DESKTOP) as page:
        expect(page.locator("article #chart-mql-follow-up-unit text")).to_have_text("business hours")


# ------------------------------------------------------------------ tables


# Material's look for a table: a border round it, a line between rows, bold headings, room in each cell.
TABLE_STYLE = """() => { const table = document.querySelector('article table[data-hub-cards]');
  const cell = table.querySelector('tbody td'), head = table.querySelector('thead th');
  const style = getComputedStyle(table);
  return {display: style.display, padding: parseFloat(getComputedStyle(cell).paddingLeft),
          border: style.borderTopWidth !== '0px' || style.boxShadow !== 'none',
          rows: getComputedStyle(cell).borderTopWidth, header: getComputedStyle(head).fontWeight}; }"""


@pytest.mark.parametrize("path", ["", "onboarding/", "sla/", "scorecard/", "calendar/", "narrative/"])
def test_tables_keep_the_themes_look_on_a_desktop(browser: Browser, site_url: str, path: str) -> None:
    with _opened(browser, site_url + path, DESKTOP) as page:
        style = page.evaluate(TABLE_STYLE)
    assert style["display"] in ("table", "inline-block")  # not the block of a phone's cards
    assert style["padding"] >= 10  # not the 1 px of an unstyled table: columns never run together
    assert style["border"] and style["rows"] != "0px"
    assert style["header"] == "700"


def test_tables_become_cards_only_on_a_phone(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "sla/", PHONE) as page:
        style = page.evaluate(TABLE_STYLE)
    assert style["display"] == "block"


# ------------------------------------------------------------------ tooltips


TITLES = "() => Array.from(document.querySelectorAll('article abbr[title]')).map(a => a.title)"


def test_a_tooltip_ends_on_a_whole_word(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "glossary/", DESKTOP) as page:
        definitions = page.locator("article").inner_text()
        titles = set(page.evaluate(TITLES))
    cut = [title for title in titles if title.endswith("…")]
    assert cut  # the sample has long definitions
    for title in cut:
        last_word = title.removesuffix("…").split()[-1]
        # In the glossary that word is whole: a space or a mark follows it.
        assert re.search(r"(^|\s)" + re.escape(last_word) + r"[\s,.;:)]", definitions), title


def test_a_tooltip_is_readable_on_a_phone_and_a_second_tap_leads_to_the_glossary(
    browser: Browser, site_url: str
) -> None:
    with _opened(browser, site_url + "sla/", PHONE) as page:
        mql = page.locator("article abbr[tabindex='0']", has_text="MQL").first
        mql.tap()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for()
        size, weight = tooltip.evaluate(
            "t => { const s = getComputedStyle(t.querySelector('.md-tooltip2__inner'));"
            " return [parseFloat(s.fontSize), s.fontWeight]; }"
        )
        assert size >= 13 and weight == "400"
        mql.tap()
        expect(page).to_have_url(re.compile(r"glossary/#abbr-mql$"))
        expect(page.locator("#abbr-mql")).to_be_attached()
        assert page.locator("h4", has=page.locator("#abbr-mql")).inner_text().startswith("MQL · ")


def test_a_printed_page_writes_each_abbreviation_out_once(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "sla/", DESKTOP) as page:
        page.emulate_media(media="print")
        after = page.locator("article abbr", has_text=re.compile("^MQL$")).evaluate_all(
            "abbrs => abbrs.map(a => getComputedStyle(a, '::after').content)"
        )
    assert after[0] == '" (Marketing Qualified Lead)"'
    assert set(after[1:]) == {"none"}


# ------------------------------------------------------------------ tabs, requests, the keyboard


def test_on_a_phone_the_selected_tab_is_the_one_underlined(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "sla/", PHONE) as page:
        labels = page.locator("article .tabbed-set").first.locator(".tabbed-labels > label")
        labels.nth(1).click()
        underlined = labels.evaluate_all("ls => ls.map(l => getComputedStyle(l).boxShadow.includes('inset'))")
        sliding = page.locator("article .tabbed-labels").first.evaluate("l => getComputedStyle(l, '::before').display")
    assert underlined == [False, True]
    assert sliding == "none"  # the theme's underline, which marks a place on the first line only


@pytest.mark.parametrize("page_type", list(EVERY_PAGE_TYPE))
def test_no_request_of_a_page_gets_a_404(browser: Browser, site_url: str, page_type: str) -> None:
    context = browser.new_context(**DESKTOP)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(site_url + EVERY_PAGE_TYPE[page_type])
        page.wait_for_load_state("networkidle")
        assert failed == []
    finally:
        context.close()


@pytest.mark.parametrize(("screen", "shown"), [(DESKTOP, True), (PHONE, False)], ids=["keyboard", "touch"])
def test_press_slash_is_said_only_where_there_is_a_keyboard(
    browser: Browser, site_url: str, screen: dict[str, object], shown: bool
) -> None:
    with _opened(browser, site_url, screen) as page:
        hint = page.locator("article .hub-keyboard-only")
        assert hint.count() == 1
        assert hint.is_visible() is shown


# ------------------------------------------------------------------ search


@pytest.mark.parametrize(
    ("query", "clauses"),
    [
        ("consequences", {"missed-mql-volume", "missed-follow-up", "shared-pipeline-shortfall"}),
        ("escalation", {"escalate-to-kpi-owners", "escalate-to-leadership", "attribution-disputes"}),
    ],
)
def test_a_clause_is_found_by_its_sections_name(browser: Browser, site_url: str, query: str, clauses: set[str]) -> None:
    with _opened(browser, site_url + "why-alignment/", DESKTOP) as page:
        _search(page, query, key=False)
        links = page.locator("pagefind-modal .pf-result-link")
        expect(links.first).to_have_attribute("href", re.compile("^/sla/#clause-"), timeout=10_000)
        page.wait_for_timeout(300)  # the last keystroke's results
        first = [
            href.removeprefix("/sla/#clause-")
            for href in links.evaluate_all("ls => ls.slice(0, 3).map(l => l.getAttribute('href'))")
        ]
    assert set(first) == clauses


def test_a_result_shows_names_never_ids_and_says_who_keeps_the_record(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "why-alignment/", DESKTOP) as page:
        _search(page, "weekly pipeline sync", key=False)
        results = page.locator("pagefind-modal .hub-search-result")
        expect(results.first).to_be_visible(timeout=10_000)
        page.wait_for_timeout(300)
        text = page.locator("pagefind-modal pagefind-results").inner_text()
        owner = results.first.locator(".hub-search-owner").inner_text()
    assert "weekly-pipeline-sync" not in text
    assert re.match(r"Kept by [A-Z][a-z]+ [A-Z]", owner)


@pytest.mark.parametrize(("screen", "unfolded"), [(DESKTOP, True), (PHONE, False)], ids=["1280 px", "390 px"])
def test_the_search_filters_fold_behind_one_control_on_a_phone(
    browser: Browser, site_url: str, screen: dict[str, object], unfolded: bool
) -> None:
    with _opened(browser, site_url + "why-alignment/", screen) as page:
        page.locator(".md-header .hub-search-trigger").click()
        page.locator("pagefind-modal input").fill("MQL")
        filters = page.locator("pagefind-modal details.hub-search-filters")
        expect(filters).to_be_attached()
        assert filters.evaluate("d => d.open") is unfolded
        assert filters.locator("summary").is_visible() is not unfolded


# ------------------------------------------------------------------ trust, people, paper


@pytest.mark.parametrize("path", ["narrative/", "sla/", "onboarding/sdr/"])
def test_a_record_page_says_who_keeps_it_and_when_it_was_reviewed_under_its_title(
    browser: Browser, site_url: str, path: str
) -> None:
    with _opened(browser, site_url + path, DESKTOP) as page:
        title = page.locator("article h1").bounding_box()
        trust = page.locator("article .hub-trust")
        text = trust.inner_text()
        box = trust.bounding_box()
    assert title is not None and box is not None
    assert box["y"] - (title["y"] + title["height"]) < 60
    assert re.search(r"Kept by \w.* · (last reviewed \d{1,2} \w{3} \d{4}|never reviewed)", text)


def test_the_people_page_is_a_third_of_its_former_height(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "people/", DESKTOP) as page:
        assert _height(page) <= 14_025 // 3 + 100  # 14,025 px before the people became cards


def test_a_chat_handle_leads_to_a_conversation(browser: Browser, site_url: str) -> None:
    with _opened(browser, site_url + "people/", DESKTOP) as page:
        chat = page.locator("#amara-nwosu").locator("xpath=..").locator(".hub-person__contact a", has_text="@amara")
        expect(chat).to_have_attribute("href", "https://chat.quillstone.example/quillstone/messages/@amara")


def test_a_printed_track_keeps_each_day_together_and_shows_only_what_paper_can_use(
    browser: Browser, site_url: str
) -> None:
    with _opened(browser, site_url + "onboarding/sdr/", DESKTOP) as page:
        page.get_by_label("Your first day").fill("2027-01-04")
        page.emulate_media(media="print")
        days = page.locator("article .hub-day")
        breaks = days.evaluate_all("ds => ds.map(d => getComputedStyle(d).breakInside)")
        article = page.locator("article").inner_text()
    assert len(breaks) > 3 and set(breaks) == {"avoid"}
    assert "First day: Monday 4 January 2027" in article
    assert "steps done" not in article and "Tick each step" not in article and "Your first day" not in article
    assert "kenji.watanabe@quillstone.example" in article
