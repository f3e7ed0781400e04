"""What a contributor adds to the hub's root never runs, and a stopped or killed
build leaves no engine running and no staging folder behind."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import copy_hub, run_hub

HUB_COMMAND = str(Path(sys.executable).parent / "hub")


@pytest.fixture
def fresh_hub(tmp_path: Path) -> Path:
    return copy_hub(tmp_path / "hub")


def _plant(root: Path, marker: Path) -> None:
    """Modules a pull request could add at the root, named like ones the build imports."""
    payload = f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\n"
    for module in ("click.py", "yaml.py", "jinja2.py", "markdown.py"):
        (root / module).write_text(payload)
    (root / "hub_build").mkdir()
    (root / "hub_build" / "__init__.py").write_text(payload)
    (root / "mkdocs").mkdir()
    (root / "mkdocs" / "__init__.py").write_text(payload)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([HUB_COMMAND], id="the hub command"),
        pytest.param([sys.executable, "-P", "-m", "hub_build"], id="python -P -m hub_build"),
    ],
)
def test_modules_planted_in_the_hubs_root_are_never_imported_by_a_build(
    fresh_hub: Path, tmp_path: Path, command: list[str]
) -> None:
    marker = tmp_path / "planted-code-ran"
    _plant(fresh_hub, marker)

    completed = subprocess.run([*command, "build"], cwd=fresh_hub, capture_output=True, text=True, timeout=300)

    assert completed.returncode == 0, completed.stderr
    assert (fresh_hub / "site" / "index.html").is_file()
    assert not marker.exists(), marker.read_text()


def _engine_children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with open(task / "children") as listing:
            children += [int(child) for child in listing.read().split()]
    return children


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_for(condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def _start_build_and_wait_for_the_engine(root: Path) -> tuple[subprocess.Popen[str], int]:
    build = subprocess.Popen(
        [HUB_COMMAND, "build"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    def engine_started() -> bool:
        children = _engine_children(build.pid)
        # Past exec: the child runs the engine, not a copy of `hub` between fork and exec.
        return bool(children) and b"mkdocs" in Path(f"/proc/{children[0]}/cmdline").read_bytes()

    _wait_for(lambda: engine_started() and bool(list(root.glob(".site-building-*"))))
    return build, _engine_children(build.pid)[0]


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_stopped_build_stops_its_engine_and_removes_its_staging_folder(fresh_hub: Path, stop: int) -> None:
    assert run_hub("build", cwd=fresh_hub).returncode == 0
    index = (fresh_hub / "site" / "index.html").read_bytes()
    build, engine = _start_build_and_wait_for_the_engine(fresh_hub)

    build.send_signal(stop)
    _, stderr = build.communicate(timeout=60)

    assert build.returncode == 130
    assert "the build was stopped; the previous site was left as it was" in stderr
    assert "Traceback" not in stderr
    assert not _alive(engine)
    assert _leftovers(fresh_hub) == []
    assert (fresh_hub / "site" / "index.html").read_bytes() == index


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")
def test_a_killed_build_takes_its_engine_with_it_and_the_next_build_sweeps_the_staging_folder(fresh_hub: Path) -> None:
    build, engine = _start_build_and_wait_for_the_engine(fresh_hub)

    build.kill()
    # The engine shares the output pipes: they close once it is gone too.
    _, engine_log = build.communicate(timeout=60)
    _wait_for(lambda: not _alive(engine))
    left = _leftovers(fresh_hub)
    rebuilt = run_hub("build", cwd=fresh_hub)

    assert "Documentation built" not in engine_log  # stopped with its parent, not left to finish
    assert [name.rsplit("-", 1)[0] for name in left] == [".site-building"]
    assert rebuilt.returncode == 0
    assert _leftovers(fresh_hub) == []


def test_a_build_removes_stale_folders_of_its_own_site_only(fresh_hub: Path) -> None:
    (fresh_hub / ".site-building-abc123").mkdir()
    (fresh_hub / ".site-previous-def456" / "assets").mkdir(parents=True)
    (fresh_hub / ".other-building-xyz").mkdir()

    assert run_hub("build", cwd=fresh_hub).returncode == 0

    # Besides the other site's folder, only the charts kept for the next build (.hub-build) remain.
    assert sorted(p.name for p in fresh_hub.iterdir() if p.name.startswith(".")) == [
        ".hub-build",
        ".other-building-xyz",
    ]


def test_serve_on_a_busy_port_says_so_in_one_line(fresh_hub: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]

        completed = run_hub("serve", "--dev-addr", f"127.0.0.1:{port}", cwd=fresh_hub)

    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        f"hub: error: 127.0.0.1:{port} is already in use, perhaps by another `hub serve`; "
        "serve on another address with --dev-addr, for example --dev-addr 127.0.0.1:8001",
    ]
