"""How `hub build` runs its engine: into a staging folder beside the site, one build of a site
at a time, removing what a killed build left, stopped by any stop signal, and the engine
launched so that nothing in the hub's root is imported.

The engine is a stand-in here (it writes a page where it is told to, or fails), so these
tests run in this process and see every change to build.py.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hub_build.engines import build, served_site, site_folder, zensical
from hub_build.engines.build import AddressInUse, BuildStopped, build_site, serve_site
from tests.helpers import free_port, locked, within

Engine = Callable[[list[str], Path], int]


class Runs:
    """Stands in for the engine: records each command, writes a site where `--site-dir` says."""

    def __init__(self, code: int = 0, during: Callable[[Path], None] | None = None) -> None:
        self.code, self.during = code, during
        self.commands: list[list[str]] = []
        self.folders: list[Path] = []
        self.roots: list[Path] = []
        self.envs: list[dict[str, str] | None] = []

    def __call__(self, command: list[str], root: Path, env: dict[str, str] | None = None) -> int:
        self.commands.append(command)
        self.roots.append(root)
        self.envs.append(env)
        if "--site-dir" in command:
            staging = Path(command[command.index("--site-dir") + 1])
            self.folders.append(staging)
            (staging / "index.html").write_text("<html>new</html>", encoding="utf-8")
        if self.during is not None:
            self.during(root)
        return self.code


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    root = tmp_path / "hub"
    root.mkdir()
    return root


def _engine(monkeypatch: pytest.MonkeyPatch, runs: Runs) -> Runs:
    monkeypatch.setattr(build, "_run", runs)
    return runs


def _beside(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name != site.name)


def _previous_site(site: Path) -> None:
    site.mkdir()
    (site / "index.html").write_text("<html>old</html>", encoding="utf-8")
    site_folder.mark(site)


def test_the_engine_builds_into_a_staging_folder_beside_the_site_named_after_it(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub / "public" / "site"
    runs = _engine(monkeypatch, Runs(during=lambda root: seen.extend(_beside(site))))
    seen: list[str] = []

    assert build_site(hub, site) == 0

    (staging,) = runs.folders
    assert staging.parent == site.parent
    assert staging.name.startswith(".site-building-")
    assert seen == [staging.name]


def test_the_engine_is_run_with_the_hubs_configuration_in_safe_path_mode(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _engine(monkeypatch, Runs())

    build_site(hub, hub / "site", config_file="other.yml")

    (command,) = runs.commands
    staging = str(runs.folders[0])
    assert command == [
        sys.executable,
        "-P",
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        str(hub / "other.yml"),
        "--site-dir",
        staging,
    ]


def test_a_strict_build_asks_the_engine_for_a_strict_build(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _engine(monkeypatch, Runs())

    build_site(hub, hub / "site", strict=True)

    assert runs.commands[0][-1] == "--strict"


def test_a_successful_build_leaves_the_new_site_marked_as_the_hubs_and_nothing_beside_it(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub / "site"
    _previous_site(site)
    (site / "left-over.html").write_text("from the last build", encoding="utf-8")
    _engine(monkeypatch, Runs())

    assert build_site(hub, site) == 0

    assert sorted(p.name for p in site.iterdir()) == [site_folder.MARKER, "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "<html>new</html>"
    assert _beside(site) == []


def test_a_last_site_that_cannot_be_removed_once_replaced_fails_nothing(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub / "site"
    _previous_site(site)
    _engine(monkeypatch, Runs())
    rmdir, asked = os.rmdir, []

    def refused(path: object, *args: object, **kwargs: object) -> None:
        if f"-{build.RETIRED}-" in str(path):
            asked.append(path)
            if len(asked) > 1:  # the first makes the name to set the last site aside under
                raise PermissionError(13, "Permission denied")  # the last site's folder, set aside
        rmdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rmdir", refused)

    assert build_site(hub, site) == 0  # built: what is left aside, the next build removes

    assert (site / "index.html").read_text(encoding="utf-8") == "<html>new</html>"
    assert len(asked) == 2


def test_a_first_build_creates_the_folders_the_site_lives_in(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = hub / "out" / "public" / "site"
    _engine(monkeypatch, Runs())

    assert build_site(hub, site) == 0

    assert (site / "index.html").read_text(encoding="utf-8") == "<html>new</html>"
    assert (site / site_folder.MARKER).is_file()


def test_a_failed_build_keeps_the_last_site_as_it_was_and_removes_its_staging_folder(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub / "site"
    _previous_site(site)
    before = {p.name: p.read_bytes() for p in site.iterdir()}
    _engine(monkeypatch, Runs(code=1))

    assert build_site(hub, site) == 1

    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert _beside(site) == []


def test_a_build_removes_what_a_killed_build_of_the_same_site_left_and_nothing_else(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub / "site"
    for name in (".site-building-1a2b", ".site-previous-3c4d", ".other-building-5e6f", ".site-kept"):
        (hub / name).mkdir()
        (hub / name / "index.html").write_text("<html>", encoding="utf-8")
    (hub / ".site-building-file").write_text("not a folder", encoding="utf-8")
    (hub / "elsewhere").mkdir()
    (hub / ".site-previous-link").symlink_to(hub / "elsewhere")
    _engine(monkeypatch, Runs())

    assert build_site(hub, site) == 0

    assert _beside(site) == [
        ".other-building-5e6f",
        ".site-building-file",
        ".site-kept",
        ".site-previous-link",
        "elsewhere",
    ]
    assert (hub / "elsewhere").is_dir()


def _renaming(
    monkeypatch: pytest.MonkeyPatch,
    before: Callable[[Path], None] | None = None,
    after: Callable[[Path], None] | None = None,
) -> None:
    """Every rename as it is, with `before` or `after` called with the path renamed (a refusal, a stop)."""
    rename = Path.rename

    def watched(self: Path, target: Path) -> Path:
        if before is not None:
            before(self)
        moved = rename(self, target)
        if after is not None:
            after(self)
        return moved

    monkeypatch.setattr(Path, "rename", watched)


@pytest.mark.parametrize("threads", [1, 2], ids=["one thread", "another thread running"])
def test_a_stop_signal_while_the_new_site_takes_the_old_ones_place_waits_until_it_has(
    hub: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    site = hub / "site"
    _previous_site(site)

    def then_stopped(moved: Path) -> None:  # a stop between the old site's rename and the new one's
        if moved == site:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.2)  # time for whichever thread the system gives it to

    _renaming(monkeypatch, after=then_stopped)
    _engine(monkeypatch, Runs())
    done = threading.Event()
    # A thread that does not hold the signal back may be the one the system gives it to.
    other = threading.Thread(target=done.wait) if threads == 2 else None
    if other is not None:
        other.start()
    try:
        with pytest.raises(BuildStopped):
            build_site(hub, site)
    finally:
        done.set()

    assert (site / "index.html").read_text(encoding="utf-8") == "<html>new</html>"
    assert site_folder.made_by_hub(site)
    assert _beside(site) == []


def test_the_last_site_a_build_killed_while_replacing_it_left_aside_is_put_back_by_the_next_build(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub / "site"
    for name, built in ((".site-previous-older", "<html>older</html>"), (".site-previous-last", "<html>last</html>")):
        _previous_site(hub / name)
        (hub / name / "index.html").write_text(built, encoding="utf-8")
        os.utime(hub / name, (1, 1) if name.endswith("older") else None)
    (hub / ".site-previous-notes").mkdir()  # not a site the hub built: never put in the site's place
    (hub / ".site-previous-notes" / "notes.md").write_text("mine", encoding="utf-8")
    os.utime(hub / ".site-previous-notes", (2**31, 2**31))  # the newest of all
    _engine(monkeypatch, Runs(code=1))

    assert build_site(hub, site) == 1

    assert (site / "index.html").read_text(encoding="utf-8") == "<html>last</html>"
    assert _beside(site) == []


def test_a_site_in_place_is_never_taken_for_one_to_put_back(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = hub / "site"
    _previous_site(site)
    _previous_site(hub / ".site-previous-1a2b")
    (hub / ".site-previous-1a2b" / "index.html").write_text("<html>retired</html>", encoding="utf-8")
    _engine(monkeypatch, Runs(code=1))

    assert build_site(hub, site) == 1

    assert (site / "index.html").read_text(encoding="utf-8") == "<html>old</html>"
    assert _beside(site) == []


def test_the_site_folder_is_locked_while_the_engine_builds_and_free_after(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[bool] = []
    _engine(monkeypatch, Runs(during=lambda root: held.append(locked(hub / "out"))))

    build_site(hub, hub / "out" / "site")

    assert held == [True]
    assert not locked(hub / "out")


def test_a_folder_filled_by_someone_else_while_waiting_for_the_lock_is_refused(
    hub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "documents"
    locked = build._one_build_at_a_time

    def after_another_build(folder: Path):  # type: ignore[no-untyped-def]
        folder.mkdir(exist_ok=True)
        (folder / "thesis.md").write_text("years of work", encoding="utf-8")
        return locked(folder)

    monkeypatch.setattr(build, "_one_build_at_a_time", after_another_build)
    runs = _engine(monkeypatch, Runs())

    with pytest.raises(site_folder.SiteFolderRefused):
        build_site(hub, site)

    assert runs.commands == []
    assert [p.name for p in site.iterdir()] == ["thesis.md"]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_a_stop_signal_during_the_build_stops_it_and_keeps_the_last_site(
    hub: Path, monkeypatch: pytest.MonkeyPatch, stop: signal.Signals
) -> None:
    site = hub / "site"
    _previous_site(site)
    before = {p.name: p.read_bytes() for p in site.iterdir()}
    _engine(monkeypatch, Runs(during=lambda root: os.kill(os.getpid(), stop)))

    with pytest.raises(BuildStopped, match=stop.name):
        build_site(hub, site)

    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert _beside(site) == []


def test_a_build_started_with_ctrl_c_ignored_is_still_stopped_by_it_and_leaves_every_handler_as_it_was(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stops = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        before = {sig: signal.getsignal(sig) for sig in stops}
        _engine(monkeypatch, Runs(during=lambda root: os.kill(os.getpid(), signal.SIGINT)))
        with pytest.raises(BuildStopped):
            build_site(hub, hub / "site")
        after = {sig: signal.getsignal(sig) for sig in stops}
    finally:
        signal.signal(signal.SIGINT, previous)
    assert after == before


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_the_engines_exit_code_is_the_builds(tmp_path: Path) -> None:
    assert build._run(_python("raise SystemExit(3)"), tmp_path) == 3


def test_the_engine_runs_in_the_hubs_root_with_its_root_never_imported_from(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    code = (
        "import os, sys, signal; "
        f"open({str(seen)!r}, 'w').write(repr((os.getcwd(), sys.flags.safe_path, "
        "os.environ.get('PYTHONSAFEPATH'), os.environ.get('NO_MKDOCS_2_WARNING'), "
        "sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])))))"
    )

    assert build._run([*_python(code)], tmp_path) == 0

    # The child inherits PYTHONSAFEPATH, so whatever it runs in turn is safe-path too.
    assert seen.read_text(encoding="utf-8") == repr((str(tmp_path), True, "1", "1", []))
    assert build.engine_command("build", "--strict", module="properdocs") == [
        sys.executable,
        "-P",
        "-m",
        "properdocs",
        "build",
        "--strict",
    ]


def test_stop_signals_are_not_held_back_once_the_engine_is_running_or_failed_to_start(tmp_path: Path) -> None:
    build._run(_python("pass"), tmp_path)
    after_run = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    with pytest.raises(FileNotFoundError):
        build._run([str(tmp_path / "no-such-engine")], tmp_path)
    after_failure = signal.pthread_sigmask(signal.SIG_BLOCK, [])

    assert not build._STOP_SIGNALS & (after_run | after_failure)


def test_a_build_stopped_while_the_engine_runs_stops_the_engine(tmp_path: Path) -> None:
    started = tmp_path / "started"
    engine = _python(f"import os, time; open({str(started)!r}, 'w').write(str(os.getpid())); time.sleep(60)")

    def stop_when_started() -> None:
        within(30, lambda: _wait_for(started))
        os.kill(os.getpid(), signal.SIGTERM)

    stopper = threading.Thread(target=stop_when_started)
    with build._stopped_by_signals(), pytest.raises(BuildStopped):
        stopper.start()
        build._run(engine, tmp_path)
    stopper.join()

    with pytest.raises(ProcessLookupError):  # stopped, and waited for
        os.kill(int(started.read_text(encoding="utf-8")), 0)


def _wait_for(path: Path) -> None:
    while not path.is_file() or not path.read_text(encoding="utf-8"):
        threading.Event().wait(0.05)


def test_serving_runs_the_engine_dirty_on_the_address_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _engine(monkeypatch, Runs())
    address = f"127.0.0.1:{free_port()}"

    assert serve_site(tmp_path, dev_addr=address, config_file="other.yml") == 0

    assert runs.commands == [
        [
            sys.executable,
            "-P",
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "--config-file",
            str(tmp_path / "other.yml"),
            "--dev-addr",
            address,
        ]
    ]
    # The engine builds in the folder the next `hub serve` starts from (served_site.py).
    assert runs.envs == [{served_site.KEEP: "1"}]


def test_serving_without_an_address_uses_the_engines_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _engine(monkeypatch, Runs())
    monkeypatch.setattr(build, "_check_free", lambda address: checked.append(address))
    checked: list[str] = []

    serve_site(tmp_path)

    assert checked == ["127.0.0.1:8000"]
    assert runs.commands[0][-2:] == ["--dev-addr", "127.0.0.1:8000"]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, BuildStopped])
def test_serving_stopped_by_ctrl_c_or_a_signal_ends_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    def stopped(command: list[str], root: Path, env: dict[str, str] | None = None) -> int:
        raise stop()

    monkeypatch.setattr(build, "_run", stopped)

    assert serve_site(tmp_path, dev_addr=f"127.0.0.1:{free_port()}") == 0


def test_serving_on_an_address_another_program_listens_on_is_refused_in_one_line() -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]

        with pytest.raises(AddressInUse) as refused:
            build._check_free(f"127.0.0.1:{port}")

    assert str(refused.value) == f"127.0.0.1:{port} is already in use, perhaps by another `hub serve`"


def test_serving_on_an_ipv6_address_in_use_is_refused() -> None:
    with socket.socket(socket.AF_INET6) as other:
        try:
            other.bind(("::1", 0))
        except OSError:
            pytest.skip("no IPv6 loopback here")
        other.listen()
        port = other.getsockname()[1]

        with pytest.raises(AddressInUse, match="already in use"):
            build._check_free(f"[::1]:{port}")


def test_serving_on_an_address_of_another_machine_is_refused() -> None:
    with pytest.raises(AddressInUse) as refused:
        build._check_free("192.0.2.1:8000")  # TEST-NET-1: never an address of this machine

    assert str(refused.value) == "192.0.2.1:8000 is not an address of this machine"


def test_serving_on_an_address_the_system_cannot_listen_on_says_why() -> None:
    # A link-local IPv6 address needs the network interface named: the system refuses it.
    with pytest.raises(AddressInUse) as refused:
        build._check_free("[fe80::1]:8000")

    assert str(refused.value) == "cannot listen on [fe80::1]:8000 (Invalid argument)"


@pytest.mark.parametrize("address", ["127.0.0.1:http", ":8000"])
def test_an_address_without_a_port_number_or_host_is_left_to_the_engine(address: str) -> None:
    build._check_free(address)  # nothing raised: the engine explains it, or listens on the default host


def test_serving_on_a_free_port_leaves_it_free_for_the_engine() -> None:
    port = free_port()

    build._check_free(f"127.0.0.1:{port}")

    with socket.socket() as engine:
        engine.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        engine.bind(("127.0.0.1", port))


def test_serving_with_an_engine_that_runs_no_plugin_serves_the_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[tuple[Path, str]] = []

    def serve(root: Path, folder: Path, address: str, *, start: object, alive: Callable[[], bool]) -> int:
        served.append((root, address))
        assert folder.is_dir() and folder.name.startswith("hub-serve-")
        folders.append(folder)
        return 0

    folders: list[Path] = []
    monkeypatch.setattr(build.catalog, "engine", lambda name: build.catalog.Engine(name, name, None, runs_plugin=False))
    monkeypatch.setattr(zensical, "serve", serve)
    address = f"127.0.0.1:{free_port()}"

    assert serve_site(tmp_path, dev_addr=address, engine="zensical") == 0

    assert served == [(tmp_path, address)]
    assert not folders[0].exists()  # the export served is removed when serving ends


def test_serving_the_export_ends_quietly_where_its_folder_cannot_be_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def serve(root: Path, folder: Path, address: str, **_: object) -> int:
        (folder / "docs").mkdir()
        return 0

    def refused(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(zensical, "serve", serve)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the export is made, and left
    monkeypatch.setattr(os, "rmdir", refused)

    assert build._serve_export(tmp_path, "127.0.0.1:8000") == 0  # the system's temporary folder is its own to tidy


def test_the_engines_started_while_serving_the_export_are_stopped_when_serving_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []

    def serve(
        root: Path, folder: Path, address: str, *, start: Callable[[list[str], Path], object], alive: Callable[[], bool]
    ) -> int:
        start(_python("import time; time.sleep(60)"), folder)
        started.append(alive())
        return 0

    processes: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def popen(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        processes.append(real(*args, **kwargs))  # type: ignore[call-overload]
        return processes[-1]

    monkeypatch.setattr(zensical, "serve", serve)
    monkeypatch.setattr(build.subprocess, "Popen", popen)

    assert build._serve_export(tmp_path, "127.0.0.1:8000") == 0

    assert started == [True]
    assert [p.poll() for p in processes] == [-signal.SIGTERM]


def test_the_engine_runs_in_the_hubs_root_with_its_mkdocs_yml_unless_told_otherwise(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _engine(monkeypatch, Runs())

    build_site(hub, hub / "site")

    assert runs.roots == [hub]
    assert runs.commands[0][4:7] == ["build", "--config-file", str(hub / "mkdocs.yml")]
    assert build.engine_command("serve") == [sys.executable, "-P", "-m", "mkdocs", "serve"]


def test_another_engine_that_runs_the_plugin_is_run_by_its_own_module(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    properdocs = build.catalog.Engine("properdocs", "properdocs", "properdocs", runs_plugin=True)
    monkeypatch.setattr(build.catalog, "engine", lambda name: properdocs)
    runs = _engine(monkeypatch, Runs())

    build_site(hub, hub / "site", engine="properdocs")

    assert runs.commands[0][:5] == [sys.executable, "-P", "-m", "properdocs", "build"]


def test_an_engine_that_runs_no_plugin_builds_the_export_and_its_site_takes_the_place_of_the_last(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub / "site"
    _previous_site(site)
    asked: list[tuple[Path, bool, object]] = []

    def zensical_build(root: Path, staging: Path, *, strict: bool, run: object) -> tuple[int, Path]:
        asked.append((root, strict, run))
        built = staging / "source" / "site"
        built.mkdir(parents=True)
        (built / "index.html").write_text("<html>zensical</html>", encoding="utf-8")
        return 0, built

    engine = build.catalog.Engine("zensical", "zensical", "zensical", runs_plugin=False)
    monkeypatch.setattr(build.catalog, "engine", lambda name: engine)
    monkeypatch.setattr(zensical, "build", zensical_build)

    assert build_site(hub, site, strict=True, engine="zensical") == 0

    assert asked == [(hub, True, build._run)]
    assert sorted(p.name for p in site.iterdir()) == [site_folder.MARKER, "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "<html>zensical</html>"
    assert _beside(site) == []


def test_an_engine_that_does_not_stop_when_asked_is_made_to(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class Stubborn:
        def terminate(self) -> None:
            calls.append("terminate")

        def wait(self, timeout: float | None = None) -> int:
            calls.append(f"wait {timeout}")
            if timeout is not None:
                raise subprocess.TimeoutExpired("engine", timeout)
            return -9

        def kill(self) -> None:
            calls.append("kill")

    build._stop(Stubborn())  # type: ignore[arg-type]

    assert calls == ["terminate", "wait 10", "kill", "wait None"]


def test_serving_runs_the_engine_in_the_hubs_root_with_its_mkdocs_yml_and_its_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    properdocs = build.catalog.Engine("properdocs", "properdocs", "properdocs", runs_plugin=True)
    monkeypatch.setattr(build.catalog, "engine", lambda name: properdocs)
    runs = _engine(monkeypatch, Runs())

    serve_site(tmp_path, dev_addr=f"127.0.0.1:{free_port()}", engine="properdocs")

    assert runs.roots == [tmp_path]
    assert runs.commands[0][:8] == [
        sys.executable,
        "-P",
        "-m",
        "properdocs",
        "serve",
        "--dirty",
        "--config-file",
        str(tmp_path / "mkdocs.yml"),
    ]


def test_the_engine_serving_the_export_runs_in_its_folder_in_safe_path_mode_with_stop_signals_let_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen"
    code = (
        "import os, signal; "
        f"open({str(seen)!r}, 'w').write(repr((os.getcwd(), os.environ.get('PYTHONSAFEPATH'), "
        "sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])))))"
    )

    def serve(
        root: Path, folder: Path, address: str, *, start: Callable[[list[str], Path], object], alive: object
    ) -> int:
        start(_python(code), folder)
        within(30, lambda: _wait_for(seen))
        served.append(folder)
        return 0

    served: list[Path] = []
    monkeypatch.setattr(zensical, "serve", serve)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
    try:
        build._serve_export(tmp_path, "127.0.0.1:8000")
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGHUP})

    assert seen.read_text(encoding="utf-8") == repr((str(served[0]), "1", []))


def _ended(pid: int) -> None:
    """Wait until process `pid` has ended (a zombie no one has reaped yet has ended too)."""
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state in ("Z", "X"):
            return
        threading.Event().wait(0.05)


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel stops the engine on Linux only")
def test_the_engine_of_a_hub_killed_outright_is_stopped_with_it(tmp_path: Path) -> None:
    started = tmp_path / "started"
    engine = _python(f"import os, time; open({str(started)!r}, 'w').write(str(os.getpid())); time.sleep(300)")
    package_root = Path(build.__file__).resolve().parents[2]  # the copy of hub_build these tests import
    hub = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from pathlib import Path; from hub_build.engines import build; build._run({engine!r}, Path({str(tmp_path)!r}))",
        ],
        cwd=package_root,  # where mutmut, while it records its statistics, finds its configuration
        env={**os.environ, "PYTHONPATH": str(package_root)},
    )
    try:
        within(60, lambda: _wait_for(started))
    finally:
        hub.kill()  # SIGKILL: nothing of the hub runs after it
        hub.wait()

    within(20, lambda: _ended(int(started.read_text(encoding="utf-8"))))  # not the five minutes of its own


def _last_site_with_renames_refused(
    hub: Path, monkeypatch: pytest.MonkeyPatch, refused: Callable[[Path], bool]
) -> Path:
    """The hub's last site, and a build ready to replace it whose renames of the paths `refused` names fail."""
    site = hub / "site"
    _previous_site(site)

    def refuse(moving: Path) -> None:
        if refused(moving):
            raise OSError(16, "Device or resource busy")

    _renaming(monkeypatch, before=refuse)
    _engine(monkeypatch, Runs())
    return site


