"""Each layer of text and link safety, alone: the hostile input sits where that layer is all that stands.

Markdown fields go through `text.markdown` and are rendered here by Python-Markdown
with the site's extensions, but without the HTML guard: other engines do not run it,
so the Markdown layer must hold on its own. Then each later pass alone: the page
pass (`text.safe_page_links`) on links a template writes itself; the HTML guard
(`text.safe_links`) on HTML that Markdown made from raw text, which nothing defused
before; and the MkDocs plugin's hook that runs the guard. What counts is what a
browser would do: it decodes character references in attributes, drops tabs and
newlines from a link target and trims control characters around it before it
reads the scheme.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from types import SimpleNamespace

import markdown
import pytest

from hub_build.engines.mkdocs import HubPlugin
from hub_build.site import text
from hub_build.site.abbreviations import GlossaryAbbreviations

# The extensions of the sample hub's mkdocs.yml that change how Markdown is read.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.keys",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
]
LIVE_SCHEMES = {None, "http", "https", "mailto"}
LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class _Browser(HTMLParser):
    """What a browser makes of a page: elements, event handlers, link targets, abbreviations.

    HTMLParser decodes character references in attribute values, as a browser does.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.targets: list[str] = []
        self.abbreviations: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in LINK_ATTRIBUTES:
                self.targets.append(value or "")
            if tag == "abbr" and name == "title":
                self.abbreviations.append(value or "")


def scheme(target: str) -> str | None:
    """The scheme a browser reads in a link target (WHATWG URL parsing), or None for a relative link."""
    target = re.sub(r"[\t\n\r]", "", target).strip("".join(map(chr, range(0x21))))
    found = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    return found.group(1).lower() if found else None


def browse(html: str) -> _Browser:
    browser = _Browser()
    browser.feed(html)
    browser.close()
    return browser


def render(markdown_text: str, glossary: dict[str, str] | None = None) -> str:
    """Markdown to HTML as the site's pages are converted, without the HTML guard."""
    extensions: list[object] = [*EXTENSIONS]
    if glossary is not None:
        extensions.append(GlossaryAbbreviations(glossary))
    return markdown.Markdown(extensions=extensions).convert(markdown_text)  # type: ignore[arg-type]


def field(value: str) -> _Browser:
    """A Markdown field of the playbook, placed in a page and read by a browser."""
    return browse(render(f"Before the field.\n\n{text.markdown(value)}\n\nAfter the field."))


# ------------------------------------------------------------------ Markdown fields: raw HTML


def test_raw_html_in_a_markdown_field_makes_no_element() -> None:
    page = field('<img src=x onerror="alert(1)"> <script>alert(2)</script> <a href="javascript:alert(3)">a</a>')

    assert page.tags == ["p", "p", "p"]
    assert page.handlers == [] and page.targets == []


def test_raw_html_in_a_markdown_field_shows_as_the_text_it_is() -> None:
    assert text.markdown("<b>bold</b> & <i>") == "&lt;b>bold&lt;/b> &amp; &lt;i>"


def test_a_character_reference_cannot_spell_a_scheme_in_a_link_target() -> None:
    # Python-Markdown leaves "&#106;" alone and the browser decodes it: only the ampersand
    # written as text keeps this from being a javascript: link.
    page = field("[x](&#106;avascript:alert(1)) and [y](javascript&#58;alert(2))")

    assert [scheme(target) for target in page.targets] == [None, None]


# ------------------------------------------------------------------ Markdown fields: attribute lists


@pytest.mark.parametrize(
    "value",
    [
        pytest.param('A paragraph\n{: onclick="alert(1)" }', id="on its own line after a paragraph"),
        pytest.param('A paragraph {: onclick="alert(1)" }', id="at the end of a line"),
        pytest.param('- an item\n    {: onmouseover="alert(1)" }', id="under a list item"),
        pytest.param('**bold**{: onclick="alert(1)" }', id="after inline markup"),
    ],
)
def test_an_attribute_list_in_a_field_adds_no_event_handler(value: str) -> None:
    assert field(value).handlers == []


def test_an_attribute_list_cannot_replace_a_links_target() -> None:
    page = field('[x](https://ok.example/){: href="javascript:alert(1)" }')

    assert page.targets == ["https://ok.example/"]


def test_braces_show_as_braces() -> None:
    assert text.markdown("{: #id } and {{ 7 * 7 }}") == "&#123;: #id &#125; and &#123;&#123; 7 * 7 &#125;&#125;"


