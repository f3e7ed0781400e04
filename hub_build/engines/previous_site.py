"""The site as last built, served by `hub serve` while its first build catches up.

The first build of a large hub takes a while (most of a minute at 8,000 records),
and the engine serves nothing until it is done. Where `hub build` left a site in
the hub's site folder, or an earlier `hub serve` kept the one it served (served_site.py),
the newer of them is served at once, on the same address, until the engine is ready
to serve its own. It may be older than the files, so every page
says so at the top; a script on the page reloads it as soon as the engine answers.

Only what is inside the site folder is served (no link followed out of it), and
only to the address `hub serve` was given.
"""

from __future__ import annotations

import datetime as dt
import html
import ipaddress
import logging
import mimetypes
import posixpath
import socket
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from hub_build.engines import served_site, site_folder

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

HEADER = "X-Hub-Previous-Site"  # on every answer of this server: the engine's answers do not carry it
NOTICE_ID = "hub-previous-site"
# Shown on every page until the engine serves the site it built from the files as they are now.
NOTICE = (
    '<div id="{id}" role="status" style="position:sticky;top:0;z-index:10;padding:.6em 1em;'
    'background:#fff3cd;color:#3d2f00;font:15px/1.4 sans-serif;border-bottom:1px solid #d4b106">'
    "This is the site as last built, on {built}: it may be older than your files. "
    "The hub is building it again and this page reloads when it is ready.</div>"
)
# Asks the same address again every second; the engine's answer lacks the header.
RELOAD = (
    "<script>(function(){{function poll(){{fetch(location.href,{{cache:'no-store'}}).then(function(r){{"
    "if(!r.headers.get('{header}'))location.reload();else setTimeout(poll,1000);}},"
    "function(){{setTimeout(poll,1000);}});}}setTimeout(poll,1000);}})();</script>"
)


def last_built(root: Path, config_file: str = "mkdocs.yml") -> Path | None:
    """The newer of the site `hub build` wrote in the hub's site folder and the one the last
    `hub serve` kept (served_site.py), each only if it holds a site the hub built."""
    configured = site_folder.configured(root, config_file)
    sites = [
        folder
        for folder in (root / (configured[0] if configured else "site"), served_site.kept(root))
        if _a_site(folder)
    ]
    return max(sites, key=_built_at, default=None)


def _a_site(folder: Path) -> bool:
    try:
        return (
            folder.is_dir()
            and not folder.is_symlink()
            and site_folder.made_by_hub(folder)
            and (folder / "index.html").is_file()
        )
    except OSError:
        return False


def _built_at(folder: Path) -> float:
    """When the site was last built: every build leaves the hub's marker anew (a site made
    before there was a marker: when its home page was written)."""
    for name in (site_folder.MARKER, "index.html"):
        try:
            return (folder / name).stat().st_mtime
        except OSError:
            continue
    return 0.0


class PreviousSite:
    """A small server of the site as last built, on `hub serve`'s address, until `stop`."""

    def __init__(self, folder: Path, host: str, port: int, mount_path: str = "/") -> None:
        self.folder = folder.resolve()
        self.built = _built_on(folder)
        self.mount_path = "/" + mount_path.strip("/") + "/" if mount_path.strip("/") else "/"
        self.url = f"http://{host}:{port}{self.mount_path}"
        server_class = _Server6 if _is_ipv6(host) else _Server
        self.server = server_class((host, port), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, name="hub-previous-site", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop serving and free the address for the engine."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def page(self, path: str) -> tuple[bytes, str] | None:
        """The file at a request's path, with its media type; pages carry the notice."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not (path + "/").startswith(self.mount_path):
            return None
        relative = posixpath.normpath("/" + path[len(self.mount_path) :]).lstrip("/")
        target = (self.folder / relative) if relative not in ("", ".") else self.folder
        try:
            if target.is_dir():
                if not path.endswith("/"):
                    return None  # redirected to the folder's address, where the page's relative links lead right
                target = target / "index.html"
            if not target.resolve().is_relative_to(self.folder) or not target.is_file():
                return None
            data = target.read_bytes()
        except (OSError, ValueError):  # ValueError: a NUL, which no file's name holds
            return None
        media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if media == "text/html":
            data = self._with_notice(data)
        return data, media

    def _with_notice(self, page: bytes) -> bytes:
        notice = NOTICE.format(id=NOTICE_ID, built=html.escape(self.built)).encode()
        script = RELOAD.format(header=HEADER).encode()
        start = page.find(b"<body")
        start = page.find(b">", start) + 1 if start >= 0 else 0
        page = page[:start] + notice + page[start:]
        end = page.rfind(b"</body>")
        return page[:end] + script + page[end:] if end >= 0 else page + script


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:  # socketserver's name
        """A reader who leaves before the page has arrived (a tab closed, a link followed) is no error;
        anything else is one line in the log. socketserver would print a traceback on the terminal."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            log.warning("The site as last built could not answer a request: %s", error)


class _Server6(_Server):
    address_family = socket.AF_INET6


def _is_ipv6(host: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(host.strip("[]")), ipaddress.IPv6Address)
    except ValueError:
        return False


def _built_on(folder: Path) -> str:
    seconds = _built_at(folder)
    return dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d at %H:%M") if seconds else "an earlier day"


def _handler(site: PreviousSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            found = site.page(self.path)
            if (
                found is None
                and not self.path.split("?")[0].endswith("/")
                and site.page(self.path.split("?")[0] + "/") is not None
            ):
                self._answer(302, b"", "text/plain", location=self.path.split("?")[0] + "/")
                return
            if found is None:
                self._answer(404, b"Not found in the site as last built", "text/plain")
                return
            self._answer(200, *found)

        def _answer(self, status: int, data: bytes, media: str, location: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header(HEADER, "1")
            if location is not None:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # http.server's name
            return  # the engine's log is what the terminal shows

    return Handler


def start(
    root: Path, host: str, port: int, mount_path: str = "/", config_file: str = "mkdocs.yml"
) -> PreviousSite | None:
    """Serve the site as last built, if there is one and the address is free; else None."""
    folder = last_built(root, config_file)
    if folder is None:
        return None
    try:
        return PreviousSite(folder, host, port, mount_path)
    except OSError:
        return None  # the engine reports an address it cannot use