def test_a_site_that_cannot_take_the_old_ones_place_leaves_the_old_one_there(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _last_site_with_renames_refused(hub, monkeypatch, lambda moving: moving.name.startswith(".site-building-"))

    with pytest.raises(OSError, match="busy"):
        build_site(hub, site)

    assert (site / "index.html").read_text(encoding="utf-8") == "<html>old</html>"
    assert _beside(site) == []
    assert not signal.pthread_sigmask(signal.SIG_BLOCK, set()) & {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def test_a_first_site_that_cannot_take_its_place_fails_with_why_and_leaves_nothing(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(moving: Path) -> None:
        if moving.name.startswith(".site-building-"):
            raise OSError(16, "Device or resource busy")

    _renaming(monkeypatch, before=refuse)
    _engine(monkeypatch, Runs())

    with pytest.raises(OSError, match="busy"):
        build_site(hub, hub / "site")

    assert not (hub / "site").exists()
    assert _beside(hub / "site") == []


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_the_engine_is_set_to_be_stopped_when_hub_dies_and_to_hear_stop_signals() -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    stops = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    held = signal.pthread_sigmask(signal.SIG_BLOCK, stops)  # as `_run` holds them while the engine starts
    try:
        build._in_engine()  # what the engine's process runs before the engine's program

        death = ctypes.c_int(0)
        assert libc.prctl(2, ctypes.byref(death)) == 0  # PR_GET_PDEATHSIG
        assert death.value == signal.SIGTERM
        assert not signal.pthread_sigmask(signal.SIG_BLOCK, set()) & stops
    finally:
        libc.prctl(1, 0)  # PR_SET_PDEATHSIG: none, as this process had
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def test_a_last_site_that_cannot_be_put_back_either_is_kept_aside_for_the_next_build(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _last_site_with_renames_refused(hub, monkeypatch, lambda moving: moving != hub / "site")
    with pytest.raises(OSError, match="busy"):
        build_site(hub, site)
    [aside] = [name for name in _beside(site) if name.startswith(".site-previous-")]
    assert (hub / aside / "index.html").read_text(encoding="utf-8") == "<html>old</html>"

    monkeypatch.undo()
    _engine(monkeypatch, Runs(code=1))
    assert build_site(hub, site) == 1
    assert (site / "index.html").read_text(encoding="utf-8") == "<html>old</html>"
    assert _beside(site) == []
