"""Try the mutants mutmut has made, quicker than `mutmut run`, and write each verdict where mutmut keeps it.

`mutmut run` starts pytest again for every mutant, collecting the test files of the
tests that reach the mutated function before running them: for a function the
validation tests reach by the hundred, seconds before the first test runs. This
collects the tests once, then tries each mutant in a forked process (as mutmut does,
so nothing one mutant leaves behind, a blocked signal or a handler, reaches the next)
that runs the already collected tests mutmut recorded as reaching its function, those
likeliest to notice it first, and stops at the first failure:

    .venv/bin/mutmut run --max-children 1     # makes mutants/ and records which tests reach what;
                                              # it may be stopped once "Running clean tests" shows
    cd mutants && PYTHONPATH=$PWD ../.venv/bin/python ../tests/mutation_try.py \\
        hub_build/cli/dates.py hub_build/engines/build.py [-- tests/engines]

After `--`, only the tests under the paths given are run. A mutant is tried while its
tests take under `--budget` seconds together; one still alive then has *outlived* it
(38: counted as not killed, listed with the survivors), and a test running ten times its
recorded time and ten seconds more is stuck (a timeout, which mutmut counts as killed).
Each verdict goes into mutmut's record of the module (1 killed, 0 survived, 33 no test
reaches it, 36 timeout, 38 outlived), where `tests/mutation_score.py` and `mutmut run`
read it. `--again 0,38` tries the survivors and those that outlived the budget again (with a
larger budget, or new tests); `--again all`, every mutant. `--new tests/engines/test_x.py` runs
tests written since mutmut's record first, for every mutant (the record cannot say what they reach). `--shuffle SEED` tries the
mutants in a random order, so that those tried before a run is stopped are a fair sample.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import select
import shlex
import shutil
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.runner import runtestprotocol

STATS = Path("mutmut-stats.json")
KILLED, SURVIVED, NO_TESTS, TIMEOUT = 1, 0, 33, 36
# Not killed while its tests ran for the budget: not a survivor for sure, but counted as not killed.
OUTLIVED = 38


class Mutants:
    """The pytest plugin that, once the tests are collected, tries each mutant instead of running them."""

    def __init__(
        self,
        sources: list[str],
        only: list[str],
        again: str,
        budget: float,
        shuffle: int | None,
        only_again: bool,
        new: tuple[str, ...] = (),
    ) -> None:
        stats = json.loads(STATS.read_text(encoding="utf-8"))
        self.reaching: dict[str, list[str]] = stats["tests_by_mangled_function_name"]
        self.durations: dict[str, float] = stats["duration_by_test"]
        self.fan = Counter(test for tests in self.reaching.values() for test in tests)  # functions each test reaches
        self.sources, self.only, self.again, self.budget = sources, tuple(only), again, budget
        self.shuffle, self.only_again = shuffle, only_again
        self.new = new  # test files written after mutmut recorded which tests reach what

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        items = {item.nodeid: item for item in session.items}
        mutants = [(source, key) for source in self.sources for key in _untried(source, self.again, self.only_again)]
        if self.shuffle is not None:
            # In a random order, those tried before a run is stopped are a fair sample of all.
            random.Random(self.shuffle).shuffle(mutants)
        left = session.config._tmp_path_factory.getbasetemp()  # where each mutant's tests leave their folders
        for source, key in mutants:
            tests = self._tests(key, items)
            verdict = NO_TESTS if tests is None else _verdict(key, tests, self.durations, self.budget)
            _empty(left)
            if verdict is None:
                print(f"not tried: {key}", flush=True)
                continue
            _record(source, key, verdict)
            print(f"{_WORDS[verdict]}: {key}", flush=True)
        return True

    def _tests(self, key: str, items: dict[str, pytest.Item]) -> list[pytest.Item] | None:
        """The collected tests to run for `key`, in order; None when no test reaches its function."""
        reaching = self.reaching.get(key.partition("__mutmut_")[0].replace("__init__.", ""))
        # Tests newer than mutmut's record run for every mutant, first: nothing says which they reach.
        new = [item for test, item in items.items() if self.new and test.startswith(self.new)]
        if not reaching and not new:
            return None
        chosen = [
            items[test]
            for test in reaching or []
            if test in items and (not self.only or test.startswith(self.only)) and items[test] not in new
        ]
        return new + self._likeliest_first(key, chosen)

    def _likeliest_first(self, key: str, tests: list[pytest.Item]) -> list[pytest.Item]:
        """The tests in the order likeliest to fail soonest: a function every test passes through
        is held by the few that look at what it gives, most often in the module's own test file or
        among the tests that reach few functions. Each test file's tests stay together, so a
        fixture the file shares is made once."""
        *_, stem, function = key.partition("__mutmut_")[0].split(".")  # hub_build.[….]<module>.x_<function>
        # Words of the module's and the function's names, stems of four letters and more: "stale" of
        # `stale_records` finds test_staleness.py.
        words = {word[:5] for word in re.split(r"[_\W]+", f"{stem}_{function.removeprefix('x_')}") if len(word) > 3}
        by_file: dict[str, list[pytest.Item]] = {}
        for item in tests:
            by_file.setdefault(item.nodeid.split("::", 1)[0], []).append(item)

        def specific(item: pytest.Item) -> tuple[int, float]:
            return self.fan.get(item.nodeid, 0), self.durations.get(item.nodeid, 0.0)

        def named(item: pytest.Item) -> int:
            return sum(word in item.nodeid for word in words)

        def file_order(items: list[pytest.Item]) -> tuple[bool, int, tuple[int, float]]:
            return stem not in items[0].path.stem, -max(map(named, items)), min(map(specific, items))

        def test_order(item: pytest.Item) -> tuple[int, tuple[int, float]]:
            return -named(item), specific(item)

        return [item for items in sorted(by_file.values(), key=file_order) for item in sorted(items, key=test_order)]


_WORDS = {KILLED: "killed", SURVIVED: "survived", NO_TESTS: "no tests", TIMEOUT: "timeout", OUTLIVED: "outlived"}


def _verdict(key: str, tests: list[pytest.Item], durations: dict[str, float], budget: float) -> int | None:
    if not tests:
        return None
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked child
        os.close(reading)
        os._exit(_run(key, tests, writing))
    os.close(writing)
    try:
        return _watch(child, reading, [durations.get(test.nodeid, 1.0) for test in tests], budget)
    finally:
        os.close(reading)


def _run(key: str, tests: list[pytest.Item], progress: int) -> int:
    """In the child: the tests with the mutant on, until one fails; each test's start told to the parent."""
    os.environ["MUTANT_UNDER_TEST"] = key
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    try:
        for index, item in enumerate(tests):
            os.write(progress, b".")
            following = tests[index + 1] if index + 1 < len(tests) else None
            if any(report.failed for report in runtestprotocol(item, nextitem=following, log=False)):
                return KILLED
    except BaseException:
        return KILLED
    return SURVIVED


