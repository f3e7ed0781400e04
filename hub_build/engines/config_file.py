"""mkdocs.yml as data: read without resolving its tags, whether it can be read, and whether it lists the hub plugin.

Kept apart from the export, so that `hub build` checks the configuration before
the engine starts without loading the site's code, which only the engine needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from hub_build.playbook.loading import LoadError, decode
from hub_build.playbook.problems import Problem
from hub_build.playbook.yaml_syntax import syntax_problem
from hub_build.site import linked

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "hub"
PYTHON_NAME = "tag:yaml.org,2002:python/name:"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value under a tag only an engine resolves (`!ENV`, `!!python/name:`), kept as written."""

    tag: str
    value: Any


try:  # libyaml's parser, as for the playbook: the `hub` command reads mkdocs.yml before every build
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class ConfigLoader(_SafeLoader):
    """Reads mkdocs.yml without resolving its tags, so the exported config keeps them."""


def composed(text: str) -> yaml.Node | None:
    """mkdocs.yml's YAML as nodes, which know their line and column."""
    return yaml.compose(text, Loader=ConfigLoader)


def _keep_tag(loader: SafeConstructor, suffix: str, node: yaml.Node) -> Tagged:
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
    """Why mkdocs.yml cannot be the hub's settings, where an editor shows it: a link out of the
    repository, text that is not YAML (an engine would say it with an offset into the file, or a
    Python traceback), YAML that holds no settings. None when it can be, or cannot be opened at all,
    which the commands report themselves."""
    path = root / config_file
    if linked.leaves(path, root):
        return linked.refused(path, root)  # never read: it could be any file of the machine
    try:
        text = decode(path.read_bytes(), config_file)
    except OSError:
        return None
    except LoadError as exc:
        return exc.problem
    problem = syntax_problem(text, config_file)
    if problem is None and not _holds_settings(text):
        return Problem(
            config_file,
            1,
            1,
            "the file must hold settings (name: value), such as site_name: and plugins:",
            hint="start again from the mkdocs.yml `hub init` writes",
        )
    return problem


def _holds_settings(text: str) -> bool:
    try:
        return isinstance(composed(text), yaml.MappingNode)
    except yaml.YAMLError:
        return True  # a second document, say: the engine and the export say what they make of it


def missing_plugin(root: Path, config_file: str = CONFIG_FILE) -> Problem | None:
    """The problem of a mkdocs.yml that does not list the hub plugin, with which an engine that runs
    plugins would build a site without the playbook; None when it lists it (or cannot be read, which
    the engine reports itself)."""
    path = root / config_file
    try:
        loader = ConfigLoader(path.read_text(encoding="utf-8"))
        try:  # read once: as nodes for the line to point at, then as data
            node = loader.get_single_node()
            raw = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
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
