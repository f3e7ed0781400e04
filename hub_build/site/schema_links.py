"""Where a reader finds the hub's JSON Schemas: in the repository, or published with the site.

A hub's own `schemas/` folder overrides the schemas shipped with hub_build file by
file. Editors find a schema through the `# yaml-language-server: $schema=…` line at
the top of each file: a relative path when the hub keeps that schema itself, else
the copy published with the site, whose `$id` is set to the address it is
published at.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import yaml

from hub_build.playbook.schemas import BUILT_IN, HUB_SCHEMAS, hub_schemas

SCHEMAS = HUB_SCHEMAS
SUFFIX = ".schema.json"


def schema_files(root: Path) -> dict[str, Path]:
    """Every schema the hub's files are edited against, by file name: its own copy, else the built-in one."""
    return {f"{kind}{SUFFIX}": path for kind, path in sorted(hub_schemas(root).files.items())}


def built_in_schemas() -> list[Path]:
    """The schemas shipped with hub_build."""
    return sorted(BUILT_IN.glob(f"*{SUFFIX}"))


def published_url(site_url: str, kind: str) -> str:
    """Where the site publishes the schema of `kind`."""
    return f"{site_url.rstrip('/')}/{SCHEMAS}/{kind}{SUFFIX}"


def published_schema(path: Path, site_url: str | None) -> str:
    """The schema as the site publishes it: `$id` is its published address, or absent without a site_url."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(schema, dict):
        raise ValueError(f"{path.name} is not a JSON object")
    schema.pop("$id", None)
    if site_url:
        identified: dict[str, object] = {}
        if "$schema" in schema:
            identified["$schema"] = schema.pop("$schema")
        identified["$id"] = published_url(site_url, path.name.removesuffix(SUFFIX))
        schema = identified | schema
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_reference(root: Path, kind: str, file: str, *, site_url: str | None) -> str | None:
    """What a `$schema=` modeline in `file` (relative to the hub's root) points at, or None.

    The hub's own copy if it has one, by a relative path; else the copy published
    with the site. With neither, no address would resolve for the reader, so there is none.
    """
    if (root / SCHEMAS / f"{kind}{SUFFIX}").is_file():
        return relative_reference(kind, file)
    if site_url:
        return published_url(site_url, kind)
    return None


def relative_reference(kind: str, file: str) -> str:
    """The path from `file` to the hub's own schema of `kind`, both relative to the hub's root."""
    return posixpath.relpath(f"{SCHEMAS}/{kind}{SUFFIX}", posixpath.dirname(file) or ".")


def modeline(reference: str | None) -> str:
    """The first line of a playbook file, or nothing when no schema address resolves."""
    return f"# yaml-language-server: $schema={reference}\n" if reference else ""


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (`!ENV`, `!!python/name:`): they become None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def site_url_of(root: Path, config_file: str = "mkdocs.yml") -> str | None:
    """The `site_url` in the hub's mkdocs.yml, if it sets one as plain text."""
    try:
        config = yaml.load((root / config_file).read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
