"""`hub diff BASE [HEAD]`: what a change to the playbook means for its readers, as Markdown.

Both revisions are read out of Git into temporary folders and validated as
`hub validate` would; what loads on each side is compared record by record. With
`--comment N` the result is also kept as one comment on pull request N.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hub_build.cli.revisions import (
    GitRefused,
    Revision,
    advance,
    check_repository,
    extract,
    renamed_records,
    resolve,
)
from hub_build.github.diff_comment import MARKER, Compared, render
from hub_build.github.pull_request_comment import CommentRefused, publish
from hub_build.playbook.changes import Changes, compare
from hub_build.playbook.loading import Documents
from hub_build.playbook.model import Person, Playbook
from hub_build.playbook.problems import inert
from hub_build.playbook.record_files import unread_records
from hub_build.playbook.validation import validate_hub


def run(root: Path, base_name: str, head_name: str, *, comment: int | None = None) -> int:
    try:
        check_repository(root)
        base, head = resolve(root, base_name), resolve(root, head_name)
    except GitRefused as exc:
        _error(str(exc), exc.hint)
        return 2
    with tempfile.TemporaryDirectory(prefix="hub-diff-") as folder:
        try:
            (old, old_unread), (new, new_unread) = _read_both(root, base, head, Path(folder))
            renamed = renamed_records(root, base, head)
        except GitRefused as exc:
            _error(str(exc), exc.hint)
            return 1
    unread = {(kind, record_id) for kind, record_id, _file in (*old_unread, *new_unread)}
    changes = compare(old, new, renamed=renamed, unread=unread)
    markdown = render(
        changes,
        Compared(base.name, base.commit, head.name, head.commit),
        people=_people(old, new),
        unread={base.name: [f for *_, f in old_unread], head.name: [f for *_, f in new_unread]},
    )
    print(markdown, end="")
    if comment is None:
        return 0
    return _comment(comment, markdown, changes)


Side = tuple[Playbook, list[tuple[str, str, str]]]


def _read_both(root: Path, base: Revision, head: Revision, folder: Path) -> tuple[Side, Side]:
    """Each side's playbook and (kind, id, file) of each file that did not load there.

    One folder holds the base, then the head: only the files that differ are written
    and parsed again, the rest are kept from the base's validation.
    """
    documents = Documents()
    extract(root, base, folder)
    before = _validated(folder, documents)
    documents.forget(advance(root, base, head, folder))
    return before, _validated(folder, documents)


def _validated(folder: Path, documents: Documents) -> Side:
    result = validate_hub(folder, documents=documents)
    # A file the revision does not have is absent, not unread: its record shows as added or removed.
    unread = unread_records(result.playbook, result.problems)
    return result.playbook, [(kind, record_id, file) for kind, record_id, file in unread if (folder / file).exists()]


def _people(old: Playbook, new: Playbook) -> dict[str, Person]:
    return {**old.people, **new.people}


def _comment(pull_request: int, markdown: str, changes: Changes) -> int:
    # A pull request that changes no record gets no comment; one that had a comment sees it say so.
    try:
        published = publish(pull_request, markdown, marker=MARKER, create=bool(changes.records))
    except CommentRefused as exc:
        if exc.read_only:
            # A pull request from a fork runs with a read-only token: the check itself must not fail for that.
            print(inert(f"hub: warning: could not comment on pull request #{pull_request}: {exc}"), file=sys.stderr)
            print(
                "    hint: the workflow's token may not write here (as for a pull request from a fork); "
                "the changes are in the job's summary instead",
                file=sys.stderr,
            )
            return 0
        _error(
            f"could not comment on pull request #{pull_request}: {exc}",
            "check that gh is installed and GH_TOKEN is set, with permission to write pull requests",
        )
        return 1
    said = {
        "created": "commented on",
        "updated": "updated the comment on",
        "skipped": "no record changed, so nothing was posted on",
    }[published.action]
    print(f"hub: {said} pull request #{pull_request}", file=sys.stderr)
    return 0


def _error(message: str, hint: str) -> None:
    print(inert(f"hub: error: {message}"), file=sys.stderr)
    print(inert(f"    hint: {hint}"), file=sys.stderr)
