"""Pages that list every person or idea make their list in one call (`kept_each`), which gives
the text the template's own loop of `kept` and `chunk_end` gave, and under `hub serve` shows
a change to any record it lists at the next rendering."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import jinja2
import pytest

from hub_build.playbook.loading import parse_text
from hub_build.site import sandbox
from hub_build.site.environment import SECTION_BREAK, chunk_end
from hub_build.site.page_cache import PageCache, kept_each, kept_entries
from hub_build.site.sandbox import OverBudget, budget
from tests.helpers import MINIMAL
from tests.site.test_kept_pages import Session, edit

IDEA_FILE = "playbook/content/close-checklist.yaml"


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "hub"))


Record = dataclasses.make_dataclass("Record", ["id", "document", "label"])
RECORDS = [
    Record(f"record-{n}", parse_text(f"a: {n}\n", f"playbook/terms/record-{n}.yaml"), f"label {n}") for n in range(80)
]
ENTRY = "{% macro entry(record, mark, extra) %}- {{ record.label }} {{ mark }} {{ extra }}\n{% endmacro %}"


def _through_a_loop(kept: object) -> str:
    template = jinja2.Environment(autoescape=True).from_string(
        ENTRY + "{% for record in records %}{{ kept(entry, record, '*', record.label | upper) }}"
        "{{ chunk_end(record.id, 4) }}{% endfor %}"
    )
    return template.render(records=RECORDS, kept=kept, chunk_end=chunk_end)


def _in_one_call(kept: object) -> str:
    template = jinja2.Environment(autoescape=True).from_string(
        ENTRY + "{{ kept_each(entry, records, '*', each=upper, every=4) }}"
    )
    return template.render(records=RECORDS, kept_each=kept_each(kept), upper=lambda r: (r.label.upper(),))  # type: ignore[arg-type]


def test_a_list_in_one_call_is_the_text_of_the_templates_own_loop_with_and_without_a_cache() -> None:
    cache = PageCache()
    cache.start(("the same world",))
    looped = _through_a_loop(kept_entries(None, "people.md"))

    assert SECTION_BREAK in looped and "- label 79 * LABEL 79" in looped
    assert _in_one_call(kept_entries(None, "people.md")) == looped
    for _ in range(2):  # the second time from the entries kept
        assert _in_one_call(kept_entries(cache, "people.md")) == looped
        cache.start(("the same world",))


def test_a_list_in_one_call_stops_at_the_pages_deadline() -> None:
    with budget(0), pytest.raises(OverBudget):
        _in_one_call(kept_entries(None, "people.md"))


def test_a_renamed_idea_shows_at_once_in_its_proposers_entry_its_stage_and_the_calendar(hub: Path) -> None:
    idea = hub / IDEA_FILE
    idea.write_text(
        idea.read_text(encoding="utf-8").replace("status: proposed", "status: scheduled\nscheduled_for: 2026-02-20"),
        encoding="utf-8",
    )
    session = Session(hub)
    first = session.render()
    assert "The five-day close checklist" in first["people.md"].markdown
    edit(idea, "The five-day close checklist", "The ten-day close checklist")

    second = session.render()

    for page in ("people.md", "narrative.md", "calendar.md"):
        assert "The ten-day close checklist" in second[page].markdown, page
        assert "The five-day close checklist" not in second[page].markdown, page
    assert "late by 9 days" in second["calendar.md"].markdown
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()


def test_the_narrative_lists_under_its_stage_every_idea_but_the_declined(hub: Path) -> None:
    idea = hub / IDEA_FILE
    written = idea.read_text(encoding="utf-8")
    (hub / "playbook/content/declined-one.yaml").write_text(
        written.replace("The five-day close checklist", "A declined checklist").replace(
            "status: proposed", "status: declined\ndecided_on: 2026-02-10\ndeclined_reason: Covered elsewhere."
        ),
        encoding="utf-8",
    )

    narrative = Session(hub).render()["narrative.md"].markdown

    assert "The five-day close checklist" in narrative
    assert "A declined checklist" not in narrative


def test_a_list_in_one_call_stops_at_the_length_a_page_may_have(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_PAGE", 1_000)

    with pytest.raises(OverBudget, match="wrote more than 1,000 characters"):
        _in_one_call(kept_entries(None, "people.md"))
