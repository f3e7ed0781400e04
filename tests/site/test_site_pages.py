"""The sample hub, built with `hub build --strict`, read as HTML."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.helpers import REPO, copy_hub, run_hub


class _Anchors(HTMLParser):
    """Ids and links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.edit: str | None = None
        self.abbreviations: dict[str, str] = {}
        self._abbr: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
            if "md-content__button" in (found.get("class") or "") and found.get("title") == "Edit this page":
                self.edit = found["href"]
        if tag == "abbr":
            self._abbr = found.get("title") or ""

    def handle_data(self, data: str) -> None:
        if self._abbr is not None:
            self.abbreviations[data] = self._abbr
            self._abbr = None


def read(site: Path, page: str) -> _Anchors:
    parser = _Anchors()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "narrative/index.html",
        "glossary/index.html",
        "sla/index.html",
        "people/index.html",
        "onboarding/index.html",
        "onboarding/account-executive/index.html",
        "calendar/index.html",
        "ideas/brightwater-nda-case-study/index.html",
        "propose/index.html",
        "why-alignment/index.html",
        "contributing/index.html",
    ],
)
def test_every_kind_of_page_is_built(built_site: Path, page: str) -> None:
    assert (built_site / page).is_file()


def test_every_track_and_idea_has_its_own_page(built_site: Path) -> None:
    for track in (REPO / "playbook" / "onboarding").glob("*.yaml"):
        assert (built_site / "onboarding" / track.stem / "index.html").is_file()
    for idea in (REPO / "playbook" / "content").glob("*.yaml"):
        assert (built_site / "ideas" / idea.stem / "index.html").is_file()


def test_every_term_and_person_has_a_stable_anchor(built_site: Path) -> None:
    glossary = read(built_site, "glossary/index.html")
    people = read(built_site, "people/index.html")
    assert {p.stem for p in (REPO / "playbook" / "terms").glob("*.yaml")} <= glossary.ids
    assert {p.stem for p in (REPO / "playbook" / "people").glob("*.yaml")} <= people.ids


