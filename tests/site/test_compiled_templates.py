"""The page templates compiled by one build are not compiled again by the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import TODAY, copy_hub

# Renders the site's pages in a fresh process, counting the templates the sandbox parses (compiles).
RENDER = """\
import datetime as dt, sys
from pathlib import Path
from hub_build.site import sandbox
parsed = []
parse = sandbox.BoundedSandbox._parse
sandbox.BoundedSandbox._parse = lambda self, source, name, filename: parsed.append(name) or parse(
    self, source, name, filename)
from hub_build.playbook.validation import validate_hub
from hub_build.site.description import SiteSettings, describe
root, day = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
describe(validate_hub(root, today=day), SiteSettings(root=root, docs_dir=root / "docs", today=day))
print(len(parsed))
"""


def _parsed_in_a_process(root: Path, temporary: Path, script: str = RENDER) -> int:
    """How many templates `script` parses in a fresh process whose temporary files are in `temporary`."""
    completed = subprocess.run(
        [sys.executable, "-P", "-c", script, str(root), TODAY],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert completed.returncode == 0, completed.stderr
    return int(completed.stdout)


def test_a_second_build_compiles_none_of_the_templates_the_first_compiled(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    temporary = tmp_path / "tmp"
    temporary.mkdir()

    first = _parsed_in_a_process(root, temporary)
    again = _parsed_in_a_process(root, temporary)

    assert first > 5 and again == 0


def test_a_template_override_changed_since_is_compiled_again(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    _parsed_in_a_process(root, temporary)
    overrides = root / "overrides" / "hub"
    overrides.mkdir(parents=True, exist_ok=True)
    shipped = Path(__file__).resolve().parents[2] / "hub_build" / "site" / "templates" / "glossary.md.j2"
    (overrides / "glossary.md.j2").write_text(
        shipped.read_text(encoding="utf-8") + "\nAn added line.\n", encoding="utf-8"
    )

    assert _parsed_in_a_process(root, temporary) == 1


# Makes the search's entry template in a fresh process, counting the templates Jinja parses (compiles).
SEARCH_ENTRY = """\
import jinja2
parsed = []
parse = jinja2.Environment._parse
jinja2.Environment._parse = lambda self, source, name, filename: parsed.append(name) or parse(
    self, source, name, filename)
from hub_build.site import search
search._template()
print(len(parsed))
"""


def test_the_search_entry_template_compiled_by_one_build_is_not_compiled_by_the_next(tmp_path: Path) -> None:
    first = _parsed_in_a_process(tmp_path, tmp_path, SEARCH_ENTRY)

    assert (first, _parsed_in_a_process(tmp_path, tmp_path, SEARCH_ENTRY)) == (1, 0)
