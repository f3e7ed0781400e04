"""Text from the playbook is data: it shows as text and never runs or renders as a template."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.helpers import IMAGE, JINJA, SCRIPT


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


class _Active(HTMLParser):
    """What in a page could run: event-handler attributes, scripts and their text, images."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self.images: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"{tag} {name}={value}" for name, value in attrs if name.startswith("on")]
        self._in_script = tag == "script"
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _shown(site: Path, page: str) -> str:
    """The page as a browser shows its text: character references decoded."""
    return html.unescape(_html(site, page))


def _active(site: Path, page: str) -> _Active:
    parser = _Active()
    parser.feed(_html(site, page))
    return parser


def test_script_tags_show_as_text(hostile_site: Path) -> None:
    assert "<script>window.__hub_pwned" not in _html(hostile_site, "ideas/hostile-idea")
    assert SCRIPT in _shown(hostile_site, "ideas/hostile-idea")


def test_no_element_gets_an_event_handler_or_a_script_from_the_playbook(hostile_site: Path) -> None:
    for page in ("ideas/hostile-idea", "calendar", "people", "glossary", "sla", "narrative", ""):
        active = _active(hostile_site, page)
        assert active.handlers == [], page
        assert not any("__hub_pwned" in script for script in active.scripts), page
        assert "x" not in active.images, page


def test_event_handler_text_shows_as_text(hostile_site: Path) -> None:
    assert IMAGE in _shown(hostile_site, "ideas/hostile-idea")


def test_javascript_and_data_links_are_dead(hostile_site: Path) -> None:
    for page in ("ideas/hostile-idea", "glossary"):
        html = _html(hostile_site, page).lower()
        assert 'href="javascript:' not in html
        assert 'href="data:' not in html


def test_a_link_that_a_template_writes_is_dead_in_the_built_site(hostile_site: Path) -> None:
    # The hub's own idea template adds this link: no playbook field holds it.
    assert '<a href="#unsafe-link">a link the template writes</a>' in _html(hostile_site, "ideas/hostile-idea")
    assert '<a href="#unsafe-link">a link the template writes</a>' in _html(
        hostile_site, "ideas/brightwater-nda-case-study"
    )


def test_an_attribute_list_on_its_own_line_adds_no_handler(hostile_site: Path) -> None:
    page = _html(hostile_site, "ideas/hostile-idea")
    assert "A paragraph whose attribute list stands on its own line, where attr_list applies it" in page
    assert _active(hostile_site, "ideas/hostile-idea").handlers == []


def test_jinja_syntax_appears_literally(hostile_site: Path) -> None:
    shown = _shown(hostile_site, "ideas/hostile-idea")
    assert JINJA in shown
    assert SCRIPT + " and {{ 7 * 7 }}" in shown
    article = shown[shown.index("<article") : shown.index("</article>")]
    assert "49" not in article


def test_reference_links_hidden_in_lists_and_quotes_are_dead(hostile_site: Path) -> None:
    page = _html(hostile_site, "ideas/hostile-idea")
    assert 'href="javascript:' not in page and 'href="data:' not in page
    assert re.search(r'<a href="#unsafe-link">here</a>', page)


def test_headings_in_a_field_stay_out_of_the_outline(hostile_site: Path) -> None:
    page = _html(hostile_site, "ideas/hostile-idea")
    assert 'id="setext-heading"' not in page
    assert "Setext heading" in page


def test_markdown_formatting_still_renders(hostile_site: Path) -> None:
    assert "<strong>Bold stays bold.</strong>" in _html(hostile_site, "ideas/hostile-idea")


def test_unclosed_fence_cannot_swallow_the_rest_of_the_page(hostile_site: Path) -> None:
    html = _html(hostile_site, "ideas/hostile-idea")
    assert "Back to the content calendar" in html.split("unclosed fence")[1]


def test_hostile_titles_stay_text_where_other_pages_list_them(hostile_site: Path) -> None:
    for page in ("calendar", "people"):
        assert "<script>window.__hub_pwned" not in _html(hostile_site, page)
    assert SCRIPT in _shown(hostile_site, "calendar")


def test_hostile_glossary_definition_is_inert_in_tooltips_and_entries(hostile_site: Path) -> None:
    assert "<script>window.__hub_pwned" not in _html(hostile_site, "glossary")
    assert JINJA in _shown(hostile_site, "glossary")
    assert '<abbr title="Marketing Qualified Lead: &lt;script&gt;' in _html(hostile_site, "sla")
