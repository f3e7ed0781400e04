"""A text still saying "To fill in" is a reminder at the first one in its file, never a failure."""

from __future__ import annotations

from hub_build.cli.report import REMINDERS_HEADING
from hub_build.playbook.placeholders import placeholders
from tests.playbook.validation.conftest import Hub

MQL = "playbook/terms/mql.yaml"


def test_prompts_are_found_at_any_depth_in_the_files_order() -> None:
    data = {"a": "To fill in", "b": [{"c": "done"}, {"d": "  To fill in: more"}], "e": "Not To fill in", "f": 3}

    assert list(placeholders(data)) == [("a",), ("b", 1, "d")]


def test_a_file_with_prompts_is_one_reminder_counting_them_at_the_first(hub: Hub) -> None:
    hub.edit(MQL, "name: Marketing Qualified Lead", "name: 'To fill in: the name'")
    hub.edit(MQL, "    unit: MQLs", "    unit: 'To fill in: the unit'")

    run = hub.validate("--strict")

    assert run.code == 0
    assert run.report == [
        REMINDERS_HEADING,
        f'{MQL}:1:7: reminder: $.name: 2 texts in this file still say "To fill in"',
        '    hint: replace each "To fill in" with your own words, starting here; the site marks each one until then',
    ]
