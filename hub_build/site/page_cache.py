"""What is kept between renderings under `hub serve`: the pages of records whose inputs did not change."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2.runtime import Macro
from markupsafe import Markup

from hub_build.playbook.config import Holiday
from hub_build.playbook.loading import Document
from hub_build.playbook.model import Playbook
from hub_build.site import sandbox, text
from hub_build.site.environment import CHUNK, chunk_end
from hub_build.site.kept import Kept
from hub_build.site.page import Mention, Page


class PageCache:
    """The pages of ideas and tracks kept from one rendering to the next (under `hub serve`).

    Such a page shows its own record and, through links and names, the records
    of other kinds (people, the narrative, the SLA, terms); never another idea
    or track. So a kept page is used again while its own file's document and
    everything but ideas and tracks are the very same objects (the validation's
    `Documents` gives an unchanged file's document again), and templates are the
    built-in ones: a hub's override may show anything.
    """

    def __init__(self) -> None:
        self._world: tuple[object, ...] | None = None
        self._pages: dict[int, tuple[Document, Page]] = {}
        self._next: dict[int, tuple[Document, Page]] = {}
        self._safe: dict[str, str] = {}  # a section's Markdown → the same with its links made safe
        self._safe_next: dict[str, str] = {}
        # A record's entry on a page that lists many (a person on the people page, an idea
        # in a list): (page, macro, the record's document, the other inputs) → its text.
        self.parts = Kept()  # what several pages use, one part per record (an idea's link, say)
        self._rows: dict[tuple[object, ...], tuple[Document, Markup]] = {}
        self._rows_next: dict[tuple[object, ...], tuple[Document, Markup]] = {}
        # A page that lists records of one kind and nothing else that changes: uri → (their documents, page).
        self._lists: dict[str, tuple[tuple[Document | None, ...], Page]] = {}
        self._lists_next: dict[str, tuple[tuple[Document | None, ...], Page]] = {}

    def start(self, world: tuple[object, ...] | None) -> None:
        """Begin a rendering: the pages kept are used only if the world is the one of last time
        (never when it is None, a hub's own templates being used)."""
        same = world is not None and self._world is not None and _same(world, self._world)
        self._world = world
        self._pages = self._next if same else {}
        self._next = {}
        self._safe, self._safe_next = self._safe_next, {}
        self._rows = self._rows_next if same else {}
        self._rows_next = {}
        self._lists = self._lists_next if same else {}
        self._lists_next = {}

    def row(self, key: tuple[object, ...], document: Document, render: Callable[[], Markup]) -> Markup:
        """An entry as rendered last time for the same document (the very object) and `key`."""
        full = (id(document), *key)  # the document is held with the entry, so its id is not reused
        kept = self._rows.get(full)
        text = kept[1] if kept is not None and kept[0] is document else render()
        self._rows_next[full] = (document, text)
        return text

    def safe_page_links(self, section: str) -> str:
        """`text.safe_page_links` of a section, as made last time when its text is the same
        (the pass depends on nothing else)."""
        made = self._safe.get(section)
        if made is None:
            made = text.safe_page_links(section)
        self._safe_next[section] = made
        return made

    def listing(self, uri: str, documents: tuple[Document | None, ...], render: Callable[[], Page]) -> Page:
        """A page that shows these records (the very documents, in this order) and only what the
        world holds besides, as rendered last time when they are the same."""
        if None in documents:
            return render()  # records made in code, without a file: nothing tells they are the same
        kept = self._lists.get(uri)
        same = kept is not None and len(kept[0]) == len(documents) and all(map(operator.is_, kept[0], documents))
        page = kept[1] if kept is not None and same else render()
        self._lists_next[uri] = (documents, page)
        return page

    def get(self, document: Document) -> Page | None:
        kept = self._pages.get(id(document))
        return kept[1] if kept is not None and kept[0] is document else None

    def keep(self, document: Document, page: Page) -> None:
        self._next[id(document)] = (document, page)  # the document is held, so its id is not reused


def kept_page(cache: PageCache | None, document: Document | None, render: Callable[[], Page]) -> Page:
    if cache is None or document is None:
        return render()
    page = cache.get(document)
    if page is None:
        page = render()
    cache.keep(document, page)
    return page


def world(
    playbook: Playbook,
    today: dt.date,
    edit_base: str | None,
    new_idea_url: object,
    holidays: tuple[Holiday, ...],
    env: jinja2.Environment,
) -> tuple[object, ...] | None:
    """What a record's page shows besides its own record; None when a hub's templates are used."""
    if len(getattr(env.loader, "searchpath", ())) != 1:
        return None
    documents = [
        getattr(playbook.narrative, "document", None),
        getattr(playbook.sla, "document", None),
        *(term.document for term in playbook.terms.values()),
        *(person.document for person in playbook.people.values()),
    ]
    return (today, edit_base, new_idea_url, holidays, *documents)


def _same(world: tuple[object, ...], before: tuple[object, ...]) -> bool:
    # Documents are compared by identity: an unchanged file gives the same object.
    return len(world) == len(before) and all(
        a is b or (not isinstance(a, Document) and a == b) for a, b in zip(world, before, strict=True)
    )


def kept_entries(cache: PageCache | None, page_uri: str) -> Callable[..., Markup]:
    """The templates' `kept(macro, record, *inputs)`: the macro's text for a record, rendered
    again only when the record's file or the other inputs changed (with a cache)."""

    def kept(macro: Macro, record: object, *inputs: object) -> Markup:
        document = getattr(record, "document", None)
        try:
            key = _fingerprint(inputs)
        except _NoFingerprint:
            key = None
        if cache is None or not isinstance(document, Document) or key is None:
            return Markup(macro(record, *inputs))
        return cache.row((page_uri, macro.name, key), document, lambda: Markup(macro(record, *inputs)))

    return kept


def kept_each(kept: Callable[..., Markup]) -> Callable[..., Markup]:
    """The templates' `kept_each(macro, records, *inputs, each=None, every=CHUNK)`: `kept(macro,
    record, *inputs, *each(record))` for every record, one after the other, with a section break
    after the records `chunk_end` cuts after (`every` 0: none). The same text as a loop of `kept`
    and `chunk_end` in the template, made in Python: a page that lists every idea runs its loop
    once per save, and each turn of a template's loop, each call from it, costs the sandbox's checks.
    The deadline is still looked at for every record, the list's length is bounded as a page's
    is, and a record's entry, when made, is the template's macro."""

    def each_kept(
        macro: Macro,
        records: Iterable[Any],
        *inputs: object,
        each: Callable[[Any], Iterable[object]] | None = None,
        every: int = CHUNK,
    ) -> Markup:
        def entries() -> Iterator[str]:
            for record in records:
                sandbox.check()
                yield kept(macro, record, *inputs, *(each(record) if each is not None else ()))
                if every:
                    yield chunk_end(record.id, every)

        # Bounded in length as the page is: the list is one piece of the page's output.
        return Markup(sandbox.bounded_output(entries()))

    return each_kept


class _NoFingerprint(Exception):
    """An input of a kind `_fingerprint` does not know: the entry is always rendered."""


def _fingerprint(value: object) -> object:
    """A value standing for a macro's other inputs, equal when they are."""
    if value is None or isinstance(value, (str, int, float, dt.date)):
        return value
    if isinstance(value, Mention):
        return (value.link, value.role)
    if isinstance(value, (list, tuple)):
        return tuple(_fingerprint(item) for item in value)
    raise _NoFingerprint


def source_file(document: Document | None) -> str | None:
    return document.file if document is not None else None
