"""Links into the Git host, from MkDocs' repo_url and edit_uri."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

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
