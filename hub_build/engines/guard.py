"""A Markdown extension that stops Zensical from building a hub's own mkdocs.yml.

Zensical reads mkdocs.yml but runs no MkDocs plugin: given a hub's
configuration it would publish the hand-written pages alone, without the
playbook, and exit 0. Listed in the hub's `markdown_extensions`, this extension
does nothing under MkDocs or ProperDocs, and under Zensical stops the build with
a message saying how to build the hub there. `hub export` leaves it out of the
configuration it writes, which needs no plugin.
"""

from __future__ import annotations

import sys
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

MESSAGE = (
    "this hub's pages are made by the hub plugin, which Zensical does not run: this build would "
    "publish a site without the playbook. Build it with `hub build --engine zensical`, "
    "or write a site source Zensical builds on its own with `hub export`."
)


class EngineRunsNoPlugins(RuntimeError):
    """The engine building this configuration would leave the playbook out."""


class HubGuard(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "zensical" in sys.modules:
            raise EngineRunsNoPlugins(MESSAGE)


def makeExtension(**kwargs: Any) -> HubGuard:
    return HubGuard(**kwargs)
