"""Results in measurements: notes at their length limit, percentages, short rows; who decides on ideas.

The minimal hub measures `mql` (a shared KPI counted in MQLs, by the month); the
suite's day is 2026-03-01, so 2026-02 is the latest month that has ended. The
tests that add `win-rate` give the hub a KPI measured in percent.
"""

from __future__ import annotations

import datetime as dt

from hub_build.playbook.validation import validate_hub
from tests.playbook.validation.conftest import Hub

FILE = "playbook/measurements/2026-q1.csv"


def test_a_note_of_five_hundred_characters_is_kept_and_one_more_is_refused_with_its_length(hub: Hub) -> None:
    hub.write(
        FILE,
        f"""
        metric,period,value,note
        mql,2026-01,412,{"a" * 499}
        mql,2026-02,398,{"b" * 500}
    """,
    )
    assert hub.validate().report == []
    hub.write(
        FILE,
        f"""
        metric,period,value,note
        mql,2026-02,398,{"b" * 501}
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:17: error: $.note: the note is 501 characters long (at most 500)",
        "    hint: keep the note to a sentence; link to a longer write-up",
    ]


def test_a_very_long_note_gives_its_length_with_a_thousands_separator(hub: Hub) -> None:
    hub.write(
        FILE,
        f"""
        metric,period,value,note
        mql,2026-01,412,
        mql,2026-02,398,"{"Webinar moved. " * 82}"
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:3:17: error: $.note: the note is 1,229 characters long (at most 500)",
        "    hint: keep the note to a sentence; link to a longer write-up",
    ]


def _add_win_rate(hub: Hub, unit: str = "'%'") -> None:
    hub.write(
        "playbook/terms/win-rate.yaml",
        f"""
        name: Win rate
        definition: The share of opportunities that close as won.
        team: shared
        kpi:
          formula: Opportunities won over opportunities closed
          target:
            value: 30
            unit: {unit}
            period: month
          cadence: monthly
          owners:
            sales: sam-ortiz
            marketing: maya-chen
        owner: sam-ortiz
        last_reviewed: 2026-02-01
        review_every: 6 months
    """,
    )


def test_a_percentage_may_be_written_with_or_without_its_sign(hub: Hub) -> None:
    _add_win_rate(hub)
    hub.write(
        FILE,
        """
        metric,period,value
        win-rate,2025-12,31.5
        win-rate,2026-01,34.5%
        win-rate,2026-02,28 %
    """,
    )
    run = hub.validate()
    assert (run.code, run.report) == (0, [])


def test_a_percentage_is_filed_as_the_number_before_its_sign(hub: Hub) -> None:
    _add_win_rate(hub)
    hub.write(
        FILE,
        """
        metric,period,value
        win-rate,2025-12,31.5
        win-rate,2026-01,34.5%
        win-rate,2026-02,28 %
    """,
    )
    result = validate_hub(hub.root, today=dt.date(2026, 3, 1))
    assert [(m.metric, m.period.label, m.value) for m in result.playbook.measurements] == [
        ("win-rate", "2025-12", 31.5),
        ("win-rate", "2026-01", 34.5),
        ("win-rate", "2026-02", 28.0),
    ]


def test_a_unit_written_with_a_leading_blank_is_still_a_percentage(hub: Hub) -> None:
    _add_win_rate(hub, unit="' %'")
    hub.write(
        FILE,
        """
        metric,period,value
        win-rate,2026-02,34.5%
    """,
    )
    assert hub.validate().report == []


def test_a_percentage_that_is_not_a_number_is_told_both_ways_to_write_it(hub: Hub) -> None:
    _add_win_rate(hub)
    hub.write(
        FILE,
        """
        metric,period,value
        win-rate,2026-02,"34,5%"
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:18: error: $.value: '34,5%' is not a number",
        "    hint: write the figure in % as a plain number, for example 34.5 or 34.5%, without thousands separators "
        "or currency signs",
    ]


def test_a_number_too_large_to_be_a_figure_is_not_a_number(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-02,1e999
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:13: error: $.value: '1e999' is not a number",
        "    hint: write the figure in MQLs as a plain number, for example 34.5, without thousands separators "
        "or currency signs",
    ]


def test_a_row_cut_short_before_the_metric_column_points_at_the_start_of_the_row(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        period,value,metric
        2026-02,398
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:1: error: $.metric: the row has no metric",
        "    hint: every row gives a metric, a period and a value",
    ]


def test_a_row_cut_short_before_its_value_points_at_its_metric(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-02
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:1: error: $.metric: the row has no value",
        "    hint: every row gives a metric, a period and a value",
    ]


def test_an_empty_first_cell_is_a_missing_metric(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        ,2026-02,398
        mql,2026-13,398
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:1: error: $.metric: the row has no metric",
        "    hint: every row gives a metric, a period and a value",
        f"{FILE}:3:5: error: $.period: '2026-13' is not a month",
        "    hint: write a month as 2026-03",
    ]


def test_an_empty_value_cell_points_at_the_cell(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-02, ,Webinar moved to March
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:13: error: $.value: the row has no value",
        "    hint: every row gives a metric, a period and a value",
    ]


def test_a_result_is_kept_with_its_note_and_the_line_it_came_from(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-01,380,
        mql,2026-02,410,"  webinar week  "
    """,
    )
    measurements = validate_hub(hub.root, today=dt.date(2026, 3, 1)).playbook.measurements
    assert [(m.metric, m.period.label, m.value, m.note, m.file, m.line) for m in measurements] == [
        ("mql", "2026-01", 380.0, None, FILE, 2),
        ("mql", "2026-02", 410.0, "webinar week", FILE, 3),
    ]


