"""Whatever is in a playbook file, `hub validate` reports it as a problem and never crashes."""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.playbook.model import add_period

IDEA = "playbook/content/close-checklist.yaml"
LEAD = "playbook/terms/lead.yaml"

LEAD_REVIEWED_EVERY = """\
name: Lead
definition: A person who has shown interest but has not been qualified yet.
team: shared
lifecycle_stage: 1
owner: maya-chen
last_reviewed: 2026-01-15
review_every: {}
"""


class Crashed(Exception):
    """`hub validate` raised an exception instead of reporting a problem."""


def validate_without_crashing(hub):
    try:
        return hub.validate()
    except Exception as exc:
        raise Crashed(f"{type(exc).__name__}: {exc}") from exc


NASTY = [
    pytest.param(IDEA, b"\x00\x01\x02\xff\xfe", id="binary garbage"),
    pytest.param(IDEA, "title: The close\n".encode("utf-16"), id="a UTF-16 file"),
    pytest.param(IDEA, b"? [a, b]\n: c\n", id="a list as a key"),
    pytest.param(IDEA, b"{a: 1}: 2\n", id="a mapping as a key"),
    pytest.param(IDEA, b"42\n", id="a bare number"),
    pytest.param(IDEA, b"---\n", id="only a document marker"),
    pytest.param(IDEA, b"a: 1\n...\nb: 2\n", id="text after the document end marker"),
    pytest.param(IDEA, b"%YAML 9.9\n---\ntitle: x\n", id="an unsupported YAML version"),
    pytest.param(IDEA, b'title: "\\ud800"\n', id="a lone surrogate escape"),
    pytest.param(IDEA, b"title: a\x00b\n", id="a NUL character"),
    pytest.param(IDEA, b"title: *nowhere\n", id="an alias to an undefined anchor"),
    pytest.param(IDEA, b"title: !!binary aGVsbG8=\n", id="a binary tag"),
    pytest.param(IDEA, b"title: !!set {a}\n", id="a set tag"),
    pytest.param(IDEA, b"a: " + b"{a: " * 20000 + b"}" * 20000 + b"\n", id="20000 nested mappings"),
    pytest.param(IDEA, b"title: " + b"x" * 200_000 + b"\n", id="a 200 kB line"),
    pytest.param(IDEA, b"title: 1e999999\nday: .inf\n", id="infinite numbers"),
    pytest.param(IDEA, b"title: !!int abc\n", id="an int tag on text"),
    pytest.param(IDEA, b"title: !!float abc\n", id="a float tag on text"),
    pytest.param(IDEA, b"title: !!bool maybe\n", id="a bool tag on text"),
    pytest.param(IDEA, b"title: 0x_\n", id="a plain 0x_"),
    pytest.param(LEAD, LEAD_REVIEWED_EVERY.format("999999 years").encode(), id="a review period of 999999 years"),
    pytest.param(
        LEAD, LEAD_REVIEWED_EVERY.format("99999999999 days").encode(), id="a review period of 99999999999 days"
    ),
    pytest.param("hub.yaml", b"- intro_within_days\n", id="hub.yaml holding a list"),
    pytest.param("hub.yaml", b"intro_within_days: [5\n", id="hub.yaml with a syntax error"),
]


@pytest.mark.parametrize(("relative", "data"), NASTY)
def test_a_nasty_file_is_reported_not_raised(hub, relative, data):
    hub.write_bytes(relative, data)

    run = validate_without_crashing(hub)

    assert run.code == 1
    assert "Traceback" not in run.out + run.err
    assert run.report[0].startswith(f"{relative}:")
    assert run.summary.startswith("failed: ")


UNREADABLE_HINT = "    hint: put the value in quotes if it is text, or correct it"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("!!int abc", "'abc' cannot be read as a number", id="an int tag on text"),
        pytest.param("!!float abc", "'abc' cannot be read as a number", id="a float tag on text"),
        pytest.param("!!bool maybe", "'maybe' cannot be read as bool", id="a bool tag on text"),
        pytest.param('!!int ""', "'' cannot be read as a number", id="an int tag on empty text"),
        pytest.param('!!float "-"', "'-' cannot be read as a number", id="a float tag on a lone sign"),
        pytest.param("!!int +", "'+' cannot be read as a number", id="an int tag on a plain lone sign"),
        pytest.param("!!bool yes", "'yes' cannot be read as bool", id="a bool tag on a YAML 1.1 boolean"),
    ],
)
def test_a_value_that_cannot_be_read_as_its_type_is_refused_at_its_position(hub, value, message):
    hub.write_bytes(IDEA, f"title: {value}\n".encode())

    run = validate_without_crashing(hub)

    assert run.code == 1
    assert run.report == [
        f"{IDEA}:1:8: error: $: {message}",
        UNREADABLE_HINT,
    ]


