"""What a scorecard chart draws, read back from the SVG made in-process: where each result is, which are
marked missed, the dashed target, the period labels, and the ids and styles that let a page hold many charts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from hub_build.playbook.scorecard import Card, scorecard
from hub_build.playbook.validation import validate_hub
from hub_build.site.charts import chart_svg
from tests.helpers import REPO, TODAY, shared

SVG = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"
PREFIX = "chart-mql-follow-up-"
VALUE = "var(--hub-chart-value, #3949ab)"
MISSED = "var(--hub-chart-missed, #c62828)"
VIEW = (302.4, 122.4)  # the chart's viewBox: what the page scales to its column
# Sales follows up every MQL within 4 business hours: 12 monthly results, 2025-11 to 2026-10;
# 2026-05 and 2026-06 were missed. Where matplotlib puts each one may move between its
# versions, so positions are checked by how they stand to the values, not to the pixel.
MISSED_AT = [6, 7]


@pytest.fixture(scope=shared)
def card() -> Card:
    today = dt.date.fromisoformat(TODAY)
    cards = scorecard(validate_hub(REPO, today=today).playbook, today=today).cards
    return next(card for card in cards if card.metric.id == "mql-follow-up")


@pytest.fixture(scope=shared)
def chart(card: Card) -> str:
    return chart_svg(card)


def _drawn(root: ET.Element, group: str) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    """Each path and marker of one group: (tag, path, style, x, y)."""
    found = next(element for element in root.iter() if element.get("id") == PREFIX + group)
    return [
        (
            element.tag.removeprefix(SVG),
            " ".join(element.get("d", "").split()) or None,
            element.get("style"),
            element.get("x"),
            element.get("y"),
        )
        for element in found.iter()
        if element.tag in (f"{SVG}path", f"{SVG}use")
    ]


def test_a_chart_is_an_image_titled_in_words_that_takes_its_size_from_the_page(chart: str) -> None:
    root = ET.fromstring(chart)  # raises on anything not well-formed
    assert root.attrib == {
        "class": "hub-chart",
        "role": "img",
        "aria-labelledby": f"{PREFIX}title",
        "viewBox": "0 0 302.4 129.6",
        "version": "1.1",
    }
    title = root[0]
    assert (title.tag, title.get("id"), title.text) == (
        f"{SVG}title",
        f"{PREFIX}title",
        "Sales follows up every MQL within 4 business hours: 12 results by the month from 2025-11 to 2026-10 "
        "against the target ≤ 4 business hours; missed 2 of 12, latest 2026-10: 2.8 (met).",
    )


def test_a_chart_is_markup_a_page_can_hold_in_its_markdown(chart: str) -> None:
    assert chart.startswith('<svg class="hub-chart" ')
    assert "<?xml" not in chart and "<!--" not in chart and "<metadata" not in chart
    assert all(line.strip() for line in chart.splitlines())  # a blank line would end the HTML block
    assert set(re.findall(r"font-family: [^;\"]*", chart)) == {"font-family: inherit"}
    assert not re.search(r"#0[1-4]0[1-4]0[1-4]", chart)  # every placeholder colour replaced


def test_every_id_in_a_chart_is_its_own_and_every_reference_finds_one(chart: str) -> None:
    root = ET.fromstring(chart)
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) > 30 and all(i.startswith(PREFIX) for i in ids)
    references = [element.get(HREF) for element in root.iter() if element.get(HREF)]
    references += re.findall(r"url\((#[^)]*)\)", chart)
    assert len(references) > 20 and {r.removeprefix("#") for r in references} <= set(ids)


def _xy(drawn: list[tuple[str, str | None, str | None, str | None, str | None]]) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for tag, _d, _style, x, y in drawn if tag == "use" and x and y]


def _line(d: str | None) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d or "")]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def test_a_chart_draws_each_result_marks_the_missed_ones_and_dashes_the_target(card: Card, chart: str) -> None:
    root = ET.fromstring(chart)
    values = [outcome.value for outcome in card.outcomes]
    # No background of its own: the page's shows through, light or dark.
    assert [style for _tag, _d, style, _x, _y in _drawn(root, "patch_1") + _drawn(root, "patch_2")] == [
        "fill: none; opacity: 0",
        "fill: none",
    ]
    results = _drawn(root, "results")
    points = _xy(results)
    assert len(points) == 12
    assert results[0][2] == f"fill: none; stroke: {VALUE}; stroke-width: 1.6; stroke-linecap: square"
    assert _line(results[0][1]) == points  # the line goes through every dot
    assert (results[1][1] or "").startswith("M 0 1.5 ")  # a dot of radius 1.5
    assert {style for _tag, _d, style, _x, _y in results[2:]} == {f"fill: {VALUE}; stroke: {VALUE}"}
    # Inside the picture, one period apart, and higher on it for a higher value.
    assert all(0 < x < VIEW[0] and 0 < y < VIEW[1] for x, y in points)
    steps = {round(b[0] - a[0], 2) for a, b in itertools.pairwise(points)}
    assert len(steps) == 1 and steps.pop() > 15
    y0, y1 = points[0][1], points[6][1]
    scale = (y1 - y0) / (values[6] - values[0])
    assert scale < 0
    assert all(
        abs(y - (y0 + (value - values[0]) * scale)) < 0.01 for (_x, y), value in zip(points, values, strict=True)
    )
    # The target, dashed, across the chart at its value.
    target = _drawn(root, "target-line")
    assert len(target) == 1 and target[0][2] == (
        "fill: none; stroke-dasharray: 4.8,3.6; stroke-dashoffset: 0; stroke: var(--hub-chart-target, #8a6d00); "
        "stroke-width: 1.2"
    )
    (left, height), (right, same_height) = _line(target[0][1])
    assert height == same_height and abs(height - (y0 + (4 - values[0]) * scale)) < 0.01
    assert left < points[0][0] and points[-1][0] < right
    missed = _drawn(root, "missed")
    assert missed[0][1:3] == (
        "M -1.5 3 L 0 1.5 L 1.5 3 L 3 1.5 L 1.5 0 L 3 -1.5 L 1.5 -3 L 0 -1.5 L -1.5 -3 L -3 -1.5 L -1.5 0 L -3 1.5 z",
        f"stroke: {MISSED}; stroke-linejoin: miter",
    )
    assert _xy(missed) == [points[i] for i in MISSED_AT]


def test_a_chart_labels_three_periods_spread_over_its_results_three_values_and_its_unit(chart: str) -> None:
    root = ET.fromstring(chart)
    points = _xy(_drawn(root, "results"))
    texts = list(root.iter(f"{SVG}text"))
    labels = [(text.text, float(text.get("x", "nan")), float(text.get("y", "nan"))) for text in texts]
    assert [label for label, _x, _y in labels] == ["2025-11", "2026-05", "2026-10", "3", "4", "5", "business hours"]
    # Each period's label at its own result; the values up the left side, smallest lowest; the unit above them.
    assert [x for _label, x, _y in labels[:3]] == [points[i][0] for i in (0, 6, 11)]
    assert len({y for _label, _x, y in labels[:3]}) == 1
    assert len({x for _label, x, _y in labels[3:6]}) == 1 and labels[3][1] < points[0][0]
    assert labels[3][2] > labels[4][2] > labels[5][2] > labels[6][2]
    # The first period's label starts at its result and the last ends at its own, so neither is cut.
    assert [re.search(r"text-anchor: (\w+)", text.get("style", "")).group(1) for text in texts[:3]] == [  # type: ignore[union-attr]
        "start",
        "middle",
        "end",
    ]
    # Short ticks in the text's colour: down from the time axis, left from the value axis.
    ticks = {
        " ".join(path.get("d", "").split()): path.get("style")
        for path in root.iter(f"{SVG}path")
        if path.get("d", "").startswith("M 0 0")
    }
    assert ticks == {
        "M 0 0 L 0 2": "stroke: currentColor; stroke-width: 0.8",
        "M 0 0 L -2 0": "stroke: currentColor; stroke-width: 0.8",
    }


def test_a_lone_result_is_drawn_in_the_middle_of_its_chart_and_named_in_the_singular(card: Card) -> None:
    root = ET.fromstring(chart_svg(dataclasses.replace(card, outcomes=card.outcomes[:1])))
    assert next(root.iter(f"{SVG}title")).text == (
        "Sales follows up every MQL within 4 business hours: 1 result by the month from 2025-11 to 2025-11 "
        "against the target ≤ 4 business hours; missed 0 of 1, latest 2025-11: 3.2 (met)."
    )
    [(x, _y)] = _xy(_drawn(root, "results"))
    (left, _), (right, _) = _line(_drawn(root, "target-line")[0][1])
    assert abs(x - (left + right) / 2) < 0.01


def test_the_value_axis_is_labelled_with_three_round_values() -> None:
    today = dt.date.fromisoformat(TODAY)
    cards = scorecard(validate_hub(REPO, today=today).playbook, today=today).cards
    volume = next(card for card in cards if card.metric.id == "monthly-mql-volume")
    labels = [text.text for text in ET.fromstring(chart_svg(volume)).iter(f"{SVG}text")]
    assert labels == ["2025-11", "2026-05", "2026-10", "425", "450", "475", "MQLs"]