def _watch(child: int, progress: int, expected: list[float], budget: float) -> int | None:
    """The child's verdict; OUTLIVED when its tests outlive `budget`, TIMEOUT when one test is stuck."""
    start = started = time.monotonic()
    running = -1
    while True:
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            return code if code in (KILLED, SURVIVED) else KILLED  # a crash or a signal is noticed too
        now = time.monotonic()
        stuck = running >= 0 and now - started > 10 * expected[running] + 10
        if stuck or now - start > budget:
            os.kill(child, 9)
            os.waitpid(child, 0)
            return TIMEOUT if stuck else OUTLIVED
        if select.select([progress], [], [], 0.02)[0]:
            running += len(os.read(progress, 4096))
            started = time.monotonic()


def _empty(folder: Path) -> None:
    """Remove what a mutant's tests left in the run's temporary folder. The tests run only in the
    forked children, so nothing there is the run's own; kept, a long run's built sites fill the
    disk (tens of gigabytes in a day), and every test then fails, whatever the mutant: a kill
    that is not one."""
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _untried(source: str, again: str, only_again: bool = False) -> Iterator[str]:
    codes = json.loads(Path(f"{source}.meta").read_text(encoding="utf-8"))["exit_code_by_key"]
    retried = {int(code) for code in again.split(",") if code.strip().lstrip("-").isdigit()}
    return (
        key
        for key, code in codes.items()
        if (code is None and not only_again) or (code is not None and (again == "all" or code in retried))
    )


def _record(source: str, key: str, verdict: int) -> None:
    record = Path(f"{source}.meta")
    data = json.loads(record.read_text(encoding="utf-8"))
    data["exit_code_by_key"][key] = verdict
    record.write_text(json.dumps(data), encoding="utf-8")


def _selection() -> list[str]:
    """The tests mutmut runs, as `pyproject.toml` selects them."""
    settings = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return [*settings["pytest_add_cli_args_test_selection"], *settings.get("pytest_add_cli_args", [])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--again", default="", help="the verdicts to try again, e.g. 0,38, or all")
    parser.add_argument("--only-again", action="store_true", help="leave the mutants without a verdict for later")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds a mutant's tests may take (default 30)")
    parser.add_argument("--shuffle", type=int, metavar="SEED", help="try the mutants of all sources in a random order")
    parser.add_argument(
        "--new",
        action="append",
        default=[],
        metavar="TESTS",
        help="tests written since mutmut's record (a file or folder under tests/), run first for every mutant",
    )
    parser.add_argument("sources", nargs="+", help="mutated modules, e.g. hub_build/engines/build.py")
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    plugin = Mutants(
        args.sources, argv[split + 1 :], args.again, args.budget, args.shuffle, args.only_again, tuple(args.new)
    )
    os.environ["MUTANT_UNDER_TEST"] = ""
    print(f"collecting: {shlex.join(_selection())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="mutation-try-") as temporary:
        return int(pytest.main(_arguments(Path(temporary)), plugins=[plugin]))


def _arguments(temporary: Path) -> list[str]:
    # The run's temporary folder is its own: pytest removes a numbered one (/tmp/pytest-of-<user>/
    # pytest-N) once three newer runs have started, and `_empty` removes its lock with the rest,
    # so any pytest started beside a long run would take that run's folder away.
    return [*_selection(), "-q", "-s", "-n", "0", f"--basetemp={temporary / 'run'}"]


if __name__ == "__main__":
    sys.exit(main())
