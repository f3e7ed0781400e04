"""One playbook, three engines: MkDocs (the hub plugin), ProperDocs (the same plugin) and
Zensical (the exported site source) build the same site, with the same guarantees."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hub_build.engines.catalog import ENGINES
from tests.helpers import IMAGE, JINJA, REPO, SCRIPT, copy_hub, make_hostile, run_hub
from tests.site.test_hostile_text import _Active
from tests.site.test_site_pages import broken_links, read


def _active(page: str) -> _Active:
    parser = _Active()
    parser.links = []  # type: ignore[attr-defined]
    original = parser.handle_starttag

    def starttag(tag: str, attrs: list[tuple[str, str | None]]) -> None:
        original(tag, attrs)
        parser.links += [value or "" for key, value in attrs if key in ("href", "src")]  # type: ignore[attr-defined]

    parser.handle_starttag = starttag  # type: ignore[method-assign]
    parser.feed(page)
    return parser


MISSING = [name for name, engine in ENGINES.items() if not engine.is_installed()]
if MISSING and os.environ.get("CI"):
    pytest.fail(f"engines not installed in CI: {', '.join(MISSING)} (.ci/run installs the extras)", pytrace=False)
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"not installed: {', '.join(MISSING)}; python -m pip install -e '.[properdocs,zensical]'"
)

ENGINE_NAMES = ("mkdocs", "properdocs", "zensical")
# Files each engine adds of its own (search indexes, sitemaps, assets): not pages of the hub.
# The search bundle differs in its hashed file names, since each engine's HTML differs: compared apart.
ENGINE_FILES = re.compile(r"^(assets/|search/|search\.json|sitemap\.xml|404\.html|objects\.inv|pagefind/)")


@pytest.fixture(scope="module")
def hostile_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_hub(tmp_path_factory.mktemp("engines") / "hub")
    make_hostile(root)
    return root


@pytest.fixture(scope="module")
def sites(hostile_hub: Path) -> dict[str, Path]:
    built = {}
    for name in ENGINE_NAMES:
        site = hostile_hub / f"site-{name}"
        completed = run_hub("build", "--engine", name, "--site-dir", str(site), cwd=hostile_hub)
        assert completed.returncode == 0, completed.stderr
        built[name] = site
    return built


def _pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not ENGINE_FILES.match(p.relative_to(site).as_posix())
    }


def test_every_engine_builds_the_same_pages_and_files(sites: dict[str, Path]) -> None:
    reference = _pages(sites["mkdocs"])

    assert len([p for p in reference if p.endswith(".html")]) >= 45
    for name in ("properdocs", "zensical"):
        assert _pages(sites[name]) == reference, name


def test_every_engine_gets_the_same_search(sites: dict[str, Path]) -> None:
    counts = {
        name: json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["en"][
            "page_count"
        ]
        for name, site in sites.items()
    }
    # The sample's 192 entries and pages (tests/site/test_site_pages.py), and the hostile idea.
    assert counts == dict.fromkeys(ENGINE_NAMES, 193)
    for site in sites.values():
        assert (site / "hub-assets" / "search.js").read_bytes() == (
            REPO / "hub_build" / "site" / "assets" / "search.js"
        ).read_bytes()
        assert "hub-assets/search.js" in (site / "glossary" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_every_internal_link_and_anchor_resolves(sites: dict[str, Path], name: str) -> None:
    assert broken_links(sites[name]) == []


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_glossary_abbreviations_are_tooltips_on_other_pages(sites: dict[str, Path], name: str) -> None:
    track = read(sites[name], "onboarding/sdr/index.html")

    assert track.abbreviations["MQL"].startswith("Marketing Qualified Lead: ")
    assert track.abbreviations["SAL"].startswith("Sales Accepted Lead: ")


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_edit_links_open_the_yaml_file_behind_the_page(sites: dict[str, Path], name: str) -> None:
    base = "https://github.com/quillstone/revenue-hub/edit/main/"

    assert read(sites[name], "ideas/cfo-one-pager/index.html").edit == f"{base}playbook/content/cfo-one-pager.yaml"
    assert read(sites[name], "sla/index.html").edit == f"{base}playbook/sla.yaml"
    assert read(sites[name], "onboarding/sdr/index.html").edit == f"{base}playbook/onboarding/sdr.yaml"
    # A page gathering many files links each entry instead; a page shipped with the hub has no file.
    assert read(sites[name], "glossary/index.html").edit is None
    assert read(sites[name], "why-alignment/index.html").edit == f"{base}docs/why-alignment.md"


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_hostile_playbook_text_stays_inert_text(sites: dict[str, Path], name: str) -> None:
    for page in ("ideas/hostile-idea", "glossary", "calendar", "people"):
        raw = (sites[name] / page / "index.html").read_text(encoding="utf-8")
        active = _active(raw)

        assert not any("__hub_pwned" in script for script in active.scripts), page
        assert active.handlers == [], page
        assert not [link for link in active.links if re.match(r"\s*(javascript|data):", link, re.IGNORECASE)], page
    idea = (sites[name] / "ideas" / "hostile-idea" / "index.html").read_text(encoding="utf-8")
    shown = html.unescape(idea)
    assert SCRIPT in shown and IMAGE in shown  # shown as text
    assert JINJA in shown  # never evaluated as a template


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_the_schemas_are_published_with_every_site(sites: dict[str, Path], name: str) -> None:
    published = sorted(p.name for p in (sites[name] / "schemas").glob("*.schema.json"))

    assert published == [
        "config.schema.json",
        "idea.schema.json",
        "narrative.schema.json",
        "person.schema.json",
        "sla.schema.json",
        "term.schema.json",
        "track.schema.json",
    ]


def test_zensical_refuses_a_hubs_own_mkdocs_yml_instead_of_publishing_it_without_the_playbook(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")

    completed = subprocess.run(
        [sys.executable, "-P", "-m", "zensical", "build"], cwd=root, capture_output=True, text=True, timeout=300
    )

    assert completed.returncode != 0
    assert (
        "this hub's pages are made by the hub plugin, which Zensical does not run"
        in completed.stdout + completed.stderr
    )
    assert "hub build --engine zensical" in completed.stdout + completed.stderr


def test_the_exported_source_builds_with_zensical_alone(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    exported = tmp_path / "export"

    assert run_hub("export", str(exported), "--engine", "zensical", cwd=root).returncode == 0
    shutil.rmtree(root)  # nothing of the hub is needed any more
    completed = subprocess.run(
        [sys.executable, "-P", "-m", "zensical", "build"], cwd=exported, capture_output=True, text=True, timeout=300
    )

    assert completed.returncode == 0, completed.stderr
    assert (exported / "site" / "glossary" / "index.html").is_file()
    assert len(list((exported / "site" / "ideas").glob("*/index.html"))) == 32


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_no_page_fetches_fonts_from_a_third_party(sites: dict[str, Path], name: str) -> None:
    fetching = [
        p.relative_to(sites[name]).as_posix()
        for p in sites[name].rglob("*.html")
        if re.search(r"fonts\.(googleapis|gstatic)\.com", p.read_text(encoding="utf-8"))
    ]

    assert fetching == []


def test_feeds_the_json_export_and_the_hubs_script_are_the_same_on_every_engine(sites: dict[str, Path]) -> None:
    for path in (
        "feeds/calendar.ics",
        "feeds/ideas.xml",
        "api/playbook.json",
        "api/terms.json",
        "hub-assets/hub.js",
        "hub-assets/hub.css",
    ):
        contents = {name: (site / path).read_bytes() for name, site in sites.items()}
        assert len(set(contents.values())) == 1, path
    for name, site in sites.items():
        track = (site / "onboarding" / "sdr" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<script src="\.\./\.\./hub-assets/hub\.js', track), name
        assert re.search(r'<link rel="stylesheet" href="\.\./\.\./hub-assets/hub\.css', track), name
        assert '<div class="hub-plan" id="hub-plan" data-plan="' in track, name


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_every_page_announces_the_feeds_in_its_head(sites: dict[str, Path], name: str) -> None:
    # As "alternate feed": the theme would take a plain "alternate" for another language and ask for its sitemap.
    for page, up in (("index.html", "(?:\\./)?"), ("ideas/hostile-idea/index.html", "\\.\\./\\.\\./")):
        head = (sites[name] / page).read_text(encoding="utf-8").split("</head>", 1)[0]
        announced = re.findall(r'<link rel="alternate feed" type="([^"]+)" title="([^"]+)" href="([^"]+)">', head)
        assert [(kind, title) for kind, title, _ in announced] == [
            ("application/atom+xml", "Content ideas"),
            ("text/calendar", "Content calendar"),
        ], (name, page)
        assert [re.fullmatch(up + "feeds/(ideas.xml|calendar.ics)", href) is not None for _, _, href in announced] == [
            True,
            True,
        ], (name, page, announced)


def test_every_engine_shows_the_scorecard_with_its_charts_inline(sites: dict[str, Path]) -> None:
    for name, site in sites.items():
        page = (site / "scorecard" / "index.html").read_text(encoding="utf-8")
        assert page.count('<svg class="hub-chart" role="img"') == 19, name
        assert '<title id="chart-mql-follow-up-title">' in page, name
        assert len(list((site / "scorecard").glob("*.svg"))) == 19, name
