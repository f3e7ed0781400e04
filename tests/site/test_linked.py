"""Symbolic links on the way to what a site publishes: each one leading out of the repository named at itself."""

from __future__ import annotations

from pathlib import Path

from hub_build.site.linked import files_under, refused_links


def _layout(tmp_path: Path) -> tuple[Path, Path]:
    root, elsewhere = tmp_path / "hub", tmp_path / "elsewhere"
    (root / "docs" / "guides").mkdir(parents=True)
    (root / "docs" / "guides" / "start.md").write_text("# Start\n", encoding="utf-8")
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text("secret\n", encoding="utf-8")
    return root, elsewhere


def test_a_link_out_of_the_repository_is_named_where_it_sits_and_its_file_is_not_listed(tmp_path: Path) -> None:
    root, elsewhere = _layout(tmp_path)
    (root / "docs" / "guides" / "notes.md").symlink_to(elsewhere / "secret.md")

    problems = refused_links(root / "docs", root)

    assert [(problem.file, problem.message) for problem in problems] == [
        ("docs/guides/notes.md", "a symbolic link to a file outside the repository is not read")
    ]
    assert files_under(root / "docs", root) == [Path("guides/start.md")]


def test_in_a_folder_configured_outside_the_repository_the_link_out_is_named_not_a_folder_above_it(
    tmp_path: Path,
) -> None:
    # A theme's folder may be configured outside the hub; its own folders are read where they are.
    root, elsewhere = _layout(tmp_path)
    theme = tmp_path / "theme" / "partials"
    theme.mkdir(parents=True)
    (theme / "footer.html").symlink_to(elsewhere / "secret.md")

    problems = refused_links(tmp_path / "theme", root)

    assert [problem.file for problem in problems] == [str(theme / "footer.html")]


def test_a_folder_linked_out_of_the_repository_is_named_once_not_each_file_under_it(tmp_path: Path) -> None:
    root, elsewhere = _layout(tmp_path)
    (elsewhere / "more.md").write_text("more\n", encoding="utf-8")
    (root / "docs" / "guides" / "shared").symlink_to(elsewhere)

    problems = refused_links(root / "docs", root)

    assert [(problem.file, problem.message) for problem in problems] == [
        ("docs/guides/shared", "a symbolic link to a folder outside the repository is not read")
    ]


def test_a_file_read_through_a_linked_folder_is_refused_at_the_first_link_out_on_its_way(tmp_path: Path) -> None:
    from hub_build.site.linked import leaves, refused

    root, elsewhere = _layout(tmp_path)
    (elsewhere / "inner").mkdir()
    (elsewhere / "inner" / "page.md").write_text("outside\n", encoding="utf-8")
    (root / "overrides").symlink_to(elsewhere)  # the hub's top folder itself leads out
    read = root / "overrides" / "inner" / "page.md"

    assert leaves(read, root)
    assert refused(read, root).file == "overrides"
    assert refused(read, root).message == "a symbolic link to a folder outside the repository is not read"
    assert not leaves(root / "docs" / "guides" / "start.md", root)
