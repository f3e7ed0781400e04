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
from pathlib import Path
from typing import Any

from hub_build.playbook.loading import Document
from hub_build.playbook.model import Playbook

VERSION = 1
FOLDER = "api"
SCHEMA = Path(__file__).resolve().parent / "api.schema.json"
KINDS = ("narrative", "sla", "terms", "people", "tracks", "ideas")
PATHS = (f"{FOLDER}/playbook.json", f"{FOLDER}/playbook.schema.json", *(f"{FOLDER}/{kind}.json" for kind in KINDS))


def api_files(playbook: Playbook, *, today: dt.date) -> dict[str, str]:
    """Every file of the export, by its path in the site."""
    kinds = {kind: _items(playbook, kind) for kind in KINDS}
    whole = {"version": VERSION, "kind": "playbook",
             "company": playbook.narrative.company if playbook.narrative else None,
             "generated_on": today.isoformat(), **kinds}
    files = {f"{FOLDER}/playbook.json": _json(whole),
             f"{FOLDER}/playbook.schema.json": SCHEMA.read_text(encoding="utf-8")}
    for kind, items in kinds.items():
        files[f"{FOLDER}/{kind}.json"] = _json({"version": VERSION, "kind": kind, "items": items})
    return files


def _items(playbook: Playbook, kind: str) -> list[dict[str, Any]]:
    if kind == "narrative":
        return [_item("narrative", "narrative/", playbook.narrative.document)] if playbook.narrative else []
    if kind == "sla":
        return [_item("sla", "sla/", playbook.sla.document)] if playbook.sla else []
    pages = {"terms": "glossary/#{}", "people": "people/#{}", "tracks": "onboarding/{}/", "ideas": "ideas/{}/"}
    records = getattr(playbook, kind)
    return [_item(record_id, pages[kind].format(record_id), records[record_id].document)
            for record_id in sorted(records)]


def _item(record_id: str, page: str, document: Document | None) -> dict[str, Any]:
    return {"id": record_id, "page": page, "file": document.file if document else "",
            "record": document.data if document else {}}


def _json(data: object) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
