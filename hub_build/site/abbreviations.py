"""The glossary's abbreviations as hover tooltips on every page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from hub_build.playbook.model import Playbook

MAX_TOOLTIP = 220
_MARKUP = re.compile(r"\*\*|__|`|\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def tooltips(playbook: Playbook) -> dict[str, str]:
    """Abbreviation → one line of plain text: the name and the start of the definition."""
    found = {}
    for term in playbook.terms.values():
        if term.abbreviation:
            found[term.abbreviation] = _tooltip(term.name, term.definition)
    return found


def anchor(abbreviation: str) -> str:
    """The glossary's anchor for an abbreviation, which its first use on any page links to (hub.js makes the same)."""
    return "abbr-" + re.sub(r"[^a-z0-9]+", "-", abbreviation.lower()).strip("-")


def _tooltip(name: str, definition: str) -> str:
    # A title attribute shows plain text: keep link labels, drop Markdown marks.
    plain = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", definition).split())
    text = f"{name}: {plain}"
    if len(text) <= MAX_TOOLTIP:
        return text
    # The first sentences that fit, else the words that fit: a tooltip never ends inside a word.
    sentences = _SENTENCE_END.split(text)
    shown = sentences[0]
    for sentence in sentences[1:]:
        if len(shown) + 1 + len(sentence) > MAX_TOOLTIP:
            break
        shown += " " + sentence
    if len(shown) <= MAX_TOOLTIP:
        return shown
    cut = text[: MAX_TOOLTIP - 1]
    last_space = cut.rfind(" ", len(name) + 2)
    # One word longer than the tooltip is cut where it must be.
    words = cut[:last_space] if last_space > 0 else cut
    return words.rstrip(" ,;:–—-") + "…"


class GlossaryAbbreviations(Extension):
    """Python-Markdown's abbreviations, with the glossary's pattern built once per build.

    The pages use only the standard `abbr` syntax and produce the same HTML as the
    `abbr` extension's `glossary` option. That option rebuilds one pattern of every
    abbreviation for each page and looks up each element's place among its
    siblings, which grows faster than the hub; this processor compiles the pattern
    once, as a trie, and walks each page once.
    """

    def __init__(self, glossary: dict[str, str]) -> None:
        super().__init__()
        self.glossary = glossary
        self.pattern = _word_pattern(glossary)

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name for the hook
        page_definitions: dict[str, str] = {}
        if "abbr" in md.treeprocessors:
            abbr = md.treeprocessors["abbr"]
            if isinstance(abbr, AbbrTreeprocessor):
                # Keep `*[X]: …` definitions written in a page, read by abbr's block processor.
                page_definitions = abbr.abbrs
            md.treeprocessors.deregister("abbr")
        md.treeprocessors.register(AbbreviationsTreeprocessor(md, self, page_definitions), "abbr", 7)


class AbbreviationsTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, glossary: GlossaryAbbreviations, page_definitions: dict[str, str]) -> None:
        super().__init__(md)
        self.glossary = glossary
        self.page_definitions = page_definitions

    def run(self, root: etree.Element) -> None:
        titles, pattern = self.glossary.glossary, self.glossary.pattern
        if self.page_definitions:
            titles = {**titles, **self.page_definitions}
            pattern = _word_pattern(titles)
        if pattern is None:
            return
        stack = [root]
        while stack:
            element = stack.pop()
            children = list(element)
            stack.extend(children)
            rebuilt: list[etree.Element] = []
            if element.text and not isinstance(element.text, AtomicString):
                element.text, made = _split(element.text, pattern, titles)
                rebuilt += made
            changed = bool(rebuilt)
            for child in children:
                rebuilt.append(child)
                if child.tail and not isinstance(child.tail, AtomicString):
                    child.tail, made = _split(child.tail, pattern, titles)
                    rebuilt += made
                    changed = changed or bool(made)
            if changed:
                element[:] = rebuilt


def _split(text: str, pattern: re.Pattern[str], titles: dict[str, str]) -> tuple[str, list[etree.Element]]:
    """The text before the first abbreviation, and an `<abbr>` for each, carrying the text after it."""
    matches = [m for m in pattern.finditer(text) if titles.get(m.group(0))]
    if not matches:
        return text, []
    elements = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        abbr = etree.Element("abbr", {"title": titles[match.group(0)]})
        abbr.text = AtomicString(match.group(0))
        abbr.tail = text[match.end() : following.start() if following else len(text)]
        elements.append(abbr)
    return text[: matches[0].start()], elements


# A character → the words' continuations after it; the key "" marks the end of a word.
_Trie = dict[str, "_Trie"]


def _word_pattern(words: dict[str, str]) -> re.Pattern[str] | None:
    """`\\b(?:…)\\b` over a trie of the words, so a longer word wins over its prefix."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    body = _trie_regex(trie)
    return re.compile(rf"\b(?:{body})\b") if body else None


def _trie_regex(node: _Trie) -> str:
    branches = [re.escape(character) + _trie_regex(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
