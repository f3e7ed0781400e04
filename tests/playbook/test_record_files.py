"""Which record a file of the playbook holds: how `hub diff` tells a file Git moved or could not load as a record."""

from __future__ import annotations

import pytest

from hub_build.playbook.record_files import file_of, one_file, record_of


@pytest.mark.parametrize(
    ("file", "record"),
    [
        ("playbook/terms/mql.yaml", ("term", "mql")),
        ("playbook/people/maya-chen.yaml", ("person", "maya-chen")),
        ("playbook/onboarding/account-executive.yaml", ("track", "account-executive")),
        ("playbook/content/close-checklist.yaml", ("idea", "close-checklist")),
        ("playbook/sla.yaml", ("sla", "sla")),
        ("playbook/narrative.yaml", ("narrative", "narrative")),
    ],
)
def test_a_file_of_the_playbook_holds_the_record_its_place_names(file: str, record: tuple[str, str]) -> None:
    assert record_of(file) == record


@pytest.mark.parametrize(
    "file",
    [
        "docs/terms/mql.yaml",  # outside the playbook
        "playbook/terms/mql.md",  # not YAML
        "playbook/terms/old/mql.yaml",  # a folder inside a kind's folder
        "playbook/unknown.yaml",
        "playbook/unknown/mql.yaml",
        "playbook/sla.yaml/mql.yaml",  # a single-file kind's name as a folder
        "playbook/measurements/results.yaml",
    ],
)
def test_a_file_that_is_no_records_place_holds_none(file: str) -> None:
    assert record_of(file) is None


def test_a_records_file_is_named_from_its_kind_and_id() -> None:
    assert file_of("term")("mql") == "playbook/terms/mql.yaml"
    assert one_file("sla")("mql-follow-up") == "playbook/sla.yaml"
