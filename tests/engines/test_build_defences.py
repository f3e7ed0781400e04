"""What a build leaves behind, and the lock that keeps two builds of one site from meeting."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from hub_build.engines.build import _one_build_at_a_time, build_site
from tests.helpers import copy_hub


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return copy_hub(tmp_path / "hub")


def _locked(folder: Path) -> bool:
    """Whether another build holds the lock on `folder` (the folder the site lives in)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def test_a_build_holds_the_lock_on_its_sites_folder_until_it_ends(tmp_path: Path) -> None:
    site = tmp_path / "site"

    with _one_build_at_a_time(site):
        assert _locked(tmp_path)
    assert not _locked(tmp_path)


def test_a_rebuild_leaves_the_new_site_and_nothing_else_beside_it(hub: Path) -> None:
    assert build_site(hub, hub / "site") == 0
    idea = hub / "playbook" / "content" / "cfo-one-pager.yaml"
    idea.write_text(idea.read_text(encoding="utf-8").replace("title: ", "title: Rebuilt — ", 1), encoding="utf-8")

    assert build_site(hub, hub / "site") == 0

    assert sorted(p.name for p in hub.iterdir() if p.name.startswith(".site")) == []
    assert "Rebuilt — " in (hub / "site" / "ideas" / "cfo-one-pager" / "index.html").read_text(encoding="utf-8")
