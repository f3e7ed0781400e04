"""A mkdocs.yml that does not list the hub plugin would build a site without the playbook:
`hub build` and `hub serve` refuse it, in one line naming where to add it, on every engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import copy_hub, run_hub

HINT = '    hint: add "- hub" under plugins: in mkdocs.yml'
MESSAGE = "error: the hub plugin is not listed under plugins:, so the site would be built without the playbook"


def _without_the_plugin(root: Path, replacement: str) -> int:
    """Replace the plugins: section of the sample's mkdocs.yml; return the line it starts on."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("plugins:\n")
    end = text.index("\n\n", start) + 1 if "\n\n" in text[start:] else len(text)
    config.write_text(text[:start] + replacement + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_build_without_the_hub_plugin_is_refused_at_the_plugins_entry(tmp_path: Path, engine: str) -> None:
    root = copy_hub(tmp_path / "hub")
    line = _without_the_plugin(root, "plugins:\n  - search\n")

    completed = run_hub("build", "--engine", engine, cwd=root)

    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [f"mkdocs.yml:{line}:1: {MESSAGE}", HINT]
    assert not (root / "site").exists()


def test_a_build_with_no_plugins_at_all_is_refused_where_the_entry_would_go(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    _without_the_plugin(root, "")
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").count("\n")

    completed = run_hub("build", cwd=root)

    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [f"mkdocs.yml:{lines + 1}:1: {MESSAGE}", HINT]


def test_serve_without_the_hub_plugin_is_refused_before_serving(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    line = _without_the_plugin(root, "plugins: []\n")

    completed = run_hub("serve", "--dev-addr", "127.0.0.1:0", cwd=root)

    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [f"mkdocs.yml:{line}:1: {MESSAGE}", HINT]


def test_the_plugin_listed_with_its_options_or_as_a_mapping_is_accepted(tmp_path: Path) -> None:
    from hub_build.engines.config_file import missing_plugin

    root = copy_hub(tmp_path / "hub")
    assert missing_plugin(root) is None
    config = root / "mkdocs.yml"
    config.write_text(
        re.sub(r"plugins:\n  - hub:", "plugins:\n  hub:", config.read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert missing_plugin(root) is None
