"""Building the site so that a failed or killed build never costs the last good one.

The engine builds into a staging folder beside the site; only when the build
succeeds does that folder take the site's place. The engine runs in a child
process, so its messages look exactly as they do under `mkdocs build`, and in
Python's safe-path mode, so no module in the hub's root (a `click.py` or a
`hub_build/` folder added by a pull request) is ever imported from there.

A build that is stopped (Ctrl-C, SIGTERM, SIGHUP) stops the engine and removes
its staging folder; one that is killed outright leaves a staging folder that
the next build of the same site removes, since only one build of a site runs
at a time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

try:
    import fcntl

    _CAN_LOCK = True
except ImportError:  # pragma: no cover - Windows: builds of one site are not serialised there
    _CAN_LOCK = False

from hub_build.engines import catalog, served_site, site_folder
from hub_build.engines.catalog import DEFAULT

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}  # hides MkDocs' banner about its 2.0 release
STAGING = "building"
RETIRED = "previous"


class BuildStopped(Exception):
    """The build was asked to stop by a signal."""


def engine_env() -> dict[str, str]:
    """The environment the engine runs in: the caller's, with the hub's root never on the import path."""
    return {**os.environ, **QUIET_ENV, "PYTHONSAFEPATH": "1"}


def engine_command(*args: str, module: str = "mkdocs") -> list[str]:
    # -P: the working directory is not put first on sys.path (Python 3.11+).
    return [sys.executable, "-P", "-m", module, *args]


def build_site(
    root: Path, site_dir: Path, *, strict: bool = False, config_file: str = "mkdocs.yml", engine: str = DEFAULT
) -> int:
    """Build the hub under `root` into `site_dir` with `engine`; return the engine's exit code.

    Raises catalog.EngineMissing when the engine is not installed, and
    site_folder.SiteFolderRefused when `site_dir` is not the hub's to replace.
    """
    chosen = catalog.engine(engine)
    site_folder.check(root, site_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _one_build_at_a_time(site_dir), _stopped_by_signals():
        site_folder.check(root, site_dir)  # again, now that no other build can change it
        _restore_retired(site_dir)
        _remove_leftovers(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{STAGING}-", dir=site_dir.parent))
        try:
            if chosen.runs_plugin:
                command = engine_command(
                    "build",
                    "--config-file",
                    str(root / config_file),
                    "--site-dir",
                    str(staging),
                    *(["--strict"] if strict else []),
                    module=chosen.module,
                )
                code, built = _run(command, root), staging
            else:
                # Only this engine needs the site's code in this process: the others run the plugin themselves.
                from hub_build.engines import zensical

                code, built = zensical.build(root, staging, strict=strict, run=_run)
            if code == 0:
                site_folder.mark(built)
                _replace(site_dir, built)
            return code
        finally:
            shutil.rmtree(staging, ignore_errors=True)


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _run(command: list[str], root: Path, env: dict[str, str] | None = None) -> int:
    """Run the engine; if this process is stopped, stop the engine before going on.

    Stop signals are held while the engine starts, so that one arriving then is
    handled once the engine is known and can be stopped too.
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        process = subprocess.Popen(command, cwd=root, env={**engine_env(), **(env or {})}, preexec_fn=_in_engine)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        return process.wait()
    except BaseException:
        _stop(process)
        raise


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask the engine to stop, and make it if it does not within ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _in_engine() -> None:  # pragma: no cover - runs in the child, between fork and exec
    # On Linux, the kernel sends the engine SIGTERM if `hub` itself is killed
    # outright (SIGKILL), so no build goes on writing after its parent is gone.
    if sys.platform == "linux":
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception, so cleanup runs as it does for Ctrl-C.

    SIGINT is handled too, even where it was inherited as ignored (a build
    started in the background by a script), so every stop signal stops a build.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if _HELD:
            _HELD[-1].append(name)  # stopped once the work that must not be cut in two is done
            return
        raise BuildStopped(name)

    previous = {sig: signal.signal(sig, stop) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# The stops kept while `_stops_held` runs its block, innermost last.
_HELD: list[list[str]] = []


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Run the block whole: a stop signal arriving meanwhile stops the build once it is done.

    Kept by the handler rather than by the signal mask, which holds a signal back from this
    thread only: another thread of the process may take it, and Python then runs the
    handler here all the same.
    """
    kept: list[str] = []
    _HELD.append(kept)
    try:
        yield
    finally:
        _HELD.remove(kept)
    if kept:
        raise BuildStopped(kept[0])


@contextlib.contextmanager
def _one_build_at_a_time(site_dir: Path) -> Iterator[None]:
    """Lock the folder the site lives in, so that leftovers found while holding it are stale.

    The lock is on the folder itself, so there is no lock file to leave behind.
    """
    if not _CAN_LOCK:
        yield
        return
    descriptor = os.open(site_dir.parent, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _remove_leftovers(site_dir: Path) -> None:
    """Staging and retired folders of this site that a killed build left behind."""
    for kind in (STAGING, RETIRED):
        site_folder.remove_leftovers(site_dir.parent.glob(f".{site_dir.name}-{kind}-*"))


def _restore_retired(site_dir: Path) -> None:
    """Put back the last site a build killed between `_replace`'s two renames left retired,
    before the sweep would remove it as a leftover: there is no other copy of it."""
    if site_dir.exists() or site_dir.is_symlink():
        return
    retired = [
        folder
        for folder in site_dir.parent.glob(f".{site_dir.name}-{RETIRED}-*")
        if folder.is_dir() and not folder.is_symlink() and site_folder.made_by_hub(folder)
    ]
    if retired:
        max(retired, key=lambda folder: folder.stat().st_mtime).rename(site_dir)


def _replace(site_dir: Path, staging: Path) -> None:
    """Put the new build in place with renames, so readers never see half a site.

    A stop waits until both renames are done: one handled between them would leave no
    site in place (only a kill can, and the next build puts the last site back).
    """
    retired = None
    try:
        with _stops_held():
            if site_dir.exists():
                aside = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{RETIRED}-", dir=site_dir.parent))
                aside.rmdir()
                site_dir.rename(aside)
                retired = aside
            try:
                staging.rename(site_dir)
            except BaseException:
                if retired is not None and not site_dir.exists():
                    with contextlib.suppress(OSError):
                        retired.rename(site_dir)  # the last site back in its place
                retired = None  # back in place, or left for the next build to put back: kept either way
                raise
    finally:
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)


DEFAULT_ADDRESS = "127.0.0.1:8000"


class AddressInUse(Exception):
    """The address `hub serve` was asked to listen on is taken."""


def serve_site(
    root: Path, *, dev_addr: str | None = None, config_file: str = "mkdocs.yml", engine: str = DEFAULT
) -> int:
    """Serve the hub with live reload until interrupted."""
    chosen = catalog.engine(engine)
    address = dev_addr or DEFAULT_ADDRESS
    _check_free(address)
    try:
        with _stopped_by_signals():
            if chosen.runs_plugin:
                # --dirty: each save rebuilds the pages it changed (see rebuilds.py).
                command = engine_command(
                    "serve",
                    "--dirty",
                    "--config-file",
                    str(root / config_file),
                    "--dev-addr",
                    address,
                    module=chosen.module,
                )
                # The site it serves is kept for the next `hub serve` to start from (served_site.py).
                return _run(command, root, env={served_site.KEEP: "1"})
            return _serve_export(root, address)
    except (KeyboardInterrupt, BuildStopped):
        return 0


def _serve_export(root: Path, address: str) -> int:
    """Serve with an engine that builds the exported source, exporting again on every change."""
    from hub_build.engines import zensical

    folder = Path(tempfile.mkdtemp(prefix="hub-serve-"))
    processes: list[subprocess.Popen[bytes]] = []

    def start(command: list[str], cwd: Path) -> None:
        processes.append(subprocess.Popen(command, cwd=cwd, env=engine_env(), preexec_fn=_in_engine))

    try:
        return zensical.serve(
            root, folder, address, start=start, alive=lambda: all(p.poll() is None for p in processes)
        )
    finally:
        for process in processes:
            _stop(process)
        shutil.rmtree(folder, ignore_errors=True)


def _check_free(address: str) -> None:
    """Refuse at once, in one line, an address another program listens on."""
    host, _, port_text = address.rpartition(":")
    try:
        port = int(port_text)
    except ValueError:
        return  # the engine explains a malformed address itself
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise AddressInUse(f"{address} is already in use, perhaps by another `hub serve`") from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise AddressInUse(f"{address} is not an address of this machine") from None
            raise AddressInUse(f"cannot listen on {address} ({exc.strerror})") from None
