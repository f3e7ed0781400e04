"""What a reader's browser downloads to search, and how long the first result takes.

One built site is served over HTTP and opened in Chromium (Debian's package,
driven by Playwright) with an empty cache. The reader opens a page, types one
query as soon as the page has loaded, and waits for the first result. Counted:
the bytes of every response before the reader types (what every reader pays,
searching or not), the bytes up to the first result, and the seconds from
opening the page to seeing it.

Two searches can be measured: the hub's (Pagefind, `hub build`) and the theme's
(Material's search plugin, which the hub used before), on the same pages.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PAGE = "propose/"  # a page every hub has, whose size does not grow with the playbook
# What each search downloads to answer: Pagefind's bundle for the hub's; the index and its worker for the
# theme's. The buttons that open them are the page's, like the rest of its scripts and styles.
SEARCH_FILES = re.compile(r"/pagefind/|/search/search_index\.json|/workers/search\.")
TIMEOUT_MS = 120_000


@dataclass(frozen=True, slots=True)
class FirstResult:
    bytes_before_search: int  # the search's own bytes, once the page is idle, before the reader types
    bytes_to_first_result: int  # the search's own bytes up to the first result
    seconds_from_typing: float  # the page idle, from typing the query to its first result
    seconds_from_opening: float  # typing as soon as the page has loaded: from opening it to the first result


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # `format`: the base class's name
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def first_result(site: Path, query: str, *, theme_search: bool) -> FirstResult:
    """Open a page of the site, search `query`, and measure until the first result shows; twice, cache empty."""
    from playwright.sync_api import Browser, Page, Request, sync_playwright

    received: list[int] = []

    def count(request: Request) -> None:
        if SEARCH_FILES.search(request.url):
            sizes = request.sizes()
            received.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    def search(page: Page) -> None:
        if theme_search:
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially(query)  # the theme listens to keys, not to a filled value
            page.locator("li.md-search-result__item").first.wait_for(timeout=TIMEOUT_MS)
        else:
            page.keyboard.press("/")
            page.locator("pagefind-modal input").fill(query)
            page.locator("pagefind-modal .pf-result-link").first.wait_for(timeout=TIMEOUT_MS)

    def fresh_page(browser: Browser) -> Page:
        return browser.new_context().new_page()

    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = fresh_page(browser)
            page.on("requestfinished", count)
            page.goto(url + PAGE, wait_until="load")
            page.wait_for_load_state("networkidle")
            before = sum(received)
            typed = time.perf_counter()
            search(page)
            from_typing = time.perf_counter() - typed
            page.wait_for_load_state("networkidle")
            after = sum(received)

            page = fresh_page(browser)
            opened = time.perf_counter()
            page.goto(url + PAGE, wait_until="load")
            search(page)
            return FirstResult(before, after, from_typing, time.perf_counter() - opened)
        finally:
            browser.close()
