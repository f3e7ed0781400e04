"""The scorecard as the site shows it: figures in words, and each metric's chart.

The page itself is `templates/scorecard.md.j2`; the charts are published beside
it as files too (`scorecard/<metric>.svg`), for slides and reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from markupsafe import Markup

from hub_build.playbook.model import Playbook, Target, quantity
from hub_build.playbook.scorecard import Card, Scorecard, scorecard
from hub_build.site.chart_cache import ChartFolder, chart_key
from hub_build.site.charts import chart_svg, chart_title

SCORECARD = "scorecard.md"
CHART_FOLDER = "scorecard"
RECENT = 12  # results listed in each metric's table; the chart shows them all
# Where a missed commitment leads: the SLA's rules of disengagement, in the order they apply.
NEXT_STEPS = (("escalation", "escalate"), ("consequence", "consequences"), ("review", "review the SLA"))


def build_scorecard(playbook: Playbook, *, today: dt.date, holidays: Collection[dt.date] = ()) -> Scorecard:
    return scorecard(playbook, today=today, holidays=holidays)


class KeptCharts:
    """Charts drawn by the last rendering (under `hub serve`), by what each one shows:
    drawing is most of the scorecard's cost, and most saves change no result. With a
    `ChartFolder`, charts not kept in memory are looked for on disk, and those drawn are kept there."""

    def __init__(self) -> None:
        self._kept: dict[tuple[object, ...], Markup] = {}

    def drawn(self, cards: list[Card], folder: ChartFolder | None = None) -> dict[str, Markup]:
        kept, self._kept = self._kept, {}
        charts = {}
        for card in cards:
            shown = _shown(card)
            charts[card.metric.id] = self._kept[shown] = kept.get(shown) or _kept_or_drawn(card, shown, folder)
        if folder is not None:
            folder.tidy()
        return charts


def _kept_or_drawn(card: Card, shown: tuple[object, ...], folder: ChartFolder | None) -> Markup:
    if folder is None:
        return Markup(chart_svg(card))
    key = chart_key(shown)
    svg = folder.get(key)
    if svg is None:
        svg = chart_svg(card)
        folder.put(key, svg)
    return Markup(svg)


def _shown(card: Card) -> tuple[object, ...]:
    """Everything a chart draws or says: two cards with the same draw the same chart."""
    return (
        card.metric.id,
        card.metric.target.value,
        chart_title(card),
        tuple((o.period.label, o.value, o.status) for o in card.outcomes),
    )


def charts(card_set: Scorecard, kept: KeptCharts | None = None, folder: ChartFolder | None = None) -> dict[str, Markup]:
    """Each measured metric's chart, by metric id: SVG the build wrote itself (or kept in `folder`, checked
    to be only a chart), so it is placed as markup."""
    cards = [card for card in card_set.cards if card.outcomes]
    return (kept or KeptCharts()).drawn(cards, folder)


def chart_files(chart_markup: dict[str, Markup]) -> dict[str, str]:
    return {
        f"{CHART_FOLDER}/{metric_id}.svg": f'<?xml version="1.0" encoding="utf-8"?>\n{svg}\n'
        for metric_id, svg in chart_markup.items()
    }


def figure(value: float, target: Target) -> str:
    """`34.5` in `%` → "34.5%"; `2510000` in `USD` → "2,510,000 USD"."""
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return quantity(shown, target.unit)
