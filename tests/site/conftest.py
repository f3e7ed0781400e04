"""A copy of the sample hub, built once per test session with the real MkDocs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HUB_PARTS = ("mkdocs.yml", "hub.yaml", "docs", "playbook", "schemas")
TODAY = "2026-11-23"  # review dates are judged as of this day, so the suite does not age


def copy_hub(target: Path) -> Path:
    """The sample hub as a plain folder, with review dates pinned to TODAY."""
    target.mkdir(parents=True, exist_ok=True)
    for part in HUB_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - hub\n", f'  - hub:\n      today: "{TODAY}"\n'))
    return target


def hub(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hub_build", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def sample_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_hub(tmp_path_factory.mktemp("sample") / "hub")


@pytest.fixture(scope="session")
def built_site(sample_hub: Path) -> Path:
    completed = hub("build", "--strict", cwd=sample_hub)
    assert completed.returncode == 0, completed.stderr
    return sample_hub / "site"
