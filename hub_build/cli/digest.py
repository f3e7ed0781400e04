"""`hub digest`: whose turn it is, as Markdown for GitHub or as JSON, or kept in one issue."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from hub_build.cli.report import problem_lines
from hub_build.github import digest_issue
from hub_build.github.digest import NOTHING, TITLE, markdown
from hub_build.playbook.digest import as_data, digest
from hub_build.playbook.validation import validate_hub
from hub_build.site.schema_links import site_url_of


def run(root: Path, *, today: dt.date, output: str, publish: bool) -> int:
    """Write the digest, or keep the digest's issue; 1 when `gh` fails.

    A file with errors leaves only its own record out: one broken file should
    not keep everyone else's turn from being told. The errors are listed on stderr.
    """
    result = validate_hub(root, today=today)
    if result.errors:
        print(problem_lines(result.errors), file=sys.stderr)
        count = len(result.errors)
        print(
            f"hub digest: the playbook has {count} error{'s' if count != 1 else ''}; the digest leaves out the "
            "records they are in",
            file=sys.stderr,
        )
    found = digest(result.playbook, today=today, holidays={h.date for h in result.config.holidays})
    if output == "json":
        print(json.dumps(as_data(found, result.playbook), indent=2, ensure_ascii=False))
        return 0
    body = markdown(found, result.playbook, site_url=site_url_of(root))
    if not publish:
        print(body, end="")
        return 0
    try:
        done = digest_issue.publish(
            body,
            title=TITLE,
            waiting=not found.empty,
            closing_note=f"{NOTHING} as of {today.isoformat()}: closed until something does.",
        )
    except digest_issue.GhFailed as exc:
        from hub_build.playbook.problems import inert

        print(inert(f"hub: error: {exc}"), file=sys.stderr)
        print(inert(f"    hint: {exc.hint}"), file=sys.stderr)
        return 1
    said = {
        "created": "opened issue #{}",
        "updated": "updated issue #{}",
        "closed": "closed issue #{}: nothing waits",
        "none": "nothing waits and no digest issue is open",
    }[done.action]
    print(f"hub digest: {said.format(done.number)}")
    return 0
