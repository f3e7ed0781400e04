"""Under `hub serve` every save rebuilds the playbook's pages: hundreds of rebuilds,
valid or broken, must not make the server grow."""

from __future__ import annotations

import datetime as dt
import gc
import json
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

from hub_build.playbook.validation import validate_hub
from hub_build.site.abbreviations import tooltips
from hub_build.site.pages import render_site
from tests.helpers import MINIMAL, REPO

TODAY = dt.date(2026, 3, 1)
IDEA = "playbook/content/close-checklist.yaml"
REBUILDS = 300
WARM_UP = 60


def _rebuild(root: Path) -> int:
    """What the plugin does on every save: validate, then render every page."""
    result = validate_hub(root, today=TODAY)
    pages = render_site(result.playbook, today=TODAY, root=root) if not result.errors else []
    tooltips(result.playbook)
    return len(pages)


def _edit(root: Path, step: int, original: str) -> None:
    """A save as editors make them: new text, a typo, a half-written file, a deleted or renamed file."""
    idea = root / IDEA
    moved = root / "playbook" / "content" / f"renamed-{step % 7}.yaml"
    match step % 5:
        case 0:
            idea.write_text(original.replace("five-day", f"{step}-day"), encoding="utf-8")
        case 1:
            idea.write_text(original + "status: [unclosed\n", encoding="utf-8")
        case 2:
            idea.write_text(original[: len(original) // 2], encoding="utf-8")
        case 3:
            idea.unlink()
            moved.write_text(original, encoding="utf-8")
        case _:
            for leftover in moved.parent.glob("renamed-*.yaml"):
                leftover.unlink()
            idea.write_text(original, encoding="utf-8")


def measure(root: Path) -> tuple[set[int], int]:
    """Rebuild REBUILDS times with saves in between; the pages counts seen, and the growth after warming up."""
    original = (root / IDEA).read_text(encoding="utf-8")
    built = set()
    tracemalloc.start()
    try:
        for step in range(REBUILDS):
            if step == WARM_UP:
                gc.collect()
                after_warm_up = tracemalloc.get_traced_memory()[0]
            _edit(root, step, original)
            built.add(_rebuild(root))
        gc.collect()
        at_the_end = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return built, at_the_end - after_warm_up


def test_memory_stays_flat_over_hundreds_of_rebuilds(tmp_path: Path) -> None:
    root = Path(shutil.copytree(MINIMAL, tmp_path / "hub"))
    # In a process of its own, as `hub serve` is: the suite's other threads and caches stay out of the count.
    probe = subprocess.run(
        [sys.executable, "-P", "-m", "tests.site.test_rebuild_memory", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert probe.returncode == 0, probe.stderr
    pages, growth = json.loads(probe.stdout)

    assert set(pages) == {0, 10}  # broken saves render nothing; good ones all ten pages
    assert growth < 512 * 1024, f"grew by {growth / 1024:.0f} KiB"


if __name__ == "__main__":
    seen, grown = measure(Path(sys.argv[1]))
    print(json.dumps([sorted(seen), grown]))
