"""What a rendering makes: a page of Markdown, and a mention of a person on the pages that list them."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: where it goes, its Markdown, and the YAML file it shows."""

    uri: str
    title: str
    markdown: str
    source: str | None = None  # the one YAML file behind the page, for "Edit this page"
    # A long page's text after its front matter, cut where the template marks a section
    # break; empty when the page is one section. An engine that converts the sections one by
    # one can keep each one's HTML, so that a save converts again only the sections it changed.
    sections: tuple[str, ...] = ()


@dataclass(slots=True)
class Mention:
    """A place in the playbook that names a person."""

    link: Markup
    role: str