def test_a_header_without_a_value_column_says_which_is_missing(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,note
        mql,2026-02,a note
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:1:1: error: $: the header has no 'value' column",
        "    hint: start the file with the line metric,period,value,note",
    ]


def test_a_header_column_unlike_any_lists_the_columns(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,comment
        mql,2026-02,410,a note
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:1:21: error: $: unknown column 'comment'",
        "    hint: the columns are metric, period, value and note",
    ]


def test_a_quote_left_open_in_the_header_is_pointed_at_on_line_one(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,"period,value
        mql,2026-02,410
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:1:8: error: $: a quoted cell is never closed",
        '    hint: end it with a double quote; write a quote inside it as ""',
    ]


def test_each_row_with_more_cells_than_the_header_is_pointed_at_its_first_extra_cell(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-01,412,late, then fixed
        mql-follow-up,2026-02,3.5,"late, then fixed"
        mql,2026-02,398,a,b,c
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:22: error: $: 5 cells where the header names 4",
        '    hint: put a note with a comma in double quotes: "late, then fixed"',
        f"{FILE}:4:19: error: $: 6 cells where the header names 4",
        '    hint: put a note with a comma in double quotes: "late, then fixed"',
    ]


def test_each_row_with_text_after_a_quoted_cell_is_pointed_at_that_text(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-01,412,"late" then fixed
        mql,2026-02,"39"8,
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:23: error: $: text after a quoted cell",
        "    hint: put the whole cell in double quotes, or none of it",
        f"{FILE}:3:17: error: $: text after a quoted cell",
        "    hint: put the whole cell in double quotes, or none of it",
    ]


def test_a_blank_first_line_is_a_missing_header(hub: Hub) -> None:
    hub.write_bytes(FILE, b"\nmetric,period,value\nmql,2026-02,398\n")
    assert hub.validate().report == [
        f"{FILE}:1:1: error: $: the file has no header line",
        "    hint: start it with the line metric,period,value,note",
    ]


def test_blank_lines_between_rows_are_passed_over_and_the_rows_after_them_read(hub: Hub) -> None:
    hub.write_bytes(FILE, b"metric,period,value\nmql,2026-01,412\n\n   \nmql,2026-02,398,x,y\n")
    assert hub.validate().report == [
        f"{FILE}:5:17: error: $: 5 cells where the header names 3",
        '    hint: put a note with a comma in double quotes: "late, then fixed"',
    ]


def test_a_file_of_only_its_header_holds_no_results_and_no_problems(hub: Hub) -> None:
    hub.write_bytes(FILE, b"metric,period,value\n")
    assert hub.validate().report == []


NOT_CSV_HINT = "    hint: export the results as CSV with the columns metric,period,value,note"


def test_hidden_files_are_passed_over_and_every_file_after_them_is_read(hub: Hub) -> None:
    hub.write("playbook/measurements/.gitkeep", "")
    hub.write("playbook/measurements/.~lock.2026-q1.csv#", "a spreadsheet's lock file")
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-02,many
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:13: error: $.value: 'many' is not a number",
        "    hint: write the figure in MQLs as a plain number, for example 34.5, without thousands separators or"
        " currency signs",
    ]


def test_each_file_that_is_not_csv_and_each_file_with_bad_rows_is_reported(hub: Hub) -> None:
    hub.write("playbook/measurements/2025-q4.xlsx", "not a spreadsheet")
    hub.write("playbook/measurements/2025-q4.csv", 'metric,period,value,note\nmql,2025-12,"4"12,\n')
    hub.write(FILE, 'metric,period,value,note\nmql,2026-02,"3"98,\n')
    assert hub.validate().report == [
        "playbook/measurements/2025-q4.csv:2:16: error: $: text after a quoted cell",
        "    hint: put the whole cell in double quotes, or none of it",
        "playbook/measurements/2025-q4.xlsx:1:1: error: $: only .csv files of results belong in playbook/measurements/",
        NOT_CSV_HINT,
        f"{FILE}:2:16: error: $: text after a quoted cell",
        "    hint: put the whole cell in double quotes, or none of it",
    ]


def test_a_link_to_a_csv_file_is_refused_like_any_file_that_is_not_one(hub: Hub) -> None:
    target = hub.write("results.csv", "metric,period,value\nmql,2026-02,398\n")
    hub.path(FILE).parent.mkdir(parents=True, exist_ok=True)
    hub.path(FILE).symlink_to(target)
    assert hub.validate().report == [
        f"{FILE}:1:1: error: $: only .csv files of results belong in playbook/measurements/",
        NOT_CSV_HINT,
    ]
