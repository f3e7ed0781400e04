"""mkdocs.yml as data: read without resolving its tags, whether it can be read, and whether it lists the hub plugin.

Kept apart from the export, so that `hub build` checks the configuration before
the engine starts without loading the site's code, which only the engine needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hub_build.playbook.loading import LoadError, decode, syntax_problem
from hub_build.playbook.problems import Problem

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "hub"
PYTHON_NAME = "tag:yaml.org,2002:python/name:"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value under a tag only an engine resolves (`!ENV`, `!!python/name:`), kept as written."""

    tag: str
    value: Any


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its tags, so the exported config keeps them."""


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


ConfigLoader.add_multi_constructor("!", _keep_tag)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)


def plugin_name(entry: object) -> object:
    return next(iter(entry)) if isinstance(entry, dict) and entry else entry


def unreadable(root: Path, config_file: str = CONFIG_FILE) -> Problem | None:
    """Why mkdocs.yml cannot be read as YAML, where an editor shows it (an engine would say it with an
    offset into the file, or a Python traceback); None when it can be, or cannot be opened at all,
    which the commands report themselves."""
    try:
        raw = (root / config_file).read_bytes()
    except OSError:
        return None
    try:
        return syntax_problem(decode(raw, config_file), config_file)
    except LoadError as exc:
        return exc.problem


def missing_plugin(root: Path, config_file: str = CONFIG_FILE) -> Problem | None:
    """The problem of a mkdocs.yml that does not list the hub plugin, with which an engine that runs
    plugins would build a site without the playbook; None when it lists it (or cannot be read, which
    the engine reports itself)."""
    path = root / config_file
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=ConfigLoader)
        raw = yaml.load(text, Loader=ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(raw, dict):
        return None
    listed = raw.get("plugins") or []
    names = list(listed) if isinstance(listed, dict) else [plugin_name(entry) for entry in listed]
    if PLUGIN in names:
        return None
    return Problem(
        config_file,
        _key_line(node, "plugins"),
        1,
        "the hub plugin is not listed under plugins:, so the site would be built without the playbook",
        hint=f'add "- {PLUGIN}" under plugins: in {config_file}',
    )


def _key_line(node: yaml.Node | None, key: str) -> int:
    """The line of `key` in a mapping (the line after the last when it is absent: where to add it)."""
    if not isinstance(node, yaml.MappingNode):
        return 1
    for name, _value in node.value:
        if isinstance(name, yaml.ScalarNode) and name.value == key:
            return int(name.start_mark.line) + 1
    return int(node.end_mark.line) + 1
