"""`hub export`: write the site's complete source, for an engine to build without the hub."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hub_build.cli.options import ENGINE_NAMES, Commands, add_root, error, system_refused
from hub_build.cli.site_checks import is_site_root, refused_folder


def register(commands: Commands) -> None:
    export = commands.add_parser(
        "export",
        help="write the site's complete source, for an engine to build without the hub",
        description="Check the playbook, then write into DIR everything an engine needs to build the site with no "
        "hub code: the generated pages, the hand-written ones, the schemas, theme overrides and a mkdocs.yml that "
        "MkDocs, ProperDocs and Zensical all read. Files the export no longer needs are removed from DIR.",
    )
    add_root(export)
    export.add_argument("dir", type=Path, metavar="DIR", help="the folder to write the site source into")
    export.add_argument(
        "--engine",
        choices=sorted(ENGINE_NAMES),
        default="mkdocs",
        help="the engine the source is for (zensical gets its classic, Material-like look)",
    )
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hub_build.cli.report import problem_lines
    from hub_build.engines.export import ExportFailed, export_site
    from hub_build.engines.site_folder import SiteFolderRefused

    if not is_site_root(args.root):
        return 2
    try:
        export = export_site(args.root, args.dir, zensical=args.engine == "zensical")
    except SiteFolderRefused as exc:
        refused_folder(f"hub: error: {exc}; nothing was exported", exc.hint)
        return 2
    except OSError as exc:
        system_refused(exc, "the export did not finish")
        return 1
    except ExportFailed as exc:
        if exc.problems:
            print(problem_lines(exc.problems), file=sys.stderr)
        error(f"{exc}; nothing was exported")
        return 1
    print(f"hub: exported {export.pages} generated pages and {len(export.files)} files in all to {args.dir}")
    print(f"Build it with: cd {args.dir} && {args.engine} build")
    return 0
