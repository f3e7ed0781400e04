"""What the generated pages need from the MkDocs configuration, and adding what is missing.

The pages use admonitions, content tabs, attribute lists, task lists, Material's
icons and tooltips. A hub whose mkdocs.yml says only `theme: material` and
`plugins: [hub]` gets all of them from here; a setting the hub chose that the
pages cannot work with is a `Conflict` that names it. There is no MkDocs in this
module: the plugin hands over MkDocs' own lists and dicts.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, MutableMapping, MutableSequence
from dataclasses import dataclass
from typing import Any


class Conflict(Exception):
    """A setting in mkdocs.yml that the hub's pages cannot work with."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One option of a Markdown extension: what to set, and which values the pages accept."""

    default: object
    accepts: Callable[[object], bool] | None = None  # None: whatever the hub chose is fine
    wanted: str = ""  # the accepted values, as the error message says them
    why: str = ""

    def value(self) -> object:
        return _resolve(self.default) if isinstance(self.default, PythonName) else self.default


@dataclass(frozen=True, slots=True)
class PythonName:
    """A function named by its import path, as `!!python/name:` writes it in mkdocs.yml."""

    dotted: str


def _is(*names: str) -> Callable[[object], bool]:
    return lambda value: _dotted(value) in names


def _equals(expected: object) -> Callable[[object], bool]:
    return lambda value: value == expected


_TWEMOJI = "material.extensions.emoji.twemoji"
_TO_SVG = "material.extensions.emoji.to_svg"

# Every extension the templates and the default pages rely on, with the options
# whose value matters to them.
EXTENSIONS: dict[str, dict[str, Setting]] = {
    "abbr": {},
    "admonition": {},
    "attr_list": {},
    "def_list": {},
    "md_in_html": {},
    "tables": {},
    "toc": {
        "permalink": Setting(True, bool, "true or a symbol", "every heading gets an anchor link people can share"),
    },
    "pymdownx.details": {},
    "pymdownx.emoji": {
        # materialx.emoji is the older home of the same functions.
        "emoji_index": Setting(
            PythonName(_TWEMOJI),
            _is(_TWEMOJI, "materialx.emoji.twemoji"),
            f"!!python/name:{_TWEMOJI}",
            "the pages use Material's :material-…: icons",
        ),
        "emoji_generator": Setting(
            PythonName(_TO_SVG),
            _is(_TO_SVG, "materialx.emoji.to_svg"),
            f"!!python/name:{_TO_SVG}",
            "the pages use Material's :material-…: icons",
        ),
    },
    "pymdownx.highlight": {},
    "pymdownx.keys": {},
    "pymdownx.superfences": {},
    "pymdownx.tabbed": {
        "alternate_style": Setting(True, _equals(True), "true", "Material styles only the alternate content tabs"),
    },
    "pymdownx.tasklist": {"custom_checkbox": Setting(True)},
}

# Material's features the pages rely on: tooltips for the glossary's abbreviations,
# and the edit button that opens a page's YAML file.
FEATURES = ("content.action.edit", "content.tooltips")
THEME = "material"


def add_extensions(extensions: MutableSequence[Any], configs: MutableMapping[str, dict[str, Any]]) -> list[str]:
    """Add the Markdown extensions and options the pages need to MkDocs' `markdown_extensions`
    and `mdx_configs`; return what was added, as `name` or `name: option`.

    `extensions` holds names, and may hold extension instances too (the plugin adds one).

    Raises Conflict for an option the hub set to a value the pages cannot work with.
    """
    added: list[str] = []
    present = {_short(e) for e in extensions if isinstance(e, str)}
    for name, settings in EXTENSIONS.items():
        if name not in present:
            extensions.append(name)
            added.append(name)
        key = next((k for k in (name, f"markdown.extensions.{name}") if k in configs), name)
        options = configs.setdefault(key, {})
        for option, setting in settings.items():
            if option not in options:
                options[option] = setting.value()
                if name in present:
                    added.append(f"{name}: {option}")
            elif setting.accepts is not None and not setting.accepts(options[option]):
                raise Conflict(
                    f"mkdocs.yml: markdown_extensions: {name}: {option} is {_shown(options[option])}, "
                    f"but the hub's pages need {setting.wanted} ({setting.why}); "
                    f"remove the option or set it to {setting.wanted}"
                )
    return added


def add_features(theme_name: str | None, features: MutableSequence[str]) -> list[str]:
    """Add Material's features the pages need; return those added.

    Raises Conflict when the theme is not Material, whose styles the pages are written for.
    """
    if theme_name != THEME:
        raise Conflict(
            f"mkdocs.yml: theme: the hub's pages are written for Material for MkDocs, "
            f"but the theme is {theme_name!r}; set `theme: material` (or `name: material` under theme)"
        )
    added = [feature for feature in FEATURES if feature not in features]
    features.extend(added)
    return added


def _short(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def _dotted(value: object) -> str:
    if isinstance(value, str):
        return value
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return _dotted(value) if callable(value) else repr(value)


def _resolve(name: PythonName) -> object:
    module, _, attribute = name.dotted.rpartition(".")
    return getattr(importlib.import_module(module), attribute)
