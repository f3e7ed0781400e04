"""Sample hubs built once per test session with the real MkDocs."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import copy_hub, make_hostile, run_hub


@pytest.fixture(scope="session")
def sample_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_hub(tmp_path_factory.mktemp("sample") / "hub")


@pytest.fixture(scope="session")
def built_site(sample_hub: Path) -> Path:
    completed = run_hub("build", "--strict", cwd=sample_hub)
    assert completed.returncode == 0, completed.stderr
    return sample_hub / "site"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_hub(tmp_path_factory.mktemp("hostile") / "hub")
    make_hostile(root)
    completed = run_hub("build", cwd=root)
    assert completed.returncode == 0, completed.stderr
    return root / "site"


# A hub as `hub init` writes it, built once per session.
STARTER_FLAGS = [
    "--no-input",
    "--company",
    "Northwind Traders",
    "--repo-url",
    "https://github.com/northwind/revenue-hub",
    "--audience",
    "internet",
]


@pytest.fixture(scope="session")
def starter_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("starter") / "hub"
    completed = run_hub("init", str(root), *STARTER_FLAGS, cwd=root.parent)
    assert completed.returncode == 0, completed.stderr
    return root


@pytest.fixture(scope="session")
def starter_site(starter_hub: Path) -> Path:
    completed = run_hub("build", "--strict", cwd=starter_hub)
    assert completed.returncode == 0, completed.stderr
    return starter_hub / "site"


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "install: builds a wheel and installs it into a new virtual environment "
        "(about a minute; deselect with -m 'not install')",
    )
    config.addinivalue_line(
        "markers",
        "browser: drives Chromium through Playwright; every test in tests/browser/ "
        "has it (deselect with -m 'not browser')",
    )
    config.addinivalue_line(
        "markers",
        "longest: a module that alone takes a large share of the suite's time; "
        "started first when the suite runs on several workers",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    # mutmut records in its own process which test reaches which function and what each took:
    # tests run on workers of pytest-xdist would be recorded as reaching none. It names what it
    # is doing in MUTANT_UNDER_TEST from its start, so no run of mutmut's uses workers.
    if "MUTANT_UNDER_TEST" in os.environ:
        config.option.numprocesses = 0


# tryfirst: the marker must be on the tests before `-m` selects among them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
    if _trying_a_mutant():
        items[:] = quickest_first(items, _mutmut_durations())
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        items[:] = longest_first(items)


def longest_first(items: list[pytest.Item]) -> list[pytest.Item]:
    """The tests with the modules marked `longest` first, each module's tests kept together.

    The workers take the modules in this order, so the longest starts at once, while the
    other workers share the rest, instead of starting last and running on alone.
    """
    return sorted(items, key=lambda item: item.get_closest_marker("longest") is None)


def _trying_a_mutant() -> bool:
    # mutmut names the mutant it tries; while it records which tests reach which
    # function, or lists the tests, it uses names of its own.
    return "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", "")


def quickest_first(items: list[pytest.Item], durations: dict[str, float]) -> list[pytest.Item]:
    """The tests in the order that finds a failure soonest, given what each took.

    mutmut stops a mutant at its first failing test (`-x`). Each module's tests stay
    together, so a fixture a module shares is made once; modules come cheapest per
    test first, and within a module the quickest test first. A test with no
    recorded time counts as the slowest there is.
    """
    unknown = max(durations.values(), default=0.0)
    by_module: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        by_module[item.nodeid.split("::", 1)[0]].append(item)

    def cost(item: pytest.Item) -> float:
        return durations.get(item.nodeid, unknown)

    modules = sorted(by_module.values(), key=lambda tests: sum(map(cost, tests)) / len(tests))
    return [item for tests in modules for item in sorted(tests, key=cost)]


# mutmut runs the tests from its copy of the project, where it leaves what each took.
MUTMUT_STATS = Path(__file__).resolve().parent.parent / "mutmut-stats.json"


@cache
def _recorded_durations(stats: Path) -> dict[str, float]:
    data = json.loads(stats.read_text(encoding="utf-8"))
    return {str(test): float(seconds) for test, seconds in data.get("duration_by_test", {}).items()}


def _mutmut_durations() -> dict[str, float]:
    try:
        return _recorded_durations(MUTMUT_STATS)
    except (OSError, ValueError, AttributeError):
        return {}  # not yet recorded, or unreadable: the tests keep the order given


if os.environ.get("MUTANT_UNDER_TEST"):
    _mutmut_durations()  # read once in mutmut's own process, before it forks one child per mutant
