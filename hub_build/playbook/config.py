"""The hub's settings, read from `hub.yaml` at the root of the repository."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_build.playbook.loading import EmptyFile, LoadError, load_file
from hub_build.playbook.problems import Problem
from hub_build.playbook.schemas import Schemas, check

CONFIG_FILE = "hub.yaml"


@dataclass(frozen=True, slots=True)
class Holiday:
    """A company day off besides the weekend."""

    date: dt.date
    name: str


@dataclass(frozen=True, slots=True)
class HubConfig:
    intro_within_days: int = 5
    max_file_kb: int = 256
    template_seconds: int = 5  # how long a template override may take to render one page
    holidays: tuple[Holiday, ...] = ()
    # "fail": reminders count as warnings, so `--strict` fails on them.
    reminders: str = "show"
    # A chat conversation's address with "{handle}" or "{email}" in it, for tools that have one.
    chat_url: str | None = None

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_kb * 1024


def load_config(root: Path, schemas: Schemas) -> tuple[HubConfig, list[Problem]]:
    """The settings in `root/hub.yaml`, or the defaults when there is none."""
    path = root / CONFIG_FILE
    if not os.path.lexists(path):
        return HubConfig(), []
    try:
        document = load_file(path, CONFIG_FILE, max_bytes=HubConfig().max_file_bytes)
    except EmptyFile:
        return HubConfig(), []  # only comments: every setting keeps its default
    except LoadError as exc:
        return HubConfig(), [exc.problem]
    problems = check(document, schemas.checks["config"])
    if problems:
        return HubConfig(), problems
    return _settings(document.data), []


def _settings(data: dict[str, Any]) -> HubConfig:
    """The settings from a schema-valid hub.yaml."""
    # JSON Schema counts 256.0 as an integer; the settings are used as Python ints.
    numbers = {
        name: int(data[name]) for name in ("intro_within_days", "max_file_kb", "template_seconds") if name in data
    }
    holidays = tuple(
        sorted(
            (
                Holiday(dt.date.fromisoformat(str(entry["date"])), str(entry["name"]))
                for entry in data.get("holidays", [])
            ),
            key=lambda h: h.date,
        )
    )
    chat_url = str(data["chat_url"]) if "chat_url" in data else None
    return HubConfig(**numbers, holidays=holidays, reminders=str(data.get("reminders", "show")), chat_url=chat_url)
