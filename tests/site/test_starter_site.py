"""The site of a hub as `hub init` writes it, and of a hub whose mkdocs.yml has three lines."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hub_build.cli.init import Answers, starter_files, write
from tests.helpers import run_hub

THREE_LINES = "site_name: Three lines\ntheme: material\nplugins: [hub]\n"


@pytest.fixture(scope="module")
def three_line_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter playbook, docs/ with only an index page, and mkdocs.yml in three lines."""
    root = tmp_path_factory.mktemp("three-lines")
    files = starter_files(Answers(), today=dt.date.today())
    write(root, {name: content for name, content in files.items() if name.startswith("playbook/")})
    (root / "mkdocs.yml").write_text(THREE_LINES, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Our hub\n\nWelcome.\n", encoding="utf-8")
    completed = run_hub("build", "--strict", cwd=root)
    assert completed.returncode == 0, completed.stderr
    return root / "site"


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_a_three_line_config_renders_admonitions(three_line_site: Path) -> None:
    assert '<div class="admonition example">' in _html(three_line_site, "glossary")


def test_a_three_line_config_renders_content_tabs(three_line_site: Path) -> None:
    assert '<div class="tabbed-set tabbed-alternate"' in _html(three_line_site, "narrative")


def test_a_three_line_config_gives_every_heading_an_anchor_link(three_line_site: Path) -> None:
    assert '<a class="headerlink" href="#market" title="Permanent link">' in _html(three_line_site, "narrative")


def test_a_three_line_config_renders_materials_icons_and_checkboxes(three_line_site: Path) -> None:
    track = _html(three_line_site, "onboarding/account-executive")
    assert '<span class="twemoji"><svg' in track
    assert '<input type="checkbox" class="hub-step" id="step-1-meet-sales-lead"' in track


def test_a_three_line_config_turns_on_materials_tooltips(three_line_site: Path) -> None:
    config = json.loads(
        _html(three_line_site, "glossary")
        .split('<script id="__config" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert "content.tooltips" in config["features"]


def test_the_hubs_own_index_page_replaces_the_generated_home(three_line_site: Path) -> None:
    assert "Welcome." in (three_line_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("propose", "Propose a content idea"),
        ("why-alignment", "Why alignment matters"),
        ("contributing", "Contributing to the hub"),
    ],
)
def test_the_pages_the_generated_ones_link_to_come_with_the_hub(three_line_site: Path, page: str, heading: str) -> None:
    html = _html(three_line_site, page)
    assert f">{heading}<" in html
    assert "quillstone" not in html.lower()


def test_a_hubs_own_page_replaces_the_default_of_the_same_name(built_site: Path) -> None:
    # The sample's docs/propose.md tells the story of one of its own reps.
    assert "Chloe, one of our SDRs" in _html(built_site, "propose")


def test_a_setting_the_pages_cannot_work_with_stops_the_build_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "playbook").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        THREE_LINES + "markdown_extensions:\n  - pymdownx.tabbed:\n      alternate_style: false\n", encoding="utf-8"
    )
    completed = run_hub("build", cwd=tmp_path)
    assert completed.returncode == 1
    assert (
        "mkdocs.yml: markdown_extensions: pymdownx.tabbed: alternate_style is false, but the hub's pages need "
        "true (Material styles only the alternate content tabs); remove the option or set it to true"
    ) in completed.stderr


def test_a_new_hub_publishes_its_schemas_with_the_sites_address_as_id(starter_site: Path) -> None:
    ids = {
        path.name: json.loads(path.read_text(encoding="utf-8"))["$id"]
        for path in sorted((starter_site / "schemas").glob("*.json"))
    }
    assert ids == {
        f"{kind}.schema.json": f"https://northwind.github.io/revenue-hub/schemas/{kind}.schema.json"
        for kind in ("config", "idea", "narrative", "person", "sla", "term", "track")
    }


def test_no_page_of_a_new_hub_mentions_the_sample_company(starter_site: Path) -> None:
    mentions = [
        p.relative_to(starter_site).as_posix()
        for p in starter_site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml") and b"quillstone" in p.read_bytes().lower()
    ]
    assert mentions == []


def test_a_new_hubs_templates_to_fill_in_show_as_such(starter_site: Path) -> None:
    assert "To fill in: in three or four sentences, what we sell" in _html(starter_site, "narrative")
    assert "A template to fill in." in _html(starter_site, "sla")
