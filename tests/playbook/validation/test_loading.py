"""hub_build.playbook.loading: bytes → text → YAML → plain data that remembers where each value starts."""

from __future__ import annotations

import json
import textwrap
import tracemalloc

import pytest

from hub_build.playbook.loading import Document, LoadError, decode, load_file, parse_text

FILE = "playbook/terms/mql.yaml"


def parse(text: str) -> Document:
    return parse_text(textwrap.dedent(text).lstrip("\n"), FILE)


def refusal(text: str) -> tuple[int, int, str]:
    with pytest.raises(LoadError) as caught:
        parse(text)
    problem = caught.value.problem
    assert problem.file == FILE
    return problem.line, problem.column, problem.message


def undecodable(raw: bytes) -> tuple[int, int, str]:
    with pytest.raises(LoadError) as caught:
        decode(raw, FILE)
    problem = caught.value.problem
    return problem.line, problem.column, problem.message


SAMPLE = """
    name: Marketing Qualified Lead
    related:
      - lead
      - sql
    kpi:
      target: {value: 400, unit: MQLs}
"""


# ------------------------------------------------------------------ positions


def test_a_document_keeps_the_file_it_came_from():
    assert parse(SAMPLE).file == FILE


def test_locate_gives_the_1_based_line_and_column_where_a_value_starts():
    assert parse(SAMPLE).locate(("name",)) == (1, 7)


def test_locate_finds_items_of_a_list():
    assert parse(SAMPLE).locate(("related", 1)) == (4, 5)


def test_locate_finds_values_inside_a_flow_mapping():
    assert parse(SAMPLE).locate(("kpi", "target", "unit")) == (6, 30)


def test_locate_with_key_gives_where_the_key_starts():
    assert parse(SAMPLE).locate(("kpi", "target"), key=True) == (6, 3)


def test_locate_of_the_empty_path_is_the_start_of_the_document():
    assert parse_text("# A term\n\nname: Lead\n", FILE).locate(()) == (3, 1)


def test_locate_of_a_missing_field_stops_at_the_deepest_value_that_exists():
    assert parse(SAMPLE).locate(("kpi", "target", "period")) == (6, 11)


def test_locate_past_the_end_of_a_list_stops_at_the_list():
    assert parse(SAMPLE).locate(("related", 7)) == (3, 3)


def test_locate_into_a_scalar_stops_at_the_scalar():
    assert parse(SAMPLE).locate(("name", "first")) == (1, 7)


# ------------------------------------------------------------------ values


def test_a_date_stays_text_so_the_schema_can_check_it():
    assert parse("last_reviewed: 2026-02-01\n").data == {"last_reviewed": "2026-02-01"}


def test_an_impossible_date_also_stays_text():
    assert parse("last_reviewed: 2026-02-30\n").data == {"last_reviewed": "2026-02-30"}


def test_a_timestamp_stays_text():
    assert parse("at: 2026-02-01T10:00:00Z\n").data == {"at": "2026-02-01T10:00:00Z"}


def test_a_quoted_yes_stays_text():
    assert parse("answer: 'yes'\n").data == {"answer": "yes"}


# Values YAML 1.1 (PyYAML's default) and YAML 1.2's core schema (editors, the YAML
# language server, most tools outside Python) read differently. The hub reads them
# as editors do, so what the editor shows and what `hub validate` checks agree.
YAML_1_2_CORE = [
    ("yes", "yes"),
    ("no", "no"),
    ("on", "on"),
    ("off", "off"),
    ("Yes", "Yes"),
    ("NO", "NO"),
    ("y", "y"),
    ("1_000", "1_000"),
    ("0b101", "0b101"),
    ("12:30", "12:30"),
    ("190:20:30", "190:20:30"),
    ("+.5e3", 500.0),
    ("0o17", 15),
    ("0x1F", 31),
    ("017", 17),
    ("2026-02-01", "2026-02-01"),
    ("=", "="),
    ("<<", "<<"),
    ("true", True),
    ("False", False),
    ("NULL", None),
    ("~", None),
    ("1e3", 1000.0),
    ("-0", 0),
    ("+12", 12),
]


@pytest.mark.parametrize(("written", "read"), YAML_1_2_CORE, ids=[w for w, _ in YAML_1_2_CORE])
def test_plain_values_are_read_as_yaml_1_2_core_schema_reads_them(written, read):
    assert parse(f"value: {written}\n").data == {"value": read}
    assert type(parse(f"value: {written}\n").data["value"]) is type(read)


