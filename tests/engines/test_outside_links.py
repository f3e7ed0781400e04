"""A symbolic link in docs/ or in the theme's overrides that leads out of the repository
is refused with its own position, on every engine and in the export alike; a link that
stays inside the repository is published as the file it points to, by both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hub_build.engines.catalog import ENGINES
from tests.helpers import copy_hub, free_port, run_hub

SECRET = "TEXT-FROM-OUTSIDE-THE-REPOSITORY"
HINT = "copy what it points to into the repository, or remove the link"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the hub, as a build machine's home would be."""
    folder = tmp_path / "outside"
    (folder / "notes").mkdir(parents=True)
    (folder / "secret.md").write_text(f"# Secret\n\n{SECRET}\n", encoding="utf-8")
    (folder / "notes" / "more.md").write_text(f"# More\n\n{SECRET}\n", encoding="utf-8")
    (folder / "main.html").write_text(f"{{% extends 'base.html' %}}{SECRET}\n", encoding="utf-8")
    return folder


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    root = copy_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    (root / "overrides").mkdir()
    return root


def _link_outside(root: Path, outside: Path) -> None:
    (root / "docs" / "secret.md").symlink_to(outside / "secret.md")
    (root / "docs" / "notes").symlink_to(outside / "notes")
    (root / "overrides" / "main.html").symlink_to(outside / "main.html")


def _published(folder: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def test_export_refuses_each_link_out_of_the_repository_with_its_position_and_writes_nothing(
    hub: Path, outside: Path, tmp_path: Path
) -> None:
    _link_outside(hub, outside)

    completed = run_hub("export", str(tmp_path / "export"), cwd=hub)

    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        "docs/notes:1:1: error: a symbolic link to a folder outside the repository is not read",
        f"    hint: {HINT}",
        "docs/secret.md:1:1: error: a symbolic link to a file outside the repository is not read",
        f"    hint: {HINT}",
        "overrides/main.html:1:1: error: a symbolic link to a file outside the repository is not read",
        f"    hint: {HINT}",
        "hub: error: 3 symbolic link(s) lead out of the repository; nothing was exported",
    ]
    assert not (tmp_path / "export").exists()


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_a_build_refuses_each_link_out_of_the_repository_on_every_engine_and_keeps_the_site(
    hub: Path, outside: Path, engine: str
) -> None:
    if not ENGINES[engine].is_installed():
        pytest.skip(f"{engine} is not installed")
    assert run_hub("build", cwd=hub).returncode == 0
    index = (hub / "site" / "index.html").read_bytes()
    _link_outside(hub, outside)

    completed = run_hub("build", "--engine", engine, cwd=hub)

    assert completed.returncode == 1
    for link, kind in (("docs/notes", "folder"), ("docs/secret.md", "file"), ("overrides/main.html", "file")):
        assert (
            f"{link}:1:1: $: a symbolic link to a {kind} outside the repository is not read (hint: {HINT})"
        ) in completed.stderr
    assert "Traceback" not in completed.stderr
    assert (hub / "site" / "index.html").read_bytes() == index
    assert SECRET not in _published(hub / "site")


def test_a_link_to_an_override_outside_the_repository_in_a_subfolder_fails_the_build(hub: Path, outside: Path) -> None:
    parts = hub / "overrides" / "hub" / "parts"
    parts.mkdir(parents=True)
    (parts / "secret.html").symlink_to(outside / "secret.md")
    (hub / "overrides" / "hub" / "home.md.j2").write_text(
        "# Home\n\n{% include 'parts/secret.html' %}\n", encoding="utf-8"
    )
    config = hub / "mkdocs.yml"  # the theme's overrides elsewhere: the templates' own check refuses it
    config.write_text(config.read_text().replace("  custom_dir: overrides\n", ""))

    completed = run_hub("build", cwd=hub)

    assert completed.returncode == 1
    assert (
        "overrides/hub/parts/secret.html:1:1: $: a symbolic link to a file outside the repository is not read "
        f"(hint: {HINT})"
    ) in completed.stderr
    assert SECRET not in completed.stderr
    assert not (hub / "site").exists()


