"""The site as plain data for any engine: its pages, tooltips, published schemas, default pages and editor links."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import Result, validate_hub
from hub_build.site.abbreviations import tooltips
from hub_build.site.description import SiteSettings, describe
from hub_build.site.new_records import browser_template
from hub_build.site.pages import TemplateFailed, render_site
from tests.helpers import REPO, TODAY, copy_hub, shared

DAY = dt.date.fromisoformat(TODAY)
SCHEMAS = ["config", "idea", "narrative", "person", "sla", "term", "track"]


@pytest.fixture(scope=shared)
def hub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    root = copy_hub(tmp_path_factory.mktemp("description") / "hub")
    return root, validate_hub(root, today=DAY)


def settings(root: Path, **changes: object) -> SiteSettings:
    values: dict[str, object] = {"root": root, "docs_dir": root / "docs", "today": DAY,
                                 "site_url": "https://hub.example/revenue/",
                                 "repo_url": "https://github.com/acme/hub/", "edit_uri": "edit/main/docs/"}
    return SiteSettings(**{**values, **changes})  # type: ignore[arg-type]


def test_the_description_holds_the_pages_and_tooltips_of_the_playbook(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, settings(root))

    expected = render_site(result.playbook, today=DAY, edit_base="https://github.com/acme/hub/edit/main/",
                           new_idea_url=site.new_idea_url, holidays=result.config.holidays)
    assert [(page.uri, page.markdown) for page in site.pages] == [(page.uri, page.markdown) for page in expected]
    assert site.tooltips == tooltips(result.playbook)
    assert site.tooltips["MQL"].startswith("Marketing Qualified Lead: ")


def test_the_description_publishes_each_schema_at_its_address_on_the_site(hub: tuple[Path, Result]) -> None:
    root, result = hub

    schemas = describe(result, settings(root)).schemas

    assert sorted(schemas) == [f"schemas/{kind}.schema.json" for kind in SCHEMAS]
    assert json.loads(schemas["schemas/idea.schema.json"])["$id"] == "https://hub.example/revenue/schemas/idea.schema.json"
    assert "$id" not in json.loads(describe(result, settings(root, site_url=None)).schemas["schemas/sla.schema.json"])


def test_the_description_offers_the_default_pages_shipped_with_the_hub(hub: tuple[Path, Result]) -> None:
    root, result = hub

    default_docs = describe(result, settings(root)).default_docs

    assert sorted(default_docs) == ["contributing.md", "propose.md", "why-alignment.md"]
    assert default_docs["propose.md"] == REPO / "hub_build" / "site" / "default_docs" / "propose.md"


def test_edit_links_and_the_new_idea_link_open_the_git_hosts_editor(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, settings(root))

    assert site.edit_base == "https://github.com/acme/hub/edit/main/"
    assert site.new_idea_url is not None
    link = urlparse(site.new_idea_url)
    query = parse_qs(link.query)
    assert (link.netloc, link.path) == ("github.com", "/acme/hub/new/main/playbook/content")
    assert query["filename"] == ["your-idea-title.yaml"]
    # The hub keeps its own schemas, so the new file points at them by a relative path.
    assert query["value"] == ["# yaml-language-server: $schema=../../schemas/idea.schema.json\n"
                              + browser_template(result.playbook, root / "schemas", today=DAY)]
    calendar = next(page.markdown for page in site.pages if page.uri == "calendar.md")
    assert f"[:material-file-plus: Propose one in your browser]({site.new_idea_url})" in calendar


def test_without_a_repository_there_are_no_editor_links(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, settings(root, repo_url=None))

    assert (site.edit_base, site.new_idea_url) == (None, None)
    assert "Propose one in your browser" not in next(page.markdown for page in site.pages if page.uri == "calendar.md")


def test_a_hubs_own_templates_make_its_pages(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    (root / "theme" / "pages").mkdir(parents=True)
    (root / "theme" / "pages" / "people.md.j2").write_text("# Our people\n", encoding="utf-8")

    site = describe(validate_hub(root, today=DAY), settings(root, custom_templates="theme/pages"))

    people = next(page.markdown for page in site.pages if page.uri == "people.md")
    assert people.endswith("\n# Our people\n")


@pytest.mark.parametrize(("docs", "folder"), [
    ("docs", "docs"),
    ("site/content", "site/content"),
    ("../elsewhere/pages", "pages"),
])
def test_the_docs_folder_is_named_from_the_hubs_root(tmp_path: Path, docs: str, folder: str) -> None:
    root = tmp_path / "hub"

    assert settings(root, docs_dir=root / docs).docs_folder == folder


def test_an_edit_uri_ending_in_a_nested_docs_folder_still_gives_the_branch(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, settings(root, docs_dir=root / "site" / "content", edit_uri="edit/trunk/site/content/"))

    assert site.edit_base == "https://github.com/acme/hub/edit/trunk/"


# ------------------------------------------------------------------ the template a rep starts from

def test_the_browser_template_lists_the_choices_of_this_playbook(hub: tuple[Path, Result]) -> None:
    root, result = hub

    template = browser_template(result.playbook, root / "schemas", today=DAY, schema="https://hub.example/s.json")

    assert template.splitlines() == [
        "# yaml-language-server: $schema=https://hub.example/s.json",
        "# Your content idea. Replace each value after the colon with yours, keep the rest.",
        "# Lines starting with # are notes: keep them or delete them, as you like.",
        "title: Your working title",
        # The first person in sales, by id.
        "# Your person id: your file name in playbook/people/ (for example aoife-gallagher).",
        "proposed_by: your-person-id",
        "proposed_on: 2026-11-23",
        "# What the customer asked, in their words. Leave out names and anything confidential.",
        "question: >",
        '  "The question as you heard it"',
        "# One of: general-counsel, legal-ops-manager, finance-leader, procurement-lead, business-systems-owner",
        "persona: general-counsel",
        "# One of: problem-recognition, solution-research, shortlist, evaluation, business-case, purchase, adoption",
        "stage: problem-recognition",
        "# One of: article, case-study, one-pager, webinar, video, rep-post, checklist, guide, email-sequence,"
        " calculator",
        "format: article",
        "status: proposed",
    ]


def test_the_browser_template_of_an_empty_playbook_still_shows_the_form(hub: tuple[Path, Result]) -> None:
    root, _ = hub
    lines = browser_template(Playbook(), root / "schemas", today=DAY).splitlines()

    assert lines[0] == "# Your content idea. Replace each value after the colon with yours, keep the rest."
    assert "persona: persona-id" in lines and "stage: stage-id" in lines
    assert "# Your person id: your file name in playbook/people/ (for example jane-doe)." in lines


def test_a_hub_without_its_own_schemas_points_new_ideas_at_the_published_one(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    shutil.rmtree(root / "schemas")

    site = describe(validate_hub(root, today=DAY), settings(root))

    assert site.new_idea_url is not None
    value = parse_qs(urlparse(site.new_idea_url).query)["value"][0]
    assert value.splitlines()[0] == (
        "# yaml-language-server: $schema=https://hub.example/revenue/schemas/idea.schema.json")


def test_a_hub_in_a_git_checkout_shows_its_recent_changes(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    dated = {**os.environ, "GIT_AUTHOR_DATE": "2026-11-20T16:30:00+01:00", "GIT_COMMITTER_DATE": "2026-11-20T16:30:00+01:00"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "The first playbook"]):
        subprocess.run(["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
                       check=True, capture_output=True, env=dated)

    site = describe(validate_hub(root, today=DAY), settings(root))

    home = next(page.markdown for page in site.pages if page.uri == "index.md")
    listed = home.split("## Recently changed\n\n", 1)[1].split("\n", 1)[0]
    assert listed.startswith("- **20 Nov 2026** · ")
    assert "32 content ideas proposed; " in listed and "The first playbook" not in home


def test_a_failing_template_of_the_hub_is_named_from_the_hubs_root(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    (root / "overrides" / "hub").mkdir(parents=True)
    (root / "overrides" / "hub" / "home.md.j2").write_text("# Home\n{{ nothing.here }}\n", encoding="utf-8")

    with pytest.raises(TemplateFailed) as failed:
        describe(validate_hub(root, today=DAY), settings(root))

    assert (failed.value.problem.file, failed.value.problem.line) == ("overrides/hub/home.md.j2", 2)


def test_a_description_without_its_data_files_names_them_for_later(hub: tuple[Path, Result]) -> None:
    root, result = hub
    whole = describe(result, settings(root))

    later = describe(result, settings(root), with_data=False)

    data = ["api/ideas.json", "api/narrative.json", "api/people.json", "api/playbook.json",
            "api/playbook.schema.json", "api/sla.json", "api/terms.json", "api/tracks.json",
            "feeds/calendar.ics", "feeds/ideas.xml"]
    assert sorted(later.later) == data
    assert sorted(set(whole.files) - set(later.files)) == data
    assert whole.later == ()
    assert [(page.uri, page.markdown) for page in later.pages] == [(page.uri, page.markdown) for page in whole.pages]
