"""Where files may live under playbook/, and how they must be named."""

from __future__ import annotations

import os

import pytest

LAYOUT_HINT = (
    "    hint: the playbook holds narrative.yaml, sla.yaml and the folders terms/, people/, onboarding/, content/"
)


def test_a_yml_file_is_refused_with_the_name_to_rename_it_to(hub):
    hub.path("playbook/content/close-checklist.yaml").rename(hub.path("playbook/content/close-checklist.yml"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yml:1:1: error: $: playbook files end in .yaml, not .yml",
        "    hint: rename it to close-checklist.yaml",
    ]


def test_narrative_yml_is_refused_with_the_name_to_rename_it_to(hub):
    hub.path("playbook/narrative.yaml").rename(hub.path("playbook/narrative.yml"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/narrative.yaml:1:1: error: $: the playbook has no narrative.yaml",
        "    hint: create playbook/narrative.yaml: `hub init DIR` writes one to fill in, `hub init --example DIR` a complete one",
        "playbook/narrative.yml:1:1: error: $: playbook files end in .yaml, not .yml",
        "    hint: rename it to narrative.yaml",
    ]


def test_a_file_name_with_capitals_and_spaces_cannot_be_an_id(hub):
    hub.path("playbook/content/close-checklist.yaml").rename(hub.path("playbook/content/Close Checklist.yaml"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/Close Checklist.yaml:1:1: error: $: 'Close Checklist' cannot be used as an id",
        "    hint: name the file in lower case with hyphens, for example 'pricing-faq.yaml'",
    ]


def test_a_stray_file_at_the_top_of_the_playbook_is_refused(hub):
    hub.write("playbook/notes.txt", "remember to update the SLA\n")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/notes.txt:1:1: error: $: this file is not part of the playbook's layout",
        LAYOUT_HINT,
    ]


def test_a_yaml_file_in_an_unknown_folder_is_refused(hub):
    hub.write("playbook/battlecards/acme.yaml", "name: Acme\n")

    run = hub.validate()

    assert run.report == [
        "playbook/battlecards/acme.yaml:1:1: error: $: this file is not part of the playbook's layout",
        LAYOUT_HINT,
    ]


def test_a_non_yaml_file_in_a_record_folder_is_refused(hub):
    hub.write("playbook/people/README.md", "# People\n")

    run = hub.validate()

    assert run.report == [
        "playbook/people/README.md:1:1: error: $: only .yaml files belong in the playbook",
        LAYOUT_HINT,
    ]


def test_hidden_files_are_ignored(hub):
    hub.write("playbook/.DS_Store", "\x00\x01")
    hub.write("playbook/content/.close-checklist.yaml.swp", "garbage")

    run = hub.validate()

    assert run.code == 0


def test_a_missing_narrative_is_reported(hub):
    hub.remove("playbook/narrative.yaml")
    hub.write(
        "playbook/content/close-checklist.yaml",
        """
        title: The five-day close checklist
        proposed_by: sam-ortiz
        proposed_on: 2026-02-01
        question: How do other controllers close in five days?
        persona: cfo
        stage: nowhere
        format: checklist
        status: proposed
    """,
    )

    run = hub.validate()

    # Without a narrative, persona and stage ids cannot be checked, so they are not reported.
    assert run.code == 1
    assert run.report == [
        "playbook/narrative.yaml:1:1: error: $: the playbook has no narrative.yaml",
        "    hint: create playbook/narrative.yaml: `hub init DIR` writes one to fill in, `hub init --example DIR` a complete one",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_to_a_file_outside_the_repository_is_refused(hub, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("name: Mallory\n", encoding="utf-8")
    hub.path("playbook/people/mallory.yaml").symlink_to(outside)

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/people/mallory.yaml:1:1: error: $: symbolic link to a file outside the repository is refused",
        "    hint: copy the content into the playbook instead of linking to it",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_to_a_file_inside_the_repository_is_followed(hub):
    hub.path("shared").mkdir()
    hub.path("playbook/people/sam-ortiz.yaml").rename(hub.path("shared/sam-ortiz.yaml"))
    hub.path("playbook/people/sam-ortiz.yaml").symlink_to(hub.path("shared/sam-ortiz.yaml"))

    run = hub.validate()

    assert run.code == 0


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlinked_folder_is_not_followed(hub, tmp_path):
    outside = tmp_path / "more-people"
    outside.mkdir()
    (outside / "mallory.yaml").write_text("name: Mallory\n", encoding="utf-8")
    hub.path("playbook/people/team-b").symlink_to(outside, target_is_directory=True)

    run = hub.validate()

    assert run.report == [
        "playbook/people/team-b:1:1: error: $: symbolic links are not followed in the playbook",
        "    hint: replace the link with the folder itself",
    ]
