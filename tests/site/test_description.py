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

from hub_build.playbook.loading import Documents
from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import Result, validate_hub
from hub_build.site import scorecard_view
from hub_build.site.abbreviations import tooltips
from hub_build.site.description import SiteCache, SiteDescription, SiteSettings, describe
from hub_build.site.environment import TemplateFailed
from hub_build.site.new_records import browser_template
from hub_build.site.pages import render_site
from hub_build.site.search import Entry
from tests.helpers import REPO, TODAY, copy_hub, shared

DAY = dt.date.fromisoformat(TODAY)
SCHEMAS = ["config", "idea", "narrative", "person", "sla", "term", "track"]


@pytest.fixture(scope=shared)
def hub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    root = copy_hub(tmp_path_factory.mktemp("description") / "hub")
    return root, validate_hub(root, today=DAY)


def settings(root: Path, **changes: object) -> SiteSettings:
    values: dict[str, object] = {
        "root": root,
        "docs_dir": root / "docs",
        "today": DAY,
        "site_url": "https://hub.example/revenue/",
        "repo_url": "https://github.com/acme/hub/",
        "edit_uri": "edit/main/docs/",
    }
    return SiteSettings(**{**values, **changes})  # type: ignore[arg-type]


def test_the_description_holds_the_pages_and_tooltips_of_the_playbook(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, settings(root))

    expected = render_site(
        result.playbook,
        today=DAY,
        edit_base="https://github.com/acme/hub/edit/main/",
        new_idea_url=site.new_idea_url,
        idea_form_url=site.idea_form_url,
        corrections=site.corrections,
        holidays=result.config.holidays,
        chat_url=result.config.chat_url,
    )
    assert [(page.uri, page.markdown) for page in site.pages] == [(page.uri, page.markdown) for page in expected]
    assert site.tooltips == tooltips(result.playbook)
    assert site.tooltips["MQL"].startswith("Marketing Qualified Lead: ")


def test_the_description_publishes_each_schema_at_its_address_on_the_site(hub: tuple[Path, Result]) -> None:
    root, result = hub

    schemas = describe(result, settings(root)).schemas

    assert sorted(schemas) == [f"schemas/{kind}.schema.json" for kind in SCHEMAS]
    assert (
        json.loads(schemas["schemas/idea.schema.json"])["$id"] == "https://hub.example/revenue/schemas/idea.schema.json"
    )
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
    assert query["value"] == [
        "# yaml-language-server: $schema=../../schemas/idea.schema.json\n"
        + browser_template(result.playbook, root / "schemas")
    ]
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
    assert people.split('<small class="hub-correction">')[0].endswith("\n# Our people\n\n")


@pytest.mark.parametrize(
    ("docs", "folder"),
    [
        ("docs", "docs"),
        ("site/content", "site/content"),
        ("../elsewhere/pages", "pages"),
    ],
)
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

    template = browser_template(result.playbook, root / "schemas", schema="https://hub.example/s.json")

    assert template.splitlines() == [
        "# yaml-language-server: $schema=https://hub.example/s.json",
        "# Your content idea. Replace each value after the colon with yours, keep the rest.",
        "# Lines starting with # are notes: keep them or delete them, as you like.",
        "title: Your working title",
        # The first person in sales, by id.
        "# Your person id: your file name in playbook/people/ (for example aoife-gallagher).",
        "proposed_by: your-person-id",
        # Left for the rep: a day in the link would be the day the site was built.
        "# Today's date, written year-month-day, such as 2027-03-05.",
        "proposed_on: YYYY-MM-DD",
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
    lines = browser_template(Playbook(), root / "schemas").splitlines()

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
        "# yaml-language-server: $schema=https://hub.example/revenue/schemas/idea.schema.json"
    )


def test_a_hub_in_a_git_checkout_shows_its_recent_changes(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    dated = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2026-11-20T16:30:00+01:00",
        "GIT_COMMITTER_DATE": "2026-11-20T16:30:00+01:00",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "The first playbook"]):
        subprocess.run(
            ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
            check=True,
            capture_output=True,
            env=dated,
        )

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

    data = [
        "api/ideas.json",
        "api/narrative.json",
        "api/people.json",
        "api/playbook.json",
        "api/playbook.schema.json",
        "api/sla.json",
        "api/terms.json",
        "api/tracks.json",
        "feeds/calendar.ics",
        "feeds/ideas.xml",
    ]
    assert sorted(later.later) == data
    assert sorted(set(whole.files) - set(later.files)) == data
    assert whole.later == ()
    assert [(page.uri, page.markdown) for page in later.pages] == [(page.uri, page.markdown) for page in whole.pages]


def test_the_description_publishes_the_hubs_own_styles_and_scripts(hub: tuple[Path, Result]) -> None:
    root, result = hub

    files = describe(result, settings(root)).files

    assets = sorted(path for path in files if path.startswith("hub-assets/"))
    assert assets == ["hub-assets/hub.css", "hub-assets/hub.js", "hub-assets/search.css", "hub-assets/search.js"]
    assert files["hub-assets/hub.css"].startswith("/* The hub's own styles, over the theme's. */\n")
    assert files["hub-assets/search.js"].startswith("/*\n * The hub's search: Pagefind's Component UI, opened from")


