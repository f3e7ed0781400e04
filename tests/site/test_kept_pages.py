"""Rendering again with the pages kept from the last rendering (as `hub serve` does) renders
only the pages of ideas and tracks whose inputs changed, and gives the pages a rendering from
scratch gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from jinja2.runtime import Macro
from markupsafe import Markup

from hub_build.playbook.config import Holiday
from hub_build.playbook.loading import Documents, parse_text
from hub_build.playbook.validation import validate_hub
from hub_build.site import text
from hub_build.site.page import Page
from hub_build.site.page_cache import PageCache
from hub_build.site.page_cache import kept_entries as _kept_entries
from hub_build.site.pages import render_site
from tests.helpers import MINIMAL

TODAY = dt.date(2026, 3, 1)
IDEA, TRACK = "ideas/close-checklist.md", "onboarding/account-executive.md"


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "hub"))


class Session:
    def __init__(self, root: Path) -> None:
        self.root, self.documents, self.cache = root, Documents(), PageCache()

    def render(self, **options: object) -> dict[str, Page]:
        playbook = validate_hub(self.root, today=TODAY, documents=self.documents).playbook
        return {page.uri: page for page in render_site(playbook, today=TODAY, cache=self.cache, **options)}  # type: ignore[arg-type]

    def cold(self, **options: object) -> dict[str, str]:
        playbook = validate_hub(self.root, today=TODAY).playbook
        return {page.uri: page.markdown for page in render_site(playbook, today=TODAY, **options)}  # type: ignore[arg-type]


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_unchanged_records_keep_their_pages_and_gathering_pages_are_rendered_again(hub: Path) -> None:
    session = Session(hub)
    first = session.render()

    second = session.render()

    assert second[IDEA] is first[IDEA] and second[TRACK] is first[TRACK]
    assert second["glossary.md"] is not first["glossary.md"]
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()


def test_a_changed_idea_renders_its_page_again_and_only_it(hub: Path) -> None:
    session = Session(hub)
    first = session.render()
    edit(hub / "playbook/content/close-checklist.yaml", "The five-day", "The four-day")

    second = session.render()

    assert "# The four-day close checklist" in second[IDEA].markdown
    assert second[TRACK] is first[TRACK]
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()


def test_a_change_to_a_person_renders_every_record_page_again(hub: Path) -> None:
    session = Session(hub)
    first = session.render()
    edit(hub / "playbook/people/sam-ortiz.yaml", "name: Sam Ortiz", "name: Samuel Ortiz")

    second = session.render()

    assert second[IDEA] is not first[IDEA] and second[TRACK] is not first[TRACK]
    assert "[Samuel Ortiz](../people.md#sam-ortiz)" in second[IDEA].markdown
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()


@pytest.mark.parametrize(
    "option",
    [
        {"edit_base": "https://git.example/edit/main/"},
        {"new_idea_url": "https://git.example/new"},
        {"holidays": ()},
    ],
)
def test_a_change_of_what_every_record_page_shows_renders_them_again(hub: Path, option: dict[str, object]) -> None:
    session = Session(hub)
    first = session.render(**{key: None if value else value for key, value in option.items()})
    second = session.render(**option)

    if option.get("holidays") == ():
        assert second[IDEA] is first[IDEA]  # the same settings: kept
    else:
        assert second[IDEA] is not first[IDEA] and second[TRACK] is not first[TRACK]
        assert {uri: page.markdown for uri, page in second.items()} == session.cold(**option)


def test_a_holiday_added_while_serving_renders_the_track_pages_again(hub: Path) -> None:
    session = Session(hub)
    first = session.render(holidays=())
    holidays = (Holiday(dt.date(2026, 3, 2), "Founders' Day"),)

    second = session.render(holidays=holidays)

    assert second[TRACK] is not first[TRACK]
    assert {uri: page.markdown for uri, page in second.items()} == session.cold(holidays=holidays)


def test_a_new_day_renders_every_record_page_again(hub: Path) -> None:
    session = Session(hub)
    playbook = validate_hub(hub, today=TODAY, documents=session.documents).playbook
    first = {p.uri: p for p in render_site(playbook, today=TODAY, cache=session.cache)}
    later = {p.uri: p for p in render_site(playbook, today=TODAY + dt.timedelta(days=400), cache=session.cache)}

    assert later[TRACK] is not first[TRACK]
    assert later[TRACK].markdown != first[TRACK].markdown  # its review is now overdue


def test_with_a_hubs_own_templates_nothing_is_kept(hub: Path) -> None:
    overrides = hub / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").write_text("# Home\n", encoding="utf-8")
    session = Session(hub)
    options = {"custom_templates": overrides, "root": hub}

    first, second = session.render(**options), session.render(**options)

    assert second[IDEA] is not first[IDEA]
    assert second[IDEA].markdown == first[IDEA].markdown


def test_a_record_whose_model_is_rebuilt_from_the_same_file_keeps_its_page(hub: Path) -> None:
    session = Session(hub)
    playbook = validate_hub(hub, today=TODAY, documents=session.documents).playbook
    first = {p.uri: p for p in render_site(playbook, today=TODAY, cache=session.cache)}
    idea = playbook.ideas["close-checklist"]
    # A different idea object from another document: never taken for the kept one.
    playbook.ideas["close-checklist"] = dataclasses.replace(
        idea, title="Another", document=dataclasses.replace(idea.document)
    )
    second = {p.uri: p for p in render_site(playbook, today=TODAY, cache=session.cache)}

    assert second[IDEA] is not first[IDEA] and "# Another" in second[IDEA].markdown


def test_settings_equal_but_made_anew_each_time_keep_the_pages(hub: Path) -> None:
    session = Session(hub)
    playbook = validate_hub(hub, today=TODAY, documents=session.documents).playbook

    def render() -> dict[str, Page]:
        # As under `hub serve`: the day and the addresses are new objects at each rebuild.
        return {
            p.uri: p
            for p in render_site(
                playbook,
                today=dt.date(2026, 3, int("1")),
                cache=session.cache,
                edit_base="".join(["https://git.example/", "edit/"]),
            )
        }

    first, second = render(), render()

    assert second[IDEA] is first[IDEA]


@pytest.mark.parametrize(
    ("file", "old", "new", "page"),
    [
        pytest.param(
            "playbook/narrative.yaml",
            "Carla, the controller",
            "Carla, the group controller",
            IDEA,
            id="the narrative names an idea's persona",
        ),
        pytest.param(
            "playbook/sla.yaml",
            "Weekly pipeline review",
            "Monday pipeline review",
            TRACK,
            id="the SLA names a track's meeting",
        ),
    ],
)
def test_a_change_to_a_record_a_page_names_renders_it_again(
    hub: Path, file: str, old: str, new: str, page: str
) -> None:
    session = Session(hub)
    first = session.render()
    edit(hub / file, old, new)

    second = session.render()

    assert second[page] is not first[page]
    assert new in second[page].markdown
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()


def test_charts_kept_between_renderings_are_drawn_again_only_for_changed_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hub_build.site import scorecard_view
    from tests.helpers import REPO

    today = dt.date(2026, 11, 23)
    playbook = validate_hub(REPO, today=today).playbook
    card_set = scorecard_view.build_scorecard(playbook, today=today)
    kept = scorecard_view.KeptCharts()
    drawn: list[str] = []
    draw = scorecard_view.chart_svg
    monkeypatch.setattr(scorecard_view, "chart_svg", lambda card: drawn.append(card.metric.id) or draw(card))

    first = scorecard_view.charts(card_set, kept)
    again = scorecard_view.charts(card_set, kept)
    card = card_set.cards[0]
    changed = dataclasses.replace(
        card, outcomes=[*card.outcomes[:-1], dataclasses.replace(card.outcomes[-1], value=-1.0)]
    )
    third = scorecard_view.charts(dataclasses.replace(card_set, cards=[changed, *card_set.cards[1:]]), kept)

    assert len(first) == len(drawn) - 1 > 10  # each chart drawn once, then only the changed one
    assert drawn[-1] == card.metric.id
    assert again == first and {k: v for k, v in third.items() if k != card.metric.id} == {
        k: v for k, v in first.items() if k != card.metric.id
    }
    assert third[card.metric.id] != first[card.metric.id]
    assert first == scorecard_view.charts(card_set)  # what a rendering without the cache draws


def test_only_the_sections_whose_text_changed_have_their_links_checked_again(
    hub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    check = text.safe_page_links
    monkeypatch.setattr(text, "safe_page_links", lambda section: checked.append(section) or check(section))
    session = Session(hub)
    session.render()
    assert len(checked) > 10
    edit(hub / "playbook/content/close-checklist.yaml", "The five-day", "The four-day")
    checked.clear()

    second = session.render()

    assert checked and all("The four-day close checklist" in section for section in checked)
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()


@dataclasses.dataclass
class _Shown:
    """An input the cache has no way to compare: a macro's output may change with it."""

    label: str


