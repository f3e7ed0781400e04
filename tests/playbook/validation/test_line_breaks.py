"""Positions are counted in the lines an editor shows, whatever line breaks a file holds.

libyaml (YAML 1.1) also ends a line at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
SEPARATOR (U+2029), which come in with text pasted from web pages. Editors and Git end
lines only at CR LF, CR and LF, and show those three characters inside a line.
"""

from __future__ import annotations

import pytest

from hub_build.playbook.loading import LoadError, parse_text

IDEA = "playbook/content/close-checklist.yaml"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_an_error_after_a_pasted_line_separator_is_on_the_line_an_editor_shows(hub, separator: str) -> None:
    hub.edit(
        IDEA,
        "question: How do other controllers close in five days?",
        f'question: "How do other{separator}controllers close in five days?"',
    )
    hub.edit(IDEA, "status: proposed", "status: propsed")

    run = hub.validate()

    assert run.code == 1
    assert run.report[0] == (
        "playbook/content/close-checklist.yaml:9:9: error: $.status: 'propsed' is not one of the allowed values:"
        " proposed, accepted, scheduled, published, declined"
    )


@pytest.mark.parametrize(
    ("separator", "named"), [("\u2028", "LINE SEPARATOR (U+2028)"), ("\x85", "NEXT LINE (U+0085)")]
)
def test_a_line_separator_that_cuts_unquoted_text_in_two_is_named_in_the_hint(hub, separator: str, named: str) -> None:
    hub.edit(IDEA, "How do other controllers", f"How do other{separator}controllers")

    run = hub.validate()

    assert run.report == [
        "playbook/content/close-checklist.yaml:5:1: error: $: YAML syntax error: could not find expected ':'"
        " (while scanning a simple key at line 4)",
        f"    hint: line 4 holds an invisible {named} at column 23, which YAML reads as a line break:"
        " delete it, or put the text in quotes",
    ]


def test_a_position_after_a_line_separator_on_the_same_line_counts_every_character_before_it() -> None:
    document = parse_text('title: "one\u2028two"\nquestion: "a\u2028b\u2029c"  \nstatus: x\n', "f.yaml")

    assert document.data["question"] == "a b\u2029c".replace(" ", "\u2028")
    assert document.locate(("title",)) == (1, 8)
    assert document.locate(("question",)) == (2, 11)
    assert document.locate(("status",)) == (3, 9)
    assert document.locate(("status",), key=True) == (3, 1)


def test_a_syntax_error_after_a_line_separator_is_at_the_editors_line_and_column(hub) -> None:
    hub.write(IDEA, 'title: "The five-day\u2028close checklist"\ntags: [close,\u2028audit\n')

    run = hub.validate()

    assert run.report[0] == (
        "playbook/content/close-checklist.yaml:3:1: error: $: YAML syntax error: did not find expected ',' or ']'"
        " (while parsing a flow sequence at line 2)"
    )


def test_a_key_given_twice_after_a_line_separator_names_the_editors_line_of_the_first(hub) -> None:
    hub.write(IDEA, 'question: "a\u2028b"\ntitle: One\u2028\ntitle: Two\n')

    run = hub.validate()

    assert run.report[0] == (
        "playbook/content/close-checklist.yaml:3:1: error: $: duplicate key 'title' (first set at line 2)"
    )


def test_a_tab_in_a_file_with_carriage_returns_only_gets_the_hint_about_tabs(hub) -> None:
    # libyaml breaks lines at a bare CR, as editors do: the hint reads the line libyaml stopped on.
    hub.write_bytes(IDEA, b"title: The five-day close checklist\rtags:\r\t- close\r")

    run = hub.validate()

    assert run.report == [
        "playbook/content/close-checklist.yaml:3:1: error: $: YAML syntax error: found character that cannot start"
        " any token (while scanning for the next token at line 3)",
        "    hint: indent with spaces, never with tabs",
    ]


def test_a_control_character_in_a_file_with_carriage_returns_only_is_at_its_line(hub) -> None:
    hub.write_bytes(IDEA, b"title: The five-day close checklist\rstatus: pro\x01posed\r")

    run = hub.validate()

    assert run.report[0] == (
        "playbook/content/close-checklist.yaml:2:12: error: $: the character U+0001 is not allowed in YAML"
    )


def test_positions_are_moved_in_a_file_that_holds_all_three_breaks_and_inside_lists() -> None:
    document = parse_text('title: "a\x85b\u2028c\u2029d"\ntags:\n  - close\n  - audit\nstatus: z\n', "f.yaml")

    assert document.locate(("tags", 0)) == (3, 5)
    assert document.locate(("tags", 1)) == (4, 5)
    assert document.locate(("status",)) == (5, 9)


def test_a_break_on_the_first_line_is_named_for_an_error_on_the_line_below() -> None:
    with pytest.raises(LoadError) as raised:
        parse_text("summary: one\x85two: three\n  four: five\n", "f.yaml")

    assert (raised.value.problem.line, raised.value.problem.column) == (2, 7)
    assert raised.value.problem.hint == (
        "line 1 holds an invisible NEXT LINE (U+0085) at column 13, which YAML reads as a line break:"
        " delete it, or put the text in quotes"
    )


def test_a_quoted_break_lines_above_an_unclosed_bracket_leaves_the_hint_about_the_bracket() -> None:
    # The bracket opened on line 2 is never closed; the NEL inside the quotes is text, not the cause.
    with pytest.raises(LoadError) as raised:
        parse_text('title: One\ntags: ["close\x85checklist",\n  audit,\n  review,\n  plan\n', "f.yaml")

    assert raised.value.problem.line == 6
    assert raised.value.problem.hint == "a bracket [ or brace { is opened but never closed, or a comma is missing"


def test_breaks_two_lines_above_and_one_below_an_error_leave_the_hint_about_the_error() -> None:
    with pytest.raises(LoadError) as raised:
        parse_text('title: "one\x85two"\nsummary: ok\n\tstatus: x\nnote: "a\x85b"\n', "f.yaml")

    assert (raised.value.problem.line, raised.value.problem.hint) == (3, "indent with spaces, never with tabs")
