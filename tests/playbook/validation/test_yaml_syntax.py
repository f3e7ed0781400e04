"""Files that are not one clean YAML mapping: each is refused with its position and a hint.

A file that cannot be read is reported once, and the rest of the hub is still checked.
"""

from __future__ import annotations

IDEA = "playbook/content/close-checklist.yaml"


def test_a_line_indented_deeper_than_its_field_is_a_syntax_error(hub):
    hub.write(
        IDEA,
        """
        title: The five-day close checklist
          proposed_by: sam-ortiz
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:2:14: error: $: YAML syntax error: mapping values are not allowed in this context",
        "    hint: put text that contains ': ' in quotes, or fix the indentation of this line",
    ]


def test_indenting_with_a_tab_is_a_syntax_error_with_a_hint_about_tabs(hub):
    hub.write(
        IDEA,
        """
        title: The five-day close checklist
        status:
        \tproposed
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:3:1: error: $: YAML syntax error: found character that cannot start any token"
        " (while scanning for the next token at line 3)",
        "    hint: indent with spaces, never with tabs",
    ]


def test_a_quote_left_open_is_reported_where_the_file_ends(hub):
    hub.write(
        IDEA,
        """
        title: "The five-day close checklist
        proposed_by: sam-ortiz
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:3:1: error: $: YAML syntax error: found unexpected end of stream"
        " (while scanning a quoted scalar at line 1)",
        "    hint: a quote is opened but never closed: add the closing quote",
    ]


def test_a_bracket_left_open_is_a_syntax_error(hub):
    hub.write(
        IDEA,
        """
        title: The five-day close checklist
        tags: [close, checklist
        status: proposed
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:3:7: error: $: YAML syntax error: did not find expected ',' or ']'"
        " (while parsing a flow sequence at line 2)",
        "    hint: a bracket [ or brace { is opened but never closed, or a comma is missing",
    ]


def test_an_empty_file_is_refused(hub):
    hub.write(IDEA, "")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:1: error: $: the file is empty",
        "    hint: fill it in, or delete the file if the record is gone",
    ]


def test_a_file_of_only_comments_is_empty(hub):
    hub.write(
        IDEA,
        """
        # TODO: write this idea up
    """,
    )

    run = hub.validate()

    assert run.report[0] == "playbook/content/close-checklist.yaml:1:1: error: $: the file is empty"


def test_a_file_holding_a_list_instead_of_fields_is_refused(hub):
    hub.write(
        IDEA,
        """
        - title: The five-day close checklist
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:1: error: $: the file must hold fields (name: value), not a list",
        "    hint: start each field on its own line as 'field: value'",
    ]


def test_a_second_document_after_three_dashes_is_refused(hub):
    hub.write(
        IDEA,
        """
        title: The five-day close checklist
        ---
        title: Another idea
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:2:1: error: $: the file holds more than one YAML document",
        "    hint: a playbook file holds one record: remove this '---' and what follows, or move it to its own file",
    ]


def test_bytes_that_are_not_utf8_are_refused_with_their_position(hub):
    hub.write_bytes(IDEA, b"title: The five-day close checklist\nquestion: Caf\xe9 owners ask\n")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:2:14: error: $: file is not UTF-8 text (byte 0xE9 cannot be read)",
        "    hint: save the file with UTF-8 encoding (most editors offer it under 'Save with encoding')",
    ]


def test_a_utf8_file_with_a_byte_order_mark_is_accepted(hub):
    text = hub.read(IDEA)
    hub.write_bytes(IDEA, b"\xef\xbb\xbf" + text.encode("utf-8"))

    run = hub.validate()

    assert run.code == 0
    assert run.report == []


def test_a_control_character_is_refused_with_its_position(hub):
    hub.write(IDEA, "title: The five-day\x07 close checklist\n")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:20: error: $: the character U+0007 is not allowed in YAML",
        "    hint: remove it; it is often an invisible control character pasted from another program",
    ]


def test_a_field_given_twice_is_refused_naming_the_first_line(hub):
    hub.write(
        IDEA,
        """
        title: The five-day close checklist
        status: proposed
        title: Close in five days
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:3:1: error: $: duplicate key 'title' (first set at line 1)",
        "    hint: keep one of the two; YAML would silently drop the other",
    ]


def test_an_anchor_and_alias_are_refused(hub):
    hub.write(
        IDEA,
        """
        title: &name The five-day close checklist
        question: *name
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:2:11: error: $: aliases (*name) are not supported in the playbook",
        "    hint: write the value out in full instead of referring to an anchor",
    ]


