"""The home page speaks of the hub it is on: counts in words, the hub's own terms."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from hub_build.playbook.validation import validate_hub
from hub_build.site.pages import render_site
from tests.helpers import MINIMAL, REPO

TODAY = dt.date(2026, 3, 1)


def _home(root: Path, today: dt.date = TODAY) -> list[str]:
    pages = render_site(validate_hub(root, today=today).playbook, today=today)
    return next(page.markdown for page in pages if page.uri == "index.md").splitlines()


def test_the_glossary_door_names_the_hubs_own_lifecycle_abbreviations_in_order() -> None:
    assert (
        "    MQL, SAL, SQL: the definitions both teams agreed on."
        '<span class="hub-keyboard-only"> Or press ++slash++ to search the hub.</span>'
    ) in _home(REPO)


def test_a_hub_without_those_terms_names_its_own() -> None:
    assert (
        "    MQL, Lead: the definitions both teams agreed on."
        '<span class="hub-keyboard-only"> Or press ++slash++ to search the hub.</span>'
    ) in _home(MINIMAL)


def test_counts_are_said_in_words_for_one_and_for_many() -> None:
    home = _home(MINIMAL)

    assert "| [Glossary](glossary.md) | 2 terms both teams agreed on, the lead lifecycle and the shared KPIs. |" in home
    assert "| [People](people.md) | 2 people in sales and marketing, and what to ask each of them. |" in home
    assert (
        "| [Content calendar](calendar.md) | 1 content idea proposed by both teams, and where each one stands. |"
        in home
    )


def test_the_home_page_lists_each_result_that_missed_its_target_last_period_and_only_those() -> None:
    # On 20 November 2026 the latest complete period is October: two results missed, the rest met.
    home = [html.unescape(line) for line in _home(REPO, dt.date(2026, 11, 20))]
    start = home.index("## Missed last period")

    assert home[start + 2] == "**2 missed commitments and KPIs** · every result reported"
    assert home[start + 4 : start + 9] == [
        "| Missed | Result | Target |",
        "| --- | --- | --- |",
        "| [Pipeline coverage](scorecard.md#metric-pipeline-coverage) | 3.45 times target in 2026-10"
        " | ≥ 3.5 times target |",
        "| [Sales proposes at least eight content ideas a month](scorecard.md#metric-sales-content-ideas)"
        " | 5 content ideas in 2026-10 | ≥ 8 content ideas per month |",
        "",
    ]


def test_the_home_page_lists_the_ideas_waiting_past_the_slas_promise_longest_first() -> None:
    home = [html.unescape(line) for line in _home(REPO, dt.date(2026, 12, 7))]
    start = home.index("## Waiting for a decision")
    rows = home[start + 4 : home.index("## Due for review")]

    assert home[start + 2].startswith("9 content ideas waited longer than the SLA promises for a decision.")
    assert rows[:3] == [
        "| Idea | Proposed by | Waiting | Decides |",
        "| --- | --- | --- | --- |",
        "| [One page for the CFO — why contracts are a finance problem](ideas/cfo-one-pager.md)"
        " | [Chloe Adeyemi](people.md#chloe-adeyemi) | :material-alert: **19 business days**, promised within 10"
        " ([clause 1.6](sla.md#clause-content-idea-decision)) | Grace Lindqvist (marketing) |",
    ]
    assert len([row for row in rows if row.startswith("| [")]) == 9


def test_a_hub_with_no_idea_waiting_past_the_promise_has_no_such_section() -> None:
    assert "## Waiting for a decision" not in _home(REPO, dt.date(2026, 11, 20))
    assert "## Waiting for a decision" not in _home(MINIMAL)


def test_the_home_page_names_how_many_more_wait_than_it_lists(monkeypatch) -> None:
    monkeypatch.setattr("hub_build.site.pages.LATE_SHOWN", 2)
    home = [html.unescape(line) for line in _home(REPO, dt.date(2026, 12, 7))]
    start = home.index("## Waiting for a decision")
    rows = home[start : home.index("## Due for review")]

    assert len([row for row in rows if row.startswith("| [")]) == 2
    assert "And 7 more ideas: see the ideas marked proposed on the [content calendar](calendar.md)." in rows
