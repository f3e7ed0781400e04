"""The scorecard page, its charts, and the results shown on the pages people already read.

The sample is built with the suite's day, 2026-11-23: the latest complete month is
2026-10, quarter 2026-Q3 and week 2026-W47.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hub_build.playbook.config import Holiday
from hub_build.playbook.model import Target
from hub_build.playbook.scorecard import scorecard
from hub_build.playbook.validation import validate_hub
from hub_build.site.charts import chart_svg
from hub_build.site.pages import render_site
from hub_build.site.scorecard_view import figure
from tests.helpers import REPO, copy_hub, run_hub

SVG = "{http://www.w3.org/2000/svg}"


def _text(html: str) -> str:
    """The page's text as a reader sees it: tags dropped, character references read."""
    import html as html_module

    words = re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html)))
    return re.sub(r"\s+([,.;:])", r"\1", words)


def test_every_metric_has_a_well_formed_chart_with_a_title_and_a_target_line(built_site: Path) -> None:
    charts = sorted((built_site / "scorecard").glob("*.svg"))
    assert len(charts) == 19  # 7 shared KPIs and 12 commitments in the sample
    for chart in charts:
        root = ET.parse(chart).getroot()  # raises on anything not well-formed
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text
        assert root.get("aria-labelledby") == title.get("id")
        assert any((element.get("id") or "").endswith("target-line") for element in root.iter())


def test_a_chart_says_in_words_what_it_shows(built_site: Path) -> None:
    title = ET.parse(built_site / "scorecard" / "mql-follow-up.svg").getroot().find(f"{SVG}title")
    assert title is not None
    assert title.text == (
        "Sales follows up every MQL within 4 business hours: 12 results by the month from 2025-11 "
        "to 2026-10 against the target ≤ 4 business hours; missed 2 of 12, latest 2026-10: 2.8 (met)."
    )


def test_charts_fetch_nothing_and_run_nothing(built_site: Path) -> None:
    for chart in (built_site / "scorecard").glob("*.svg"):
        text = chart.read_text(encoding="utf-8")
        assert "<script" not in text and 'href="http' not in text and "@import" not in text
        found = set(re.findall(r"https?://[^\"' ]+", text))
        assert found == {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_charts_follow_the_theme_through_current_color_and_css_variables(built_site: Path) -> None:
    text = (built_site / "scorecard" / "win-rate.svg").read_text(encoding="utf-8")
    assert "currentColor" in text and "var(--hub-chart-target" in text and "var(--hub-chart-value" in text
    assert "#000000" not in text and "#ffffff" not in text


def test_the_same_results_draw_byte_identical_charts() -> None:
    today = dt.date(2026, 11, 23)
    first = scorecard(validate_hub(REPO, today=today).playbook, today=today)
    second = scorecard(validate_hub(REPO, today=today).playbook, today=today)
    assert [chart_svg(card) for card in first.cards] == [chart_svg(card) for card in second.cards]


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (34.5, "%", "34.5%"),  # a percentage sits on its number
        (61, "% of MQLs in ICP tiers A to C", "61% of MQLs in ICP tiers A to C"),
        (2510000, "USD", "2,510,000 USD"),
        (3.4, "times target", "3.4 times target"),  # no trailing zero
        (1234.567, "USD", "1,234.57 USD"),  # two decimals at most
        (2.001, "business hours", "2 business hours"),  # nor a point with nothing after it
    ],
)
def test_a_result_is_shown_as_its_figure_and_unit(value: float, unit: str, shown: str) -> None:
    assert figure(value, Target(10, unit)) == shown


def test_the_scorecard_summary_lists_each_teams_commitments_with_each_headline(built_site: Path) -> None:
    html = (built_site / "scorecard" / "index.html").read_text(encoding="utf-8")
    text = _text(html)
    assert "Marketing delivers" in text and "Sales delivers" in text
    assert "Sales follows up every MQL within 4 business hours 2.8 business hours in 2026-10 Met" in text
    assert "Sales proposes at least eight content ideas a month 5 content ideas in 2026-10 Missed" in text
    assert "Met · 2.8 business hours in 2026-10 · target ≤ 4 business hours · the clause" in text
    assert "12 results, missed 2 Period Result Status" in text


