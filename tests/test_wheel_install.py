"""`hub init` as a company runs it: from the wheel, installed in a virtual environment of its own, outside any checkout."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.helpers import REPO


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, f"{command}:\n{completed.stdout}\n{completed.stderr}"
    return completed


@pytest.mark.install
def test_the_installed_wheel_starts_a_hub_that_validates_and_builds(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    # Without network when hatchling is already installed; else pip fetches it, as any build would.
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *isolation, "-w", wheels, REPO, cwd=tmp_path)
    [wheel] = wheels.glob("hub_build-*.whl")

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # The dependencies (MkDocs, Material…) come from the environment running the tests, after the
    # venv's own packages, so hub_build itself is the wheel's and nothing is downloaded.
    venv_packages = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    )
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (venv_packages / "zz_test_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    location = _run(python, "-c", "import hub_build; print(hub_build.__file__)", cwd=tmp_path).stdout.strip()
    assert Path(location).is_relative_to(venv)

    hub = venv / "bin" / "hub"
    company = tmp_path / "company"
    company.mkdir()
    created = _run(hub, "init", "revenue-hub", "--no-input", "--company", "Northwind Traders", cwd=company)
    assert created.stdout.startswith("Created a hub for Northwind Traders in revenue-hub/: 40 files.")
    root = company / "revenue-hub"
    validated = _run(hub, "validate", cwd=root)
    assert validated.stdout.strip().splitlines()[-1] == (
        "ok: 0 errors, 0 warnings, 3 reminders in 13 valid records (7 terms, 2 people, 1 track, 1 idea)"
    )
    _run(hub, "build", "--strict", cwd=root)
    assert "Northwind Traders" in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert (root / "site" / "propose" / "index.html").is_file()

    sample = company / "sample"
    _run(hub, "init", "--example", sample, cwd=company)
    _run(hub, "validate", cwd=sample)
