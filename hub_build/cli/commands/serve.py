"""`hub serve`: preview the site with live reload while people edit."""

from __future__ import annotations

import argparse
import sys

from hub_build.cli.options import Commands, add_engine, add_root, error
from hub_build.cli.site_checks import is_site_root, lists_the_plugin, site_folder_refused


def register(commands: Commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="preview the site with live reload while you edit",
        description="Serve the hub on http://127.0.0.1:8000/ and rebuild it whenever a playbook file, "
        "schema or template changes.",
    )
    add_root(serve)
    serve.add_argument(
        "--dev-addr",
        default=None,
        type=address,
        metavar="HOST:PORT",
        help="address to serve on (default 127.0.0.1:8000)",
    )
    add_engine(serve)
    serve.set_defaults(run=run)


def address(text: str) -> str:
    """A `HOST:PORT` to serve on, refused as a usage error when its port cannot be one."""
    host, colon, port = text.rpartition(":")
    if not colon or not host or not port.isascii() or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT with a port up to 65535, e.g. 127.0.0.1:8001")
    return text


def run(args: argparse.Namespace) -> int:
    from hub_build.engines.build import AddressInUse, serve_site

    if not is_site_root(args.root) or site_folder_refused(args.root, None, outcome="nothing was served"):
        return 2
    if not lists_the_plugin(args.root):
        return 1
    from hub_build.engines.catalog import EngineMissing

    try:
        return serve_site(args.root, dev_addr=args.dev_addr, engine=args.engine)
    except EngineMissing as exc:
        error(exc)
        return 2
    except AddressInUse as exc:
        print(
            f"hub: error: {exc}; serve on another address with --dev-addr, for example --dev-addr 127.0.0.1:8001",
            file=sys.stderr,
        )
        return 1
