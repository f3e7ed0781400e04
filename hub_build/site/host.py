"""Links into the Git host (GitHub, GitLab) that keeps the playbook."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode


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
        if docs and parts[-len(docs):] == docs:
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
