"""What reaches a terminal or an annotation only shows: no key in a playbook can drive the terminal."""

from __future__ import annotations

import json
import unicodedata

from tests.playbook.validation.conftest import Hub

PERSON = "playbook/people/sam-ortiz.yaml"
# A key that would set the clipboard (OSC 52), erase the line above and write a
# forged error there, return the carriage, and turn the rest of the line around.
HOSTILE_KEY = r'"\e]52;c;aGk=\a\e[2K\e[1Ahub: error: forged\r\u202eevil\L\N\x7f"'
SHOWN_KEY = r"\x1b]52;c;aGk=\x07\x1b[2K\x1b[1Ahub: error: forged\r\u202eevil\u2028\x85\x7f"


def _with_hostile_key(hub: Hub) -> None:
    hub.write(PERSON, hub.read(PERSON) + f"{HOSTILE_KEY}: 1\n")


def _active(output: str) -> list[str]:
    """Every character of the output that would act on a terminal; the line breaks between lines aside."""
    return [c for line in output.split("\n") for c in line if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


def test_a_key_with_terminal_controls_is_shown_escaped_in_the_text_report(hub: Hub) -> None:
    _with_hostile_key(hub)
    run = hub.validate()
    assert _active(run.out) == []
    assert run.report[0] == f"{PERSON}:8:1: error: $.{SHOWN_KEY}: unknown field '{SHOWN_KEY}'"


def test_a_key_with_terminal_controls_is_shown_escaped_in_the_github_annotations(hub: Hub) -> None:
    _with_hostile_key(hub)
    run = hub.validate("--format", "github")
    assert _active(run.out) == []
    assert len(run.lines) == 2  # one annotation and the summary: no line forged
    assert f"::$.{SHOWN_KEY.replace('%', '%25')}: unknown field" in run.lines[0]


def test_a_key_with_terminal_controls_reads_back_the_same_from_the_json_report(hub: Hub) -> None:
    _with_hostile_key(hub)
    run = hub.validate("--format", "json")
    assert _active(run.out) == []
    message = json.loads(run.out)["errors"][0]["message"]
    assert message == "unknown field '\x1b]52;c;aGk=\x07\x1b[2K\x1b[1Ahub: error: forged\r\u202eevil\u2028\x85\x7f'"


def test_a_key_is_escaped_in_an_annotation_as_github_workflow_commands_ask(hub: Hub) -> None:
    hub.write(PERSON, hub.read(PERSON) + '"100%, then: more\\nlines": 1\n')
    run = hub.validate("--format", "github")
    assert run.lines[0] == (
        f"::error file={PERSON},line=8,col=1,title=unknown field '100%25%2C then%3A more\\nlines'::"
        "$.100%25, then: more\\nlines: unknown field '100%25, then: more\\nlines' "
        "(hint: allowed fields: name, role, team, group, email, chat, github, time_zone, location, ask_about, bio)"
    )


def test_a_file_name_with_a_comma_and_a_colon_is_one_annotation_property(hub: Hub) -> None:
    hub.write("playbook/people/a,b:c.yaml", "name: x\n")
    run = hub.validate("--format", "github")
    assert run.lines[0].startswith("::error file=playbook/people/a%2Cb%3Ac.yaml,line=1,col=1,title=")
