"""From the home page, a rep reaches the idea form in two clicks, on a phone and on a laptop."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import serve
from tests.helpers import REPO, copy_hub, run_hub

FORM = "https://github.com/quillstone/revenue-hub/issues/new?template=propose-idea.yml"


@pytest.fixture(scope="module")
def form_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_hub(tmp_path_factory.mktemp("propose-form") / "hub")
    shutil.copytree(REPO / ".github" / "ISSUE_TEMPLATE", root / ".github" / "ISSUE_TEMPLATE")
    completed = run_hub("build", "--strict", cwd=root)
    assert completed.returncode == 0, completed.stderr
    yield from serve(root / "site")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_rep_reaches_the_idea_form_in_two_clicks(browser: Browser, form_site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844 if width == 390 else 800})
    page = context.new_page()
    try:
        page.goto(form_site_url)
        page.locator("article").get_by_role("link", name="Propose an idea", exact=True).click()  # the first click
        expect(page).to_have_url(form_site_url + "propose/")

        form = page.get_by_role("link", name="Propose an idea with a form")
        # The second click is on the page's first screen, without scrolling.
        expect(form).to_be_in_viewport()
        assert form.get_attribute("href") == FORM
    finally:
        context.close()
