"""Links into the Git host, from MkDocs' repo_url and edit_uri."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from hub_build.site.host import GitHost


def test_github_edit_links_point_at_the_repository_root_not_docs() -> None:
    host = GitHost.from_site_config("https://github.com/acme/hub/", "edit/main/docs/", "docs")
    assert host == GitHost("https://github.com/acme/hub", "main")
    assert host.edit_base + "playbook/sla.yaml" == "https://github.com/acme/hub/edit/main/playbook/sla.yaml"


def test_gitlab_links_use_its_own_paths() -> None:
    host = GitHost.from_site_config("https://gitlab.com/acme/hub", "-/edit/trunk/docs/", "docs")
    assert host.edit_base == "https://gitlab.com/acme/hub/-/edit/trunk/"
    url = urlparse(host.new_file_url("playbook/content", "x.yaml", "title: a & b"))
    assert url.path == "/acme/hub/-/new/trunk/playbook/content"
    assert parse_qs(url.query) == {"file_name": ["x.yaml"], "content": ["title: a & b"]}


def test_new_file_link_carries_the_template_intact() -> None:
    text = "# comment\ntitle: 'Q&A: 100% #1?'\n"
    url = urlparse(GitHost("https://github.com/acme/hub", "main").new_file_url("playbook/content", "idea.yaml", text))
    assert parse_qs(url.query) == {"filename": ["idea.yaml"], "value": [text]}


def test_no_repository_or_no_edit_uri_means_no_links() -> None:
    assert GitHost.from_site_config(None, "edit/main/docs/", "docs") is None
    assert GitHost.from_site_config("https://github.com/acme/hub", "", "docs") is None


def test_a_docs_folder_deeper_in_the_repository_is_not_taken_for_the_branch() -> None:
    host = GitHost.from_site_config("https://github.com/acme/hub", "edit/main/content/docs/", "content/docs")
    assert host.edit_base == "https://github.com/acme/hub/edit/main/"


@pytest.mark.parametrize(
    ("edit_uri", "docs_folder", "branch"),
    [
        ("blob/main/docs/", "docs", "main"),
        ("edit/release/2026/docs/", "docs", "release/2026"),
        ("edit/main/", "docs", "main"),
        ("edit/main/", ".", "main"),
        ("edit/main/", "", "main"),
        ("/edit//main/docs/", "./docs/", "main"),
        ("edit/main/site/content/", "site/content", "main"),
    ],
)
def test_the_branch_is_what_edit_uri_holds_between_edit_and_the_docs_folder(
    edit_uri: str, docs_folder: str, branch: str
) -> None:
    host = GitHost.from_site_config("https://github.com/acme/hub", edit_uri, docs_folder)

    assert host == GitHost("https://github.com/acme/hub", branch)


@pytest.mark.parametrize(
    ("edit_uri", "docs_folder"),
    [
        ("tree/main/docs/", "docs"),
        ("main/docs/", "docs"),
        ("edit/docs/", "docs"),
        ("edit/", "."),
        ("docs/", "docs"),
    ],
)
def test_an_edit_uri_that_names_no_editor_and_branch_gives_no_links(edit_uri: str, docs_folder: str) -> None:
    assert GitHost.from_site_config("https://github.com/acme/hub", edit_uri, docs_folder) is None


def test_a_host_is_gitlab_when_its_address_says_so() -> None:
    assert GitHost("https://gitlab.example.com/acme/hub", "main").is_gitlab
    assert not GitHost("https://github.com/acme/hub", "main").is_gitlab
    assert GitHost("https://github.com/acme/hub", "main").edit_base == "https://github.com/acme/hub/edit/main/"


def test_a_github_new_file_link_is_written_in_full() -> None:
    host = GitHost("https://github.com/acme/hub", "main")

    assert host.new_file_url("playbook/content", "x.yaml", "title: a & b\n") == (
        "https://github.com/acme/hub/new/main/playbook/content?filename=x.yaml&value=title%3A+a+%26+b%0A"
    )


def test_a_gitlab_new_file_link_is_written_in_full() -> None:
    host = GitHost("https://gitlab.com/acme/hub", "trunk")

    assert host.new_file_url("playbook/content", "x.yaml", "a b") == (
        "https://gitlab.com/acme/hub/-/new/trunk/playbook/content?file_name=x.yaml&content=a+b"
    )
