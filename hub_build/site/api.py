"""The validated playbook as JSON, published with the site for other tools to read.

`api/playbook.json` holds everything; `api/<kind>.json` one kind each, for a
script that needs only the glossary or the people. Each record is as its YAML
file says (and as the schema of its kind in `schemas/` describes), with its id,
its file and its page in the site. `api/playbook.schema.json` describes the
files themselves; `VERSION` changes when a field is removed or changes meaning.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from hub_build.playbook.loading import Document
from hub_build.playbook.model import Playbook
from hub_build.site.kept import Kept, made

VERSION = 1
FOLDER = "api"
SCHEMA = Path(__file__).resolve().parent / "api.schema.json"
KINDS = ("narrative", "sla", "terms", "people", "tracks", "ideas")
PATHS = (f"{FOLDER}/playbook.json", f"{FOLDER}/playbook.schema.json", *(f"{FOLDER}/{kind}.json" for kind in KINDS))


def api_files(playbook: Playbook, *, today: dt.date, kept: Kept | None = None) -> dict[str, str]:
    """Every file of the export, by its path in the site; with `kept`, each record's part as
    written last time while its file is unchanged."""
    kinds = {kind: _items(playbook, kind, kept) for kind in KINDS}
    whole = {
        "version": VERSION,
        "kind": "playbook",
        "company": playbook.narrative.company if playbook.narrative else None,
        "generated_on": today.isoformat(),
        **kinds,
    }
    files = {
        f"{FOLDER}/playbook.json": _json(whole),
        f"{FOLDER}/playbook.schema.json": SCHEMA.read_text(encoding="utf-8"),
    }
    for kind, items in kinds.items():
        files[f"{FOLDER}/{kind}.json"] = _json({"version": VERSION, "kind": kind, "items": items})
    return files


class _Written(str):
    """A record already written as JSON, at the depth records have in every file of the export."""


def _items(playbook: Playbook, kind: str, kept: Kept | None) -> list[_Written]:
    if kind == "narrative":
        return [_item("narrative", "narrative/", playbook.narrative.document, kept)] if playbook.narrative else []
    if kind == "sla":
        return [_item("sla", "sla/", playbook.sla.document, kept)] if playbook.sla else []
    pages = {"terms": "glossary/#{}", "people": "people/#{}", "tracks": "onboarding/{}/", "ideas": "ideas/{}/"}
    records = getattr(playbook, kind)
    return [
        _item(record_id, pages[kind].format(record_id), records[record_id].document, kept)
        for record_id in sorted(records)
    ]


def _item(record_id: str, page: str, document: Document | None, kept: Kept | None) -> _Written:
    def write() -> _Written:
        item = {
            "id": record_id,
            "page": page,
            "file": document.file if document else "",
            "record": document.data if document else {},
        }
        # Records sit two levels deep (in a list, in the file's object): one space each.
        return _Written(json.dumps(item, indent=1, ensure_ascii=False).replace("\n", "\n  "))

    return made(kept, document, ("api", record_id, page), write)


_SLOT = re.compile(r'"\\u0000(\d+)\\u0000"')


def _json(data: dict[str, Any]) -> str:
    """`json.dumps(data, indent=1)`, with the records written already put in their places."""
    written: list[_Written] = []

    def slot(value: Any) -> Any:
        if isinstance(value, _Written):
            written.append(value)
            return f"\0{len(written) - 1}\0"  # a NUL no record's text holds unescaped
        return [slot(item) for item in value] if isinstance(value, list) else value

    text = json.dumps({key: slot(value) for key, value in data.items()}, indent=1, ensure_ascii=False)
    return _SLOT.sub(lambda match: written[int(match.group(1))], text) + "\n"
