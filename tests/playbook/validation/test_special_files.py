"""Whatever sits in playbook/ (pipes, links, folders, hidden or oddly named files)
gets one line saying what it is and what to do, at once: nothing blocks, nothing
is skipped in silence."""

from __future__ import annotations

import os

import pytest

from hub_build.playbook.layout import discover
from tests.helpers import within

IDEA = "playbook/content/close-checklist.yaml"


def test_a_fifo_named_like_a_record_is_reported_without_blocking(hub):
    os.mkfifo(hub.path("playbook/content/pipe.yaml"))

    run = within(60, hub.validate)

    assert run.code == 1
    assert run.report == [
        "playbook/content/pipe.yaml:1:1: error: $: not a regular file (a pipe, a socket or a device), so it is not read",
        "    hint: playbook files are ordinary text files: remove this one",
    ]


def test_a_link_to_a_fifo_inside_the_repository_is_not_opened(hub):
    os.mkfifo(hub.path("pipe"))
    os.symlink(hub.path("pipe"), hub.path("playbook/content/linked.yaml"))

    run = within(60, hub.validate)

    assert run.report[0] == (
        "playbook/content/linked.yaml:1:1: error: $: "
        "not a regular file (a pipe, a socket or a device), so it is not read"
    )


def test_a_fifo_as_hub_yaml_is_reported_without_blocking(hub):
    hub.remove("hub.yaml")
    os.mkfifo(hub.path("hub.yaml"))

    run = within(60, hub.validate)

    assert (
        run.report[0] == "hub.yaml:1:1: error: $: not a regular file (a pipe, a socket or a device), so it is not read"
    )


def test_a_symbolic_link_loop_is_reported(hub):
    os.symlink("loop.yaml", hub.path("playbook/content/loop.yaml"))

    run = within(60, hub.validate)

    assert run.report == [
        "playbook/content/loop.yaml:1:1: error: $: a symbolic link that leads nowhere (missing target or a loop)",
        "    hint: remove the link, or replace it with the file itself",
    ]


def test_a_dangling_symbolic_link_is_reported(hub):
    os.symlink("gone.yaml", hub.path("playbook/content/dangling.yaml"))

    run = within(60, hub.validate)

    assert run.report[0] == (
        "playbook/content/dangling.yaml:1:1: error: $: a symbolic link that leads nowhere (missing target or a loop)"
    )


def test_a_link_to_a_file_inside_the_playbook_is_read(hub):
    os.rename(hub.path(IDEA), hub.path("playbook/real-idea.txt"))
    os.symlink(hub.path("playbook/real-idea.txt"), hub.path(IDEA))

    run = within(60, hub.validate)

    assert "playbook/real-idea.txt" in run.report[0]  # the stray target is named, the link itself is read
    assert not any(line.startswith(IDEA) for line in run.report)


@pytest.mark.parametrize(
    ("folder", "error", "line"),
    [
        (
            "playbook/terms",
            PermissionError(13, "Permission denied"),
            "playbook/terms:1:1: error: $: cannot read this folder (Permission denied)",
        ),
        # A nested folder is named whole, whatever letters its name ends with.
        (
            "playbook/content/INBOX",
            PermissionError(13, "Permission denied"),
            "playbook/content/INBOX:1:1: error: $: cannot read this folder (Permission denied)",
        ),
        # An error without a system message is named by its kind.
        ("playbook/terms", OSError(), "playbook/terms:1:1: error: $: cannot read this folder (OSError)"),
    ],
)
def test_an_unreadable_folder_is_reported(hub, monkeypatch, folder, error, line):
    # Tests run as root in CI, where permissions do not stop a read: refuse the listing instead.
    real_scandir = os.scandir
    hub.path(folder).mkdir(exist_ok=True)
    locked = str(hub.path(folder))

    def scandir(path):
        if os.fspath(path) == locked:
            raise error
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    run = within(60, hub.validate)

    # Terms left unread leave references to them unknown as well: those lines are not this test's.
    at = run.report.index(line)
    assert run.report[at + 1] == "    hint: check its permissions, or remove it from the playbook"