TOO_LARGE_HINT = "    hint: numbers stay within ±9,007,199,254,740,991; put the value in quotes if it is text"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param("9" * 5000, "'" + "9" * 37 + "…'", id="5000 decimal digits"),
        pytest.param("0x" + "f" * 5000, "'0x" + "f" * 35 + "…'", id="5000 hex digits"),
        pytest.param("0o" + "7" * 5000, "'0o" + "7" * 35 + "…'", id="5000 octal digits"),
        pytest.param("-9007199254740992", "'-9007199254740992'", id="one past the safe integers"),
        pytest.param("1e999", "'1e999'", id="a float beyond the largest"),
    ],
)
def test_a_number_too_large_for_the_playbook_is_refused_at_its_position(hub, value, shown):
    hub.write_bytes(IDEA, f"title: {value}\n".encode())

    run = validate_without_crashing(hub)

    assert run.report == [f"{IDEA}:1:8: error: $: {shown} is too large a number for the playbook", TOO_LARGE_HINT]


def test_the_largest_safe_integer_is_read_as_a_number(hub):
    hub.write_bytes(IDEA, b"title: -9007199254740991\n")

    run = validate_without_crashing(hub)

    assert f"{IDEA}:1:8: error: $.title: expected text, found -9007199254740991" in run.report


def test_a_number_too_large_in_hub_yaml_is_refused_at_its_position(hub):
    hub.write_bytes("hub.yaml", ("max_file_kb: 0x" + "f" * 5000 + "\n").encode())

    run = validate_without_crashing(hub)

    assert run.report == [
        "hub.yaml:1:14: error: $: '0x" + "f" * 35 + "…' is too large a number for the playbook",
        TOO_LARGE_HINT,
    ]


@pytest.mark.parametrize("value", [".inf", "-.Inf", ".NaN"])
def test_infinity_and_not_a_number_are_refused(hub, value):
    hub.write_bytes(IDEA, f"title: {value}\n".encode())

    run = validate_without_crashing(hub)

    assert run.report == [
        f"{IDEA}:1:8: error: $: '{value}' is not a finite number",
        "    hint: write a number such as 42 or 0.5, or put the value in quotes if it is text",
    ]


def test_a_whole_number_written_with_a_decimal_point_is_a_valid_setting(hub):
    hub.write_bytes("hub.yaml", b"max_file_kb: 256.0\nintro_within_days: 5.0\n")

    run = validate_without_crashing(hub)

    assert run.code == 0, run.report


@pytest.mark.parametrize(
    "period",
    [
        pytest.param("999999 years", id="999999 years"),
        pytest.param("99999999999 days", id="99999999999 days"),
        pytest.param("1000 days", id="four digits"),
    ],
)
def test_a_review_period_of_more_than_three_digits_is_refused_by_the_schema(hub, period):
    hub.write_bytes(LEAD, LEAD_REVIEWED_EVERY.format(period).encode())

    run = validate_without_crashing(hub)

    assert run.code == 1
    assert run.report == [
        f"{LEAD}:7:15: error: $.review_every: '{period}' is not in the expected form",
        "    hint: How often this record must be reviewed, counted from last_reviewed,"
        " for example '6 months' or '90 days'.",
    ]


def test_a_review_period_of_three_digits_is_accepted(hub):
    hub.write_bytes(LEAD, LEAD_REVIEWED_EVERY.format("999 years").encode())

    run = validate_without_crashing(hub)

    assert run.code == 0
    assert run.report == []


@pytest.mark.parametrize("period", ["999999 years", "99999999999 days", "99999999999 weeks", "99999 months"])
def test_add_period_past_the_last_date_gives_the_last_date_instead_of_crashing(period):
    assert add_period(dt.date(2026, 1, 15), period) == dt.date.max
