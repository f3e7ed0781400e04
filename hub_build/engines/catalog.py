"""The engines a hub can be built with, and whether each is installed."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Engine:
    name: str
    module: str  # run as `python -P -m <module>`
    extra: str | None  # the extra of hub-build that installs it, if it is not always there
    runs_plugin: bool  # reads mkdocs.yml and runs the hub plugin; else it builds `hub export`'s output

    def is_installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None


ENGINES = {
    # MkDocs 1.6 with Material for MkDocs: the default while Material is supported (end of life 5 May 2027).
    "mkdocs": Engine("mkdocs", "mkdocs", None, runs_plugin=True),
    # A maintained fork of MkDocs 1.6: reads the same mkdocs.yml and runs the same plugin.
    "properdocs": Engine("properdocs", "properdocs", "properdocs", runs_plugin=True),
    # Material's successor: reads mkdocs.yml but runs no plugin, so it builds the exported site source.
    "zensical": Engine("zensical", "zensical", "zensical", runs_plugin=False),
}
DEFAULT = "mkdocs"


class EngineMissing(Exception):
    """The engine asked for is not installed; the message says how to install it."""


def engine(name: str) -> Engine:
    """The engine called `name`, refused with an install command when it is not installed."""
    chosen = ENGINES[name]
    if not chosen.is_installed():
        # Installed as this hub was (PEP 610), so the command names what exists.
        from hub_build.engines.installation import running_origin  # reads package metadata: only when needed

        command = running_origin().install_command(chosen.extra)
        raise EngineMissing(f"{name} is not installed: install it with `{command}` in the hub's environment")
    return chosen
