"""The guard in a hub's `markdown_extensions`: nothing under an engine that runs the hub's plugin,
a build stopped with what to do instead under Zensical, which runs none."""

from __future__ import annotations

import sys
import types

import pytest
from markdown import Markdown

from hub_build.engines.guard import MESSAGE, EngineRunsNoPlugins


def test_under_an_engine_that_runs_the_plugin_the_guard_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "zensical", raising=False)

    assert Markdown(extensions=["hub_build.engines.guard"]).convert("# Title") == "<h1>Title</h1>"


def test_under_zensical_the_guard_stops_the_build_saying_how_to_build_the_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zensical", types.ModuleType("zensical"))

    with pytest.raises(EngineRunsNoPlugins) as stopped:
        Markdown(extensions=["hub_build.engines.guard"])

    assert str(stopped.value) == MESSAGE
    assert "hub build --engine zensical" in MESSAGE and "hub export" in MESSAGE
