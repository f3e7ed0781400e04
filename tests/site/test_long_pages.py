"""Pages that list every record: the board shows the most recent ideas of each status and
links to a page of all of them, and long lists are cut into sections an engine can convert
one by one, at places that adding a record does not move."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from markupsafe import Markup

from hub_build.playbook.loading import Document, Documents
from hub_build.playbook.validation import Result, validate_hub
from hub_build.site.description import SiteCache, SiteSettings, data_parts
from hub_build.site.kept import Kept
from hub_build.site.page import Page
from hub_build.site.page_cache import PageCache
from hub_build.site.pages import render_site
from tests.helpers import MINIMAL

TODAY = dt.date(2026, 3, 1)
BREAK = "\x1e"  # the section break: a character no YAML file can hold


def idea(number: int) -> str:
    return (
        f"title: Idea number {number:03}\nproposed_by: sam-ortiz\nproposed_on: 2026-02-{1 + number % 28:02}\n"
        "question: How do other controllers close in five days?\npersona: controller\nstage: awareness\n"
        "value_proposition: faster-close\nformat: checklist\nstatus: proposed\n"
    )


def hub_with_ideas(root: Path, count: int) -> Path:
    shutil.copytree(MINIMAL, root)
    for number in range(count):
        (root / "playbook" / "content" / f"idea-{number:03}.yaml").write_text(idea(number), encoding="utf-8")
    return root


def pages(root: Path) -> dict[str, Page]:
    result = validate_hub(root, today=TODAY)
    assert result.errors == []
    return {page.uri: page for page in render_site(result.playbook, today=TODAY)}


def body(page: Page) -> str:
    return page.markdown.split("\n---\n", 1)[1]


def test_a_status_with_more_ideas_than_the_board_shows_gets_a_page_of_all_of_them(tmp_path: Path) -> None:
    site = pages(hub_with_ideas(tmp_path / "hub", 30))  # 31 proposed ideas with the minimal hub's own

    calendar = site["calendar.md"].markdown
    assert "The 25 most recent; [all 31 proposed ideas](calendar/proposed.md) on a page of their own." in calendar
    board = calendar.split('=== "Proposed (31)"', 1)[1].split("=== ", 1)[0]
    assert board.count("    - :material-lightbulb-outline:") == 25
    # The most recent: proposed on 2026-02-07 to 2026-02-28, then the checklist (2026-02-01) is left out.
    assert "Idea number 006" in board and "Idea number 027" in board and "Idea number 028" not in board

    listed = site["calendar/proposed.md"]
    assert listed.title == "Proposed ideas"
    assert body(listed).count("\n- :material-lightbulb-outline:") == 31
    assert "[content calendar's board](../calendar.md#board)" in listed.markdown
    assert "calendar/accepted.md" not in site  # no status has a page unless the board leaves some out


def test_a_status_page_gathers_many_files_so_it_offers_no_file_to_edit(tmp_path: Path) -> None:
    playbook = validate_hub(hub_with_ideas(tmp_path / "hub", 30), today=TODAY).playbook

    site = {page.uri: page for page in render_site(playbook, today=TODAY, edit_base="https://git.example/edit/main/")}

    assert site["calendar/proposed.md"].markdown.startswith('---\n{"title": "Proposed ideas", "edit_url": ""}\n---\n')


def test_the_board_shows_every_idea_when_there_are_no_more_than_it_shows(tmp_path: Path) -> None:
    site = pages(hub_with_ideas(tmp_path / "hub", 24))  # 25 proposed ideas

    assert "calendar/proposed.md" not in site
    board = site["calendar.md"].markdown.split('=== "Proposed (25)"', 1)[1].split("=== ", 1)[0]
    assert board.count("    - :material-lightbulb-outline:") == 25
    assert "most recent" not in board


def test_a_long_list_is_cut_into_sections_that_together_are_the_page(tmp_path: Path) -> None:
    listed = pages(hub_with_ideas(tmp_path / "hub", 400))["calendar/proposed.md"]

    assert len(listed.sections) > 3  # about one cut for every 32 ideas
    assert listed.markdown.endswith("".join(listed.sections))
    assert len("".join(listed.sections)) == len(body(listed).lstrip("\n"))
    assert BREAK not in listed.markdown
    # Each section is whole lines of a list: it starts a list item, or the page.
    assert all(section.startswith("- ") for section in listed.sections[1:])


@pytest.mark.parametrize("page", ["calendar/proposed.md", "people.md", "narrative.md", "calendar.md"])
def test_adding_a_record_changes_only_the_section_it_lands_in(tmp_path: Path, page: str) -> None:
    root = hub_with_ideas(tmp_path / "hub", 400)
    before = pages(root)[page].sections
    (root / "playbook" / "content" / "idea-new.yaml").write_text(
        idea(17).replace("Idea number 017", "One more idea"), encoding="utf-8"
    )

    after = pages(root)[page].sections

    changed = [section for section in after if section not in before]
    assert len(after) >= 2 and 1 <= len(changed) <= 2  # its own section, cut in two if the idea ends one
    assert all("One more idea" in section or "(402)" in section or "402" in section for section in changed)


def test_entries_kept_between_renderings_are_rendered_again_only_for_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = hub_with_ideas(tmp_path / "hub", 100)
    documents, cache = Documents(), PageCache()
    rendered: list[tuple[object, ...]] = []
    row = PageCache.row

    def counted(self: PageCache, key: tuple[object, ...], document: Document, render: Callable[[], Markup]) -> Markup:
        def counting() -> Markup:
            rendered.append(key)
            return render()

        return row(self, key, document, counting)

    monkeypatch.setattr(PageCache, "row", counted)

    def session() -> dict[str, str]:
        playbook = validate_hub(root, today=TODAY, documents=documents).playbook
        return {page.uri: page.markdown for page in render_site(playbook, today=TODAY, cache=cache)}

    session()
    first = len(rendered)
    rendered.clear()
    path = root / "playbook" / "content" / "idea-042.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Idea number 042", "The forty-second idea"), encoding="utf-8"
    )

    kept = session()

    assert first > 200  # every idea in the status list, the narrative and the people page, and both people
    # The idea's line in the status list and under its stage, and its proposer's entry (which names it).
    assert sorted(str(key[0]) for key in rendered) == ["calendar/proposed.md", "narrative.md", "people.md"]
    assert kept == {
        page.uri: page.markdown for page in render_site(validate_hub(root, today=TODAY).playbook, today=TODAY)
    }
    assert "The forty-second idea" in kept["people.md"] and "The forty-second idea" in kept["calendar/proposed.md"]

    person = root / "playbook" / "people" / "sam-ortiz.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("Sam Ortiz", "Samuel Ortiz"), encoding="utf-8")
    rendered.clear()

    again = session()

    assert len(rendered) == first  # a person's name is on every line that credits them: all rendered again
    assert again["calendar/proposed.md"].count("[Samuel Ortiz]") == 101


def test_the_feeds_and_the_export_make_again_only_the_parts_of_changed_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = hub_with_ideas(tmp_path / "hub", 40)
    for number in range(0, 40, 4):  # some on the calendar too
        path = root / "playbook" / "content" / f"idea-{number:03}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "status: proposed", "status: scheduled\nowner: maya-chen\nscheduled_for: 2026-04-01\nchannel: blog"
            ),
            encoding="utf-8",
        )
    documents, cache = Documents(), SiteCache()
    made: list[tuple[object, ...]] = []
    part = Kept.part

    def counted(self: Kept, document: object, inputs: tuple[object, ...], make: Callable[[], object]) -> object:
        return part(self, document, inputs, lambda: made.append(inputs) or make())  # type: ignore[arg-type]

    monkeypatch.setattr(Kept, "part", counted)

    def data(kept: SiteCache | None = cache) -> dict[str, str]:
        result = validate_hub(root, today=TODAY, documents=documents)
        return data_files_of(result, root, kept)

    first = data()
    # Calendar events, feed entries, and in the export: ideas, people, terms, the track, the narrative, the SLA.
    assert len(made) == 10 + 41 + (41 + 2 + 2 + 1 + 1 + 1)
    made.clear()
    path = root / "playbook" / "content" / "idea-004.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Idea number 004", "The fourth idea"), encoding="utf-8")

    again = data()

    assert sorted(inputs[0] for inputs in made) == ["api", "atom entry", "calendar event"]
    assert again == data(None) != first


def data_files_of(result: Result, root: Path, cache: SiteCache | None) -> dict[str, str]:
    settings = SiteSettings(root=root, docs_dir=root / "docs", today=TODAY, site_url="https://hub.example/")
    return {path: text for part in data_parts(result, settings, cache) for path, text in part.items()}
