"""Which files `hub export` writes again into an earlier export, and which it removes.

A watching engine (Zensical under `hub serve`) rebuilds every page whose file changed,
so an export writes only the files whose bytes changed; and it removes only what it
wrote itself before and no longer needs. Run in this process, as `hub serve` runs it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import urllib.parse
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from hub_build.engines import site_folder
from hub_build.engines.export import ExportFailed, export_site
from hub_build.engines.mkdocs_needs import FEATURES
from hub_build.site.description import DEFAULT_DOCS
from tests.helpers import REPO, copy_hub

IDEA = "playbook/content/cfo-one-pager.yaml"
PAGE = "docs/ideas/cfo-one-pager.md"
LONG_AGO = 10**9 * 10**9  # 2001, in nanoseconds


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return copy_hub(tmp_path / "hub")


@pytest.fixture
def exported(hub: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    export_site(hub, folder)
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(LONG_AGO, LONG_AGO))
    return folder


def _times(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and p.name != site_folder.MARKER
    }


def test_exporting_an_unchanged_hub_again_writes_no_file(hub: Path, exported: Path) -> None:
    export_site(hub, exported)

    assert set(_times(exported).values()) == {LONG_AGO}


def test_exporting_again_after_a_save_writes_only_the_pages_that_show_it(hub: Path, exported: Path) -> None:
    idea = hub / IDEA
    idea.write_text(idea.read_text(encoding="utf-8").replace("title: ", "title: Renamed — ", 1), encoding="utf-8")

    export_site(hub, exported)

    rewritten = {name for name, time in _times(exported).items() if time != LONG_AGO}
    assert PAGE in rewritten
    assert "Renamed — " in (exported / PAGE).read_text(encoding="utf-8")
    assert "docs/glossary.md" not in rewritten
    assert "mkdocs.yml" not in rewritten


def test_a_link_in_place_of_one_of_the_exports_files_is_refused_and_what_it_leads_to_kept(
    hub: Path, exported: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("someone's notes", encoding="utf-8")
    (exported / PAGE).unlink()
    (exported / PAGE).symlink_to(elsewhere)

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, exported)

    (problem,) = failed.value.problems
    assert (problem.file, problem.message) == (
        (exported / PAGE).as_posix(),
        "this is a symbolic link: the hub does not write through links",
    )
    assert str(failed.value) == "a file of the export could not be written"
    assert elsewhere.read_text(encoding="utf-8") == "someone's notes"


def test_the_marker_lists_every_file_the_export_wrote(hub: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"

    export = export_site(hub, folder)

    assert site_folder.written_before(folder) == set(export.files)
    assert set(export.files) == set(_times(folder))


def test_a_theme_file_the_last_export_wrote_and_this_one_does_not_is_removed(hub: Path, exported: Path) -> None:
    (exported / "overrides" / "partials" / "old.html").parent.mkdir(parents=True, exist_ok=True)
    (exported / "overrides" / "partials" / "old.html").write_text("<p>old</p>", encoding="utf-8")
    site_folder.mark(exported, [*site_folder.written_before(exported), "overrides/partials/old.html"])

    export_site(hub, exported)

    assert not (exported / "overrides" / "partials" / "old.html").exists()
    assert (exported / "overrides" / "main.html").is_file()


def test_a_deleted_records_page_is_removed_with_the_folders_it_leaves_empty(hub: Path, exported: Path) -> None:
    (exported / "docs" / "ideas" / "gone" / "deep").mkdir(parents=True)
    (exported / "docs" / "ideas" / "gone" / "deep" / "page.md").write_text("an old page", encoding="utf-8")
    site_folder.mark(exported, [*site_folder.written_before(exported), "docs/ideas/gone/deep/page.md"])
    (hub / IDEA).unlink()

    export_site(hub, exported)

    assert not (exported / PAGE).exists()
    assert not (exported / "docs" / "ideas" / "gone").exists()
    assert (exported / "docs" / "ideas").is_dir()  # other ideas' pages are still in it


def test_only_files_the_export_wrote_inside_its_own_folders_are_removed(
    hub: Path, exported: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "page.md").write_text("not the hub's", encoding="utf-8")
    (exported / "docs" / "linked").symlink_to(outside)
    (exported / "docs" / "link.md").symlink_to(outside / "page.md")
    (exported / "notes.txt").write_text("the user's", encoding="utf-8")
    (exported / "docs" / "folder.md").mkdir()
    listed = ["docs/linked/page.md", "docs/link.md", "notes.txt", "docs/folder.md", "docs/missing.md"]
    site_folder.mark(exported, [*site_folder.written_before(exported), *listed])

    export_site(hub, exported)

    assert (outside / "page.md").read_text(encoding="utf-8") == "not the hub's"
    assert (exported / "docs" / "link.md").is_symlink()
    assert (exported / "notes.txt").is_file()
    assert (exported / "docs" / "folder.md").is_dir()


def test_an_export_of_a_folder_with_no_playbook_says_where_to_run_it(hub: Path, tmp_path: Path) -> None:
    shutil.rmtree(hub / "playbook")

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "out")

    assert failed.value.problems == []
    assert str(failed.value) == (
        f"{hub} has no playbook/ folder: run this in the root of a hub, or pass --root; `hub init` starts a new hub"
    )


def test_an_export_publishes_the_schemas_under_the_sites_address(hub: Path, tmp_path: Path) -> None:
    config = hub / "mkdocs.yml"
    config.write_text("site_url: https://hub.example.com/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")

    export_site(hub, tmp_path / "export")

    schema = json.loads((tmp_path / "export" / "docs" / "schemas" / "idea.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "https://hub.example.com/schemas/idea.schema.json"


class _NamesKept(yaml.SafeLoader):
    """Reads MkDocs' `!!python/name:` values as the names they are."""


