"""The fake gh records what it is asked and answers as told, so the tests that use it can trust it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.github.fake_gh import FakeGh


def test_the_fake_gh_records_arguments_input_and_body_files(fake_gh: FakeGh, tmp_path: Path) -> None:
    body = tmp_path / "body.md"
    body.write_text("Hello @someone", encoding="utf-8")

    subprocess.run(["gh", "issue", "comment", "7", "--body-file", str(body)], input="piped", text=True, check=True)

    [call] = fake_gh.calls
    assert call.args == ["issue", "comment", "7", "--body-file", str(body)]
    assert (call.stdin, call.files) == ("piped", {str(body): "Hello @someone"})


def test_the_fake_gh_answers_the_first_reply_that_matches(fake_gh: FakeGh) -> None:
    fake_gh.reply("pr", "list", stdout='[{"number": 12}]')
    fake_gh.reply("pr", "create", exit=1, stderr="no token")

    listed = subprocess.run(["gh", "pr", "list", "--json", "number"], capture_output=True, text=True)
    created = subprocess.run(["gh", "pr", "create"], capture_output=True, text=True)

    assert (listed.returncode, listed.stdout) == (0, '[{"number": 12}]')
    assert (created.returncode, created.stderr) == (1, "no token")