# ------------------------------------------------------------------ Markdown fields: abbreviations

GLOSSARY = {"MQL": "Marketing Qualified Lead: a lead that reached the threshold"}


@pytest.mark.parametrize(
    "definition",
    [
        "*[MQL]: Means nothing",
        "- *[MQL]: Means nothing",
        "> *[MQL]: Means nothing",
        "1. > - *[MQL]: Means nothing",
    ],
)
def test_a_field_cannot_redefine_the_glossarys_tooltip_for_the_page(definition: str) -> None:
    html = render(f"{text.markdown(definition)}\n\nMQL", glossary=GLOSSARY)

    assert set(browse(html).abbreviations) == {GLOSSARY["MQL"]}


# ------------------------------------------------------------------ Markdown fields: headings


@pytest.mark.parametrize(
    "value",
    [
        "# A heading",
        "###### A small heading",
        "> ## A quoted heading",
        "- # A heading in a list",
        "A setext heading\n================",
        "A setext heading\n----------------",
        "A setext heading\n=",
    ],
)
def test_a_field_adds_no_heading_to_the_pages_outline(value: str) -> None:
    page = field(value)

    assert not {"h1", "h2", "h3", "h4", "h5", "h6"} & set(page.tags)
    assert "heading" in render(text.markdown(value))


def test_an_abbreviation_definition_shows_as_written() -> None:
    assert text.markdown("*[MQL]: Means nothing\n> - *[SQL]: Nor this") == (
        "&#42;[MQL]: Means nothing\n> - &#42;[SQL]: Nor this"
    )


def test_a_field_written_with_windows_line_ends_keeps_its_lines() -> None:
    assert text.markdown("Line one\r\nLine two\r\n```\r\ncode\r\n```") == "Line one\nLine two\n```text\ncode\n```"


def test_a_heading_mark_shows_as_itself() -> None:
    assert text.markdown("# Title\nText\n---") == "&#35; Title\nText\n&#45;--"


# ------------------------------------------------------------------ Markdown fields: link targets


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("[x](javascript:alert(1))", id="javascript"),
        pytest.param("[x](JaVaScRiPt:alert(1))", id="mixed case"),
        pytest.param("[x](data:text/html;base64,PHNjcmlwdD4=)", id="data"),
        pytest.param("[x](vbscript:msgbox(1))", id="vbscript"),
        pytest.param("[x]( javascript:alert(1))", id="space before the target"),
        pytest.param("[x](java\nscript:alert(1))", id="newline inside the scheme"),
        pytest.param("[x](\x01javascript:alert(1))", id="control character before the scheme"),
        pytest.param("![x](javascript:alert(1))", id="image"),
        pytest.param("[x]\n\n[x]: javascript:alert(1)", id="reference definition"),
        pytest.param("[x]\n\n- [x]: javascript:alert(1)", id="reference definition in a list"),
        pytest.param("[x]\n\n> [x]: data:text/html,x", id="reference definition in a quote"),
        pytest.param("[x]\n\n1. [x]: javascript:alert(1)", id="reference definition in a numbered list"),
    ],
)
def test_a_link_in_a_field_leads_only_to_http_https_or_mailto(value: str) -> None:
    page = field(value)

    assert page.targets == ["#unsafe-link"]


def test_a_dead_link_keeps_its_label() -> None:
    assert text.markdown("see [the page](javascript:alert(1)) first").startswith("see [the page](#unsafe-link)")


@pytest.mark.parametrize(
    "value",
    [
        "[x](https://ok.example/a?b=c)",
        "[x](http://ok.example/)",
        "[x](mailto:sam@ok.example)",
        "[x](../people.md#sam)",
        "[x](#anchor)",
        "[x]\n\n[x]: https://ok.example/a",
    ],
)
def test_safe_links_in_a_field_keep_their_target(value: str) -> None:
    target = re.search(r"\]\(([^)]*)\)|\]: (\S+)", value)
    assert target is not None

    assert field(value).targets == [target.group(1) or target.group(2)]


# ------------------------------------------------------------------ Markdown fields: code fences