def test_a_missed_commitment_links_to_the_slas_rules_of_disengagement(built_site: Path) -> None:
    html = (built_site / "scorecard" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr>(?:(?!</tr>).)*Sales proposes at least eight(?:(?!</tr>).)*</tr>", html, re.S)
    assert row is not None
    assert re.findall(r'href="([^"]*sla/#[^"]*)"', row.group(0)) == [
        "../sla/#escalation",
        "../sla/#consequence",
        "../sla/#review",
    ]


def test_each_metric_lists_its_results_as_a_table_with_notes(built_site: Path) -> None:
    text = _text((built_site / "scorecard" / "index.html").read_text(encoding="utf-8"))
    assert ("2026-06 4.6 business hours missed New SDRs in their second week; DACH leads waited longest.") in text
    assert "The 12 latest of 52 results, missed" in text  # speed to lead, by the week
    assert "The chart shows all 52." in text


def test_the_glossary_shows_each_kpis_latest_result(built_site: Path) -> None:
    text = _text((built_site / "glossary" / "index.html").read_text(encoding="utf-8"))
    assert "Latest: met, 28.3% in 2026-Q3 · results" in text  # win rate
    assert "Latest: missed, 3.45 times target in 2026-10 · results" in text  # pipeline coverage


def test_the_sla_page_shows_each_commitments_latest_result(built_site: Path) -> None:
    text = _text((built_site / "sla" / "index.html").read_text(encoding="utf-8"))
    assert "Latest: met, 2.8 business hours in 2026-10 · results" in text
    assert "Latest: missed, 5 content ideas in 2026-10 · results" in text


def _rendered(uri: str, holidays: tuple[Holiday, ...] = ()) -> list[str]:
    """A page of the sample as the build writes its Markdown on the suite's day, character references read."""
    today = dt.date(2026, 11, 23)
    playbook = validate_hub(REPO, today=today).playbook
    page = next(page for page in render_site(playbook, today=today, holidays=holidays) if page.uri == uri)
    return [html.unescape(line) for line in page.markdown.splitlines()]


def test_the_time_an_idea_waited_leaves_out_the_holidays_the_site_is_rendered_with() -> None:
    # The longest wait of October is 8 business days (19 to 29 Oct); a holiday on 28 Oct makes it 7.
    row = (
        "| [Every content idea from sales gets an answer](#metric-content-idea-decision) | {} business days in 2026-10"
    )

    assert any(line.startswith(row.format(8)) for line in _rendered("scorecard.md"))
    assert any(
        line.startswith(row.format(7))
        for line in _rendered("scorecard.md", (Holiday(dt.date(2026, 10, 28), "Founders' Day"),))
    )


def test_each_kpi_in_the_glossary_shows_its_own_latest_result() -> None:
    glossary = _rendered("glossary.md")

    assert [line for line in glossary if "**Latest:**" in line and ("win-rate" in line or "coverage" in line)] == [
        "    - **Latest:** :material-close-circle:{ .hub-missed } **missed**, 3.45 times target in 2026-10"
        " · [results](scorecard.md#metric-pipeline-coverage)",
        "    - **Latest:** :material-check-circle:{ .hub-met } met, 28.3% in 2026-Q3 · [results](scorecard.md#metric-win-rate)",
    ]


def test_each_commitment_on_the_sla_page_shows_its_own_latest_result_as_its_own_item() -> None:
    sla = _rendered("sla.md")
    follow_up = sla.index("- **Target:** ≤ 4 business hours, measured by [STL](glossary.md#speed-to-lead)")
    ideas = sla.index("- **Target:** ≥ 8 content ideas per month")

    assert sla[follow_up + 1] == (
        "- **Latest:** :material-check-circle:{ .hub-met } met, 2.8 business hours in 2026-10"
        " · [results](scorecard.md#metric-mql-follow-up)"
    )
    assert sla[ideas + 1] == (
        "- **Latest:** :material-close-circle:{ .hub-missed } **missed**, 5 content ideas in"
        " 2026-10 · [results](scorecard.md#metric-sales-content-ideas)"
    )
    assert sum("**Latest:**" in line for line in sla) == 12  # one per commitment with results, none elsewhere


def test_the_home_page_shows_what_was_missed_last_period(built_site: Path) -> None:
    text = _text((built_site / "index.html").read_text(encoding="utf-8"))
    assert (
        "Missed last period ¶ 2 missed commitments and KPIs · every result reported Missed Result Target Pipeline coverage 3.45 times target in 2026-10 ≥ 3.5 times "
        "target Sales proposes at least eight content ideas a month 5 content ideas in 2026-10 ≥ 8 content "
        "ideas per month"
    ) in text


def test_a_hub_without_results_says_so(starter_site: Path) -> None:
    text = _text((starter_site / "scorecard" / "index.html").read_text(encoding="utf-8"))
    assert "No results yet Results go in playbook/measurements/ as CSV files" in text
    assert "Missed last period" not in _text((starter_site / "index.html").read_text(encoding="utf-8"))


HOSTILE_NOTES = (
    "metric,period,value,note\n"
    'win-rate,2026-Q3,28.3,"<script>window.__hub_pwned = 1</script> {{ 7 * 7 }} '
    '{% if true %}JINJA-RAN{% endif %} [x](javascript:alert(1)) ""quoted"""\n'
)


@pytest.fixture(scope="module")
def hostile_notes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_hub(tmp_path_factory.mktemp("notes") / "hub")
    csv = root / "playbook" / "measurements" / "2026-q3.csv"
    csv.write_text(
        "\n".join(line for line in csv.read_text().splitlines() if not line.startswith("win-rate,2026-Q3")) + "\n",
        encoding="utf-8",
    )
    (root / "playbook" / "measurements" / "notes.csv").write_text(HOSTILE_NOTES, encoding="utf-8")
    completed = run_hub("build", cwd=root)
    assert completed.returncode == 0, completed.stderr
    return root / "site"


def test_a_note_is_shown_as_text_never_run_or_evaluated_as_a_template(hostile_notes_site: Path) -> None:
    html = (hostile_notes_site / "scorecard" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__hub_pwned" not in html
    assert "javascript:" not in html.replace("&#106;avascript", "")
    assert (
        "<script>window.__hub_pwned = 1</script> {{ 7 * 7 }} {% if true %}JINJA-RAN{% endif %} "
        '[x](javascript:alert(1)) "quoted"'
    ) in _text(html)
