"""Choosing an engine: one that is not installed is refused with the command that installs it."""

from __future__ import annotations

import importlib.util

import pytest

from hub_build.engines import catalog, installation
from hub_build.engines.catalog import EngineMissing


def test_an_engine_that_is_not_installed_is_refused_with_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a))
    monkeypatch.setattr(installation, "running_origin", lambda: installation.Origin(installation.Source.INDEX, "0.1.0"))

    with pytest.raises(EngineMissing) as missing:
        catalog.engine("zensical")

    assert str(missing.value) == (
        "zensical is not installed: install it with "
        "`python -m pip install 'hub-build[zensical]==0.1.0'` in the hub's environment"
    )


def test_the_command_to_install_an_engine_names_the_commit_a_hub_from_git_came_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a))
    git = installation.Origin(
        installation.Source.GIT,
        "0.1.0",
        url="https://github.com/quillstone/revenue-hub",
        commit="0123456789abcdef0123456789abcdef01234567",
    )
    monkeypatch.setattr(installation, "running_origin", lambda: git)

    with pytest.raises(EngineMissing) as missing:
        catalog.engine("zensical")

    assert (
        "`python -m pip install 'hub-build[zensical] @ git+https://github.com/quillstone/revenue-hub"
        "@0123456789abcdef0123456789abcdef01234567'`" in str(missing.value)
    )
