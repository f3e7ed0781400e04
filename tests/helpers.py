"""Copies of the sample hub for tests that build it with the real MkDocs."""

from __future__ import annotations

import fcntl
import io
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
HUB_PARTS = ("mkdocs.yml", "hub.yaml", "docs", "playbook", "schemas")
# The smallest valid hub, which the core's tests break one file at a time.
MINIMAL = REPO / "tests" / "playbook" / "validation" / "cases" / "valid" / "minimal"
TODAY = "2026-11-23"  # review dates are judged as of this day, so the suite does not age


def shared(fixture_name: str, config: object) -> str:
    """The scope of a fixture that computes once what several tests read.

    Once per module, except while mutmut records which tests reach which function:
    there, a value computed once would be credited to the first test alone, and
    each mutant of the code behind it would be tried against that test only.
    """
    return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else "module"


T = TypeVar("T")


def within(seconds: float, work: Callable[[], T]) -> T:
    """What `work` gives, failing the test instead of hanging it if `work` blocks (a FIFO opened to be read)."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def attempt() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # raised again in the test's own thread
            failure.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still working after {seconds} s: blocked"
    if failure:
        raise failure[0]
    return outcome[0]


def free_port() -> int:
    """A port no one listens on, for a server a test starts, taken below the system's ephemeral range.

    A port the system hands out (`bind(("127.0.0.1", 0))`) is one it may hand out again, as the local
    end of any connection another test opens before the server listens: the server then fails, on a
    busy machine now and then. Below the range, only a program asking for the very port takes it.
    """
    low = _ephemeral_low()
    while True:
        port = random.randrange(10_000, low)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


def _ephemeral_low() -> int:
    try:
        text = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text(encoding="ascii")
        return max(int(text.split()[0]), 10_001)
    except (OSError, ValueError, IndexError):
        return 32_768  # Linux's default


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as a person's is: progress is shown on it."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock that moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def build_with_mkdocs(root: Path, site: Path) -> None:
    """A cold `mkdocs build` of the hub at `root` into `site`, in this process, as the command runs it.

    MkDocs keeps a plugin with an `on_startup` hook from one command to the next in a process
    (the hub's, with what a `hub serve` test left in it): the command starts and ends it.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def copy_hub(target: Path) -> Path:
    """The sample hub as a plain folder, with review dates pinned to TODAY."""
    target.mkdir(parents=True, exist_ok=True)
    for part in HUB_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - hub:\n", f'  - hub:\n      today: "{TODAY}"\n'))
    return target


def copy_playbook(target: Path) -> Path:
    """The sample's playbook alone, with its settings and schemas: a hub to validate, not to build."""
    target.mkdir(parents=True)
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    return target


def locked(folder: Path) -> bool:
    """Whether a build holds the lock on `folder` (the folder its site lives in)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def run_hub(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-P", "-m", "hub_build", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


# Hostile text a contributor could put in the playbook.
SCRIPT = "<script>window.__hub_pwned = 1</script>"
IMAGE = '<img src=x onerror="window.__hub_pwned = 2">'
JINJA = "{{ 7 * 7 }} {% if true %}JINJA-RAN{% endif %}"

HOSTILE_IDEA = f"""\
title: '{SCRIPT} and {{{{ 7 * 7 }}}}'
proposed_by: nadia-haddad
proposed_on: 2026-11-10
question: |
  **Bold stays bold.** {IMAGE}
  [click me](javascript:window.__hub_pwned=3) and [data](data:text/html;base64,PHNjcmlwdD4=)
  A paragraph{{: onclick="window.__hub_pwned=4" }}

  A paragraph whose attribute list stands on its own line, where attr_list applies it
  {{: onclick="window.__hub_pwned=7" }}

  - [evil]: javascript:window.__hub_pwned=6
  > [worse]: data:text/html,x

  See [here][evil] and [there][worse].

  Setext heading
  ==============
  {JINJA}
  ```html
  unclosed fence
persona: general-counsel
stage: problem-recognition
format: article
status: declined
declined_reason: "</div><script>window.__hub_pwned = 5</script>"
"""


HOSTILE_GROUP = (
    """group: '"><img src=x onerror="window.__hub_pwned=9"></option></select><script>window.__hub_pwned=10</script>'"""
)


# A link a hub's own template writes: no playbook field holds it, so only the page's own passes stand.
TEMPLATE_LINK = "[a link the template writes](javascript:window.__hub_pwned=8)"


def make_hostile(root: Path) -> None:
    """Add an idea and a glossary definition full of markup that must stay inert, and a template that links to script."""
    idea_template = (REPO / "hub_build" / "site" / "templates" / "idea.md.j2").read_text(encoding="utf-8")
    (root / "overrides" / "hub").mkdir(parents=True)
    (root / "overrides" / "hub" / "idea.md.j2").write_text(f"{idea_template}\n{TEMPLATE_LINK}\n", encoding="utf-8")
    (root / "playbook" / "content" / "hostile-idea.yaml").write_text(HOSTILE_IDEA, encoding="utf-8")
    # A group is written into the people page's filter and into attributes: quotes must not end them.
    person = root / "playbook" / "people" / "grace-lindqvist.yaml"
    person.write_text(
        re.sub(r"^group: .*$", lambda _: HOSTILE_GROUP, person.read_text(encoding="utf-8"), count=1, flags=re.M),
        encoding="utf-8",
    )
    term = root / "playbook" / "terms" / "mql.yaml"
    hostile_definition = f"definition: |\n  {SCRIPT} {JINJA} [x](JaVaScRiPt:alert(1))\n\n"
    term.write_text(
        re.sub(r"definition: [|>]\n", lambda _: hostile_definition, term.read_text(encoding="utf-8"), count=1),
        encoding="utf-8",
    )