_NamesKept.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


def _config(path: Path) -> dict[str, Any]:
    return cast(dict[str, Any], yaml.load(path.read_text(encoding="utf-8"), Loader=_NamesKept))


def test_an_export_keeps_the_theme_features_the_hub_chose_and_adds_those_its_pages_need(
    hub: Path, tmp_path: Path
) -> None:
    chosen = _config(hub / "mkdocs.yml")
    export_site(hub, tmp_path / "export")

    exported = _config(tmp_path / "export" / "mkdocs.yml")
    assert chosen["theme"]["features"]
    assert exported["theme"]["features"] == [
        *chosen["theme"]["features"],
        *(feature for feature in FEATURES if feature not in chosen["theme"]["features"]),
    ]


def test_an_export_carries_the_hubs_theme_overrides_and_its_docs_from_the_folder_it_names(
    hub: Path, tmp_path: Path
) -> None:
    config = hub / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    config.write_text("docs_dir: pages\n" + text, encoding="utf-8")
    (hub / "docs").rename(hub / "pages")
    (hub / "overrides" / "partials").mkdir(parents=True)
    (hub / "overrides" / "partials" / "footer.html").write_text("<footer>Ours</footer>\n", encoding="utf-8")
    (hub / "pages" / "propose.md").write_text("# Propose, as this hub says it\n", encoding="utf-8")

    export_site(hub, tmp_path / "export")

    exported = _config(tmp_path / "export" / "mkdocs.yml")
    assert exported["docs_dir"] == "docs"
    assert (tmp_path / "export" / "docs" / "propose.md").read_text().startswith("# Propose, as this hub says it\n")
    assert (tmp_path / "export" / "overrides" / "partials" / "footer.html").read_text() == "<footer>Ours</footer>\n"


