"""The commands, options and help `hub` offers are the ones written down in `command_line.json`.

Scripts and workflows call `hub` with these flags, and people read this help: a
flag renamed, a default changed or a help text lost would break them silently.
The record is of argparse's own data, not of its formatted text, so it reads the
same on every Python version. After a deliberate change to the command line,
write the record again and read its diff:

    python -m tests.cli.test_command_line > tests/cli/command_line.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from hub_build import __version__
from hub_build.cli import _parser, main

RECORD = Path(__file__).with_name("command_line.json")


def _default(value: object) -> object:
    # --root's default is the folder `hub` runs in, which differs from run to run.
    if value == Path.cwd():
        return "<the current folder>"
    if isinstance(value, Path):
        return value.as_posix()
    return value


def _option(action: argparse.Action) -> dict[str, object]:
    return {
        "flags": action.option_strings or [action.dest],
        "dest": action.dest,
        "metavar": action.metavar,
        "default": _default(action.default),
        "choices": list(action.choices) if action.choices is not None else None,
        "required": action.required,
        "nargs": action.nargs,
        "type": getattr(action.type, "__name__", None),
        "const": action.const,
        "help": action.help,
    }


def _commands(parser: argparse.ArgumentParser, name: str, summary: str | None) -> dict[str, object]:
    """Each command by its full name ("hub new idea"): its line in its parent's help, its description, options."""
    commands: dict[str, object] = {}
    options = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                commands.update(_commands(action.choices[choice.dest], f"{name} {choice.dest}", choice.help))
            title = next(group.title for group in parser._action_groups if action in group._group_actions)
            options.append({"commands": title, "metavar": action.metavar})
        elif not isinstance(action, argparse._HelpAction):
            options.append(_option(action))
    defaults = {key: getattr(value, "__name__", value) for key, value in sorted(parser._defaults.items())}
    own = {"summary": summary, "description": parser.description, "defaults": defaults, "options": options}
    return {name: own, **commands}


def command_line() -> dict[str, object]:
    return _commands(_parser(), "hub", None)


def test_every_command_option_and_help_text_is_as_recorded() -> None:
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(command_line()))

    assert list(actual) == list(recorded)
    for name, command in recorded.items():
        assert actual[name] == command, f"`{name}` changed: write {RECORD.name} again (see this file's docstring)"


def test_hub_without_a_command_prints_its_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main([])

    out = capsys.readouterr().out
    assert code == 2
    assert out.startswith("usage: hub [-h] [--version] COMMAND ...\n")
    assert "validate  check every playbook file and report every problem\n" in out


def test_hub_version_prints_the_version_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["--version"])

    assert (ended.value.code, capsys.readouterr().out) == (0, f"hub {__version__}\n")


def written(record: dict[str, object]) -> str:
    """The record as JSON with one line per option, so that a change shows as the lines it changes."""

    def line(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    commands = []
    for name, command in record.items():
        assert isinstance(command, dict)
        fields = [f"    {line(key)}: {line(value)}" for key, value in command.items() if key != "options"]
        options = ",\n".join(f"      {line(option)}" for option in command["options"])
        fields.append(f'    "options": [\n{options}\n    ]')
        commands.append(f"  {line(name)}: {{\n" + ",\n".join(fields) + "\n  }")
    return "{\n" + ",\n".join(commands) + "\n}"


if __name__ == "__main__":
    print(written(command_line()))
