"""Details of rendering a reader or a hub's maintainer relies on: the editor each page opens,
filters a hub's own templates may use, overrides picked up while serving, and the order of
what is coming up. Pages are rendered in-process from the minimal hub.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from hub_build.site.environment import TemplateFailed, environment
from hub_build.site.links import Links
from hub_build.site.pages import render_site
from tests.helpers import within
from tests.site.test_page_values import add_idea, add_person, minimal, minimal_with, pages, section

TODAY = dt.date(2026, 3, 1)
EDIT = "https://github.com/acme/hub/edit/main/"


def front_matter(markdown: str) -> dict[str, object]:
    front = json.loads(markdown.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(front, dict)
    return front


# ------------------------------------------------------------------ "Edit this page" on every engine


def test_a_record_page_tells_the_engine_to_edit_its_yaml_file() -> None:
    rendered = {page.uri: page.markdown for page in render_site(minimal(), today=TODAY, edit_base=EDIT)}

    assert front_matter(rendered["ideas/close-checklist.md"])["edit_url"] == (
        "https://github.com/acme/hub/edit/main/playbook/content/close-checklist.yaml"
    )
    assert front_matter(rendered["sla.md"])["edit_url"] == "https://github.com/acme/hub/edit/main/playbook/sla.yaml"


def test_a_page_gathering_many_files_tells_the_engine_it_has_no_file_to_edit() -> None:
    rendered = {page.uri: page.markdown for page in render_site(minimal(), today=TODAY, edit_base=EDIT)}

    # An empty edit_url hides the engine's own edit button, which would open a file that does not exist.
    assert [
        front_matter(rendered[uri])["edit_url"]
        for uri in ("index.md", "glossary.md", "people.md", "onboarding/index.md", "calendar.md")
    ] == [""] * 5


def test_without_an_editor_no_page_sets_an_edit_url() -> None:
    assert not any("edit_url" in front_matter(page) for page in pages(minimal()).values())


def test_an_edit_link_needs_both_a_file_and_an_editor() -> None:
    links = Links("people.md", minimal())

    assert links.source("playbook/people/sam-ortiz.yaml", EDIT) == (
        "https://github.com/acme/hub/edit/main/playbook/people/sam-ortiz.yaml"
    )
    assert links.source(None, EDIT) is None
    assert links.source("", EDIT) is None
    assert links.source("playbook/people/sam-ortiz.yaml", None) is None


def test_a_changed_file_in_a_subfolder_of_a_record_folder_is_named_not_linked() -> None:
    # The hub reads no subfolders of playbook/terms/, so such a file is not the term of the same name.
    links = Links("index.md", minimal())

    assert links.file("playbook/terms/archive/mql.yaml") == "playbook/terms/archive/mql.yaml"
    assert links.file("playbook/terms/mql.yaml") == "[Marketing Qualified Lead &#40;MQL&#41;](glossary.md#mql)"


# ------------------------------------------------------------------ what a hub's own template may use


def test_a_value_that_is_not_set_prints_as_nothing() -> None:
    env = environment()

    assert env.from_string("[{{ value }}]").render(value=None) == "[]"
    assert env.from_string("[{{ value | day }}]").render(value=None) == "[]"
    assert env.from_string("[{{ value | day }}]").render(value=dt.date(2026, 3, 5)) == "[5 Mar 2026]"


def test_join_without_a_separator_runs_the_items_together_as_plain_text() -> None:
    env = environment()

    assert env.from_string("{{ items | join }}").render(items=["a", "<b>", 3]) == "a&#60;b&#62;3"
    assert env.from_string('{{ items | join(" · ") }}').render(items=["a", "*b*"]) == "a · &#42;b&#42;"


# ------------------------------------------------------------------ overrides while serving


def _home(overrides: Path, root: Path) -> str:
    rendered = render_site(minimal(), today=TODAY, custom_templates=overrides, root=root)
    return next(page.markdown for page in rendered if page.uri == "index.md")


def test_an_override_that_takes_the_place_of_another_file_is_used_at_the_next_rebuild(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "notes.md.j2").write_text("Not a page of the hub.\n", encoding="utf-8")
    assert "Welcome from the override" not in _home(overrides, tmp_path)

    # As many files as before, one of them new: the home page must come from it now.
    (overrides / "notes.md.j2").unlink()
    (overrides / "home.md.j2").write_text("# Home\n\nWelcome from the override\n", encoding="utf-8")

    assert _home(overrides, tmp_path).endswith("# Home\n\nWelcome from the override\n")


def test_a_pipe_after_a_folder_among_the_overrides_is_still_refused(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides" / "hub"
    (overrides / "a-drafts").mkdir(parents=True)
    os.mkfifo(overrides / "home.md.j2")

    with pytest.raises(TemplateFailed) as failed:
        within(60, lambda: _home(overrides, tmp_path))

    assert (failed.value.problem.file, failed.value.problem.message) == (
        "overrides/hub/home.md.j2",
        "not a regular file, so it is not read as a template",
    )


def test_a_failing_override_outside_the_hub_is_named_by_its_full_path(tmp_path: Path) -> None:
    overrides = tmp_path / "shared-templates"
    overrides.mkdir()
    (overrides / "home.md.j2").write_text("# Home\n\n{{ missing }}\n", encoding="utf-8")

    with pytest.raises(TemplateFailed) as failed:
        render_site(minimal(), today=TODAY, custom_templates=overrides)

    problem = failed.value.problem
    assert (problem.file, problem.line, problem.message) == (
        f"{tmp_path.as_posix()}/shared-templates/home.md.j2",
        3,
        "undefined value: 'missing' is undefined",
    )


# ------------------------------------------------------------------ the content calendar


def test_coming_up_orders_ideas_by_the_day_they_are_scheduled_not_the_day_they_were_proposed() -> None:
    playbook = minimal()
    add_person(playbook, "lee-park", "Lee Park", "sales")
    add_idea(
        playbook,
        "late-pick",
        "lee-park",
        "scheduled",
        scheduled_for=dt.date(2026, 3, 5),
        channel="blog",
        proposed_on=dt.date(2026, 2, 20),
        owner="maya-chen",
    )
    add_idea(
        playbook,
        "early-pick",
        "sam-ortiz",
        "scheduled",
        scheduled_for=dt.date(2026, 3, 25),
        channel="blog",
        proposed_on=dt.date(2026, 1, 10),
        owner="maya-chen",
    )

    upcoming = section(pages(playbook)["calendar.md"], "## Coming up")

    assert [line.split(" | ")[0:2] for line in upcoming if line.startswith("| ") and "ideas/" in line] == [
        ["| 5 Mar 2026", "[Late pick](ideas/late-pick.md)"],
        ["| 25 Mar 2026", "[Early pick](ideas/early-pick.md)"],
    ]


# ------------------------------------------------------------------ the SLA and the narrative


def test_the_sla_page_opens_with_the_agreements_title_and_its_summary(tmp_path: Path) -> None:
    playbook = minimal_with(tmp_path, {"playbook/sla.yaml": "summary: What each team promises the other.\n"})

    sla = pages(playbook)["sla.md"].splitlines()

    assert sla[4] == "# Sales and marketing service-level agreement"
    assert "What each team promises the other." in sla


def test_the_narrative_page_opens_with_the_companys_summary() -> None:
    narrative = pages(minimal())["narrative.md"].splitlines()

    assert narrative[4] == "# Go-to-market narrative"
    assert narrative[6].startswith('<p class="hub-trust"')  # who keeps it, under its title
    assert narrative[8] == "Ledgerly helps mid-market finance teams close the books in days, not weeks."


# ------------------------------------------------------------------ the glossary


def test_a_shared_kpi_shows_its_target_owners_and_cadence() -> None:
    glossary = pages(minimal())["glossary.md"].splitlines()

    assert (
        "| [Marketing Qualified Lead &#40;MQL&#41;](glossary.md#mql) | ≥ 400 MQLs per month | monthly |"
        " [Sam Ortiz](people.md#sam-ortiz) | [Maya Chen](people.md#maya-chen) |"
    ) in glossary
    assert "    - **Target:** ≥ 400 MQLs per month" in glossary
