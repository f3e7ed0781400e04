"""What a build leaves behind, and the lock that keeps two builds of one site from meeting."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_build.engines.build import _one_build_at_a_time, build_site
from tests.helpers import copy_hub, locked


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return copy_hub(tmp_path / "hub")


def test_a_build_holds_the_lock_on_its_sites_folder_until_it_ends(tmp_path: Path) -> None:
    site = tmp_path / "site"

    with _one_build_at_a_time(site):
        assert locked(tmp_path)
    assert not locked(tmp_path)


def test_a_rebuild_leaves_the_new_site_and_nothing_else_beside_it(hub: Path) -> None:
    assert build_site(hub, hub / "site") == 0
    idea = hub / "playbook" / "content" / "cfo-one-pager.yaml"
    idea.write_text(idea.read_text(encoding="utf-8").replace("title: ", "title: Rebuilt — ", 1), encoding="utf-8")

    assert build_site(hub, hub / "site") == 0

    assert sorted(p.name for p in hub.iterdir() if p.name.startswith(".site")) == []
    assert "Rebuilt — " in (hub / "site" / "ideas" / "cfo-one-pager" / "index.html").read_text(encoding="utf-8")