def test_a_file_that_cannot_be_opened_is_reported(hub, monkeypatch):
    real_open = os.open
    target = str(hub.path(IDEA))

    def refusing_open(path, flags, *args, **kwargs):
        if os.fspath(path) == target:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)

    run = within(60, hub.validate)

    assert run.report[:2] == [
        f"{IDEA}:1:1: error: $: cannot read the file (Permission denied)",
        "    hint: check that the file exists and that it can be read",
    ]


def test_an_empty_folder_named_like_a_record_is_reported(hub):
    hub.path("playbook/content/pricing-faq.yaml").mkdir()

    run = within(60, hub.validate)

    assert run.report == [
        "playbook/content/pricing-faq.yaml:1:1: error: $: a folder named like a playbook file is not read",
        "    hint: rename the folder, or replace it with the file it was meant to be",
    ]


def test_a_hidden_yaml_file_is_reported_not_skipped(hub):
    hub.write("playbook/content/.pricing-faq.yaml", "title: hidden\n")

    run = within(60, hub.validate)

    assert run.report == [
        "playbook/content/.pricing-faq.yaml:1:1: error: $: hidden files are not read, so this record is left out",
        "    hint: rename it without the leading dot: pricing-faq.yaml",
    ]


def test_other_hidden_files_are_left_alone(hub):
    hub.write("playbook/content/.gitkeep", "")
    hub.write("playbook/.DS_Store", "x")

    run = within(60, hub.validate)

    assert run.code == 0, run.report


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("new\nline.yaml", "new\\nline"),
        ("tab\there.yaml", "tab\\there"),
        ("bell\x07.yaml", "bell\\x07"),
    ],
)
def test_a_file_name_with_control_characters_stays_on_one_line(hub, name, shown):
    hub.write(f"playbook/content/{name}", "title: x\n")

    run = within(60, hub.validate)

    assert run.report == [
        f"playbook/content/{shown}.yaml:1:1: error: $: '{shown}' cannot be used as an id",
        "    hint: name the file in lower case with hyphens, for example 'pricing-faq.yaml'",
    ]


def test_a_hidden_yml_file_is_reported_not_skipped(hub):
    hub.write("playbook/terms/.pipeline.yml", "name: hidden\n")

    run = within(60, hub.validate)

    assert run.report == [
        "playbook/terms/.pipeline.yml:1:1: error: $: hidden files are not read, so this record is left out",
        "    hint: rename it without the leading dot: pipeline.yml",
    ]


def test_a_folder_named_like_a_yml_file_is_reported(hub):
    hub.path("playbook/terms/pipeline.yml").mkdir()

    run = within(60, hub.validate)

    assert run.report == [
        "playbook/terms/pipeline.yml:1:1: error: $: a folder named like a playbook file is not read",
        "    hint: rename the folder, or replace it with the file it was meant to be",
    ]


def test_the_layout_alone_keeps_a_pipe_or_a_link_to_one_from_the_loader(hub):
    # The loader refuses such a file too; this holds even without that second guard.
    os.mkfifo(hub.path("playbook/content/pipe.yaml"))
    os.mkfifo(hub.path("pipe"))
    os.symlink(hub.path("pipe"), hub.path("playbook/content/linked.yaml"))

    sources, problems = discover(hub.root)

    assert "playbook/content/close-checklist.yaml" in [source.file for source in sources]
    assert not {"playbook/content/pipe.yaml", "playbook/content/linked.yaml"} & {source.file for source in sources}
    assert [(problem.file, problem.message) for problem in problems] == [
        ("playbook/content/linked.yaml", "not a regular file (a pipe, a socket or a device), so it is not read"),
        ("playbook/content/pipe.yaml", "not a regular file (a pipe, a socket or a device), so it is not read"),
    ]


def test_a_file_name_with_a_second_dot_is_refused_as_an_id(hub):
    hub.write("playbook/content/pricing.faq.yaml", "title: x\n")

    run = within(60, hub.validate)

    assert run.report == [
        "playbook/content/pricing.faq.yaml:1:1: error: $: 'pricing.faq' cannot be used as an id",
        "    hint: name the file in lower case with hyphens, for example 'pricing-faq.yaml'",
    ]
