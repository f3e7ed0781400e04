"""YAML that cannot be parsed, said where an editor shows it, for a file the hub only checks
(mkdocs.yml) as for the playbook's own files."""

from __future__ import annotations

import pytest
import yaml

from hub_build.playbook.yaml_syntax import syntax_problem, yaml_problem


def test_tags_only_another_program_resolves_are_no_syntax_error() -> None:
    assert syntax_problem("site_name: !ENV [NAME, Hub]\nindex: !!python/name:a.b\n", "mkdocs.yml") is None


def test_a_syntax_error_is_placed_at_its_line_and_column_with_a_hint() -> None:
    problem = syntax_problem("site_name: Hub\nnav: [unclosed\n", "mkdocs.yml")

    assert problem is not None
    assert (problem.file, problem.line, problem.column) == ("mkdocs.yml", 3, 1)
    assert problem.message.startswith("YAML syntax error: did not find expected ',' or ']'")
    assert problem.hint == "a bracket [ or brace { is opened but never closed, or a comma is missing"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name: Zürich \x07\n", (1, 14, "the character U+0007 is not allowed in YAML")),  # counted in characters
        ("name: a\n---\nname: b\n", (2, 1, "cannot be read: but found another document")),
        ("name: !!binary 'not base64'\n", (1, 7, "cannot be read: failed to decode base64 data")),
    ],
    ids=["a character YAML refuses", "a second document", "a value its tag refuses"],
)
def test_what_a_pure_python_loader_refuses_is_placed_where_an_editor_shows_it(
    text: str, where: tuple[int, int, str]
) -> None:
    with pytest.raises(yaml.YAMLError) as refused:
        yaml.load(text, Loader=yaml.SafeLoader)  # counts positions its own way

    problem = yaml_problem(refused.value, text, "mkdocs.yml")

    assert (problem.line, problem.column, problem.message[: len(where[2])]) == where
    assert problem.is_error and problem.hint