def test_a_quoted_number_stays_text():
    assert parse('version: "1.0"\n').data == {"version": "1.0"}


def test_numbers_become_numbers():
    assert parse("a: 4\nb: 1.5\nc: -7\nd: 0x10\n").data == {"a": 4, "b": 1.5, "c": -7, "d": 16}


def test_tilde_and_an_empty_value_are_nothing():
    assert parse("a: ~\nb:\n").data == {"a": None, "b": None}


def test_an_explicit_str_tag_keeps_a_number_as_text():
    assert parse("version: !!str 3\n").data == {"version": "3"}


def test_a_key_is_always_text():
    assert parse("1: one\ntrue: true\n").data == {"1": "one", "true": True}


def test_block_text_keeps_its_lines():
    assert parse("""
        definition: |
          Line one.
          Line two.
    """).data == {"definition": "Line one.\nLine two.\n"}


def test_windows_line_endings_are_read_like_unix_ones():
    document = parse_text("name: Lead\r\nteam: shared\r\n", FILE)

    assert document.data == {"name": "Lead", "team": "shared"}
    assert document.locate(("team",)) == (2, 7)


# ------------------------------------------------------------------ refusals


def test_an_empty_text_is_refused():
    assert refusal("") == (1, 1, "the file is empty")


def test_a_document_holding_only_nothing_is_empty():
    assert refusal("~\n") == (1, 1, "the file is empty")


def test_a_top_level_scalar_is_refused():
    assert refusal("just words\n") == (1, 1, "the file must hold fields (name: value), not plain text")


def test_a_duplicate_key_is_refused_naming_the_first_line():
    assert refusal("""
        kpi:
          cadence: monthly
          formula: x
          cadence: weekly
    """) == (4, 3, "duplicate key 'cadence' (first set at line 2)")


def test_the_same_key_in_two_list_items_is_not_a_duplicate():
    assert parse("steps:\n  - day: 1\n  - day: 2\n").data == {"steps": [{"day": 1}, {"day": 2}]}


def test_a_duplicate_key_whose_first_value_is_a_list_is_refused():
    assert refusal("""
        related:
          - lead
        related: [sql]
    """) == (3, 1, "duplicate key 'related' (first set at line 1)")


def test_an_alias_is_refused_where_it_is_used():
    assert refusal("a: &x 1\nb: *x\n") == (2, 4, "aliases (*x) are not supported in the playbook")


def test_a_python_tag_is_refused_before_anything_is_built():
    assert refusal("a: !!python/name:os.system\n") == (1, 4, "the tag !!python/name:os.system is not allowed")


def test_a_list_or_mapping_used_as_a_key_is_refused_where_it_ends():
    for text, position in [("? [a, b]\n: 1\n", (1, 8)), ("? {a: 1}\n: x\n", (1, 8))]:
        with pytest.raises(LoadError) as caught:
            parse(text)
        problem = caught.value.problem
        assert (problem.line, problem.column, problem.message) == (
            *position,
            "a list or mapping cannot be used as a key",
        )
        assert problem.hint == "keys are plain field names such as 'title'"


def test_a_key_may_carry_a_tag_for_plain_values_only():
    assert parse("!!str 1: one\n! 2: two\n").data == {"1": "one", "2": "two"}
    assert refusal("title: x\n!!binary name: x\n") == (2, 1, "the tag !!binary is not allowed")
    assert refusal("!secret name: x\n") == (1, 1, "the tag !secret is not allowed")


def test_the_standard_and_the_non_specific_tags_of_a_mapping_and_a_list_are_accepted_where_they_fit():
    assert parse("a: !!seq [1]\nb: !!map {c: 2}\nd: ! [3]\n").data == {"a": [1], "b": {"c": 2}, "d": [3]}
    assert refusal("a: !!map [1]\n") == (1, 4, "the tag !!map is not allowed")
    assert refusal("a: !!seq {c: 2}\n") == (1, 4, "the tag !!seq is not allowed")


def test_a_second_document_is_refused_at_its_marker():
    assert refusal("a: 1\n---\nb: 2\n") == (2, 1, "the file holds more than one YAML document")