def test_an_unclosed_fence_is_closed_so_the_page_goes_on_after_the_field() -> None:
    # Without its closing fence, the fence of a later field would close it, and what the
    # page says in between would show as code.
    first, second = text.markdown("```\nunclosed"), text.markdown("```\ncode\n```")

    html = render(f"{first}\n\nBetween the fields.\n\n{second}\n\nAfter the fields.")

    assert "<p>Between the fields.</p>" in html
    assert html.endswith("<p>After the fields.</p>")


def test_an_unclosed_fence_is_closed_with_the_fence_that_opened_it() -> None:
    assert text.markdown("~~~~\ncode\n~~~\nstill code") == "~~~~text\ncode\n~~~\nstill code\n~~~~"


def test_a_fence_with_text_after_it_does_not_close_the_block() -> None:
    assert text.markdown("```\ncode\n``` not a close") == "```text\ncode\n``` not a close\n```"


def test_a_fence_of_the_other_character_does_not_close_the_block() -> None:
    assert text.markdown("```\ncode\n~~~") == "```text\ncode\n~~~\n```"


def test_a_closed_fence_is_left_closed_and_the_text_after_it_is_not_code() -> None:
    assert text.markdown("````\ncode\n`````\nafter") == "````text\ncode\n`````\nafter"


def test_a_fence_shows_code_as_text_whatever_language_it_names() -> None:
    html = render(text.markdown("```mermaid\ngraph TD\n```\n\n~~~{.html onclick=x}\n<b>\n~~~"))

    assert "mermaid" not in html and "onclick" not in html
    assert text.markdown("```mermaid\ngraph TD\n```") == "```text\ngraph TD\n```"


def test_a_fence_indented_by_four_spaces_is_code_already_and_is_left_alone() -> None:
    assert text.markdown("text\n\n    ```\n    code") == "text\n\n    ```\n    code"


# ------------------------------------------------------------------ plain fields (names, titles)

HOSTILE_NAME = '*Sam* <b>Ortiz</b> [x](javascript:alert(1)) {: onclick="alert(2)" } `code` _u_ # ~~s~~ \\ | ! $ %'


def test_a_plain_value_makes_no_markup_in_a_page() -> None:
    page = browse(render(f"Name: {text.plain(HOSTILE_NAME)}"))

    assert page.tags == ["p"]
    assert page.handlers == [] and page.targets == []


def test_a_plain_value_shows_every_character_as_written() -> None:
    html = render(f"Name: {text.plain(HOSTILE_NAME)}")

    assert unescape(re.sub(r"<[^>]+>", "", html)) == f"Name: {HOSTILE_NAME}"


def test_a_plain_value_writes_each_syntax_character_as_a_reference() -> None:
    assert text.plain("&<>*_`[]{}()#|~^=!:\\\"'$%") == "".join(f"&#{ord(c)};" for c in "&<>*_`[]{}()#|~^=!:\\\"'$%")
    assert text.plain("Plain words, 1.5 and a-b stay.") == "Plain words, 1.5 and a-b stay."


def test_a_plain_value_is_one_line() -> None:
    assert text.plain("Sam\n# Heading\r\n\tOrtiz  ") == "Sam &#35; Heading Ortiz "


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("- not a list", "&#45; not a list"),
        ("+ not a list", "&#43; not a list"),
        ("1. not a list", "&#49;&#46; not a list"),
        ("12) not a list", "12&#41; not a list"),  # ")" is a reference already
        ("  - indented", " &#45; indented"),
        ("a - b", "a - b"),
    ],
)
def test_a_plain_value_cannot_open_a_list(value: str, expected: str) -> None:
    assert text.plain(value) == expected


# ------------------------------------------------------------------ URL fields


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/",
        "/relative",
        "https://ok.example/a b",
        'https://ok.example/"onmouseover="alert(1)',
        "https://ok.example/<script>",
        "https://ok.example/`x`",
        "https://ok.example/'x",
        "https://",
        "mailto:",
        "ftp://ok.example/",
        "",
    ],
)
def test_a_url_field_that_is_not_http_https_or_mailto_is_a_dead_link(value: str) -> None:
    assert text.url(value) == "#unsafe-link"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://ok.example/a?b=c&d=e#f", "https://ok.example/a?b=c&d=e#f"),
        ("  http://ok.example/  ", "http://ok.example/"),
        ("HTTPS://OK.example/", "HTTPS://OK.example/"),
        ("mailto:sam@ok.example", "mailto:sam@ok.example"),
        ("https://ok.example/é(1)[2]", "https://ok.example/%C3%A9%281%29%5B2%5D"),
        ("https://ok.example/~a/!$*+,;=%20-._@", "https://ok.example/~a/!$*+,;=%20-._@"),
    ],
)
def test_a_url_field_keeps_a_web_or_mail_address_written_safely_for_markdown(value: str, expected: str) -> None:
    assert text.url(value) == expected