def test_the_ideas_feed_points_at_the_pages_of_the_published_site(hub: tuple[Path, Result]) -> None:
    root, result = hub

    feed = describe(result, settings(root)).files["feeds/ideas.xml"]

    assert "  <id>https://hub.example/revenue/feeds/ideas.xml</id>\n" in feed
    assert (
        '  <link rel="self" href="https://hub.example/revenue/feeds/ideas.xml" type="application/atom+xml" />\n'
        '  <link rel="alternate" href="https://hub.example/revenue/calendar/" />\n'
    ) in feed
    assert (
        '    <link rel="alternate" href="https://hub.example/revenue/ideas/change-of-control-due-diligence/" />\n'
        in feed
    )


def test_a_rebuild_with_the_cache_of_a_long_serve_makes_again_only_what_changed_and_the_same_description(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_hub(tmp_path / "hub")
    documents, cache = Documents(), SiteCache()
    drawn: list[str] = []
    draw = scorecard_view.chart_svg
    monkeypatch.setattr(scorecard_view, "chart_svg", lambda card: drawn.append(card.metric.id) or draw(card))

    def described(kept: SiteCache | None) -> SiteDescription:
        return describe(validate_hub(root, today=DAY, documents=documents), settings(root), kept)

    def shown(site: SiteDescription) -> tuple[object, ...]:
        return [(page.uri, page.markdown) for page in site.pages], site.files, site.search, site.tooltips

    first = described(cache)
    assert len(drawn) == 19
    path = root / "playbook" / "content" / "change-of-control-due-diligence.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Finding every change-of-control clause", "Finding each change-of-control clause"
        ),
        encoding="utf-8",
    )
    drawn.clear()

    again = described(cache)

    assert drawn == []  # a title changes no result, so no chart is drawn again
    changed, unchanged = "ideas/change-of-control-due-diligence.md", "ideas/who-runs-it-after-go-live.md"
    pages, pages_before = {page.uri: page for page in again.pages}, {page.uri: page for page in first.pages}
    assert pages[unchanged] is pages_before[unchanged] and pages[changed] is not pages_before[changed]
    assert "# Finding each change-of-control clause before due diligence\n" in pages[changed].markdown
    entries, entries_before = ({entry.page: entry for entry in site.search} for site in (again, first))
    assert entries[unchanged] is entries_before[unchanged] and entries[changed] is not entries_before[changed]
    assert shown(again) == shown(described(None)) != shown(first)


def test_the_scorecard_leaves_the_companys_holidays_out_of_the_time_an_idea_waited(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    config = root / "hub.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "holidays:\n", "holidays:\n  - date: 2026-10-28\n    name: Founders' Day\n", 1
        ),
        encoding="utf-8",
    )

    site = describe(validate_hub(root, today=DAY), settings(root))

    scorecard = next(page.markdown for page in site.pages if page.uri == "scorecard.md")
    # Without the holiday, the longest wait of October was 8 business days (27 Oct to 6 Nov, 19 to 29 Oct).
    assert (
        "| [Every content idea from sales gets an answer](#metric-content-idea-decision) | 7 business days in "
        "2026-10 | :material-check-circle:{ .hub-met } Met"
    ) in scorecard
    assert "latest 2026-10: 7 (met).</title>" in site.files["scorecard/content-idea-decision.svg"]


def test_the_description_holds_the_search_entries_and_the_pages_they_stand_for(hub: tuple[Path, Result]) -> None:
    root, result = hub

    site = describe(result, settings(root))

    assert [(entry.page, entry.anchor, entry.kind) for entry in site.search[:2]] == [
        ("glossary.md", "abm", "term"),
        ("glossary.md", "account-executive", "term"),
    ]
    assert site.search[-1] == Entry(
        page="ideas/works-council-rollout-checklist.md",
        anchor=None,
        title="Rolling out contract management with your works council — a checklist",
        section="Content idea",
        kind="idea",
        text='"What does the works council need to approve before we roll out a contract tool, and how '
        'long does that usually take?" Proposed by Tomasz Wierzbicki.',
        names=(),
        about=(),
        filters=(
            ("status", "accepted"),
            ("persona", "Gwen, the General Counsel"),
            ("stage", "Procurement, security and signature"),
        ),
        owner="Proposed by Tomasz Wierzbicki",
    )
    # The pages that only list records, or show one the entries hold already; the narrative and the scorecard are
    # searched as pages.
    assert {
        "index.md",
        "glossary.md",
        "people.md",
        "sla.md",
        "calendar.md",
        "calendar/declined.md",
        "onboarding/index.md",
        "onboarding/sdr.md",
        "ideas/works-council-rollout-checklist.md",
    } < site.unsearched
    assert {"narrative.md", "scorecard.md"}.isdisjoint(site.unsearched)
