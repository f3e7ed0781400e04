"""The suite on several workers (pytest-xdist): the longest module starts first, and mutmut's runs use none."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import longest_first
from tests.helpers import REPO


class _Test:
    def __init__(self, nodeid: str, *, longest: bool = False) -> None:
        self.nodeid = nodeid
        self.longest = longest

    def get_closest_marker(self, name: str) -> object:
        return pytest.mark.longest.mark if name == "longest" and self.longest else None


def test_the_longest_modules_are_handed_out_first_each_modules_tests_together() -> None:
    tests = [
        _Test("a.py::one"),
        _Test("a.py::two"),
        _Test("bench.py::one", longest=True),
        _Test("bench.py::two", longest=True),
        _Test("b.py::one"),
    ]

    ordered = longest_first(tests)  # type: ignore[arg-type]

    assert [t.nodeid for t in ordered] == ["bench.py::one", "bench.py::two", "a.py::one", "a.py::two", "b.py::one"]


def test_while_mutmut_runs_the_tests_they_run_in_its_own_process() -> None:
    # mutmut records in its own process which test reaches which function; on workers it would record none.
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    this_test = "tests/test_workers.py::test_the_longest_modules_are_handed_out_first_each_modules_tests_together"
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", this_test],
        cwd=REPO,
        env={**environment, "MUTANT_UNDER_TEST": "stats"},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    # On a worker, the line would read "[gw0] [100%] PASSED tests/…".
    assert f"{this_test} PASSED" in completed.stdout, completed.stdout