def test_nesting_up_to_the_limit_of_40_levels_is_accepted():
    # The top-level mapping is the first level; each bracket adds one: 1 + 39 = 40.
    text = "a: " + "[" * 39 + "]" * 39 + "\n"

    assert parse_text(text, FILE).data["a"] == json.loads("[" * 39 + "]" * 39)


def test_nesting_past_the_limit_is_refused_at_the_bracket_that_crosses_it():
    text = "a: " + "[" * 40 + "]" * 40 + "\n"

    with pytest.raises(LoadError) as caught:
        parse_text(text, FILE)

    # The 40th bracket, at column 3 + 40, opens the 41st level.
    assert (caught.value.problem.line, caught.value.problem.column) == (1, 43)
    assert caught.value.problem.message == "values are nested more than 40 levels deep"


def test_a_syntax_error_keeps_libyamls_words_and_adds_a_hint():
    with pytest.raises(LoadError) as caught:
        parse("a: 'open\n")

    problem = caught.value.problem
    assert problem.message.startswith("YAML syntax error: found unexpected end of stream")
    assert problem.hint == "a quote is opened but never closed: add the closing quote"
    assert problem.path == "$"


def test_a_control_character_is_refused_at_its_position():
    assert refusal("a: ok\nb: x\x07\n") == (2, 5, "the character U+0007 is not allowed in YAML")


def test_a_blank_first_line_counts_before_a_control_character():
    with pytest.raises(LoadError) as caught:
        parse_text("\na: \x07\n", FILE)

    assert (caught.value.problem.line, caught.value.problem.column) == (2, 4)


def test_a_control_character_after_accented_text_is_refused_at_its_position():
    assert refusal("a: " + "é" * 20 + "\nb: ok\nc: \x07\n") == (3, 4, "the character U+0007 is not allowed in YAML")


# ------------------------------------------------------------------ bytes and files


def test_decode_reads_utf8():
    assert decode("name: Café\n".encode(), FILE) == "name: Café\n"


def test_decode_drops_a_byte_order_mark():
    assert decode(b"\xef\xbb\xbfname: Lead\n", FILE) == "name: Lead\n"


def test_decode_refuses_latin1_at_the_byte_that_cannot_be_read():
    assert undecodable(b"a: 1\nname: Caf\xe9\n") == (2, 10, "file is not UTF-8 text (byte 0xE9 cannot be read)")


def test_decode_counts_a_blank_first_line_as_a_line():
    assert undecodable(b"\n\xff: x\n") == (2, 1, "file is not UTF-8 text (byte 0xFF cannot be read)")


def test_decode_refuses_latin1_after_a_byte_order_mark_at_the_byte_that_cannot_be_read():
    assert undecodable(b"\xef\xbb\xbfa: 1\n\xff: x\n") == (2, 1, "file is not UTF-8 text (byte 0xFF cannot be read)")


def test_load_file_reads_and_parses(tmp_path):
    path = tmp_path / "mql.yaml"
    path.write_text("name: MQL\n", encoding="utf-8")

    assert load_file(path, FILE, max_bytes=100).data == {"name": "MQL"}


def test_load_file_accepts_a_file_of_exactly_max_bytes(tmp_path):
    path = tmp_path / "mql.yaml"
    path.write_bytes(b"name: " + b"x" * 93 + b"\n")

    assert load_file(path, FILE, max_bytes=100).data == {"name": "x" * 93}


def test_load_file_reads_no_more_of_a_huge_file_than_its_limit(tmp_path):
    path = tmp_path / "mql.yaml"
    with path.open("wb") as sparse:  # a gibibyte that takes no room on disk
        sparse.truncate(1 << 30)

    tracemalloc.start()
    try:
        with pytest.raises(LoadError) as caught:
            load_file(path, FILE, max_bytes=100)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert caught.value.problem.message == "file is too large (1,073,741,824 bytes; the limit is 100)"
    assert peak < 1 << 20


def test_load_file_refuses_a_file_over_max_bytes_without_reading_it(tmp_path):
    path = tmp_path / "mql.yaml"
    path.write_bytes(b"\xff" * 101)  # would fail to decode if it were read

    with pytest.raises(LoadError) as caught:
        load_file(path, FILE, max_bytes=100)

    assert caught.value.problem.message == "file is too large (101 bytes; the limit is 100)"


# ------------------------------------------------------------------ syntax errors: each with the hint that fits it


