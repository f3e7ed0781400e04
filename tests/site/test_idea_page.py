"""An idea's page says where it stands: how long it has waited for a decision, against which promise, and who decides."""

from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path

import pytest

from hub_build.playbook.validation import validate_hub
from hub_build.site.pages import render_site
from tests.helpers import REPO

IDEA = "ideas/who-runs-it-after-go-live.md"  # proposed on 18 Nov 2026, still proposed


def _idea(uri: str, today: dt.date) -> str:
    pages = render_site(validate_hub(REPO, today=today).playbook, today=today)
    return html.unescape(next(page.markdown for page in pages if page.uri == uri))


def test_a_proposed_idea_within_the_promise_says_how_long_it_has_waited_and_who_decides() -> None:
    page = _idea(IDEA, dt.date(2026, 11, 27))  # 7 business days after 18 November

    assert '!!! info "Waiting for a decision"' in page
    assert (
        "    Waiting **7 business days** for a decision; the SLA promises one within 10"
        " ([1.6 Every content idea from sales gets an answer](../sla.md#clause-content-idea-decision))."
        " Decides: Grace Lindqvist (marketing)."
    ) in page


def test_a_proposed_idea_past_the_promise_is_marked_as_late() -> None:
    page = _idea(IDEA, dt.date(2026, 12, 7))

    assert '!!! warning "Waiting past the SLA\'s promise"' in page
    assert "    Waiting **13 business days** for a decision;" in page


def test_a_decided_idea_says_nothing_of_waiting() -> None:
    page = _idea("ideas/ai-extraction-accuracy.md", dt.date(2026, 12, 7))

    assert "Waiting" not in page


def test_an_idea_proposed_in_an_issue_links_to_it_on_the_git_host(tmp_path: Path) -> None:
    from hub_build.site.host import Corrections

    root = tmp_path / "hub"
    root.mkdir()
    for part in ("hub.yaml", "playbook", "schemas"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    idea = root / "playbook" / "content" / "who-runs-it-after-go-live.yaml"
    idea.write_text(idea.read_text(encoding="utf-8").rstrip() + "\nissue: 42\n", encoding="utf-8")
    today = dt.date(2026, 11, 27)
    playbook = validate_hub(root, today=today).playbook
    corrections = Corrections.for_repository("https://github.com/quillstone/revenue-hub", None)

    linked = render_site(playbook, today=today, corrections=corrections)
    unlinked = render_site(playbook, today=today)

    page = html.unescape(next(p.markdown for p in linked if p.uri == IDEA))
    assert "| **Proposed in** | [issue #42](https://github.com/quillstone/revenue-hub/issues/42) |" in page
    assert "| **Proposed in** | issue #42 |" in html.unescape(next(p.markdown for p in unlinked if p.uri == IDEA))


@pytest.mark.parametrize(
    ("repository", "address"),
    [
        ("https://github.com/quillstone/revenue-hub", "https://github.com/quillstone/revenue-hub/issues/42"),
        ("https://gitlab.com/quillstone/revenue-hub/", "https://gitlab.com/quillstone/revenue-hub/-/issues/42"),
    ],
)
def test_an_issue_is_found_where_its_git_host_keeps_issues(repository: str, address: str) -> None:
    from hub_build.site.host import Corrections

    corrections = Corrections.for_repository(repository, None)

    assert corrections is not None
    assert corrections.issue_url(42) == address
