"""Untrusted playbook input: each case ends as one file:line:col message, from
`hub validate` and from `hub build` alike, and a failed build keeps the last good site."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.helpers import copy_hub, run_hub

IDEA = "playbook/content/new-idea.yaml"
MODELINE = "# yaml-language-server: $schema=../../schemas/idea.schema.json\n"
VALID = (
    MODELINE + "title: Quarter-end review\nproposed_by: chloe-adeyemi\nproposed_on: 2026-02-10\n"
    "question: How do others do it?\npersona: finance-leader\nstage: evaluation\nformat: checklist\nstatus: proposed\n"
)
BOMB = (
    MODELINE
    + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
)

# (case, file content, the line `hub validate` must print after "error: ")
CASES = [
    (
        "bad indentation",
        VALID.replace("proposed_by:", "  proposed_by:"),
        "3:14: error: $: YAML syntax error: mapping values are not allowed in this context",
    ),
    (
        "tab indentation",
        VALID.replace("format: checklist", "format:\n\tchecklist"),
        "9:1: error: $: YAML syntax error: found character that cannot start any token (while scanning for the next token at line 9)",
    ),
    (
        "unclosed quote",
        VALID.replace("title: Quarter-end review", "title: 'Quarter-end review"),
        "10:1: error: $: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 2)",
    ),
    (
        "unclosed bracket",
        VALID.replace("format: checklist", "format: [checklist"),
        "9:7: error: $: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 8)",
    ),
    ("empty file", "", "1:1: error: $: the file is empty"),
    ("several documents", VALID + "---\ntitle: second\n", "10:1: error: $: the file holds more than one YAML document"),
    (
        "not UTF-8",
        VALID.replace("How do others do it?", "Comment font les autres ?").encode("utf-8").replace(b"font", b"f\xf4nt"),
        "5:20: error: $: file is not UTF-8 text (byte 0xF4 cannot be read)",
    ),
    ("duplicate key", VALID + "title: again\n", "10:1: error: $: duplicate key 'title' (first set at line 2)"),
    ("unknown field", VALID + "titel: typo\n", "10:1: error: $.titel: unknown field 'titel'"),
    (
        "wrong type",
        VALID.replace("title: Quarter-end review", "title: [a, list]"),
        "2:8: error: $.title: expected text, found a list",
    ),
    (
        "value out of its set",
        VALID.replace("format: checklist", "format: podcast"),
        "8:9: error: $.format: 'podcast' is not one of the allowed values: article, case-study, one-pager, webinar, video, rep-post, checklist, guide, email-sequence, calculator",
    ),
    (
        "impossible date",
        VALID.replace("2026-02-10", "2026-02-30"),
        "4:14: error: $.proposed_on: '2026-02-30' is not a real date written YYYY-MM-DD",
    ),
    ("alias bomb", BOMB, "3:8: error: $: aliases (*a) are not supported in the playbook"),
    (
        "deep nesting",
        MODELINE + "title: " + "[" * 500 + "]" * 500 + "\n",
        "2:47: error: $: values are nested more than 40 levels deep",
    ),
    (
        "python tag",
        MODELINE + "title: !!python/object/apply:os.system ['touch PWNED']\n",
        "2:8: error: $: the tag !!python/object/apply:os.system is not allowed",
    ),
    (
        "blank text",
        VALID.replace("title: Quarter-end review", 'title: "   "'),
        "2:8: error: $.title: must not be blank",
    ),
    (
        "unresolved reference",
        VALID.replace("persona: finance-leader", "persona: finance-lead"),
        "6:10: error: $.persona: unknown persona 'finance-lead'",
    ),
]


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def hub_with_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_hub(tmp_path_factory.mktemp("hardening") / "hub")
    assert run_hub("build", cwd=root).returncode == 0
    return root


@pytest.mark.parametrize(("content", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_input_is_one_clean_message_from_validate_and_build(
    hub_with_site: Path, content: str | bytes, expected: str
) -> None:
    path = hub_with_site / IDEA
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    site_before = _digest(hub_with_site / "site")
    try:
        validate = run_hub("validate", cwd=hub_with_site)
        build = run_hub("build", cwd=hub_with_site)
    finally:
        path.unlink()
    assert validate.returncode == 1
    assert f"{IDEA}:{expected}" in validate.stdout.splitlines()
    assert "Traceback" not in validate.stdout + validate.stderr
    assert build.returncode == 1
    line, column, _, path_and_message = expected.split(":", 3)
    assert (
        f"ERROR   -  {IDEA}:{line}:{column}:{path_and_message.removeprefix(' error')}"
        in build.stderr.replace(" (hint:", "\n").splitlines()
    )
    assert "Traceback" not in build.stderr
    assert _digest(hub_with_site / "site") == site_before
    assert not (hub_with_site / "PWNED").exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(hub_with_site: Path) -> None:
    config = hub_with_site / "hub.yaml"
    original = config.read_text()
    config.write_text("max_file_kb: 1\n")
    content = VALID + "notes: " + "x" * 2000 + "\n"
    (hub_with_site / IDEA).write_text(content)
    try:
        validate = run_hub("validate", cwd=hub_with_site)
    finally:
        (hub_with_site / IDEA).unlink()
        config.write_text(original)
    assert validate.returncode == 1
    assert (
        f"{IDEA}:1:1: error: $: file is too large ({len(content.encode()):,} bytes; the limit is 1,024)"
        in validate.stdout
    )


def test_a_symbolic_link_to_a_file_outside_the_repository_is_refused_not_followed(
    hub_with_site: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: a secret outside the repository\n")
    os.symlink(secret, hub_with_site / IDEA)
    try:
        validate = run_hub("validate", cwd=hub_with_site)
    finally:
        (hub_with_site / IDEA).unlink()
    assert validate.returncode == 1
    assert f"{IDEA}:1:1: error: $: symbolic link to a file outside the repository is refused" in validate.stdout
    assert "a secret outside" not in validate.stdout
