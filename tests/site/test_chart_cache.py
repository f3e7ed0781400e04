"""Charts kept between builds in the hub's `.hub-build/charts/`: drawn only when what they show
changed, matplotlib imported only when one is drawn, and nothing in the folder trusted."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hub_build.cli.init import Answers, starter_files, write
from hub_build.playbook.validation import validate_hub
from hub_build.site import chart_cache, scorecard_view
from hub_build.site.description import SiteDescription, SiteSettings, describe
from tests.helpers import TODAY, copy_hub

DAY = dt.date.fromisoformat(TODAY)
CHARTS = 19  # the sample's measured metrics
CHANGED_METRIC = "win-rate"

# Describes the site as the engine's process does (the plugin's module imported first), then says
# whether matplotlib was imported and which charts the site holds.
DESCRIBE = """\
import datetime as dt, hashlib, json, sys
from pathlib import Path
import hub_build.engines.mkdocs
from hub_build.playbook.validation import validate_hub
from hub_build.site.description import SiteSettings, describe
root = Path(sys.argv[1])
day = dt.date.fromisoformat(sys.argv[2])
site = describe(validate_hub(root, today=day), SiteSettings(root=root, docs_dir=root / "docs", today=day))
charts = {path: hashlib.sha256(text.encode()).hexdigest() for path, text in site.files.items()
          if path.startswith("scorecard/")}
print(json.dumps({"matplotlib": "matplotlib" in sys.modules, "charts": charts}))
"""


def _described_in_a_process(root: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-P", "-c", DESCRIBE, str(root), TODAY],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)  # type: ignore[no-any-return]


def _described(root: Path) -> SiteDescription:
    return describe(validate_hub(root, today=DAY), SiteSettings(root=root, docs_dir=root / "docs", today=DAY))


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The metrics whose chart matplotlib draws, in order."""
    metrics: list[str] = []
    draw = scorecard_view.chart_svg
    monkeypatch.setattr(scorecard_view, "chart_svg", lambda card: metrics.append(card.metric.id) or draw(card))
    return metrics


def _entries(root: Path) -> list[Path]:
    return sorted(root.joinpath(*chart_cache.FOLDER).glob(f"*{chart_cache.SUFFIX}"))


def _change_one_result(root: Path) -> None:
    results = root / "playbook" / "measurements" / "2025-q4.csv"
    text = results.read_text(encoding="utf-8")
    assert f"{CHANGED_METRIC},2025-Q4,26.4," in text
    results.write_text(
        text.replace(f"{CHANGED_METRIC},2025-Q4,26.4,", f"{CHANGED_METRIC},2025-Q4,27.9,"), encoding="utf-8"
    )


def test_a_hub_with_no_results_is_described_without_importing_matplotlib(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    root.mkdir()
    write(root, starter_files(Answers(), today=DAY))
    (root / "docs").mkdir(exist_ok=True)

    described = _described_in_a_process(root)

    assert described == {"matplotlib": False, "charts": {}}


def test_a_second_build_with_unchanged_results_draws_no_chart_and_imports_no_matplotlib(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    first = _described_in_a_process(root)

    again = _described_in_a_process(root)

    assert first["matplotlib"] is True and len(first["charts"]) == CHARTS  # type: ignore[arg-type]
    assert again == {"matplotlib": False, "charts": first["charts"]}


def test_a_changed_result_draws_that_chart_again_and_no_other(tmp_path: Path, drawn: list[str]) -> None:
    root = copy_hub(tmp_path / "hub")
    first = _described(root)
    _change_one_result(root)
    drawn.clear()

    again = _described(root)

    assert drawn == [CHANGED_METRIC]
    changed = f"scorecard/{CHANGED_METRIC}.svg"
    assert again.files[changed] != first.files[changed]
    assert {p: t for p, t in again.files.items() if p.startswith("scorecard/") and p != changed} == {
        p: t for p, t in first.files.items() if p.startswith("scorecard/") and p != changed
    }


def test_a_kept_chart_is_the_chart_drawn_afresh(tmp_path: Path, drawn: list[str]) -> None:
    root = copy_hub(tmp_path / "hub")
    _described(root)
    drawn.clear()

    kept = _described(root)

    assert drawn == []
    fresh = copy_hub(tmp_path / "fresh")
    assert kept.files == {path: text for path, text in _described(fresh).files.items()}


@pytest.mark.parametrize(
    "entry",
    [
        b"<svg xmlns='http://www.w3.org/2000/svg'><g>cut short",
        b"\xff\xfe not text",
        b"",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.__hub_pwned = 11</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><g onload="window.__hub_pwned = 12"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:e="urn:e"><g e:onclick="window.__hub_pwned = 13"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
        b'<use x:href="https://evil.example/a.svg#x"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>g { background: url(https://evil.example/) }</style></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><!-- --><title>x</title></svg>',
    ],
    ids=[
        "cut-short",
        "not-utf8",
        "empty",
        "script",
        "event-handler",
        "event-handler-in-a-namespace",
        "link-out",
        "style-url",
        "comment",
    ],
)
def test_a_corrupt_or_hostile_entry_is_ignored_and_its_chart_drawn_again(
    tmp_path: Path, drawn: list[str], entry: bytes
) -> None:
    root = copy_hub(tmp_path / "hub")
    first = _described(root)
    chart = first.files[f"scorecard/{CHANGED_METRIC}.svg"]
    spoiled = next(path for path in _entries(root) if path.read_text(encoding="utf-8") in chart)
    spoiled.write_bytes(entry)
    drawn.clear()

    again = _described(root)

    assert drawn == [CHANGED_METRIC]
    assert again.files == first.files
    assert spoiled.read_text(encoding="utf-8") in chart  # drawn again, and kept again


def test_the_charts_are_kept_inside_the_hub_only(tmp_path: Path, drawn: list[str]) -> None:
    root = copy_hub(tmp_path / "hub")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ".hub-build").symlink_to(outside, target_is_directory=True)

    _described(root)
    _described(root)

    assert list(outside.iterdir()) == []
    assert len(drawn) == 2 * CHARTS  # nothing kept: drawn each time


def test_the_folder_holds_at_most_its_number_of_charts_keeping_those_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drawn: list[str]
) -> None:
    monkeypatch.setattr(chart_cache, "ENTRIES", CHARTS + 2)
    root = copy_hub(tmp_path / "hub")
    folder = root.joinpath(*chart_cache.FOLDER)
    folder.mkdir(parents=True)
    for number in range(40):
        (folder / f"{number:064x}{chart_cache.SUFFIX}").write_text("<svg/>", encoding="utf-8")

    _described(root)
    drawn.clear()
    _described(root)

    assert len(_entries(root)) == CHARTS + 2
    assert drawn == []  # every chart in use was kept
