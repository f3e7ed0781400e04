"""Results files are read as spreadsheets write CSV (RFC 4180), with every problem at its line and column."""

from __future__ import annotations

from tests.playbook.validation.conftest import Hub

FILE = "playbook/measurements/2026-q1.csv"
NOT_A_NUMBER_HINT = (
    "    hint: write the figure in MQLs as a plain number, for example 34.5, without thousands "
    "separators or currency signs"
)


def test_a_quoted_note_with_a_line_break_is_one_note(hub: Hub) -> None:
    hub.write_bytes(FILE, b'metric,period,value,note\r\nmql,2026-01,412,"Webinar week;\r\nlists cleaned"\r\n')
    assert hub.validate().report == []


def test_a_problem_after_a_note_of_several_lines_is_at_its_own_line(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-01,412,"Webinar week;
        lists cleaned,
        then routed"
        mql,2026-02,many,
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:5:13: error: $.value: 'many' is not a number",
        NOT_A_NUMBER_HINT,
    ]


def test_a_cell_after_a_note_of_several_lines_is_at_its_own_line(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,note,period,value
        mql,"Webinar week;
        lists cleaned",2026-01,many
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:3:24: error: $.value: 'many' is not a number",
        NOT_A_NUMBER_HINT,
    ]


def test_a_file_separated_by_semicolons_is_told_so(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric;period;value;note
        mql;2026-01;412;
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:1:7: error: $: the header's columns are not separated by commas",
        "    hint: this file is separated by semicolons; export it as comma-separated CSV, "
        "with the header metric,period,value,note",
    ]


def test_a_file_separated_by_tabs_is_told_so(hub: Hub) -> None:
    hub.write_bytes(FILE, b"metric\tperiod\tvalue\nmql\t2026-01\t412\n")
    assert hub.validate().report == [
        f"{FILE}:1:7: error: $: the header's columns are not separated by commas",
        "    hint: this file is separated by tabs; export it as comma-separated CSV, "
        "with the header metric,period,value,note",
    ]


def test_a_control_character_on_a_later_line_of_a_note_is_pointed_at(hub: Hub) -> None:
    hub.write_bytes(FILE, b'metric,period,value,note\nmql,2026-01,412,"Webinar week;\nlists\x1b cleaned"\n')
    assert hub.validate().report == [
        f"{FILE}:3:6: error: $: control character U+001B in the line",
        "    hint: remove it: results are plain text",
    ]


def test_a_quote_left_open_until_a_later_row_is_pointed_at_where_it_opens(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-01,412,"left open
        mql,2026-02,"398",
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:17: error: $: a quoted cell runs on to line 3, where text follows its closing quote",
        '    hint: close the quote on this line; write a quote inside it as ""',
    ]