def test_links_that_stay_inside_the_repository_are_published_by_build_and_export_alike(
    hub: Path, tmp_path: Path
) -> None:
    (hub / "shared").mkdir()
    (hub / "shared" / "handbook.md").write_text("# Handbook\n\nShared inside the repository\n", encoding="utf-8")
    (hub / "docs" / "handbook.md").symlink_to(Path("..") / "shared" / "handbook.md")
    (hub / "docs" / "shared").symlink_to(hub / "shared")

    built = run_hub("build", cwd=hub)
    exported = run_hub("export", str(tmp_path / "export"), cwd=hub)

    assert built.returncode == 0, built.stderr
    assert exported.returncode == 0, exported.stderr
    assert "Shared inside the repository" in (hub / "site" / "handbook" / "index.html").read_text(encoding="utf-8")
    assert "Shared inside the repository" in (hub / "site" / "shared" / "handbook" / "index.html").read_text(
        encoding="utf-8"
    )
    for page in ("handbook.md", "shared/handbook.md"):
        # The page as written, then the "Something wrong or missing?" line every page ends with.
        assert (
            (tmp_path / "export" / "docs" / page)
            .read_text(encoding="utf-8")
            .startswith("# Handbook\n\nShared inside the repository\n")
        )


def test_a_docs_folder_that_is_itself_a_link_out_of_the_repository_is_refused(
    hub: Path, outside: Path, tmp_path: Path
) -> None:
    shutil.rmtree(hub / "docs")
    (hub / "docs").symlink_to(outside / "notes")

    completed = run_hub("export", str(tmp_path / "export"), cwd=hub)

    assert completed.returncode == 1
    assert completed.stderr.splitlines()[:2] == [
        "docs:1:1: error: a symbolic link to a folder outside the repository is not read",
        f"    hint: {HINT}",
    ]


def test_a_theme_template_linked_out_of_the_repository_after_the_check_is_not_read(
    tmp_path: Path, outside: Path
) -> None:
    import jinja2

    from hub_build.engines.mkdocs_setup import InsideRepository

    root = tmp_path / "hub"
    (root / "overrides").mkdir(parents=True)
    (root / "overrides" / "footer.html").write_text("footer inside\n", encoding="utf-8")
    (root / "overrides" / "shared.html").symlink_to(root / "overrides" / "footer.html")
    (root / "overrides" / "main.html").symlink_to(outside / "main.html")
    loader = InsideRepository(jinja2.FileSystemLoader([str(root / "overrides")]), root / "overrides", root)
    env = jinja2.Environment(loader=loader)

    assert env.get_template("shared.html").render() == "footer inside"
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("main.html")


def test_serve_refuses_a_link_out_of_the_repository_instead_of_serving_it(hub: Path, outside: Path) -> None:
    (hub / "docs" / "secret.md").symlink_to(outside / "secret.md")

    completed = run_hub("serve", "--dev-addr", f"127.0.0.1:{free_port()}", cwd=hub)

    assert completed.returncode == 1
    assert (
        f"docs/secret.md:1:1: $: a symbolic link to a file outside the repository is not read (hint: {HINT})"
    ) in completed.stderr
    assert SECRET not in completed.stderr + completed.stdout


def test_a_link_into_gits_own_folder_is_refused_like_one_out_of_the_repository(hub: Path, tmp_path: Path) -> None:
    (hub / ".git").mkdir()
    (hub / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic dG9rZW4=\n", encoding="utf-8")
    (hub / "docs" / "config.md").symlink_to(Path("..") / ".git" / "config")

    completed = run_hub("export", str(tmp_path / "export"), cwd=hub)

    assert completed.returncode == 1
    assert completed.stderr.splitlines()[:2] == [
        "docs/config.md:1:1: error: a symbolic link to a file outside the repository is not read",
        f"    hint: {HINT}",
    ]