@pytest.mark.parametrize(
    ("text", "line", "column", "message", "hint"),
    [
        pytest.param(
            "a: 'open\n",
            2,
            1,
            "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 1)",
            "a quote is opened but never closed: add the closing quote",
            id="open quote",
        ),
        pytest.param(
            "a: [1, 2\n",
            2,
            1,
            "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 1)",
            "a bracket [ or brace { is opened but never closed, or a comma is missing",
            id="open bracket",
        ),
        pytest.param(
            "a: b: c\n",
            1,
            5,
            "YAML syntax error: mapping values are not allowed in this context",
            "put text that contains ': ' in quotes, or fix the indentation of this line",
            id="colon in text",
        ),
        pytest.param(
            "a:\n  b: 1\n\tc: 2\n",
            3,
            1,
            "YAML syntax error: found a tab character that violates indentation"
            " (while scanning a plain scalar at line 2)",
            "indent with spaces, never with tabs",
            id="tab",
        ),
        pytest.param(
            "\ta: 1\n",
            1,
            1,
            "YAML syntax error: found character that cannot start any token"
            " (while scanning for the next token at line 1)",
            "indent with spaces, never with tabs",
            id="tab at the start of the file",
        ),
        pytest.param(
            "\ta: 1",
            1,
            1,
            "YAML syntax error: found character that cannot start any token"
            " (while scanning for the next token at line 1)",
            "indent with spaces, never with tabs",
            id="tab on the last line, without a line break",
        ),
        pytest.param(
            "a: 1\nb:\t@x\nc: 3\nd: 4\n",
            2,
            4,
            "YAML syntax error: found character that cannot start any token"
            " (while scanning for the next token at line 2)",
            "indent with spaces, never with tabs",
            id="tab on a line in the middle",
        ),
        pytest.param(
            "a: 1\n...\nb: 2\n",
            3,
            1,
            "YAML syntax error: did not find expected <document start>",
            "a playbook file holds one record: remove the extra '---' or split the file",
            id="text after the end of the document",
        ),
        pytest.param(
            "- a\nb: 1\n",
            2,
            1,
            "YAML syntax error: did not find expected '-' indicator (while parsing a block collection at line 1)",
            "check the indentation and the quotes on this line and the line above",
            id="anything else",
        ),
        pytest.param(
            "key: 'x' y\n",
            1,
            10,
            "YAML syntax error: did not find expected key (while parsing a block mapping at line 1)",
            "check the indentation and the quotes on this line and the line above",
            id="text after a quote",
        ),
    ],
)
def test_a_syntax_error_is_reported_where_libyaml_found_it_with_a_hint_that_fits(text, line, column, message, hint):
    with pytest.raises(LoadError) as caught:
        parse_text(text, FILE)

    problem = caught.value.problem
    assert (problem.line, problem.column, problem.message, problem.hint) == (line, column, message, hint)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("9" * 400, "'" + "9" * 37 + "…'"),
        ("1" + "0" * 39, "'1" + "0" * 39 + "'"),  # 40 characters: shown whole
        ("1" + "0" * 40, "'1" + "0" * 36 + "…'"),  # 41: cut to 37 and an ellipsis
    ],
)
def test_a_value_in_a_message_is_shown_whole_up_to_40_characters(value, shown):
    assert refusal(f"a: {value}\n") == (1, 4, f"{shown} is too large a number for the playbook")


def test_a_tag_that_does_not_fit_the_value_is_refused():
    assert refusal("a: !!bool maybe\n") == (1, 4, "'maybe' cannot be read as bool")
    assert refusal("a: !!null x\n") == (1, 4, "'x' cannot be read as null")
    assert refusal("a: !!int 1.5\n") == (1, 4, "'1.5' cannot be read as a number")
    assert refusal("a: !!float x\n") == (1, 4, "'x' cannot be read as a number")


def test_a_file_that_cannot_be_read_says_why(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "missing.yaml", FILE, max_bytes=100)

    assert caught.value.problem.message == "cannot read the file (No such file or directory)"
    assert caught.value.problem.hint == "check that the file exists and that it can be read"


def test_a_float_tag_reads_every_way_the_core_schema_writes_a_number():
    assert parse("a: !!float 0x1A\nb: !!float 0o17\nc: !!float 5\nd: !!float -2.5e1\n").data == {
        "a": 26.0,
        "b": 15.0,
        "c": 5.0,
        "d": -25.0,
    }