def test_an_exported_records_page_is_edited_where_edit_uri_says(hub: Path, tmp_path: Path) -> None:
    config = hub / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("edit/main/docs/", "edit/trunk/docs/"), encoding="utf-8"
    )

    export_site(hub, tmp_path / "export")

    page = (tmp_path / "export" / "docs" / "ideas" / "cfo-one-pager.md").read_text(encoding="utf-8")
    front_matter = json.loads(page.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert front_matter["edit_url"] == (
        "https://github.com/quillstone/revenue-hub/edit/trunk/playbook/content/cfo-one-pager.yaml"
    )


def test_an_export_keeps_the_hubs_own_plugins_and_scripts_and_names_the_functions_it_configures(
    hub: Path, tmp_path: Path
) -> None:
    config = hub / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("\nnav:\n", "\nextra_javascript:\n  - js/ours.js\nnav:\n")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - tags\n  - search\n"), encoding="utf-8")

    export_site(hub, tmp_path / "export")

    written = (tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8")
    exported = _config(tmp_path / "export" / "mkdocs.yml")
    assert exported["plugins"] == ["tags"]  # not the hub's plugin, nor the theme's search: Pagefind's is built in
    assert exported["extra_javascript"][0] == "js/ours.js"
    assert "hub-assets/hub.js" in exported["extra_javascript"]
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in written
    assert exported["site_dir"] == "site"
    assert (exported["theme"]["name"], exported["theme"]["custom_dir"]) == ("material", "overrides")
    assert exported["extra"]["hub_feeds"][0] == {
        "path": "feeds/ideas.xml",
        "type": "application/atom+xml",
        "title": "Content ideas",
    }


def test_an_export_of_a_configuration_that_is_not_utf_8_says_it_cannot_read_it(hub: Path, tmp_path: Path) -> None:
    (hub / "mkdocs.yml").write_bytes(b"site_name: Caf\xe9\n")

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "export")

    assert str(failed.value).startswith("cannot read mkdocs.yml: 'utf-8' codec can't decode byte 0xe9")
    assert failed.value.problems == []  # no record is at fault: the reason alone is said


def test_an_export_judges_what_waits_as_of_the_day_the_plugin_names(hub: Path, tmp_path: Path) -> None:
    export_site(hub, tmp_path / "export")  # the copied hub's plugin names 23 November 2026

    page = (tmp_path / "export" / "docs" / "ideas" / "cfo-one-pager.md").read_text(encoding="utf-8")
    assert "Waiting **9 business days** for a decision" in page  # proposed on 10 November


def test_an_export_publishes_a_page_the_hub_has_no_file_for_as_shipped_with_the_hub(hub: Path, tmp_path: Path) -> None:
    (hub / "docs" / "propose.md").unlink()

    export_site(hub, tmp_path / "export")

    page = (tmp_path / "export" / "docs" / "propose.md").read_text(encoding="utf-8")
    assert (DEFAULT_DOCS / "propose.md").read_text(encoding="utf-8").startswith("# Propose a content idea\n")
    assert "\n# Propose a content idea\n" in page
    assert 'class="hub-correction"' in page  # "Something wrong or missing?", titled by the page's heading
    front_matter = page.removeprefix("---\n").split("\n---\n", 1)[0]
    assert yaml.safe_load(front_matter) == {"edit_url": ""}  # no file in the hub to edit: no "Edit this page"


NEW_IDEA = "https://github.com/quillstone/revenue-hub/new/main/playbook/content?"


def test_an_export_fills_the_new_idea_button_into_the_hubs_own_page(hub: Path, tmp_path: Path) -> None:
    export_site(hub, tmp_path / "export")

    page = (tmp_path / "export" / "docs" / "propose.md").read_text(encoding="utf-8")
    assert "<!-- hub:new-idea-button -->" not in page
    assert f"[:material-file-plus: Propose an idea in your browser]({NEW_IDEA}" in page


def test_an_exported_page_without_a_heading_is_corrected_under_its_file_name(hub: Path, tmp_path: Path) -> None:
    (hub / "docs" / "field-notes.md").write_text("Notes from the field, no heading.\n", encoding="utf-8")

    export_site(hub, tmp_path / "export")

    page = (tmp_path / "export" / "docs" / "field-notes.md").read_text(encoding="utf-8")
    assert "Something wrong or missing?" in page
    assert "Field notes" in urllib.parse.unquote_plus(page.rsplit("Something wrong or missing?", 1)[1])


def test_an_export_fills_the_new_idea_button_into_the_page_shipped_with_the_hub(hub: Path, tmp_path: Path) -> None:
    (hub / "docs" / "propose.md").unlink()

    export_site(hub, tmp_path / "export")

    page = (tmp_path / "export" / "docs" / "propose.md").read_text(encoding="utf-8")
    assert "<!-- hub:new-idea-button -->" not in page
    assert f"[:material-file-plus: Propose an idea in your browser]({NEW_IDEA}" in page


def test_an_export_of_a_playbook_with_errors_gives_them_and_writes_nothing(hub: Path, tmp_path: Path) -> None:
    idea = hub / IDEA
    idea.write_text(idea.read_text(encoding="utf-8").replace("status:", "statut:"), encoding="utf-8")

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "export")

    assert str(failed.value) == f"the playbook has {len(failed.value.problems)} error(s)"
    assert {problem.file for problem in failed.value.problems} == {IDEA}
    assert all(problem.is_error for problem in failed.value.problems)
    assert not (tmp_path / "export").exists()


