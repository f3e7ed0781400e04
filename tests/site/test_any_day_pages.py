"""The pages on any day: the 3rd of a month after the last results, before anyone reported the month before."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache

from hub_build.playbook.validation import validate_hub
from hub_build.site.pages import render_site
from tests.helpers import REPO

THIRD_OF_DECEMBER = dt.date(2026, 12, 3)  # the sample's results stop in October 2026


@cache
def _pages(today: dt.date = THIRD_OF_DECEMBER) -> dict[str, str]:
    playbook = validate_hub(REPO, today=today).playbook
    return {page.uri: html.unescape(page.markdown) for page in render_site(playbook, today=today)}


def test_the_scorecard_never_says_no_data_for_a_metric_with_results() -> None:
    scorecard = _pages()["scorecard.md"]

    assert "No data" not in scorecard
    assert "nothing for 2026-11" not in scorecard


def test_the_scorecard_shows_the_latest_reported_result_and_the_period_not_reported_yet() -> None:
    row = next(
        line
        for line in _pages()["scorecard.md"].splitlines()
        if line.startswith("| [Marketing delivers at least 420 MQLs a month]")
    )

    assert (
        "| 427 MQLs in 2026-10 · :material-clock-outline:{ .hub-awaited } **2026-11 not reported yet** by "
        "[Theo Kowalczyk](people.md#theo-kowalczyk) |"
    ) in row
    assert ":material-check-circle:{ .hub-met } Met" in row


def test_the_sla_and_the_glossary_answer_with_the_latest_reported_result() -> None:
    sla, glossary = _pages()["sla.md"], _pages()["glossary.md"]

    assert "no result for" not in sla and "no result for" not in glossary
    assert (
        "- **Latest:** :material-check-circle:{ .hub-met } met, 2.8 business hours in 2026-10 · "
        ":material-clock-outline:{ .hub-awaited } **2026-11 not reported yet** by "
        "[Priya Raman](people.md#priya-raman) · [results](scorecard.md#metric-mql-follow-up)"
    ) in sla.splitlines()
    assert (
        ":material-close-circle:{ .hub-missed } **missed**, 3.45 times target in 2026-10 · "
        ":material-clock-outline:{ .hub-awaited } **2026-11 not reported yet**" in glossary
    )


def test_the_home_page_counts_the_missed_and_the_not_reported_and_links_each() -> None:
    home = _pages()["index.md"].splitlines()
    start = home.index("## Missed last period")

    assert home[start + 2] == ("**1 missed commitment or KPI** · [**13 results not reported yet**](#_not-reported)")
    listed = home[home.index("### Not reported yet { #_not-reported }") : home.index("## Waiting for a decision")]
    rows = [line for line in listed if line.startswith("| [")]
    assert len(rows) == 13
    assert (
        "| [Marketing delivers at least 420 MQLs a month](scorecard.md#metric-monthly-mql-volume) | 2026-11"
        ", from [Theo Kowalczyk](people.md#theo-kowalczyk) | 427 MQLs in 2026-10 |"
    ) in rows


def test_each_table_of_results_has_a_note_column_only_where_a_result_has_a_note() -> None:
    scorecard = _pages()["scorecard.md"]
    headers = re.findall(r"^\| Period \| Result \| Status( \| Note)? \|$", scorecard, re.M)

    assert "" in headers and " | Note" in headers  # some metrics have notes, others none


def test_the_calendar_marks_a_piece_scheduled_before_today_as_late() -> None:
    rows = [line for line in _pages(dt.date(2026, 12, 7))["calendar.md"].splitlines() if " Dec 2026" in line]

    assert rows[0].startswith("| 1 Dec 2026 · :material-alert:{ .hub-missed } **late by 6 days** | ")
    assert rows[1].startswith("| 8 Dec 2026 | ")
