"""The glossary's abbreviations as hover tooltips on every page."""

from __future__ import annotations

import re

from hub_build.model import Playbook

MAX_TOOLTIP = 220
_MARKUP = re.compile(r"\*\*|__|`|\[([^\]]*)\]\([^)]*\)")


def tooltips(playbook: Playbook) -> dict[str, str]:
    """Abbreviation → one line of plain text: the name and the start of the definition."""
    found = {}
    for term in playbook.terms.values():
        if term.abbreviation:
            found[term.abbreviation] = _tooltip(term.name, term.definition)
    return found


def _tooltip(name: str, definition: str) -> str:
    # A title attribute shows plain text: keep link labels, drop Markdown marks.
    plain = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", definition).split())
    text = f"{name}: {plain}"
    return text if len(text) <= MAX_TOOLTIP else text[: MAX_TOOLTIP - 1].rstrip() + "…"