def test_an_export_refuses_each_link_out_of_the_repository_and_writes_nothing(hub: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (tmp_path / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    (hub / "docs" / "secret.md").symlink_to(tmp_path / "secret.md")
    (hub / "overrides").mkdir(exist_ok=True)
    (hub / "overrides" / "main.html").symlink_to(tmp_path / "main.html")
    config = hub / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), encoding="utf-8"
    )

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "export")

    assert str(failed.value) == "2 symbolic link(s) lead out of the repository"
    assert [problem.file for problem in failed.value.problems] == ["docs/secret.md", "overrides/main.html"]
    assert not (tmp_path / "export").exists()


def test_a_file_of_the_hubs_docs_that_is_not_a_page_is_exported_byte_for_byte(hub: Path, tmp_path: Path) -> None:
    picture = bytes(range(256)) * 4  # not text in any encoding
    (hub / "docs" / "images").mkdir()
    (hub / "docs" / "images" / "funnel.png").write_bytes(picture)

    export = export_site(hub, tmp_path / "export")

    assert (tmp_path / "export" / "docs" / "images" / "funnel.png").read_bytes() == picture
    assert "docs/images/funnel.png" in export.files


@pytest.mark.parametrize("page", ["propose.md", None], ids=["the hub's own page", "the page shipped with the hub"])
def test_where_the_hub_has_an_idea_form_an_export_puts_its_button_first(
    hub: Path, tmp_path: Path, page: str | None
) -> None:
    form = hub / ".github" / "ISSUE_TEMPLATE" / "propose-idea.yml"
    form.parent.mkdir(parents=True, exist_ok=True)
    form.write_text(
        (REPO / ".github" / "ISSUE_TEMPLATE" / "propose-idea.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    if page is None:
        (hub / "docs" / "propose.md").unlink()

    export_site(hub, tmp_path / "export")

    text = (tmp_path / "export" / "docs" / "propose.md").read_text(encoding="utf-8")
    form_button = text.index("[:material-form-select: Propose an idea with a form](https://github.com/quillstone/")
    assert form_button < text.index(f"[:material-file-plus: Write the file in GitHub's editor]({NEW_IDEA}")


def test_an_export_whose_template_fails_says_so_and_where_and_writes_nothing(hub: Path, tmp_path: Path) -> None:
    own = hub / "overrides" / "hub"
    own.mkdir(parents=True)
    (own / "glossary.md.j2").write_text("# Glossary\n\n{{ no_such_thing.anywhere }}\n", encoding="utf-8")

    with pytest.raises(ExportFailed) as failed:
        export_site(hub, tmp_path / "export")

    assert str(failed.value) == "a template failed"
    assert [problem.file for problem in failed.value.problems] == ["overrides/hub/glossary.md.j2"]
    assert not (tmp_path / "export").exists()


def test_an_export_counts_the_generated_pages_it_wrote_not_those_the_hubs_docs_replace(
    hub: Path, tmp_path: Path
) -> None:
    from hub_build.playbook.validation import validate_hub
    from hub_build.site.description import SiteSettings, describe

    (hub / "docs" / "glossary.md").write_text("# Our own glossary\n", encoding="utf-8")

    export = export_site(hub, tmp_path / "export")

    today = dt.date(2026, 11, 23)  # the day the copied hub's plugin names
    generated = describe(
        validate_hub(hub, today=today), SiteSettings(root=hub, docs_dir=hub / "docs", today=today)
    ).pages
    assert export.pages == len(generated) - 1 > 40


def test_a_shipped_page_with_front_matter_of_its_own_keeps_it_under_the_empty_edit_address() -> None:
    from hub_build.engines.export import _with_front_matter

    page = _with_front_matter("---\ntitle: Propose\n---\n\n# Propose\n", 'edit_url: ""')

    front_matter, body = page.removeprefix("---\n").split("\n---\n", 1)
    assert yaml.safe_load(front_matter) == {"edit_url": "", "title": "Propose"}
    assert body == "\n# Propose\n"