def test_a_url_field_in_a_markdown_link_leads_where_it_says() -> None:
    page = browse(render(f"[piece]({text.url('https://ok.example/a(b)')})"))

    assert page.targets == ["https://ok.example/a%28b%29"]


# ------------------------------------------------------------------ the HTML guard


def guarded(markdown_text: str) -> _Browser:
    """A page Markdown made from text nothing defused, as a hand-written page or another engine's."""
    return browse(text.safe_links(render(markdown_text)))


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<a href="javascript:alert(1)">x</a>', id="javascript"),
        pytest.param("<a href='JAVASCRIPT:alert(1)'>x</a>", id="single quotes, upper case"),
        pytest.param('<a href="&#106;avascript:alert(1)">x</a>', id="decimal reference"),
        pytest.param('<a href="&#x6A;avascript&colon;alert(1)">x</a>', id="hex and named references"),
        pytest.param('<a href="java&#9;script:alert(1)">x</a>', id="tab reference inside the scheme"),
        pytest.param('<a href="java\nscript:alert(1)">x</a>', id="newline inside the scheme"),
        pytest.param('<a href=" \x01javascript:alert(1)">x</a>', id="space and control character before it"),
        pytest.param('<a HREF = "data:text/html,x">x</a>', id="spaces around the equals sign"),
        pytest.param('<img alt="" src="data:image/svg+xml,x">', id="image source"),
        pytest.param('<form action="javascript:alert(1)"></form>', id="form action"),
        pytest.param('<button formaction="javascript:alert(1)">x</button>', id="button formaction"),
        pytest.param('<svg><use xlink:href="javascript:alert(1)"></use></svg>', id="svg xlink:href"),
        pytest.param('<a title="x"\nhref="vbscript:x">x</a>', id="attribute on the next line"),
    ],
)
def test_the_html_guard_kills_every_link_with_an_unsafe_scheme(html: str) -> None:
    assert browse(text.safe_links(html)).targets == ["#unsafe-link"]


def test_the_html_guard_keeps_the_quotes_it_found() -> None:
    assert text.safe_links("<a href='javascript:x'>x</a>") == "<a href='#unsafe-link'>x</a>"
    assert text.safe_links('<img src="data:x">') == '<img src="#unsafe-link">'


def test_the_html_guard_leaves_safe_links_as_they_were() -> None:
    html = (
        '<a href="https://ok.example/?a=1&amp;b=2">x</a> <a href="../people/#sam">y</a> '
        '<a href=\'mailto:sam@ok.example\'>z</a> <a href="#top">t</a> <a title="javascript:x" href="/">u</a>'
    )

    assert text.safe_links(html) == html


def test_the_html_guard_leaves_an_empty_link_target_alone() -> None:
    html = '<a href="">x</a> <img src=\'\' alt="">'

    assert text.safe_links(html) == html


def test_the_html_guard_catches_what_markdown_makes_from_raw_text() -> None:
    page = guarded("[x](javascript:alert(1)) ![y](data:image/svg+xml,z)\n\n[r]\n\n[r]: JavaScript:alert(2)")

    assert page.targets == ["#unsafe-link", "#unsafe-link", "#unsafe-link"]


# ------------------------------------------------------------------ the page pass: links a template writes


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("[x](javascript:alert(1))", id="inline"),
        pytest.param("[x](&#106;avascript:alert(1))", id="decimal reference in the scheme"),
        pytest.param("[x](javascript&colon;alert(1))", id="named reference for the colon"),
        pytest.param("[x](JavaScript&#x3A;alert(1))", id="hex reference for the colon"),
        pytest.param("[x](<javascript:alert(1)>)", id="target in angle brackets"),
        pytest.param("[x]( <javascript:alert(1)>)", id="space, then angle brackets"),
        pytest.param("[x]\n\n[x]: <data:text/html,x>", id="reference definition in angle brackets"),
        pytest.param("[x]\n\n[x]: &#100;ata:text/html,x", id="reference definition with a reference"),
        pytest.param("[x](java\tscript:alert(1))", id="tab inside the scheme"),
        pytest.param('<a href="javascript:alert(1)">x</a>', id="raw html"),
        pytest.param("<a href='&#106;avascript:alert(1)'>x</a>", id="raw html, single quotes, reference"),
        pytest.param("<a href=javascript:alert(1)>x</a>", id="raw html, no quotes"),
        pytest.param('[x](https://ok.example/){: href="javascript:alert(1)" }', id="attribute list"),
        pytest.param("[x](https://ok.example/){: href=javascript:alert(1) }", id="attribute list, no quotes"),
        pytest.param("![x](https://ok.example/a.png){: src=data:image/svg+xml,x }", id="image source, no quotes"),
    ],
)
def test_a_link_a_template_writes_is_dead_on_an_engine_without_the_html_guard(written: str) -> None:
    page = browse(render(text.safe_page_links(f"# A page\n\n{written}\n")))

    assert page.targets == ["#unsafe-link"]


