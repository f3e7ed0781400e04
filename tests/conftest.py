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
