"""A template in the hub's overrides/hub/ that is wrong, or hostile, is reported as
its file and line, exit 1: never a traceback, never code run."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from hub_build.playbook.validation import validate_hub
from hub_build.site import sandbox
from hub_build.site.environment import TemplateFailed
from hub_build.site.pages import render_site
from tests.helpers import MINIMAL, copy_hub, run_hub, shared, within

HINT = "fix the template, or delete it to use the built-in one"


@pytest.fixture(scope=shared)
def playbook():  # type: ignore[no-untyped-def]
    return validate_hub(MINIMAL, today=dt.date(2026, 3, 1)).playbook


def _render_with(tmp_path: Path, playbook, template: str):  # type: ignore[no-untyped-def]
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").write_text(template, encoding="utf-8")
    with pytest.raises(TemplateFailed) as failed:
        render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)
    problem = failed.value.problem
    # A template's problem points at its line; the column is always the first.
    assert problem.column == 1
    assert str(failed.value) == f"{problem.file}:{problem.line}:1: {problem.message}"
    return f"{problem.file}:{problem.line}: {problem.message}", problem.hint


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        pytest.param(
            "# Home\n\n{% if %}\n",
            "overrides/hub/home.md.j2:3: syntax error: Expected an expression, got 'end of statement block'",
            id="syntax error",
        ),
        pytest.param(
            "# Home\n\n\n{{ nothing.at_all }}\n",
            "overrides/hub/home.md.j2:4: undefined value: 'nothing' is undefined",
            id="undefined name",
        ),
        pytest.param(
            "# Home\n{{ 1 // 0 }}\n",
            "overrides/hub/home.md.j2:2: the template failed: ZeroDivisionError: integer division or modulo by zero",
            id="error while rendering",
        ),
        pytest.param(
            "{{ links.__init__.__globals__ }}\n",
            "overrides/hub/home.md.j2:1: not allowed in a template: "
            "access to attribute '__init__' of 'Links' object is unsafe.",
            id="python internals",
        ),
        pytest.param(
            "x\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n",
            "overrides/hub/home.md.j2:2: not allowed in a template: access to attribute '__init__' of "
            "'type' object is unsafe.",
            id="the classic escape",
        ),
        pytest.param(
            '{% include "sla.md.j2" %}\n',
            "hub_build/site/templates/sla.md.j2:4: undefined value: 'sla' is undefined",
            id="a built-in template included without its values",
        ),
        pytest.param(
            "{{ playbook.people.clear() }}\n",
            "overrides/hub/home.md.j2:1: not allowed in a template: "
            "access to attribute 'clear' of 'dict' object is unsafe.",
            id="changing the data",
        ),
    ],
)
def test_a_failing_override_is_reported_as_its_file_and_line(
    tmp_path: Path, playbook, template: str, expected: str
) -> None:
    line, hint = _render_with(tmp_path, playbook, template)

    assert line == expected
    assert hint == HINT


def test_a_failing_file_an_override_includes_is_named_whatever_its_name(tmp_path: Path, playbook) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").write_text("# Home\n\n{% include 'parts.html' %}\n", encoding="utf-8")
    (overrides / "parts.html").write_text("<p>\n\n</p>\n{{ 1 // 0 }}\n", encoding="utf-8")

    with pytest.raises(TemplateFailed) as failed:
        render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)

    assert str(failed.value) == (
        "overrides/hub/parts.html:4:1: the template failed: ZeroDivisionError: integer division or modulo by zero"
    )


def test_a_failing_override_fails_hub_build_with_its_line_and_keeps_the_site(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    assert run_hub("build", cwd=root).returncode == 0
    index = (root / "site" / "index.html").read_bytes()
    (root / "overrides" / "hub").mkdir(parents=True)
    (root / "overrides" / "hub" / "people.md.j2").write_text("# People\n\n{% for %}\n", encoding="utf-8")

    completed = run_hub("build", cwd=root)

    assert completed.returncode == 1
    assert (
        "overrides/hub/people.md.j2:3:1: $: syntax error: Expected an expression, got 'end of statement block' "
        f"(hint: {HINT})"
    ) in completed.stderr
    assert "Traceback" not in completed.stderr
    assert (root / "site" / "index.html").read_bytes() == index


def test_an_override_added_or_edited_while_serving_is_used_at_the_next_rebuild(tmp_path: Path, playbook) -> None:
    overrides = tmp_path / "overrides" / "hub"

    def home() -> str:
        pages = render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)
        return next(page.markdown for page in pages if page.uri == "index.md")

    assert "Welcome from the override" not in home()
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").write_text("# Home\n\nWelcome from the override\n", encoding="utf-8")
    assert "Welcome from the override" in home()
    (overrides / "home.md.j2").write_text("# Home\n\nWelcome from the second version\n", encoding="utf-8")
    os.utime(overrides / "home.md.j2", (1, 1))  # a different modification time, however fast the test runs
    assert "Welcome from the second version" in home()
    (overrides / "home.md.j2").unlink()
    assert "Welcome from the" not in home()


def test_a_pipe_among_the_overrides_is_reported_without_blocking(tmp_path: Path, playbook) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    os.mkfifo(overrides / "home.md.j2")

    with pytest.raises(TemplateFailed) as failed:
        within(60, lambda: render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path))

    problem = failed.value.problem
    assert (problem.file, problem.line, problem.message) == (
        "overrides/hub/home.md.j2",
        1,
        "not a regular file, so it is not read as a template",
    )
    assert (problem.column, problem.hint) == (1, "template overrides are ordinary text files: remove this one")


def test_an_override_that_is_not_utf8_is_pointed_at_its_first_unreadable_byte(tmp_path: Path, playbook) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").write_text("# Home\n", encoding="utf-8")
    (overrides / "people.md.j2").write_bytes("# People\n\nCafé owners\n".encode("latin-1"))

    with pytest.raises(TemplateFailed) as failed:
        render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)

    assert str(failed.value) == "overrides/hub/people.md.j2:3:4: file is not UTF-8 text (byte 0xE9 cannot be read)"
    assert (
        failed.value.problem.hint
        == "save the file with UTF-8 encoding (most editors offer it under 'Save with encoding')"
    )


def test_a_second_override_added_beside_a_first_is_used_at_the_next_rebuild(tmp_path: Path, playbook) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "people.md.j2").write_text("# Our people\n", encoding="utf-8")

    def page(uri: str) -> str:
        pages = render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)
        return next(page.markdown for page in pages if page.uri == uri)

    assert "Welcome from the override" not in page("index.md")
    (overrides / "home.md.j2").write_text("# Home\n\nWelcome from the override\n", encoding="utf-8")
    assert "Welcome from the override" in page("index.md")
    assert page("people.md").endswith("# Our people\n")


def test_folders_among_the_overrides_are_passed_over_and_links_to_templates_are_read(tmp_path: Path, playbook) -> None:
    overrides = tmp_path / "overrides" / "hub"
    (overrides / "drafts").mkdir(parents=True)
    (overrides / "drafts" / "home.md.j2").write_text("# Draft\n", encoding="utf-8")
    (tmp_path / "shared-people.md.j2").write_text("# Shared people\n", encoding="utf-8")
    (overrides / "people.md.j2").symlink_to(tmp_path / "shared-people.md.j2")

    pages = {
        page.uri: page.markdown
        for page in render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)
    }

    assert pages["people.md"].endswith("# Shared people\n")
    assert "# Draft" not in pages["index.md"]


def test_a_link_to_a_folder_among_the_overrides_is_refused(tmp_path: Path, playbook) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").symlink_to(tmp_path)

    with pytest.raises(TemplateFailed) as failed:
        render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)

    assert (failed.value.problem.file, failed.value.problem.message) == (
        "overrides/hub/home.md.j2",
        "not a regular file, so it is not read as a template",
    )


def test_a_link_an_override_writes_is_made_safe_in_the_pages_markdown_for_every_engine(
    tmp_path: Path, playbook
) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").write_text(
        "# Home\n\n[inline](java\tscript:alert(1)) ![image](data:image/svg+xml,x)\n\n"
        '[ref]: JAVASCRIPT:alert(2)\n\n<a href="javascript:alert(3)">raw</a> [fine](https://example.com/)\n',
        encoding="utf-8",
    )

    pages = render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)
    home = next(page.markdown for page in pages if page.uri == "index.md")

    assert home.split("---\n\n", 1)[1] == (
        # The target ends at its first ")", so the rest of `alert(1))` stays as text.
        "# Home\n\n[inline](#unsafe-link)) ![image](#unsafe-link)\n\n"
        '[ref]: #unsafe-link\n\n<a href="#unsafe-link">raw</a> [fine](https://example.com/)\n'
    )


def test_an_override_links_playbook_files_to_their_pages_and_writes_dates_as_the_built_in_pages_do(
    tmp_path: Path, playbook
) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    files = [
        "playbook/content/close-checklist.yaml",
        "playbook/content/gone.yaml",
        "playbook/terms/mql.yaml",
        "playbook/people/maya-chen.yaml",
        "playbook/onboarding/account-executive.yaml",
        "playbook/narrative.yaml",
        "playbook/sla.yaml",
        "hub.yaml",
    ]
    (overrides / "home.md.j2").write_text(
        "# Home\n\n{% for file in " + repr(files) + " %}\n- {{ links.file(file) }}\n{% endfor %}\n"
        "- {{ links.file('playbook/content/close-checklist.yaml', 'Our checklist') }}\n\n"
        "{% for idea in playbook.ideas.values() %}\n"
        "Proposed on {{ idea.proposed_on | weekday }}, scheduled for [{{ idea.scheduled_for | weekday }}].\n"
        "{% endfor %}\n",
        encoding="utf-8",
    )

    pages = render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path)
    home = next(page.markdown for page in pages if page.uri == "index.md")

    assert home.split("---\n\n", 1)[1] == (
        "# Home\n\n"
        "- [The five-day close checklist](ideas/close-checklist.md)\n"
        "- playbook/content/gone.yaml\n"
        "- [Marketing Qualified Lead &#40;MQL&#41;](glossary.md#mql)\n"
        "- [Maya Chen](people.md#maya-chen)\n"
        "- [Account Executive](onboarding/account-executive.md)\n"
        "- [Narrative](narrative.md)\n"
        "- [Service-level agreement](sla.md)\n"
        "- hub.yaml\n"
        "- [Our checklist](ideas/close-checklist.md)\n\n"
        "Proposed on Sunday 1 February 2026, scheduled for [].\n"
    )


BUDGET_HINT = (
    "each page's template has 1 second (template_seconds in hub.yaml): "
    "make its loops and macros do less work, or delete it to use the built-in one"
)


@pytest.mark.parametrize(
    ("template", "line"),
    [
        pytest.param(
            "# Home\n\n{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            "x{% endfor %}{% endfor %}{% endfor %}\n",
            3,
            id="nested loops writing",
        ),
        pytest.param(
            "# Home\n{% for a in range(100000) %}\n{% for b in range(100000) %}{% endfor %}\n{% endfor %}\n",
            3,
            id="nested loops writing nothing",
        ),
        pytest.param(
            "# Home\n{% macro twice(n) %}{% if n %}{{ twice(n - 1) }}{{ twice(n - 1) }}{% endif %}{% endmacro %}"
            "\n\n{{ twice(60) }}\n",
            2,
            id="a macro calling itself twice",
        ),
    ],
)
def test_an_override_that_runs_past_its_budget_is_stopped_at_its_line(
    tmp_path: Path, playbook, template: str, line: int
) -> None:
    overrides = tmp_path / "overrides" / "hub"
    overrides.mkdir(parents=True)
    (overrides / "home.md.j2").write_text(template, encoding="utf-8")

    with pytest.raises(TemplateFailed) as failed:
        within(
            120,
            lambda: render_site(
                playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=tmp_path, template_seconds=1
            ),
        )

    assert str(failed.value) == (
        f"overrides/hub/home.md.j2:{line}:1: the template ran longer than its budget of 1 second and was stopped"
    )
    assert failed.value.problem.hint == BUDGET_HINT


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        pytest.param(
            "# Home\n{% for x in 'a' * 10 ** 9 %}{% endfor %}\n",
            "overrides/hub/home.md.j2:2: not allowed "
            "in a template: a text or list repeated to more than 1,000,000 items is not made",
            id="repetition",
        ),
        pytest.param(
            "# Home\n{% set n = 10 %}{{ n ** 100000000 }}\n",
            "overrides/hub/home.md.j2:2: not allowed in a "
            "template: a power with an exponent above 1000 is not computed",
            id="power",
        ),
    ],
)
def test_an_override_that_makes_one_huge_value_is_refused_at_its_line(
    tmp_path: Path, playbook, template: str, expected: str
) -> None:
    line, hint = within(60, lambda: _render_with(tmp_path, playbook, template))

    assert line == expected
    assert hint == HINT


def test_an_override_that_runs_past_its_budget_fails_hub_build_and_keeps_the_site(tmp_path: Path) -> None:
    root = copy_hub(tmp_path / "hub")
    assert run_hub("build", cwd=root).returncode == 0
    index = (root / "site" / "index.html").read_bytes()
    (root / "hub.yaml").write_text((root / "hub.yaml").read_text() + "\ntemplate_seconds: 1\n", encoding="utf-8")
    (root / "overrides" / "hub").mkdir(parents=True)
    (root / "overrides" / "hub" / "people.md.j2").write_text(
        "# People\n\n{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
        "x{% endfor %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )

    completed = run_hub("build", cwd=root)

    assert completed.returncode == 1
    assert (
        "overrides/hub/people.md.j2:3:1: $: the template ran longer than its budget of 1 second and was "
        f"stopped (hint: {BUDGET_HINT})"
    ) in completed.stderr
    assert "Traceback" not in completed.stderr
    assert (root / "site" / "index.html").read_bytes() == index


def test_every_override_linked_out_of_the_repository_is_refused_at_any_depth(tmp_path: Path, playbook) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n", encoding="utf-8")
    root = tmp_path / "hub"
    overrides = root / "overrides" / "hub"
    (overrides / "parts" / "deeper").mkdir(parents=True)
    (overrides / "people.md.j2").symlink_to(outside / "secret.txt")
    (overrides / "parts" / "deeper" / "footer.html").symlink_to(outside / "secret.txt")
    (overrides / "parts" / "elsewhere").symlink_to(outside)

    with pytest.raises(TemplateFailed) as failed:
        render_site(playbook, today=dt.date(2026, 3, 1), custom_templates=overrides, root=root)

    assert [(p.file, p.line, p.column, p.message) for p in failed.value.problems] == [
        (
            "overrides/hub/parts/deeper/footer.html",
            1,
            1,
            "a symbolic link to a file outside the repository is not read",
        ),
        ("overrides/hub/parts/elsewhere", 1, 1, "a symbolic link to a folder outside the repository is not read"),
        ("overrides/hub/people.md.j2", 1, 1, "a symbolic link to a file outside the repository is not read"),
    ]
    assert {p.hint for p in failed.value.problems} == {"copy what it points to into the repository, or remove the link"}


def test_a_templates_budget_is_named_in_seconds_as_a_reader_says_them() -> None:
    assert [sandbox.seconds(count) for count in (1, 5, 0.5, 2.5)] == [
        "1 second",
        "5 seconds",
        "0.5 seconds",
        "2.5 seconds",
    ]