def test_a_merge_key_is_refused_because_it_needs_an_alias(hub):
    hub.write(
        IDEA,
        """
        base: &base {status: proposed}
        idea:
          <<: *base
    """,
    )

    run = hub.validate()

    assert run.report[0] == (
        "playbook/content/close-checklist.yaml:3:7: error: $: aliases (*base) are not supported in the playbook"
    )


def test_a_python_object_tag_is_refused_and_never_executed(hub, tmp_path):
    marker = tmp_path / "pwned"
    hub.write(
        IDEA,
        f"""
        title: !!python/object/apply:os.system ["touch {marker}"]
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:8: error: $: the tag !!python/object/apply:os.system is not allowed",
        "    hint: remove the tag: playbook values are plain text, numbers, dates, lists and fields",
    ]
    assert not marker.exists()


def test_a_local_tag_is_refused(hub):
    hub.write(
        IDEA,
        """
        title: !secret The five-day close checklist
    """,
    )

    run = hub.validate()

    assert run.report[0] == "playbook/content/close-checklist.yaml:1:8: error: $: the tag !secret is not allowed"


def test_very_deep_nesting_is_refused_without_crashing(hub):
    # The root mapping is level 1; the 40th bracket, at column 8 + 39, opens level 41.
    hub.write(IDEA, "title: " + "[" * 500 + "]" * 500 + "\n")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:47: error: $: values are nested more than 40 levels deep",
        "    hint: flatten the structure: no playbook field needs this much nesting",
    ]


def test_nesting_deeper_than_the_parser_allows_is_refused_with_the_same_hint(hub):
    # libyaml 0.2.6 (in PyYAML 6.0.4's wheels) stops at 1,000 levels while it looks ahead,
    # before the hub counts 41; older ones leave the counting to the hub. Either way: one line.
    hub.write(IDEA, "title: " + "[" * 5000 + "]" * 5000 + "\n")

    run = hub.validate()

    assert run.code == 1
    assert len(run.report) == 2 and run.report[0].startswith("playbook/content/close-checklist.yaml:1:")
    assert "nest" in run.report[0]
    assert run.report[1] == "    hint: flatten the structure: no playbook field needs this much nesting"


def test_a_file_larger_than_max_file_kb_is_refused_before_parsing(hub):
    hub.write(
        "hub.yaml",
        """
        max_file_kb: 2
    """,
    )
    hub.write(IDEA, "notes: " + "x" * 2100 + "\n")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:1: error: $: file is too large (2,108 bytes; the limit is 2,048)",
        "    hint: split it into smaller files, or raise max_file_kb in hub.yaml",
    ]


def test_a_file_just_under_max_file_kb_is_read(hub):
    hub.write(
        "hub.yaml",
        """
        max_file_kb: 2
    """,
    )
    text = hub.read(IDEA)
    hub.write(IDEA, text + "notes: " + "x" * (2048 - len(text) - 8) + "\n")
    assert hub.path(IDEA).stat().st_size == 2048

    run = hub.validate()

    assert run.code == 0
    assert run.report == []


def test_a_broken_file_does_not_stop_the_others_from_being_checked(hub):
    hub.write(IDEA, "title: [\n")
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales", "team: sale")

    run = hub.validate()

    assert [line.split(": error:")[0] for line in run.report if not line.startswith("    hint:")] == [
        "playbook/content/close-checklist.yaml:2:1",
        "playbook/people/sam-ortiz.yaml:3:7",
    ]
    assert run.summary.startswith("failed: 2 errors, 0 warnings")


def test_a_tab_in_a_file_with_old_mac_line_endings_gets_the_hint_about_tabs(hub):
    # Lines end in a bare carriage return, which YAML counts as a line break and "\n" does not.
    hub.write_bytes(IDEA, b"title: The five-day close checklist\r\tproposed_by: sam-ortiz\r")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:2:1: error: $: YAML syntax error: found a tab character that violates"
        " indentation (while scanning a plain scalar at line 1)",
        "    hint: indent with spaces, never with tabs",
    ]
