"""The site as last built, served while `hub serve`'s first build runs: only what is in the site folder."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import struct
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hub_build.engines import previous_site, served_site
from hub_build.engines.previous_site import HEADER, NOTICE_ID, PreviousSite, last_built
from tests.engines.test_serve import start_serving, still_serving
from tests.helpers import copy_hub, free_port


def _site(folder: Path) -> Path:
    (folder / "glossary").mkdir(parents=True)
    (folder / ".hub-output").write_text("This folder was written by hub.\n", encoding="utf-8")
    (folder / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    (folder / "glossary" / "index.html").write_text("<html><body>glossary</body></html>", encoding="utf-8")
    return folder


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    site = _site(tmp_path / "hub" / "site")
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    port = free_port()
    server = PreviousSite(site, "127.0.0.1", port)
    try:
        yield f"http://127.0.0.1:{port}", tmp_path
    finally:
        server.stop()


def _get(url: str) -> tuple[int, str, str | None]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # a local server
            return response.status, response.read().decode("utf-8"), response.headers.get(HEADER)
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers.get(HEADER)


def served_page(
    root: Path, page: str, *, stop_when: Callable[[bool, str], bool], timeout: float = 180
) -> list[tuple[bool, str]]:
    """`hub serve` started, `page` asked for until an answer meets `stop_when`, then `hub serve` stopped
    as a terminal's window closing stops it; each answer: (from the site as last built, text)."""
    port = free_port()
    process = start_serving(root, port)
    answers: list[tuple[bool, str]] = []
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (answers and stop_when(*answers[-1])):
            still_serving(root, process)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=5) as response:
                    answers.append((response.headers.get(HEADER) == "1", response.read().decode("utf-8")))
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return answers


def test_every_page_of_the_site_as_last_built_says_it_may_be_older_than_the_files(served: tuple[str, Path]) -> None:
    status, text, header = _get(served[0] + "/glossary/")

    assert (status, header) == (200, "1")
    assert text.startswith(f'<html><body><div id="{NOTICE_ID}" role="status"')
    assert "it may be older than your files" in text and "glossary" in text and "location.reload()" in text


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/link/secret.txt", "/outside.txt"])
def test_nothing_outside_the_site_folder_is_served(served: tuple[str, Path], path: str) -> None:
    base, tmp_path = served
    site = tmp_path / "hub" / "site"
    (site / "link").symlink_to(tmp_path, target_is_directory=True)
    (site / "outside.txt").symlink_to(tmp_path / "secret.txt")

    status, text, _ = _get(base + path)

    assert status == 404 and "outside the site" not in text


