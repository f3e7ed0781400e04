"""Try the mutants of some modules against chosen tests, quicker than `mutmut run`.

mutmut runs every test that reaches a mutated function; for the engines that includes whole
builds, minutes a mutant on a busy machine. This tries each mutant not yet judged against the
test files given, from mutants/ (after a `mutmut run` has made it):

    cd mutants && PYTHONPATH=$PWD ../.venv/bin/python ../tests/mutation_try.py \\
        hub_build/engines/build.py -- tests/engines/test_build_staging.py

With `--reaching`, each mutant runs only those of the tests given (all tests when none are)
that mutmut recorded as reaching its function (`mutants/mutmut-stats.json`), quickest first,
as `mutmut run` does; a mutant none of them reaches is left for `mutmut run`:

    cd mutants && PYTHONPATH=$PWD ../.venv/bin/python ../tests/mutation_try.py --reaching \\
        hub_build/cli/commands/diff.py hub_build/cli/revisions.py -- tests/cli

The tests are imported once, in a run without a mutant; each mutant then runs in a forked
process, as mutmut runs them, so nothing one mutant leaves behind (a blocked signal, a
handler) reaches the next. Each verdict goes into mutmut's own record of the module (1
killed, 0 survived, 36 past two minutes), where `tests/mutation_score.py` reads it. A mutant
these tests kill, mutmut's tests kill too; one they miss may still be killed by another test,
so `mutmut run` can only raise the score. `--again` tries mutants that have a verdict too.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

LIMIT = 120  # seconds a mutant may run before it counts as stuck (a timeout, which mutmut counts as killed)
PYTEST = ["-x", "-q", "-n", "0", "-p", "no:cacheprovider", "--no-header", "-W", "ignore"]
STATS = Path("mutmut-stats.json")


def _verdict(key: str, args: list[str]) -> int | None:
    start = time.monotonic()
    child = os.fork()
    if child == 0:
        os.environ["MUTANT_UNDER_TEST"] = key
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        try:
            code = int(pytest.main(args))
        except BaseException:
            code = 1
        os._exit(code)
    while time.monotonic() - start < LIMIT:
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            return {0: 0, 1: 1}.get(code, 1 if code < 0 else None)
        time.sleep(0.02)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    return 36


class Reaching:
    """The tests mutmut recorded as reaching each function, quickest first, among those chosen."""

    def __init__(self, chosen: list[str]) -> None:
        stats = json.loads(STATS.read_text(encoding="utf-8"))
        self.duration: dict[str, float] = stats["duration_by_test"]
        self.by_function: dict[str, list[str]] = stats["tests_by_mangled_function_name"]
        self.chosen = chosen

    def tests(self, key: str) -> list[str] | None:
        """The node ids to run for mutant `key`; None when no recorded test reaches it at all."""
        function = key.partition("__mutmut_")[0].replace("__init__.", "")
        reaching = self.by_function.get(function)
        if not reaching:
            return None
        picked = [test for test in reaching if not self.chosen or test.startswith(tuple(self.chosen))]
        return sorted(picked, key=lambda test: self.duration.get(test, 0.0))


def _quietly(args: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return int(pytest.main(args))


def _record(source: str, key: str, verdict: int) -> None:
    record = Path(f"{source}.meta")
    data = json.loads(record.read_text(encoding="utf-8"))
    data["exit_code_by_key"][key] = verdict
    record.write_text(json.dumps(data), encoding="utf-8")


def _untried(source: str, again: bool) -> list[str]:
    codes = json.loads(Path(f"{source}.meta").read_text(encoding="utf-8"))["exit_code_by_key"]
    return [key for key, code in codes.items() if again or code is None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reaching", action="store_true", help="run only the tests mutmut saw reach each function")
    parser.add_argument("--again", action="store_true", help="try mutants that already have a verdict")
    parser.add_argument("sources", nargs="+", help="mutated modules, e.g. hub_build/engines/build.py")
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    tests = argv[split + 1 :]  # after --: test files or folders
    os.environ["MUTANT_UNDER_TEST"] = ""
    reaching = Reaching(tests) if args.reaching else None
    # Imported once here, so each forked mutant finds the tests' modules loaded.
    if _quietly([*(tests or ["tests"]), *PYTEST, *(["--collect-only"] if reaching else [])]) != 0:
        print("the tests fail without a mutant", file=sys.stderr)
        return 1
    for source in args.sources:
        for key in _untried(source, args.again):
            chosen = reaching.tests(key) if reaching else tests
            if chosen is None:
                _record(source, key, 33)  # as mutmut records a mutant no test reaches
                print(f"no tests: {key}", flush=True)
                continue
            verdict = _verdict(key, [*chosen, *PYTEST]) if chosen else None
            if verdict is None:
                print(f"not tried: {key}", flush=True)
                continue
            _record(source, key, verdict)
            print(f"{'survived' if verdict == 0 else 'killed'}: {key}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
