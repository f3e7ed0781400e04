"""A track page as a hire reads it: steps with labelled checkboxes, the plan's data for
the script, and the maintainers' note after the steps, whatever text the track holds."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from hub_build.playbook.validation import validate_hub
from hub_build.site.pages import render_site
from tests.helpers import IMAGE, JINJA, REPO, SCRIPT
from tests.site.test_text_safety import browse, render

TODAY = dt.date(2026, 11, 23)
HOSTILE = f"{SCRIPT} {IMAGE} {JINJA} ]( \" ' [x](javascript:alert(1)) src=javascript:alert(2)"


class _Plan(HTMLParser):
    """The plan's data attribute, decoded as a browser decodes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.plan: str | None = None
        self.checkboxes: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id") == "hub-plan":
            self.plan = values.get("data-plan")
        if tag == "input" and values.get("type") == "checkbox":
            self.checkboxes.append(values)


@pytest.fixture(scope="module")
def hostile_track(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("track")
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    track = root / "playbook" / "onboarding" / "sdr.yaml"
    track.write_text(
        track.read_text().replace("- What does a good first month look like?", "- " + json.dumps(HOSTILE)),
        encoding="utf-8",
    )
    result = validate_hub(root, today=TODAY)
    assert result.errors == []
    pages = render_site(result.playbook, today=TODAY, holidays=result.config.holidays)
    return render(next(p.markdown for p in pages if p.uri == "onboarding/sdr.md").split("---\n", 2)[2])


def _plan(html: str) -> _Plan:
    parser = _Plan()
    parser.feed(html)
    return parser


def test_the_plans_data_reaches_the_script_as_the_json_written(hostile_track: str) -> None:
    plan = json.loads(_plan(hostile_track).plan or "")
    assert sorted(plan) == ["holidays", "steps", "title", "track"]
    assert plan["track"] == "sdr"
    assert plan["title"] == "Sales Development Representative"  # names the calendar the script writes
    assert plan["holidays"][:2] == ["2026-12-24", "2026-12-25"]
    assert plan["steps"][0] == {
        "key": "1-meet-kenji-watanabe",
        "day": 1,
        "title": "Meet Kenji Watanabe",
        "event": True,
        "details": "Kenji Watanabe, SDR Team Lead (sales) <kenji.watanabe@quillstone.example>\n\n"
        "Why: Your team lead. Kenji will walk you through the SDR day, your sequences and how your "
        f"numbers are measured.\n\nWhat to ask:\n\n- {HOSTILE}\n- Which sequences should I learn first?\n\n"
        "How: in person\n\nOnboarding: Sales Development Representative, day 1",
    }
    assert [step["event"] for step in plan["steps"]].count(True) == 11


def test_hostile_step_text_makes_no_element_handler_or_live_link(hostile_track: str) -> None:
    page = browse(hostile_track)
    assert page.handlers == []
    assert "script" not in page.tags and "img" not in page.tags
    assert all(not target.lower().startswith("javascript") for target in page.targets)
    assert "49" not in hostile_track


def test_every_step_has_a_checkbox_named_by_its_title_and_days_date(hostile_track: str) -> None:
    boxes = _plan(hostile_track).checkboxes
    assert len(boxes) == 16
    assert boxes[0] == {
        "type": "checkbox",
        "class": "hub-step",
        "id": "step-1-meet-kenji-watanabe",
        "data-step": "1-meet-kenji-watanabe",
        "aria-labelledby": "step-1-meet-kenji-watanabe-title day-1-date",
    }
    for box in boxes:
        for labelled_by in (box["aria-labelledby"] or "").split():
            assert f'id="{labelled_by}"' in hostile_track


def test_the_owner_and_review_dates_come_after_the_last_step_collapsed(hostile_track: str) -> None:
    last_step = hostile_track.index('id="step-10-read-propose"')
    note = hostile_track.index("Kept current")
    assert last_step < note
    assert re.search(r'<details class="info">\s*<summary>Kept current</summary>', hostile_track)
