"""Putting playbook text into Markdown as data, never as markup that runs.

Two kinds of field come from the YAML:
- plain fields (names, titles, questions) become literal text: every character
  Markdown or HTML could read as syntax is written as a character reference;
- Markdown fields (definitions, descriptions) keep their formatting, but raw HTML,
  attribute lists and unclosed code fences are defused so that the text cannot
  run in a reader's browser or break out of the block it is placed in.
The HTML of generated pages is checked afterwards as well: `safe_links` disarms
any link whose target is not http, https or mailto, however Markdown made it.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from markupsafe import Markup

from hub_build.playbook.placeholders import is_placeholder

# Put before a prompt a new hub starts with ("To fill in: …"), wherever it shows,
# so a page never passes for finished while it still holds one.
PLACEHOLDER_MARK = "\u270e "  # ✎, a pencil: text, so it is safe in attributes and titles too

# Characters that Markdown, its common extensions, HTML or a template engine
# could read as syntax inside running text.
_PLAIN = {c: f"&#{ord(c)};" for c in "&<>*_`[]{}()#|~^=!:\\\"'$%"}
_PLAIN_TABLE = str.maketrans(_PLAIN)
_WHITESPACE = re.compile(r"\s+")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})", re.M)
# Block markers (quotes, list bullets and numbers) a line may open with before its content.
# Each repetition takes a marker: were it optional, the blanks of a deeply indented line could be
# split between repetitions in exponentially many ways, and a failed match would try them all.
_MARKERS = r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))*[ \t]*"
_ABBREVIATION_DEFINITION = re.compile(rf"^({_MARKERS})\*\[", re.M)
_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"'`]+$", re.I)
_HEADING = re.compile(rf"^({_MARKERS})#", re.M)
_SETEXT_UNDERLINE = re.compile(r"^([ \t]*)([=-])(?=[=-]*[ \t]*$)", re.M)
# Inline link and image targets, `](target`, and reference definitions, `[id]: target`.
_LINK_TARGET = re.compile(rf"(\]\(\s*)([^)]*)|^({_MARKERS}\[[^\]\n]+\]:\s*)(\S+)", re.M)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def plain(value: object) -> Markup:
    """Any value as literal inline text: one line, no syntax."""
    text = _WHITESPACE.sub(" ", _marked(str(value))).translate(_PLAIN_TABLE)
    # A leading "-", "+" or "1." would start a list where the text opens a line.
    return Markup(_LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text))


def _marked(text: str) -> str:
    return PLACEHOLDER_MARK + text.lstrip() if is_placeholder(text) else text


def markdown(value: object) -> Markup:
    """A Markdown field: formatting kept, HTML and block-escaping syntax defused."""
    text = _marked(str(value).strip()).replace("\r\n", "\n")
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    # `{` starts an attribute list (`{: onclick=…}`) and template syntax.
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    text = _ABBREVIATION_DEFINITION.sub(r"\1&#42;[", text)
    # A heading inside a field would break the page's outline and table of contents.
    text = _HEADING.sub(r"\1&#35;", text)
    text = _SETEXT_UNDERLINE.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)
    text = _LINK_TARGET.sub(_defuse_link, text)
    return Markup(_plain_fences(text))


def _defuse_link(match: re.Match[str]) -> str:
    prefix = match.group(1) if match.group(1) is not None else match.group(3)
    target = match.group(2) if match.group(1) is not None else match.group(4)
    if _plainly_safe(target):
        return prefix + target
    # Markdown decodes character references in a target ("&#106;avascript:"); browsers
    # ignore whitespace and control characters inside a scheme ("java\tscript:").
    squeezed = "".join(c for c in html.unescape(target) if c.isprintable() and not c.isspace()).lower().lstrip("<")
    scheme = _SCHEME.match(squeezed)
    if scheme and scheme.group(1) not in _SAFE_SCHEMES:
        target = "#unsafe-link"
    return prefix + target


def _plainly_safe(target: str) -> bool:
    """A target that opens with http, https or mailto (nothing decoded further on changes the
    scheme it opens with), or one with no scheme and no character reference that could hide
    one: most links, passed without decoding them."""
    if target[:7].lower().startswith(("http:", "https:", "mailto:")):
        return True
    return "&" not in target and ":" not in target


def _plain_fences(text: str) -> str:
    """Code fences show code as text: no language that could start a diagram or widget, and closed."""
    lines = text.split("\n")
    opening: str | None = None
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if not fence:
            continue
        if opening is None:
            opening = fence.group(1)
            lines[index] = line[: fence.end()] + "text"
        elif (
            fence.group(1).startswith(opening[0])
            and len(fence.group(1)) >= len(opening)
            and not line[fence.end() :].strip()
        ):
            opening = None
    if opening is not None:
        lines.append(opening)
    return "\n".join(lines)


def url(value: object) -> Markup:
    """A link target from the playbook: http(s) or mailto only, else a dead link."""
    text = str(value).strip()
    if not _SAFE_URL.match(text):
        return Markup("#unsafe-link")
    return Markup(quote(text, safe=":/?#@!$&'*+,;=%~-._"))


# A value in quotes, or without them as raw HTML and attribute lists allow: `href=javascript:…`.
_LINK_ATTRIBUTE = re.compile(
    r"""(\s(?:href|src|action|formaction|xlink:href)\s*=\s*)(?:(["'])(.*?)\2|([^\s"'>}]+))""", re.I | re.S
)


def safe_page_links(page: str) -> str:
    """A whole generated page's Markdown with every unsafe link target made `#unsafe-link`.

    Playbook text is defused as it is written; this pass covers what a template
    writes itself (a hub's own overrides included), in Markdown links, reference
    definitions and raw HTML alike, before any engine sees the page, so it holds
    on engines that run no hook over the finished HTML.
    """
    return safe_links(_LINK_TARGET.sub(_defuse_link, page))


def safe_links(html_text: str) -> str:
    """Every link and source in rendered HTML with an unsafe scheme made a dead `#unsafe-link`."""
    return _LINK_ATTRIBUTE.sub(_defuse_attribute, html_text)


def _defuse_attribute(match: re.Match[str]) -> str:
    quote_mark = match.group(2) or ""
    target = match.group(3) if match.group(2) else match.group(4)
    if _plainly_safe(target):
        return match.group(0)
    target = html.unescape(target)
    squeezed = "".join(c for c in target if c.isprintable() and not c.isspace()).lower()
    scheme = _SCHEME.match(squeezed)
    if scheme and scheme.group(1) not in _SAFE_SCHEMES:
        return f"{match.group(1)}{quote_mark}#unsafe-link{quote_mark}"
    return match.group(0)