def broken_links(site: Path) -> list[str]:
    """Every link between the site's pages whose page or anchor does not exist."""
    pages = {path: read(site, str(path.relative_to(site))) for path in site.rglob("index.html")}
    broken = []
    for path, parsed in pages.items():
        for link in parsed.links:
            if re.match(r"^[a-z]+:", link) or link.startswith("//") or link == "#unsafe-link":
                continue
            target, _, anchor = link.partition("#")
            target_path = (path.parent / target).resolve() if target else path
            if target_path.is_dir():
                target_path = target_path / "index.html"
            if target_path.suffix != ".html":
                continue
            if target_path not in pages:
                broken.append(f"{path.relative_to(site)} → {link}")
            elif anchor and anchor not in pages[target_path].ids:
                broken.append(f"{path.relative_to(site)} → {link} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_navigation_stays_a_fixed_set_of_sections(built_site: Path) -> None:
    html = (built_site / "ideas" / "brightwater-nda-case-study" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    targets = re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)
    assert targets == [
        "../..",
        "../../onboarding/",
        "../../narrative/",
        "../../glossary/",
        "../../sla/",
        "../../people/",
        "../../calendar/",
        "../../scorecard/",
        "../../propose/",
        "../../why-alignment/",
        "../../contributing/",
    ]


def test_abbreviations_have_tooltips_on_pages_other_than_the_glossary(built_site: Path) -> None:
    sla = read(built_site, "sla/index.html")
    track = read(built_site, "onboarding/account-executive/index.html")
    assert sla.abbreviations["MQL"].startswith("Marketing Qualified Lead: ")
    assert "SLA" in track.abbreviations
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Marketing Qualified Lead' in home


def test_edit_link_of_a_generated_page_opens_its_yaml_file(built_site: Path) -> None:
    base = "https://github.com/quillstone/revenue-hub/edit/main/"
    assert read(built_site, "sla/index.html").edit == base + "playbook/sla.yaml"
    assert read(built_site, "onboarding/sdr/index.html").edit == base + "playbook/onboarding/sdr.yaml"
    assert (
        read(built_site, "ideas/brightwater-nda-case-study/index.html").edit
        == base + "playbook/content/brightwater-nda-case-study.yaml"
    )
    assert read(built_site, "propose/index.html").edit == base + "docs/propose.md"


def test_pages_that_gather_many_files_link_each_entry_to_its_file(built_site: Path) -> None:
    glossary = read(built_site, "glossary/index.html")
    assert glossary.edit is None
    assert "https://github.com/quillstone/revenue-hub/edit/main/playbook/terms/mql.yaml" in glossary.links


def test_generated_pages_show_owner_and_review_date(built_site: Path) -> None:
    html = (built_site / "narrative" / "index.html").read_text(encoding="utf-8")
    # The narrative is kept by Amara Nwosu, last reviewed on 2026-10-14, every 12 months.
    assert (
        'Kept by <a href="../people/#amara-nwosu">Amara Nwosu</a> · last reviewed 14 Oct 2026 · next review 14 Oct 2027'
        in html
    )


def test_idea_credits_its_proposer_by_name(built_site: Path) -> None:
    html = (built_site / "ideas" / "brightwater-nda-case-study" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Idea by <a href=\"../../people/#[a-z-]+\">[A-Z]", html)
    assert 'Idea by <a href="../../people/#sofia-marchetti">Sofia Marchetti</a>' in html


def test_calendar_counts_ideas_from_sales_per_rep(built_site: Path) -> None:
    html = (built_site / "calendar" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="ideas-from-sales"') :]
    assert re.search(r'<a href="../people/#[a-z-]+">[^<]+</a></td>\s*<td style="text-align: right;">\d+</td>', section)
    # Counted from the sample's files: Jamal Whitfield proposed four ideas, two of them published;
    # the marketers who proposed ideas (Noah Abernathy, Felix Hartmann) are not reps.
    rows = re.findall(
        r'<td><a href="../people/#([a-z-]+)">[^<]+</a></td>\s*<td style="text-align: right;">(\d+)</td>\s*'
        r'<td style="text-align: right;">(\d+)</td>',
        section,
    )
    assert rows[0] == ("jamal-whitfield", "4", "2")
    assert ("sofia-marchetti", "3", "1") in rows and ("tomasz-wierzbicki", "1", "0") in rows
    assert not {"noah-abernathy", "felix-hartmann"} & {row[0] for row in rows}


def test_the_search_bundle_is_built_and_the_themes_search_is_not(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Counted from the sample: 40 terms, 34 clauses, 27 people, 5 tracks with 49 days between
    # them, 32 ideas; and the pages people read whole: the narrative, the scorecard and the three
    # hand-written pages.
    assert entry["languages"]["en"]["page_count"] == 40 + 34 + 27 + 5 + 49 + 32 + 5
    assert not (built_site / "search").exists()
    for page in ("index.html", "glossary/index.html", "ideas/cfo-one-pager/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "hub-assets/search.js" in html and "hub-assets/search.css" in html
        assert "search_index.json" not in html and 'data-md-component="search"' not in html


def test_the_repository_link_asks_no_third_party_for_its_stars(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/quillstone/revenue-hub" title="Go to repository" class="md-source"' in html
    assert 'data-md-component="source"' not in html


def test_nothing_generated_is_written_into_docs(sample_hub: Path, built_site: Path) -> None:
    written = {p.relative_to(sample_hub / "docs").as_posix() for p in (sample_hub / "docs").rglob("*")}
    assert written == {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*")}


def test_a_plain_folder_without_git_history_builds_without_recent_changes(built_site: Path) -> None:
    assert "Recently changed" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_the_schemas_are_published_with_the_site(built_site: Path) -> None:
    for schema in (REPO / "schemas").glob("*.schema.json"):
        assert (built_site / "schemas" / schema.name).read_bytes() == schema.read_bytes()


def test_propose_button_opens_the_hosts_editor_with_a_template_that_validates_once_filled_in(
    built_site: Path, tmp_path: Path
) -> None:
    page = (built_site / "propose" / "index.html").read_text(encoding="utf-8")
    href = html.unescape(
        re.search(r'href="(https://github\.com/quillstone/revenue-hub/new/main/playbook/content\?[^"]+)"', page).group(
            1
        )
    )
    query = parse_qs(urlparse(href).query)
    assert query["filename"] == ["your-idea-title.yaml"]
    root = copy_hub(tmp_path / "hub")
    # The rep writes who they are and the day they propose it: no day is baked into the link.
    assert "\nproposed_on: YYYY-MM-DD\n" in query["value"][0]
    filled = query["value"][0].replace("your-person-id", "sofia-marchetti").replace("YYYY-MM-DD", "2026-11-20")
    (root / "playbook" / "content" / "your-idea-title.yaml").write_text(filled, encoding="utf-8")
    completed = run_hub("validate", "--today", "2026-11-23", cwd=root)
    assert completed.returncode == 0, completed.stdout
    assert "proposed_by: sofia-marchetti" in filled
