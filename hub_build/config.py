"""The hub's settings, read from `hub.yaml` at the root of the repository."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hub_build.loading import EmptyFile, LoadError, load_file
from hub_build.problems import Problem
from hub_build.schemas import check, validators

CONFIG_FILE = "hub.yaml"


@dataclass(frozen=True, slots=True)
class HubConfig:
    intro_within_days: int = 5
    max_file_kb: int = 256

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_kb * 1024


def load_config(root: Path, schema_dir: Path) -> tuple[HubConfig, list[Problem]]:
    """The settings in `root/hub.yaml`, or the defaults when there is none."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return HubConfig(), []
    try:
        document = load_file(path, CONFIG_FILE, max_bytes=HubConfig().max_file_bytes)
    except EmptyFile:
        return HubConfig(), []  # only comments: every setting keeps its default
    except LoadError as exc:
        return HubConfig(), [exc.problem]
    problems = check(document, validators(schema_dir)["config"])
    if problems:
        return HubConfig(), problems
    return HubConfig(**document.data), []
