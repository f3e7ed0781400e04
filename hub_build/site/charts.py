"""Small static SVG charts of a metric's results against its target, drawn at build time.

Drawn with matplotlib's SVG backend and no GUI, imported only when a chart is drawn. Colours are drawn as
placeholders, then replaced by `currentColor` and CSS variables, so a chart
placed in the page follows the theme's light or dark scheme (hub.css sets the
variables). The output is byte-identical for the same results: the SVG's ids
are salted with the metric's id instead of a random salt, and no date is written.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hub_build.playbook.scorecard import Card

if TYPE_CHECKING:
    from matplotlib.text import Text

# Placeholder colours, each replaced by what the page's styles say (hub.css).
_INK, _VALUE, _MISSED, _TARGET = "#010101", "#020202", "#030303", "#040404"
_COLOURS = {
    _INK: "currentColor",
    _VALUE: "var(--hub-chart-value, #3949ab)",
    _MISSED: "var(--hub-chart-missed, #c62828)",
    _TARGET: "var(--hub-chart-target, #8a6d00)",
}
_RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, and in the page's font
    "font.family": "sans-serif",
    # Ticks stay at least 11 px on a 390 px phone, where the chart is drawn about 1.2 times its size,
    # and about 11 px in a column of the scorecard's grid on a desktop.
    "font.size": 11,
    "axes.edgecolor": _INK,
    "axes.labelcolor": _INK,
    "xtick.color": _INK,
    "ytick.color": _INK,
    "text.color": _INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": True,
}
_SIZE = (4.2, 1.8)  # inches; the page scales the chart to its column
_AXES = (0.12, 0.17, 0.85, 0.66)  # left, bottom, width, height: room for the unit and the tick labels
_TICKS = 4  # period labels under the chart: all of them up to this many, each centred under its point
_LONG_TICKS = 3  # beyond: the first, the middle and the last, the ends kept inside the chart


def chart_svg(card: Card) -> str:
    """The chart of one metric: its results over time (missed ones marked) and the target as a dashed line."""
    # Imported here, when a chart is drawn: matplotlib takes half a second to import, and most builds draw
    # no chart (none measured, or every chart kept from an earlier build: chart_cache.py).
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    metric = card.metric
    labels = [outcome.period.label for outcome in card.outcomes]
    values = [outcome.value for outcome in card.outcomes]
    with rc_context({**_RC, "svg.hashsalt": metric.id}):  # type: ignore[dict-item]
        figure = Figure(figsize=_SIZE)
        FigureCanvasSVG(figure)
        axes = figure.add_axes(_AXES)
        axes.set_facecolor("none")
        figure.patch.set_alpha(0)
        positions = list(range(len(values)))
        axes.axhline(metric.target.value, color=_TARGET, linestyle=(0, (4, 3)), linewidth=1.2, gid="target-line")
        if values:
            axes.plot(positions, values, color=_VALUE, linewidth=1.6, marker="o", markersize=3, gid="results")
            missed = [(x, v) for x, v, o in zip(positions, values, card.outcomes, strict=True) if o.status == "missed"]
            if missed:
                axes.plot(
                    *zip(*missed, strict=True), linestyle="none", marker="X", markersize=6, color=_MISSED, gid="missed"
                )
        axes.set_xticks(*_ticks(positions, labels))
        if len(positions) > _TICKS:
            _kept_inside(axes.get_xticklabels())
        axes.set_xlim(-0.5, max(len(values) - 0.5, 0.5))
        axes.margins(y=0.15)
        axes.tick_params(length=2, pad=2)
        axes.locator_params(axis="y", nbins=3)
        axes.yaxis.set_major_formatter(FuncFormatter(_short_number))
        # The unit reads across the top of the value axis: along the axis, a long unit would be cut.
        figure.text(0.01, 0.98, metric.target.unit, ha="left", va="top", gid="unit")
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible(_themed(buffer.getvalue()), metric.id, chart_title(card))


def chart_title(card: Card) -> str:
    """What the chart shows, in words: its text alternative."""
    metric = card.metric
    if not card.outcomes:
        return f"{metric.label}: no results yet; the target is {metric.target}."
    first, last = card.outcomes[0], card.outcomes[-1]
    results = f"{len(card.outcomes)} result" + ("s" if len(card.outcomes) != 1 else "")
    return (
        f"{metric.label}: {results} by the {metric.period_kind} from {first.period} to "
        f"{last.period} against the target {metric.target}; missed {card.missed_count} of "
        f"{len(card.outcomes)}, latest {last.period}: {last.value:g} ({last.status})."
    )


def _ticks(positions: Sequence[int], labels: Sequence[str]) -> tuple[list[int], list[str]]:
    if len(positions) <= _TICKS:
        return list(positions), list(labels)
    step = (len(positions) - 1) / (_LONG_TICKS - 1)
    chosen = sorted({round(i * step) for i in range(_LONG_TICKS)})
    return chosen, [labels[i] for i in chosen]


def _kept_inside(labels: Sequence[Text]) -> None:
    """The first period label starts at its tick and the last ends at it, so neither is cut at the chart's edge."""
    if len(labels) > 1:
        labels[0].set_horizontalalignment("left")
        labels[-1].set_horizontalalignment("right")


def _short_number(value: float, _position: object = None) -> str:
    """A tick label in a few characters, so the axis keeps its room: 2500000 → "2.5M", 1500 → "1.5k"."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FONT = re.compile(r"font-family: [^;\"]*")
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)


def _themed(svg: str) -> str:
    svg = _METADATA.sub("", _COMMENT.sub("", _PROLOGUE.sub("", svg, count=1)))
    for placeholder, colour in _COLOURS.items():
        svg = svg.replace(placeholder, colour)
    # Text takes the page's font; the list matplotlib writes would repeat on every label.
    svg = _FONT.sub("font-family: inherit", svg)
    # The page sets the size: the chart fills its column and keeps its proportions.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    # A blank line would end the HTML block the chart sits in, in the page's Markdown.
    return "\n".join(line for line in svg.splitlines() if line.strip())


def _own_ids(svg: str, prefix: str) -> str:
    """Every id in the chart made unique to it: the page holds many charts, each with its own `axes_1`."""
    return (
        svg.replace(' id="', f' id="{prefix}').replace('href="#', f'href="#{prefix}').replace("url(#", f"url(#{prefix}")
    )


def _accessible(svg: str, metric_id: str, title: str) -> str:
    svg = _own_ids(svg, f"chart-{metric_id}-")
    title_id = f"chart-{metric_id}-title"
    opening = svg.index(">", svg.index("<svg")) + 1
    head = svg[:opening].replace("<svg", f'<svg class="hub-chart" role="img" aria-labelledby="{title_id}"', 1)
    return f'{head}\n<title id="{title_id}">{html.escape(title)}</title>{svg[opening:]}'
