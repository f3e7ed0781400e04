"""Every active character is written as an escape, wherever a message is put out."""

from __future__ import annotations

import pytest

from hub_build.playbook.problems import Problem, inert


@pytest.mark.parametrize(
    ("character", "shown"),
    [
        ("\x00", "\\x00"),
        ("\x07", "\\x07"),
        ("\t", "\\t"),
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\x1b", "\\x1b"),
        ("\x7f", "\\x7f"),
        ("\x85", "\\x85"),
        ("\x9b", "\\x9b"),
        ("\u061c", "\\u061c"),
        ("\u200b", "\\u200b"),
        ("\u200f", "\\u200f"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
        ("\u202a", "\\u202a"),
        ("\u202e", "\\u202e"),
        ("\u2066", "\\u2066"),
        ("\u2069", "\\u2069"),
        ("\ufeff", "\\ufeff"),
    ],
)
def test_a_control_or_formatting_character_is_shown_as_its_escape(character: str, shown: str) -> None:
    assert inert(f"a{character}b") == f"a{shown}b"


def test_text_in_any_script_with_its_backslashes_is_left_as_it_is() -> None:
    text = "Zürich, 東京, Ελλάδα, 60\u202f%, C:\\path, \\x1b"
    assert inert(text) == text


def test_the_line_an_engine_logs_is_inert_in_every_part() -> None:
    problem = Problem(
        "playbook/people/\x1b[2K.yaml",
        3,
        1,
        "unknown field '\u202eevil'",
        path="$.\u202eevil",
        hint="remove '\x1b]52;c;aGk=\x07'",
    )
    assert problem.one_line() == (
        "playbook/people/\\x1b[2K.yaml:3:1: $.\\u202eevil: unknown field '\\u202eevil' "
        "(hint: remove '\\x1b]52;c;aGk=\\x07')"
    )
