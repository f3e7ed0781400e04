"""Every command prints a problem as `hub validate` does: `file:line:col: severity: message`, then its hint."""

from __future__ import annotations

from tests.playbook.validation.conftest import TODAY, Hub


def test_hub_import_measurements_prints_each_problem_with_its_severity_and_its_hint_below(hub: Hub) -> None:
    export = hub.write(
        "exports/crm.csv",
        """
        metric;period;value
        mql;2026-01;412
    """,
    )
    run = hub.run("import", "measurements", str(export), "--root", str(hub.root), "--today", TODAY)
    assert run.code == 1
    assert run.lines == [
        "crm.csv:1:7: error: the header's columns are not separated by commas",
        "    hint: this file is separated by semicolons; export it as comma-separated CSV, "
        "with the header metric,period,value,note",
    ]
    assert run.err == "hub: nothing was imported\n"


def test_hub_import_measurements_shows_a_hostile_note_escaped(hub: Hub) -> None:
    export = hub.write_bytes("exports/crm.csv", b"metric,period,value,note\nmql,2026-01,412,ok\x1b[2K\n")
    run = hub.run("import", "measurements", str(export), "--root", str(hub.root), "--today", TODAY)
    assert run.lines == [
        "crm.csv:2:19: error: control character U+001B in the line",
        "    hint: remove it: results are plain text",
    ]


def test_hub_new_refuses_a_misspelt_time_zone_with_the_closest_one(hub: Hub) -> None:
    run = hub.run(
        "new",
        "person",
        "--root",
        str(hub.root),
        "--no-input",
        "--name",
        "Ana Ruiz",
        "--role",
        "SDR",
        "--team",
        "sales",
        "--email",
        "ana@ledgerly.example",
        "--time-zone",
        "Europe/Berln",
        "--ask-about",
        "Outbound",
    )
    assert run.code == 2
    assert run.err.splitlines() == [
        "hub: error: time_zone 'Europe/Berln' is not an IANA time zone",
        "    hint: did you mean 'Europe/Berlin'?",
    ]
    assert not hub.path("playbook/people/ana-ruiz.yaml").exists()


def test_hub_new_shows_a_refused_answer_escaped(hub: Hub) -> None:
    run = hub.run(
        "new",
        "person",
        "--root",
        str(hub.root),
        "--no-input",
        "--name",
        "Ana Ruiz",
        "--role",
        "SDR",
        "--team",
        "sales\x1b[2K",
        "--email",
        "ana@ledgerly.example",
        "--time-zone",
        "Europe/Berlin",
        "--ask-about",
        "Outbound",
    )
    assert run.err == "hub: error: unknown team 'sales\\x1b[2K'; choose one of: sales, marketing\n"
