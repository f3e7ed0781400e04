"""Whatever is in a playbook file, `hub validate` reports it as a problem and never crashes."""

from __future__ import annotations

import pytest

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


def crash(exception: type[BaseException], reason: str):
    """A known bug: validating this input raises `exception` (see reason)."""
    return pytest.mark.xfail(strict=True, raises=Crashed, reason=f"{exception.__name__}: {reason}")


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
    pytest.param(IDEA, b"title: !!int abc\n",
                 marks=crash(ValueError, "loading._Builder._scalar passes an explicit !!int to PyYAML's "
                                         "constructor unchecked; int('abc') raises"),
                 id="an int tag on text"),
    pytest.param(IDEA, b"title: !!float abc\n",
                 marks=crash(ValueError, "loading._Builder._scalar: float('abc') raises"),
                 id="a float tag on text"),
    pytest.param(IDEA, b"title: !!bool maybe\n",
                 marks=crash(KeyError, "loading._Builder._scalar: construct_yaml_bool looks 'maybe' up and raises"),
                 id="a bool tag on text"),
    pytest.param(IDEA, b"title: 0x_\n",
                 marks=crash(ValueError, "YAML 1.1 resolves 0x_ as an int; the constructor calls int('', 16)"),
                 id="a plain 0x_"),
    pytest.param(LEAD, LEAD_REVIEWED_EVERY.format("999999 years").encode(),
                 marks=crash(AssertionError, "model.add_period: a year past 9999 hits 'unreachable' assert"),
                 id="a review period of 999999 years"),
    pytest.param(LEAD, LEAD_REVIEWED_EVERY.format("99999999999 days").encode(),
                 marks=crash(OverflowError, "model.add_period: timedelta(days=99999999999) overflows"),
                 id="a review period of 99999999999 days"),
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
