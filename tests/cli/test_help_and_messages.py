"""What the command line says when a command is not finished or is run in the wrong place."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_build.cli import main


@pytest.mark.parametrize("command", ["new", "import"])
def test_a_command_without_its_kind_prints_its_own_help_and_exits_2(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([command])

    out = capsys.readouterr().out
    assert code == 2
    assert out.startswith(f"usage: hub {command} [-h] KIND ...\n")


def test_build_outside_a_hub_says_how_to_start_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", "--root", str(tmp_path)])

    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"hub: error: {tmp_path} has no mkdocs.yml: run this in the root of a hub, or pass --root\n"
        "    hint: to start a new hub in this folder, run `hub init`\n"
    )