def _renderings(render: Callable[[Callable[..., Markup]], str], times: int = 2) -> list[str]:
    """`render(kept)` in renderings that follow one another under one cache, the rest unchanged."""
    cache, world = PageCache(), ("the same people, narrative and SLA",)
    texts = []
    for _ in range(times):
        cache.start(world)
        texts.append(render(_kept_entries(cache, "glossary.md")))
    return texts


def _entry(source: str) -> Macro:
    return jinja2.Environment(autoescape=True).from_string(source).module.entry  # type: ignore[no-any-return]


RECORD = dataclasses.make_dataclass("Record", ["document"])(parse_text("a: 1\n", "playbook/terms/a.yaml"))


def test_an_entry_whose_inputs_cannot_be_compared_is_rendered_again_in_each_rendering():
    macro = _entry("{% macro entry(record, shown) %}{{ record.document.file }}: {{ shown.label }}{% endmacro %}")
    labels = iter(["before", "after"])

    texts = _renderings(lambda kept: kept(macro, RECORD, _Shown(next(labels))))

    assert texts == ["playbook/terms/a.yaml: before", "playbook/terms/a.yaml: after"]


def test_an_entry_whose_record_and_inputs_are_the_same_is_rendered_once():
    macro = _entry("{% macro entry(record, label) %}{{ label }}{% endmacro %}")
    calls = []

    def counted(*args: object) -> str:
        calls.append(args)
        return str(macro(*args))

    counted.name = macro.name  # type: ignore[attr-defined]

    texts = _renderings(lambda kept: kept(counted, RECORD, "shown"))

    assert texts == ["shown", "shown"]
    assert len(calls) == 1


