"""Try the mutants of one module against a few chosen test files, quicker than `mutmut run`.

mutmut runs every test that reaches a mutated function; for the engines that includes whole
builds, minutes a mutant on a busy machine. This tries each mutant against the test files
given, from mutants/ (after a `mutmut run` has made it):

    cd mutants && PYTHONPATH=$PWD ../.venv/bin/python ../tests/mutation_try.py \\
        hub_build/engines/build.py tests/engines/test_build_staging.py

The tests are imported once, in a run without a mutant, which must pass; each mutant then
runs in a forked process, as mutmut runs them, so nothing one mutant leaves behind (a
blocked signal, a handler) reaches the next. Each verdict goes into mutmut's own record of
the module (1 killed, 0 survived, 36 past two minutes), where `tests/mutation_score.py`
reads it. A mutant these files kill, mutmut's tests kill too; one they miss may still be
killed by another test, so `mutmut run` can only raise the score.
"""

from __future__ import annotations

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
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    return 36


def main() -> int:
    source, *tests = sys.argv[1:]
    record = Path(f"{source}.meta")
    args = [*tests, "-x", "-q", "-n", "0", "-p", "no:cacheprovider", "--no-header", "-W", "ignore"]
    os.environ["MUTANT_UNDER_TEST"] = ""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        if pytest.main(args) != 0:
            print("the tests fail without a mutant", file=sys.stderr)
            return 1
    for key in json.loads(record.read_text(encoding="utf-8"))["exit_code_by_key"]:
        verdict = _verdict(key, args)
        if verdict is None:
            print(f"not tried: {key}", flush=True)
            continue
        data = json.loads(record.read_text(encoding="utf-8"))
        data["exit_code_by_key"][key] = verdict
        record.write_text(json.dumps(data), encoding="utf-8")
        print(f"{'survived' if verdict == 0 else 'killed'}: {key}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