def test_a_folder_the_hub_did_not_build_is_not_served_as_the_last_site(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    (root / "site").mkdir(parents=True)
    (root / "site" / "index.html").write_text("someone's page", encoding="utf-8")

    assert last_built(root) is None
    _site(tmp_path / "other" / "site")
    assert last_built(tmp_path / "other") == tmp_path / "other" / "site"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[PreviousSite]:
    folder = _site(tmp_path / "hub" / "site")
    server = PreviousSite(folder, "127.0.0.1", 0, "/hub/")
    try:
        yield server
    finally:
        server.stop()


def _at(site: PreviousSite) -> str:
    return f"http://127.0.0.1:{site.server.server_address[1]}"


def _answer(url: str) -> tuple[int, dict[str, str], bytes]:
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None  # the redirect itself is what is looked at

    try:
        with urllib.request.build_opener(Stay).open(url, timeout=5) as response:  # a local server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_site_is_served_under_the_path_of_its_address_only(site: PreviousSite) -> None:
    assert site.url.endswith("/hub/")
    assert site.page("/hub/glossary/") is not None
    assert site.page("/hub/") is not None
    assert site.page("/glossary/") is None
    assert site.page("/hubs/glossary/") is None


@pytest.mark.parametrize(
    ("mount", "shown"),
    [("", "/"), ("/", "/"), ("hub", "/hub/"), ("/a/b/", "/a/b/"), ("/X/", "/X/"), ("Xmas-hub/", "/Xmas-hub/")],
)
def test_the_path_of_the_sites_address_is_taken_with_one_slash_each_side(
    tmp_path: Path, mount: str, shown: str
) -> None:
    server = PreviousSite(_site(tmp_path / "site"), "127.0.0.1", 0, mount)
    try:
        assert server.mount_path == shown
        assert server.url == f"http://127.0.0.1:0{shown}"
    finally:
        server.stop()


def test_a_page_asked_for_with_a_query_or_escaped_characters_is_served(site: PreviousSite) -> None:
    (site.folder / "a page").mkdir()
    (site.folder / "a page" / "index.html").write_text("<body>spaced</body>", encoding="utf-8")

    found = site.page("/hub/a%20page/?q=fields#top")

    assert found is not None and b"spaced" in found[0]


def test_a_page_whose_path_starts_or_ends_with_any_letter_is_served_whole(site: PreviousSite) -> None:
    for name in ("Xmas", "max-X"):
        (site.folder / name).mkdir()
        (site.folder / name / "index.html").write_text(f"<body><p>{name} page</p></body>", encoding="utf-8")

    for name in ("Xmas", "max-X"):
        found = site.page(f"/hub/{name}/")
        assert found is not None and f"<p>{name} page</p>".encode() in found[0]


def test_each_file_is_served_with_its_media_type_and_only_pages_carry_the_notice(site: PreviousSite) -> None:
    (site.folder / "style.css").write_text("body{}", encoding="utf-8")
    (site.folder / "data.hubdata").write_bytes(b"<body></body>")

    assert site.page("/hub/style.css") == (b"body{}", "text/css")
    assert site.page("/hub/data.hubdata") == (b"<body></body>", "application/octet-stream")
    page = site.page("/hub/")
    assert page is not None and page[1] == "text/html"


def test_the_notice_opens_the_body_and_the_reloading_script_closes_it(site: PreviousSite) -> None:
    page = site._with_notice(b'<html><head><title>x</title></head><body class="home"><p>home</p></body></html>')

    before, rest = page.split(b'<div id="hub-previous-site"', 1)
    assert before == b'<html><head><title>x</title></head><body class="home">'
    _notice, after = rest.split(b"</div>", 1)
    assert after.startswith(b"<p>home</p><script>") and after.endswith(b"</script></body></html>")
    assert b"headers.get('X-Hub-Previous-Site')" in after


def test_a_page_without_a_body_gets_the_notice_first_and_the_script_last(site: PreviousSite) -> None:
    page = site._with_notice(b"<p>bare</p>")

    assert page.startswith(b'<div id="hub-previous-site"')
    assert page.endswith(b"</script>")
    assert b"<p>bare</p><script>" in page


def test_the_notice_says_when_the_site_was_built(tmp_path: Path) -> None:
    folder = _site(tmp_path / "site")
    built = dt.datetime(2026, 3, 4, 5, 6).timestamp()
    os.utime(folder / ".hub-output", (built, built))  # every build leaves its marker anew

    server = PreviousSite(folder, "127.0.0.1", 0)
    try:
        page = server.page("/")
    finally:
        server.stop()

    assert server.built == "2026-03-04 at 05:06"
    assert page is not None and b"This is the site as last built, on 2026-03-04 at 05:06: " in page[0]


def test_a_site_without_the_hubs_marker_was_built_when_its_home_page_was_written(tmp_path: Path) -> None:
    folder = _site(tmp_path / "site")
    (folder / ".hub-output").unlink()  # a site built before builds left a marker
    written = dt.datetime(2026, 2, 3, 4, 5).timestamp()
    os.utime(folder / "index.html", (written, written))

    server = PreviousSite(folder, "127.0.0.1", 0)
    server.stop()

    assert server.built == "2026-02-03 at 04:05"


def test_a_site_whose_marker_and_home_page_are_gone_was_built_on_an_earlier_day(tmp_path: Path) -> None:
    folder = _site(tmp_path / "site")
    (folder / "index.html").unlink()
    (folder / ".hub-output").unlink()

    server = PreviousSite(folder, "127.0.0.1", 0)
    server.stop()

    assert server.built == "an earlier day"


@pytest.mark.parametrize(("asked", "location"), [("/hub/glossary?q=1", "/hub/glossary/"), ("/hub", "/hub/")])
def test_a_folder_asked_for_without_its_slash_is_redirected_to_it_so_its_links_lead_right(
    site: PreviousSite, asked: str, location: str
) -> None:
    status, headers, body = _answer(_at(site) + asked)

    assert (status, headers["Location"], headers[HEADER]) == (302, location, "1")
    assert (body, headers["Content-Length"]) == (b"", "0")


def test_an_answer_is_never_cached_and_says_its_length(site: PreviousSite) -> None:
    status, headers, body = _answer(_at(site) + "/hub/glossary/")

    assert status == 200
    assert headers["Content-Type"] == "text/html"
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Length"] == str(len(body))
    assert "Location" not in headers


def test_what_is_not_in_the_site_is_not_found_there(site: PreviousSite) -> None:
    status, headers, body = _answer(_at(site) + "/hub/nowhere")

    assert (status, body, headers[HEADER]) == (404, b"Not found in the site as last built", "1")
    assert headers["Content-Type"] == "text/plain"  # shown as the line it is


@pytest.mark.parametrize("path", ["/hub/%00", "/hub/glossary%00/", "/hub/glossary%00"])
def test_an_address_holding_a_nul_is_not_found_there(site: PreviousSite, path: str) -> None:
    status, headers, body = _answer(_at(site) + path)

    assert (status, body, headers[HEADER]) == (404, b"Not found in the site as last built", "1")


def test_a_reader_who_leaves_before_the_page_has_arrived_is_no_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _site(tmp_path / "site")
    (folder / "index.html").write_bytes(
        b"<html><body>" + b"x" * 30_000_000 + b"</body></html>"
    )  # more than a socket holds
    handled = threading.Event()
    handle_error = previous_site._Server.handle_error

    def noted(server: previous_site._Server, *args: object) -> None:
        try:
            handle_error(server, *args)  # type: ignore[arg-type]
        finally:
            handled.set()

    monkeypatch.setattr(previous_site._Server, "handle_error", noted)
    server = PreviousSite(folder, "127.0.0.1", 0)
    try:
        with socket.create_connection(("127.0.0.1", server.server.server_address[1]), timeout=5) as reader:
            reader.sendall(b"GET / HTTP/1.1\r\nHost: hub\r\n\r\n")
            assert reader.recv(15) == b"HTTP/1.0 200 OK"
            reader.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # a tab closed: reset
        assert handled.wait(10)
    finally:
        server.stop()

    assert capsys.readouterr().err == ""
    assert caplog.messages == []


def test_an_error_answering_a_request_is_one_line_in_the_log(
    site: PreviousSite, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    try:
        raise PermissionError("permission denied: index.html")
    except PermissionError:
        site.server.handle_error(None, ("127.0.0.1", 50000))  # as socketserver calls it, inside the except

    assert capsys.readouterr().err == ""
    assert caplog.messages == ["The site as last built could not answer a request: permission denied: index.html"]


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback here")
def test_the_site_is_served_on_an_ipv6_address_too(tmp_path: Path) -> None:
    server = PreviousSite(_site(tmp_path / "site"), "::1", 0)  # a failure here is the hub's, not the machine's
    try:
        assert server.server.address_family == socket.AF_INET6
        assert server.server.server_address[0] == "::1"
    finally:
        server.stop()


def test_stopping_frees_the_address_for_the_engine(tmp_path: Path) -> None:
    port = free_port()
    server = PreviousSite(_site(tmp_path / "site"), "127.0.0.1", port)
    # A `hub serve` that ends without stopping it (its engine failed) is not kept running by it.
    assert server.thread.daemon

    server.stop()

    assert not server.thread.is_alive()
    with socket.socket() as engine:
        engine.bind(("127.0.0.1", port))


def test_serving_starts_with_the_site_folder_mkdocs_yml_names(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(root / "public")
    (root / "other.yml").write_text("site_dir: public\n", encoding="utf-8")

    server = previous_site.start(root, "127.0.0.1", 0, "/", "other.yml")
    assert server is not None
    server.stop()

    assert server.folder == (root / "public").resolve()
    assert previous_site.start(root, "127.0.0.1", 0) is None  # mkdocs.yml names none: site/, which is not there


def test_no_site_is_served_on_an_address_already_taken(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()

        assert previous_site.start(tmp_path, "127.0.0.1", other.getsockname()[1]) is None


@pytest.mark.parametrize("kind", ["a link to a site", "no home page", "a file"])
def test_only_a_real_folder_with_a_home_page_is_the_last_site(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "hub"
    root.mkdir()
    if kind == "a link to a site":
        (root / "site").symlink_to(_site(tmp_path / "elsewhere"), target_is_directory=True)
    elif kind == "no home page":
        (_site(root / "site") / "index.html").unlink()
    else:
        (root / "site").write_text("<html>", encoding="utf-8")

    assert last_built(root) is None


def test_the_last_site_is_looked_for_where_mkdocs_yml_puts_it(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(root / "public")
    (root / "mkdocs.yml").write_text("site_dir: public\n", encoding="utf-8")

    assert last_built(root) == root / "public"


def test_a_page_that_opens_with_its_body_gets_the_notice_inside_it(site: PreviousSite) -> None:
    page = site._with_notice(b"<body><p>home</p></body>")

    assert page.startswith(b'<body><div id="hub-previous-site"')


@pytest.mark.parametrize(("host", "ipv6"), [("::1", True), ("[::1]", True), ("127.0.0.1", False), ("localhost", False)])
def test_the_site_is_served_over_ipv6_on_an_ipv6_address_only(host: str, ipv6: bool) -> None:
    assert previous_site._is_ipv6(host) is ipv6


def _aged(folder: Path, seconds: float) -> Path:
    """The site as built `seconds` ago: every build writes the hub's marker anew."""
    marker = folder / ".hub-output"
    then = marker.stat().st_mtime - seconds
    os.utime(marker, (then, then))
    return folder


def test_the_site_hub_serve_kept_is_served_where_it_is_newer_than_the_built_one(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _aged(_site(root / "site"), 3600)
    _site(served_site.kept(root))

    assert last_built(root) == served_site.kept(root)
    _aged(served_site.kept(root), 7200)
    assert last_built(root) == root / "site"


def test_the_site_hub_serve_kept_is_served_where_hub_build_never_ran(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(served_site.kept(root))

    assert last_built(root) == served_site.kept(root)


def test_a_finished_first_build_replaces_the_kept_site_whole(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(served_site.kept(root))
    (served_site.kept(root) / "ideas" / "gone").mkdir(parents=True)
    (served_site.kept(root) / "ideas" / "gone" / "index.html").write_text("an idea deleted since", encoding="utf-8")
    building = served_site.first_build_folder(root)
    assert building is not None
    _site(building)

    kept = served_site.keep_first_build(root)

    assert kept == served_site.kept(root) and not (kept / "ideas" / "gone").exists()
    assert (kept / "glossary" / "index.html").is_file() and not building.exists()


def test_a_site_left_aside_by_a_keep_that_was_stopped_midway_does_not_stop_the_next(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(served_site.kept(root))
    aside = served_site.kept(root).with_name(served_site.kept(root).name + ".old")
    _site(aside)  # an earlier session stopped between setting the kept site aside and removing it
    building = served_site.first_build_folder(root)
    assert building is not None
    _site(building)
    (building / "index.html").write_text("<html><body>this session's</body></html>", encoding="utf-8")

    kept = served_site.keep_first_build(root)

    assert (kept / "index.html").read_text(encoding="utf-8") == "<html><body>this session's</body></html>"
    assert not aside.exists() and not building.exists()


def test_a_first_build_stopped_before_it_finished_leaves_the_kept_site_as_it_was(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(served_site.kept(root))
    building = served_site.first_build_folder(root)
    assert building is not None
    (building / "index.html").write_text("half a site", encoding="utf-8")

    served_site.remove_first_build(building)

    assert not building.exists() and last_built(root) == served_site.kept(root)
    assert (served_site.kept(root) / "index.html").read_text(encoding="utf-8") == "<html><body>home</body></html>"
    served_site.remove_first_build(building)  # the session ends: its folder is already gone
    assert not building.exists()


def test_nothing_is_kept_where_the_hubs_build_folder_leads_out_of_it(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (root / ".hub-build").symlink_to(tmp_path / "elsewhere", target_is_directory=True)

    assert served_site.first_build_folder(root) is None
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_the_next_hub_serve_starts_from_the_site_the_last_one_served(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    first = served_page(root, "glossary/", stop_when=lambda previous, _: not previous)
    assert not first[-1][0]  # no site was built before: nothing to serve until the first build is
    assert all(not previous for previous, _ in first)

    again = served_page(root, "glossary/", stop_when=lambda previous, _: True)

    previous, text = again[0]
    assert previous and NOTICE_ID in text and "Glossary" in text
    assert not (root / "site").exists()


def test_the_site_as_last_built_says_when_it_was_last_built_not_when_its_home_page_changed(tmp_path: Path) -> None:
    site = _site(tmp_path / "hub" / served_site.FOLDER[0] / served_site.FOLDER[1])
    day_before = (site / "index.html").stat().st_mtime - 86_400
    os.utime(site / "index.html", (day_before, day_before))  # a save leaves an unchanged home page as it was

    server = PreviousSite(site, "127.0.0.1", free_port())
    server.stop()

    assert server.built == time.strftime("%Y-%m-%d at %H:%M", time.localtime((site / ".hub-output").stat().st_mtime))


def test_a_first_build_left_by_a_session_stopped_midway_is_emptied_for_the_next(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    root.mkdir()
    left = served_site.first_build_folder(root)
    assert left is not None
    (left / "ideas").mkdir()
    (left / "ideas" / "index.html").write_text("half a site", encoding="utf-8")

    again = served_site.first_build_folder(root)

    assert again == left and list(again.iterdir()) == []


def test_a_site_whose_address_names_no_path_is_served_from_the_top(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    _site(root / "site")
    (root / "mkdocs.yml").write_text("site_name: Hub\n", encoding="utf-8")

    server = previous_site.start(root, "127.0.0.1", 0)
    assert server is not None
    try:
        assert server.mount_path == "/"
        assert server.page("/glossary/") is not None
    finally:
        server.stop()