def _many_proposed_ideas(hub: Path, count: int = 30) -> None:
    """More proposed ideas than the board shows, so that they have a page of their own."""
    idea = (hub / "playbook/content/close-checklist.yaml").read_text(encoding="utf-8")
    for number in range(count):
        (hub / f"playbook/content/idea-{number:02d}.yaml").write_text(
            idea.replace("The five-day close checklist", f"Idea number {number}"), encoding="utf-8"
        )


def test_a_status_page_is_kept_while_its_ideas_and_their_people_are_unchanged(hub: Path) -> None:
    _many_proposed_ideas(hub)
    session = Session(hub)
    first = session.render()
    edit(hub / "playbook/onboarding/account-executive.yaml", "title: ", "title: New ")

    second = session.render()

    assert second["calendar/proposed.md"] is first["calendar/proposed.md"]
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()


def test_a_status_page_shows_a_renamed_idea_and_a_renamed_person_at_once(hub: Path) -> None:
    _many_proposed_ideas(hub)
    session = Session(hub)
    session.render()
    edit(hub / "playbook/content/idea-07.yaml", "Idea number 7", "Idea number seven")
    renamed = session.render()["calendar/proposed.md"].markdown
    edit(hub / "playbook/people/sam-ortiz.yaml", "name: Sam Ortiz", "name: Samuel Ortiz")

    second = session.render()

    assert "[Idea number seven](../ideas/idea-07.md)" in renamed
    assert "[Samuel Ortiz](../people.md#sam-ortiz)" in second["calendar/proposed.md"].markdown
    assert {uri: page.markdown for uri, page in second.items()} == session.cold()
