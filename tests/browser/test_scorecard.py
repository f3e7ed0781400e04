"""The scorecard in Chromium: accessible in both schemes, readable on a phone and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.test_accessibility import RUN_AXE, axe_source  # noqa: F401  (a fixture)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_scorecard_has_no_violation_in_either_scheme(
    browser: Browser,
    site_url: str,
    axe_source: str,  # noqa: F811
    scheme: str,
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(site_url + "scorecard/")
        page.wait_for_load_state("load")
        page.add_script_tag(content=axe_source)
        assert page.evaluate(RUN_AXE) == []
    finally:
        context.close()


def test_the_scorecards_tables_keep_every_column_on_a_390_pixel_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + "scorecard/")
        widest = page.evaluate(
            "() => Math.max(0, ...Array.from(document.querySelectorAll('article table, "
            "article svg.hub-chart')).map(t => t.getBoundingClientRect().right))"
        )
        assert 0 < widest <= 390
        assert page.evaluate("document.documentElement.scrollWidth") == 390
    finally:
        context.close()


def test_the_charts_show_without_javascript_and_are_named_for_screen_readers(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "scorecard/")
        chart = page.get_by_role(
            "img", name="Sales follows up every MQL within 4 business hours: 12 results", exact=False
        )
        assert chart.count() == 1
        box = chart.bounding_box()
        assert box is not None and box["width"] > 250 and box["height"] > 100  # a column of the grid of charts
    finally:
        context.close()


def test_the_charts_take_the_colours_of_the_scheme(browser: Browser, site_url: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
        try:
            page = context.new_page()
            page.goto(site_url + "scorecard/")
            colours[scheme] = page.evaluate(
                "() => { const svg = document.querySelector('svg.hub-chart');"
                " return [getComputedStyle(svg).color,"
                " getComputedStyle(svg.querySelector('[id$=\"target-line\"] path')).stroke]; }"
            )
        finally:
            context.close()
    assert colours["light"] != colours["dark"]
    assert colours["light"][1] == "rgb(138, 109, 0)"  # --hub-chart-target in hub.css
    assert colours["dark"][1] == "rgb(255, 213, 79)"
