"""The codes `hub` ends with, in-process: 130 for Ctrl-C, 2 for a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_build.cli import main
from hub_build.cli.commands import serve

STOPPED = "hub: stopped; no file was left half-written\n"


def _ctrl_c(_prompt: str = "") -> str:
    raise KeyboardInterrupt


def test_ctrl_c_at_a_question_ends_with_130_one_line_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("builtins.input", _ctrl_c)

    code = main(["init", str(tmp_path / "hub")])

    assert (code, capsys.readouterr().err) == (130, STOPPED)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["validate", "--no-such-flag"])

    assert ended.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "hub: error: unrecognized arguments: --no-such-flag"


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["forms"],
        ["digest"],
        ["new", "idea", "--no-input"],
        ["plan", "--track", "sdr", "--start", "2026-01-05"],
        ["plan", "--track", "sdr", "--start", "2026-01-05", "--format", "github"],
        ["import", "measurements", "{export}"],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_a_command_outside_a_hub_is_a_usage_error_saying_how_to_start_one(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "crm.csv"
    export.write_text("metric,period,value\n", encoding="utf-8")
    args = [part.format(export=export) for part in command]

    code = main([*args, "--root", str(tmp_path)])

    assert (code, capsys.readouterr().err) == (
        2,
        f"hub: error: {tmp_path} has no playbook/ folder: run this in the root of a hub, or pass --root; "
        "`hub init` starts a new hub\n",
    )


@pytest.mark.parametrize("address", ["127.0.0.1:70000", "127.0.0.1:65536", "127.0.0.1", "127.0.0.1:http", ":8001"])
def test_an_address_with_no_port_to_serve_on_is_a_usage_error(
    address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--root", str(tmp_path), "--dev-addr", address])

    assert stopped.value.code == 2
    assert f"argument --dev-addr: '{address}' is not HOST:PORT with a port up to 65535" in capsys.readouterr().err


@pytest.mark.parametrize("address", ["127.0.0.1:65535", "localhost:0", "[::1]:8001"])
def test_an_address_with_a_host_and_a_port_up_to_65535_is_taken_as_written(address: str) -> None:
    assert serve.address(address) == address
