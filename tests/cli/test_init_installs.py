"""A new hub's requirements.txt and pre-commit hook install, in a fresh environment, the hub that wrote them.

As a company runs it: the hub installed from a wheel or from a Git repository, in a
virtual environment of its own, then a second fresh environment installing what
`hub init` wrote. The dependencies (MkDocs, Material…) come from the environment
running the tests, so nothing but the hub itself is installed and nothing is
downloaded, except by pre-commit, which builds its own environment from the
package index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

pytestmark = pytest.mark.install

# What the wheel and sdist are built from (pyproject.toml's build targets).
SOURCE = [
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "hub_build",
    "schemas",
    "playbook",
    "docs",
    "mkdocs.yml",
    "hub.yaml",
]
DEPENDENCIES = "\n".join(dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]))


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # Never the PYTHONPATH of the test run, which would put this checkout's hub before the installed one.
    env = env or {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    completed = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=900, env=env
    )
    assert completed.returncode == 0, f"{command}:\n{completed.stdout}\n{completed.stderr}"
    return completed


def _venv(path: Path) -> Path:
    """A fresh environment that sees the test environment's packages after its own."""
    _run(sys.executable, "-m", "venv", path, cwd=path.parent)
    python = path / "bin" / "python"
    purelib = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=path.parent).stdout.strip()
    )
    (purelib / "zz_test_dependencies.pth").write_text(DEPENDENCIES + "\n", encoding="utf-8")
    return python


def _pip_install(python: Path, *what: str | Path, cwd: Path) -> None:
    # No index: the hub is built with the hatchling the tests have, and its dependencies are theirs.
    _run(python, "-m", "pip", "install", "--quiet", "--no-index", "--no-build-isolation", *what, cwd=cwd)


def _installed_from(python: Path, cwd: Path) -> dict[str, object]:
    code = (
        "import importlib.metadata as m, json, hub_build; d = m.distribution('hub-build'); "
        "print(json.dumps([hub_build.__file__, json.loads(d.read_text('direct_url.json') or 'null')]))"
    )
    location, direct_url = json.loads(_run(python, "-c", code, cwd=cwd).stdout)
    assert Path(location).is_relative_to(python.parents[1])
    return direct_url or {}


def _hub_init(python: Path, company: Path) -> Path:
    _run(python.parent / "hub", "init", "hub", "--no-input", "--company", "Northwind Traders", cwd=company)
    return company / "hub"


@pytest.fixture(scope="module")
def git_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The hub's source as a Git repository of its own, and the commit to install."""
    source = tmp_path_factory.mktemp("git") / "revenue-hub"
    source.mkdir()
    for part in SOURCE:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / part, source / part)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    _run("git", "init", "--quiet", "-b", "main", cwd=source)
    _run("git", "add", ".", cwd=source)
    _run(*git, "commit", "--quiet", "-m", "The hub", cwd=source)
    return source, _run("git", "rev-parse", "HEAD", cwd=source).stdout.strip()


@pytest.fixture(scope="module")
def hub_from_git(git_source: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hub written by a hub installed from a Git URL."""
    source, _ = git_source
    maker = _venv(tmp_path_factory.mktemp("maker") / "venv")
    _pip_install(maker, f"git+{source.as_uri()}", cwd=source.parent)
    company = tmp_path_factory.mktemp("company")
    return _hub_init(maker, company)


def test_a_hub_made_from_git_installs_that_commit_in_a_fresh_environment(
    git_source: tuple[Path, str], hub_from_git: Path, tmp_path: Path
) -> None:
    source, commit = git_source
    # With the host written out, as pip before 24 needs it.
    requirement = f"hub-build @ git+file://localhost{source.as_posix()}@{commit}"
    assert (hub_from_git / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == requirement

    fresh = _venv(tmp_path / "ci")
    _pip_install(fresh, "-r", "requirements.txt", cwd=hub_from_git)

    installed = _installed_from(fresh, hub_from_git)
    assert installed["vcs_info"]["commit_id"] == commit  # type: ignore[index]
    _run(fresh.parent / "hub", "validate", cwd=hub_from_git)


def test_a_hub_made_from_a_wheel_installs_it_once_the_wheel_is_where_it_says(tmp_path: Path) -> None:
    wheels = tmp_path / "dist"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--no-build-isolation",
        "-w",
        wheels,
        REPO,
        cwd=tmp_path,
    )
    [wheel] = wheels.glob("hub_build-*.whl")
    maker = _venv(tmp_path / "maker")
    _pip_install(maker, wheel, cwd=tmp_path)
    company = tmp_path / "company"
    company.mkdir()
    made = _run(maker.parent / "hub", "init", "hub", "--no-input", cwd=company)
    hub = company / "hub"
    requirements = (hub / "requirements.txt").read_text(encoding="utf-8")
    assert f"mkdir -p hub/wheels && cp {wheel} hub/wheels/" in made.stdout
    assert f"#   cp {wheel} wheels/\n" in requirements

    (hub / "wheels").mkdir()
    shutil.copy2(wheel, hub / "wheels")
    fresh = _venv(tmp_path / "ci")
    _pip_install(fresh, "-r", "requirements.txt", cwd=hub)

    assert _installed_from(fresh, hub)["url"] == (hub / "wheels" / wheel.name).as_uri()
    _run(fresh.parent / "hub", "validate", cwd=hub)


def test_the_pre_commit_hook_runs_with_no_environment_activated(hub_from_git: Path, tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit is None:
        pytest.fail("pre-commit is not installed: it comes with the test extra (python -m pip install -e '.[test]')")
    _run("git", "init", "--quiet", "-b", "main", cwd=hub_from_git)
    _run("git", "add", ".", cwd=hub_from_git)
    # No environment active: a PATH without any virtual environment, no VIRTUAL_ENV. pre-commit builds
    # the hook's environment itself; the hub's dependencies are seen on PYTHONPATH, so that only the
    # hub itself, and the build backend, are installed.
    system_path = [
        folder for folder in os.environ.get("PATH", "").split(os.pathsep) if not (Path(folder) / "activate").exists()
    ]
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")},
        "PATH": os.pathsep.join(system_path),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": DEPENDENCIES.replace("\n", os.pathsep),
    }

    # The hub's own hook as written, without the hooks of pre-commit-hooks, which come from GitHub.
    config = yaml.safe_load((hub_from_git / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    config["repos"] = [repo for repo in config["repos"] if repo["repo"] == "local"]
    only_the_hub = tmp_path / "hub-hook.yaml"
    only_the_hub.write_text(yaml.safe_dump(config), encoding="utf-8")

    ran = _run(pre_commit, "run", "--config", only_the_hub, "hub-validate", "--all-files", cwd=hub_from_git, env=env)

    assert "hub validate (check the playbook)" in ran.stdout and "Passed" in ran.stdout
