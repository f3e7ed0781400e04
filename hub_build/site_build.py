"""Building the site so that a failed build never costs the last good one.

MkDocs builds into a fresh folder beside the site; only when the build succeeds
does that folder take the site's place. The build runs MkDocs in a child
process so its messages look exactly as they do under `mkdocs build`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}  # hides MkDocs' banner about its 2.0 release


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, **QUIET_ENV}


def build_site(root: Path, site_dir: Path, *, strict: bool = False, config_file: str = "mkdocs.yml") -> int:
    """Build the hub under `root` into `site_dir`; return MkDocs' exit code."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / config_file),
               "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    try:
        code = subprocess.run(command, cwd=root, env=mkdocs_env(), check=False).returncode
        if code == 0:
            _replace(site_dir, staging)
        return code
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace(site_dir: Path, staging: Path) -> None:
    """Put the new build in place with renames, so readers never see half a site."""
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-previous-", dir=site_dir.parent))
        retired.rmdir()
        site_dir.rename(retired)
    staging.rename(site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def serve_site(root: Path, *, dev_addr: str | None = None, config_file: str = "mkdocs.yml") -> int:
    """Serve the hub with live reload until interrupted."""
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(root / config_file)]
    if dev_addr:
        command += ["--dev-addr", dev_addr]
    try:
        return subprocess.run(command, cwd=root, env=mkdocs_env(), check=False).returncode
    except KeyboardInterrupt:
        return 0