def test_the_page_pass_leaves_safe_links_and_a_fields_escaped_text_alone() -> None:
    written = (
        '[a](https://ok.example/?a=1&amp;b=2) [b](../people.md#sam) <a href="mailto:x@ok.example">c</a>'
        " [d](https://ok.example/){: title=x } " + text.markdown("[e](&#106;avascript:alert(1))")
    )

    assert text.safe_page_links(written) == written


def test_the_mkdocs_plugin_runs_the_html_guard_over_every_generated_page() -> None:
    plugin = HubPlugin()
    plugin.sources = {"ideas/x.md": "playbook/content/x.yaml"}
    hostile = '<a href="&#106;avascript:alert(1)">x</a> <img src=data:image/svg+xml,x>'

    guarded = plugin.on_page_content(hostile, _page("ideas/x.md"), None, None)  # type: ignore[arg-type]

    assert browse(guarded).targets == ["#unsafe-link", "#unsafe-link"]
    # A page the hub's maintainers wrote by hand is theirs: it is left as written.
    assert plugin.on_page_content(hostile, _page("propose.md"), None, None) == hostile  # type: ignore[arg-type]


class _LongPage:
    """A page as MkDocs renders one: its Markdown, here turned into HTML as it is."""

    def __init__(self, uri: str) -> None:
        self.file = SimpleNamespace(src_uri=uri, generated_by="hub")
        self.markdown: str | None = None
        self.content: str | None = None
        self.toc: list[object] = []
        self.present_anchor_ids: set[str] = set()

    def render(self, config: object, files: object) -> None:
        self.content = f"<div>{self.markdown}</div>"


def test_the_mkdocs_plugin_runs_the_html_guard_over_each_section_of_a_long_page() -> None:
    plugin = HubPlugin()
    sections = ('<a href="javascript:alert(1)">x</a>\n', "<img src=data:image/svg+xml,x>\n")
    plugin.sources, plugin.sections = {"people.md": None}, {"people.md": sections}
    page = _LongPage("people.md")

    markdown = plugin.on_page_markdown("".join(sections), page, None, None)  # type: ignore[arg-type]
    page.render(None, None)
    shown = plugin.on_page_content(page.content or "", page, None, None)  # type: ignore[arg-type]

    assert markdown == "".join(sections)
    assert browse(shown).targets == ["#unsafe-link", "#unsafe-link"]


def _page(uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri))


# Lines made to slow the passes over text: a pattern that could split a line's blanks in many ways
# would take years to give up on one deeply indented line, and one that tried each `](` of a line
# against the same missing parenthesis, or each blank of a long run in turn, minutes on a large file.
LONG_LINE_PASSES = """
from hub_build.site import history, search, text
line = " " * 64 + "Indented deep."
page = "\\n".join([line, "> " * 32 + line, "- 1. " * 16 + line])
assert text.safe_page_links(page) == page
assert "Indented deep." in text.markdown(page)
assert search.plain_text("](" * 200_000 + "x") == "(" * 200_000 + "x"
value = "a" + " " * 200_000 + "b"
diff = "+++ b/playbook/terms/x.yaml\\n+definition:  " + value + "  \\n"
assert history._hunks(diff, "")["playbook/terms/x.yaml"][0] == {"definition": value}
print("done")
"""


def test_lines_made_to_slow_the_passes_over_text_go_through_each_at_once() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LONG_LINE_PASSES], capture_output=True, text=True, timeout=120, check=False
    )

    assert (done.stdout, done.stderr) == ("done\n", "")
