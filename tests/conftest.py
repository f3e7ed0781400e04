"""Sample hubs built once per test session with the real MkDocs."""

from __future__ import annotations

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
STARTER_FLAGS = ["--no-input", "--company", "Northwind Traders", "--repo-url", "https://github.com/northwind/revenue-hub"]


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
    config.addinivalue_line("markers", "install: builds a wheel and installs it into a new virtual environment "
                                       "(about a minute; deselect with -m 'not install')")
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright; every test in tests/browser/ "
                                       "has it (deselect with -m 'not browser')")


# tryfirst: the marker must be on the tests before `-m` selects among them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
