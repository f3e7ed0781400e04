"""Links into the Git host (GitHub, GitLab) that keeps the playbook."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit


@dataclass(frozen=True, slots=True)
class GitHost:
    repo_url: str  # https://github.com/acme/hub
    branch: str  # the branch the site is built from

    @classmethod
    def from_site_config(cls, repo_url: str | None, edit_uri: str | None, docs_folder: str) -> GitHost | None:
        """From MkDocs' `repo_url` and an `edit_uri` such as `edit/main/docs/`.

        `docs_folder` is the docs folder's path from the repository's root, such as
        `docs` or `site/content`: the part of `edit_uri` that is not the branch.
        """
        if not repo_url or not edit_uri:
            return None
        parts = [part for part in edit_uri.strip("/").split("/") if part not in ("", "-")]
        docs = [part for part in docs_folder.strip("/").split("/") if part not in ("", ".")]
        if docs and parts[-len(docs) :] == docs:
            parts = parts[: -len(docs)]
        if len(parts) < 2 or parts[0] not in ("edit", "blob"):
            return None
        return cls(repo_url.rstrip("/"), "/".join(parts[1:]))

    @property
    def is_gitlab(self) -> bool:
        return "gitlab" in self.repo_url

    @property
    def edit_base(self) -> str:
        """Prefix of a link that opens a repository file in the host's editor."""
        return f"{self.repo_url}/{'-/' if self.is_gitlab else ''}edit/{self.branch}/"

    def new_file_url(self, folder: str, filename: str, text: str) -> str:
        """A link that opens the host's new-file editor in `folder`, prefilled with `text`."""
        if self.is_gitlab:
            query = urlencode({"file_name": filename, "content": text})
            return f"{self.repo_url}/-/new/{self.branch}/{folder}?{query}"
        query = urlencode({"filename": filename, "value": text})
        return f"{self.repo_url}/new/{self.branch}/{folder}?{query}"


# The issue form a rep proposes an idea with, as `hub forms` writes it.
IDEA_FORM_TEMPLATE = "propose-idea.yml"
IDEA_FORM_FILE = f".github/ISSUE_TEMPLATE/{IDEA_FORM_TEMPLATE}"


def idea_form_url(repo_url: str | None, has_form: bool) -> str | None:
    """The link that opens GitHub's "Propose a content idea" form, when the repository is on GitHub and has it."""
    if not repo_url or not has_form or "github" not in (urlsplit(repo_url).hostname or ""):
        return None
    return f"{repo_url.rstrip('/')}/issues/new?{urlencode({'template': IDEA_FORM_TEMPLATE})}"


@dataclass(frozen=True, slots=True)
class Corrections:
    """ "Something wrong or missing?": a new issue on the Git host, prefilled with the page it is about.

    A plain link: the host's own new-issue page, with nothing sent anywhere before the reader submits.
    """

    repo_url: str
    site_url: str | None = None
    directory_urls: bool = True

    @classmethod
    def for_repository(
        cls, repo_url: str | None, site_url: str | None, directory_urls: bool = True
    ) -> Corrections | None:
        if not repo_url or urlsplit(repo_url).scheme not in ("http", "https"):
            return None
        return cls(repo_url.rstrip("/"), site_url, directory_urls)

    def issue_url(self, number: int) -> str:
        """Where the issue `number` is on the Git host."""
        return f"{self.repo_url}/{'-/' if 'gitlab' in (urlsplit(self.repo_url).hostname or '') else ''}issues/{number}"

    def address(self, uri: str) -> str:
        """Where the page with source `uri` (such as `ideas/x.md`) is published, or its path when that is not known."""
        path = uri.removesuffix(".md")
        if path == "index" or path.endswith("/index"):
            path = path.removesuffix("index")
        elif self.directory_urls:
            path += "/"
        else:
            path += ".html"
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else f"/{path}"

    def url(self, title: str, uri: str, source: str | None) -> str:
        """The new-issue link for the page titled `title`, made from `uri`, showing the file `source` if any."""
        lines = [f"Page: {' '.join(title.split())}", f"Address: {self.address(uri)}"]
        if source:
            lines.append(f"File: {source}")
        body = "\n".join([*lines, "", "What is wrong or missing?", "", ""])
        issue_title = f"Correction: {' '.join(title.split())}"
        if "gitlab" in (urlsplit(self.repo_url).hostname or ""):
            return (
                f"{self.repo_url}/-/issues/new?{urlencode({'issue[title]': issue_title, 'issue[description]': body})}"
            )
        return f"{self.repo_url}/issues/new?{urlencode({'title': issue_title, 'body': body})}"
