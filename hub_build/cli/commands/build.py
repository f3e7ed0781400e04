"""`hub build`: check the playbook and build the site, keeping the last good one on failure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hub_build.cli.options import Commands, add_engine, add_root, error, system_refused
from hub_build.cli.site_checks import is_site_root, lists_the_plugin, refused_folder, site_folder_refused


def register(commands: Commands) -> None:
    build = commands.add_parser(
        "build",
        help="check the playbook and build the site",
        description="Check the playbook, then build the site into site/. The previous site is replaced only "
        "when the build succeeds. Exits 0 on success, 1 when the playbook has errors or the build fails.",
    )
    add_root(build)
    build.add_argument(
        "--site-dir", type=Path, default=None, metavar="DIR", help="where to put the site (default: site/ in the root)"
    )
    build.add_argument(
        "--strict", action="store_true", help="fail on warnings too, such as overdue reviews or broken links"
    )
    add_engine(build)
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hub_build.engines.build import BuildStopped, build_site
    from hub_build.engines.catalog import EngineMissing
    from hub_build.engines.site_folder import SiteFolderRefused

    if not is_site_root(args.root):
        return 2
    if not lists_the_plugin(args.root):
        return 1
    site_dir = args.site_dir or args.root / "site"
    if site_folder_refused(args.root, site_dir):
        return 2
    try:
        code = build_site(args.root, site_dir, strict=args.strict, engine=args.engine)
    except EngineMissing as exc:
        error(exc)
        return 2
    except SiteFolderRefused as exc:
        refused_folder(f"hub: error: {exc}; nothing was built", exc.hint)
        return 2
    except OSError as exc:
        system_refused(exc, "the last good site is kept")
        return 1
    except (KeyboardInterrupt, BuildStopped):
        print("hub: the build was stopped; the previous site was left as it was", file=sys.stderr)
        return 130
    if code == 0:
        print(f"hub: site built in {site_dir}")
    else:
        print("hub: the build failed; the previous site was left as it was", file=sys.stderr)
    return 0 if code == 0 else 1
