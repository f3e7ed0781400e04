"""`hub serve` for real: a save, a new file, a delete and a broken file show on the served
site while the server runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import copy_hub, free_port

IDEA = "playbook/content/cfo-one-pager.yaml"


def start_serving(root: Path, port: int) -> subprocess.Popen[bytes]:
    """`hub serve` on `root` at 127.0.0.1:`port`, in a session of its own, as a terminal starts it;
    what it says goes to a log beside `root` (`serve_log`)."""
    with (root.parent / "serve.log").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-P", "-m", "hub_build", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def still_serving(root: Path, process: subprocess.Popen[bytes]) -> None:
    """Fail, with what `hub serve` said last, if it has stopped."""
    if process.poll() is not None:
        said = (root.parent / "serve.log").read_text(encoding="utf-8", errors="replace")
        raise AssertionError(f"hub serve stopped (exit {process.returncode}); its last words:\n{said[-3000:]}")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # a local server
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


class Served:
    def __init__(self, root: Path, process: subprocess.Popen[bytes], url: str) -> None:
        self.root, self.process, self.url = root, process, url

    def until(self, page: str, check: Callable[[int, str], bool], timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            still_serving(self.root, self.process)
            status, text = fetch(self.url + page)
            if check(status, text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"{page} did not show the change within {timeout:.0f} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    root = copy_hub(tmp_path / "hub")
    port = free_port()
    process = start_serving(root, port)
    try:
        server = Served(root, process, f"http://127.0.0.1:{port}/")
        server.until("ideas/cfo-one-pager/", lambda status, _: status == 200, timeout=180)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_saves_new_files_deletes_and_errors_show_on_the_served_site(served: Served) -> None:
    idea = served.root / IDEA
    idea.write_text(
        idea.read_text(encoding="utf-8").replace("One page for the CFO", "Two pages for the CFO"), encoding="utf-8"
    )
    served.until("ideas/cfo-one-pager/", lambda _, text: "Two pages for the CFO" in text)
    served.until("calendar/", lambda _, text: "Two pages for the CFO" in text)

    copy = served.root / "playbook/content/cfo-brief.yaml"
    copy.write_text(
        idea.read_text(encoding="utf-8").replace("Two pages for the CFO", "The CFO brief"), encoding="utf-8"
    )
    served.until("ideas/cfo-brief/", lambda status, text: status == 200 and "The CFO brief" in text)

    copy.unlink()
    served.until("ideas/cfo-brief/", lambda status, _: status == 404)

    idea.write_text(idea.read_text(encoding="utf-8") + "status: [unclosed\n", encoding="utf-8")
    shown = served.until("ideas/cfo-one-pager/", lambda _, text: 'role="alert"' in text)
    assert "Two pages for the CFO" in shown  # the last good version, under the error


def test_a_site_built_before_is_served_at_once_saying_it_may_be_older_than_the_files(tmp_path: Path) -> None:
    from hub_build.engines.previous_site import HEADER, NOTICE_ID

    root = copy_hub(tmp_path / "hub")
    last = root / "site"
    (last / "glossary").mkdir(parents=True)
    (last / ".hub-output").write_text("This folder was written by hub.\n", encoding="utf-8")
    (last / "index.html").write_text("<html><body><p>The home page as last built</p></body></html>", encoding="utf-8")
    (last / "glossary" / "index.html").write_text(
        "<html><body><p>The glossary as last built</p></body></html>", encoding="utf-8"
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}/glossary/"
    process = start_serving(root, port)
    try:
        answers: list[tuple[bool, str]] = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not (answers and not answers[-1][0]):
            still_serving(root, process)
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # a local server
                    answers.append((response.headers.get(HEADER) == "1", response.read().decode("utf-8")))
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    first_previous, first_text = answers[0]
    assert first_previous and "The glossary as last built" in first_text
    assert f'<div id="{NOTICE_ID}" role="status"' in first_text and "it may be older than your files" in first_text
    assert all(NOTICE_ID in text for previous, text in answers if previous)
    built, text = answers[-1]
    assert not built and "The glossary as last built" not in text and NOTICE_ID not in text
