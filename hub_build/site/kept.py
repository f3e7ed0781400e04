"""Parts of the published files kept from one rendering to the next under `hub serve`.

A feed or the JSON export is one part per record, put together in order. Each part
is kept by the record's document (the very object: `Documents` gives an unchanged
file's document again) and by everything else it shows, so a save makes again only
the parts of the records it changed. What is kept from one rendering is offered to
the next one only; a part not asked for again is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from hub_build.playbook.loading import Document

T = TypeVar("T")


class Kept:
    def __init__(self) -> None:
        self._kept: dict[tuple[Hashable, ...], tuple[Document, object]] = {}
        self._next: dict[tuple[Hashable, ...], tuple[Document, object]] = {}

    def start(self) -> None:
        """Begin a rendering: what the last one made is what this one may use."""
        self._kept, self._next = self._next, {}

    def part(self, document: Document | None, inputs: tuple[Hashable, ...], make: Callable[[], T]) -> T:
        """What `make` makes for the record of `document`, as made last time for the same inputs."""
        if document is None:
            return make()
        key = (id(document), *inputs)  # the document is held with the part, so its id is not reused
        kept = self._kept.get(key)
        value: T = kept[1] if kept is not None and kept[0] is document else make()  # type: ignore[assignment]
        self._next[key] = (document, value)
        return value


def made(kept: Kept | None, document: Document | None, inputs: tuple[Hashable, ...], make: Callable[[], T]) -> T:
    """`kept.part(...)`, or simply `make()` without a `Kept`."""
    return kept.part(document, inputs, make) if kept is not None else make()
