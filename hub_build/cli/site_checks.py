"""What `hub build`, `serve` and `export` check before an engine starts: a hub, its plugin, a safe site folder."""

from __future__ import annotations

import sys
from pathlib import Path

from hub_build.cli.options import error


def site_folder_refused(root: Path, given: Path | None, *, outcome: str = "nothing was built") -> bool:
    """Say why the site may not be written where it would be, if it may not: in mkdocs.yml's site_dir, or `given`."""
    from hub_build.engines import site_folder

    configured = site_folder.configured(root)
    if configured is not None:
        value, line, column = configured
        reason = site_folder.refusal(root, root / value, shown=value)
        if reason is not None:
            refused_folder(f"mkdocs.yml:{line}:{column}: error: site_dir: {reason}; {outcome}", site_folder.HINT)
            return True
    reason = site_folder.refusal(root, given) if given is not None else None
    if reason is not None:
        refused_folder(f"hub: error: {reason}; {outcome}", site_folder.HINT)
    return reason is not None


def refused_folder(line: str, hint: str) -> None:
    from hub_build.playbook.problems import inert

    print(inert(line), file=sys.stderr)
    print(f"    hint: {inert(hint)}", file=sys.stderr)


def is_site_root(root: Path) -> bool:
    if (root / "mkdocs.yml").is_file():
        return True
    error(
        f"{root} has no mkdocs.yml: run this in the root of a hub, or pass --root",
        "to start a new hub in this folder, run `hub init`",
    )
    return False


def lists_the_plugin(root: Path) -> bool:
    """Refuse, before any engine starts, a mkdocs.yml that cannot be read as YAML, or with which an
    engine would build a site without the playbook.

    Zensical builds the export, which needs no plugin; the rule is the same on every engine,
    so that a hub switching engines never finds its playbook gone.
    """
    from hub_build.engines.config_file import missing_plugin, unreadable

    problem = unreadable(root) or missing_plugin(root)
    if problem is None:
        return True
    from hub_build.cli.report import problem_lines  # loads the playbook's checks: only to report

    print(problem_lines([problem]), file=sys.stderr)
    return False
