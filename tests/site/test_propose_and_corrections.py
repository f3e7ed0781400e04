"""The "Propose an idea" page opens the issue form first, and every page asks for corrections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from hub_build.playbook.validation import Result, validate_hub
from hub_build.site.description import DEFAULT_DOCS, SiteSettings, describe
from hub_build.site.host import Corrections, idea_form_url
from hub_build.site.page_additions import NEW_IDEA_MARKER, fill_markers, heading_of
from tests.helpers import REPO, TODAY, copy_hub, shared

DAY = dt.date.fromisoformat(TODAY)
FORM = "https://github.com/acme/hub/issues/new?template=propose-idea.yml"
EDITOR = "https://github.com/acme/hub/new/main/playbook/content?filename=x.yaml"


@pytest.fixture(scope=shared)
def hub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    root = copy_hub(tmp_path_factory.mktemp("corrections") / "hub")
    return root, validate_hub(root, today=DAY)


def _settings(root: Path, **changes: object) -> SiteSettings:
    values: dict[str, object] = {
        "root": root,
        "docs_dir": root / "docs",
        "today": DAY,
        "site_url": "https://hub.example/revenue/",
        "repo_url": "https://github.com/acme/hub",
        "edit_uri": "edit/main/docs/",
    }
    return SiteSettings(**{**values, **changes})  # type: ignore[arg-type]


def _correction_link(markdown: str) -> dict[str, list[str]]:
    url = markdown.split("[Something wrong or missing?](", 1)[1].split(")", 1)[0]
    assert url.startswith("https://github.com/acme/hub/issues/new?")
    return parse_qs(urlparse(url).query)


def test_the_form_button_comes_first_and_the_editor_stays_for_those_who_use_git() -> None:
    page = f"Propose one:\n\n{NEW_IDEA_MARKER}\n"

    assert fill_markers(page, new_idea_url=EDITOR, idea_form_url=FORM) == (
        f"Propose one:\n\n[:material-form-select: Propose an idea with a form]({FORM})"
        "{ .md-button .md-button--primary target=_blank }\n"
        f"[:material-file-plus: Write the file in GitHub's editor]({EDITOR}){{ .md-button target=_blank }}\n"
    )


def test_the_form_link_needs_a_github_repository_that_has_the_form() -> None:
    assert idea_form_url("https://github.com/acme/hub", True) == FORM
    assert idea_form_url("https://github.com/acme/hub", False) is None
    assert idea_form_url("https://gitlab.com/acme/hub", True) is None
    assert idea_form_url(None, True) is None


def test_a_hub_with_the_form_links_the_propose_button_to_it(hub: tuple[Path, Result]) -> None:
    root, result = hub
    form = root / ".github" / "ISSUE_TEMPLATE" / "propose-idea.yml"
    form.parent.mkdir(parents=True, exist_ok=True)
    form.write_text("name: x\n", encoding="utf-8")
    try:
        site = describe(result, _settings(root))
    finally:
        form.unlink()

    assert site.idea_form_url == FORM
    calendar = next(page.markdown for page in site.pages if page.uri == "calendar.md")
    assert f"[:material-form-select: Propose one with a form]({FORM})" in calendar


@pytest.mark.parametrize(
    "propose", [DEFAULT_DOCS / "propose.md", REPO / "docs" / "propose.md"], ids=["built-in", "sample"]
)
def test_the_propose_buttons_are_on_the_pages_first_screen(propose: Path) -> None:
    text = propose.read_text(encoding="utf-8")

    # Before the first section: after the title and one short paragraph.
    assert text.index(NEW_IDEA_MARKER) < text.index("\n## ")
    assert text[: text.index(NEW_IDEA_MARKER)].count("\n") <= 10


def test_a_records_page_asks_for_corrections_with_its_title_address_and_file(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, _settings(root))

    idea = next(page for page in site.pages if page.uri.startswith("ideas/"))
    query = _correction_link(idea.markdown)
    assert query["title"] == [f"Correction: {idea.title}"]
    assert query["body"] == [
        f"Page: {idea.title}\nAddress: https://hub.example/revenue/{idea.uri[:-3]}/\n"
        f"File: {idea.source}\n\nWhat is wrong or missing?\n\n"
    ]


def test_a_page_gathering_many_files_asks_for_corrections_without_naming_one(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, _settings(root))

    home = next(page for page in site.pages if page.uri == "index.md")
    assert _correction_link(home.markdown)["body"] == [
        "Page: Home\nAddress: https://hub.example/revenue/\n\nWhat is wrong or missing?\n\n"
    ]


def test_without_a_repository_no_page_asks_for_corrections(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, _settings(root, repo_url=None, edit_uri=None))

    assert not any("Something wrong or missing?" in page.markdown for page in site.pages)


def test_a_hostile_title_stays_inside_the_links_address() -> None:
    corrections = Corrections("https://github.com/acme/hub")

    url = corrections.url("x) [evil](javascript:alert(1)) <script>", "ideas/x.md", "playbook/content/x.yaml")

    assert not set(url) & set(" ()<>[]")
    assert parse_qs(urlparse(url).query)["title"] == ["Correction: x) [evil](javascript:alert(1)) <script>"]


def test_a_gitlab_repository_gets_gitlabs_new_issue_page() -> None:
    url = Corrections("https://gitlab.com/acme/hub", directory_urls=False).url("Glossary", "glossary.md", None)

    assert url.startswith("https://gitlab.com/acme/hub/-/issues/new?")
    assert parse_qs(urlparse(url).query)["issue[description]"] == [
        "Page: Glossary\nAddress: /glossary.html\n\nWhat is wrong or missing?\n\n"
    ]


def test_the_people_page_shows_each_persons_id_and_github_username(hub: tuple[Path, Result]) -> None:
    root, result = hub
    person = next(p for p in result.playbook.people.values() if p.github)

    people = next(page.markdown for page in describe(result, _settings(root)).pages if page.uri == "people.md")

    assert f':material-github:{{ title="GitHub" }} [{person.github}](https://github.com/{person.github})' in people
    assert f':material-identifier:{{ title="Person id" }} Person id: `{person.id}`' in people
    assert "Each person's id is what playbook files write after\n`proposed_by:` or `owner:`." in people


def test_a_hand_written_pages_title_is_its_first_top_heading_else_its_file_name() -> None:
    # The correction issue of a page in docs/ is named after it.
    assert heading_of("Intro.\n## Later\n# Pricing for partners  \n# Second\n", "partners.md") == "Pricing for partners"
    assert heading_of("No heading here.\n## Only a section\n", "guides/first-call-notes.md") == "First call notes"
