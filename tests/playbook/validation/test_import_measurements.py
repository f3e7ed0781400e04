"""`hub import measurements`: an export is checked against the playbook, then appended, or nothing is written."""

from __future__ import annotations

from tests.playbook.validation.conftest import TODAY, Hub


def test_a_clean_export_is_appended_to_the_quarters_file_and_checked(hub: Hub) -> None:
    export = hub.write(
        "exports/crm.csv",
        """
        Metric,Value,Period,Note
        mql,412,2026-01,
        mql-follow-up,3.5,2026-02,"Routing fixed, then faster"
    """,
    )
    run = hub.run("import", "measurements", str(export), "--root", str(hub.root), "--today", TODAY)
    assert run.code == 0, run.out + run.err
    assert run.lines[0] == "Imported 2 results into playbook/measurements/2026-q1.csv"
    assert run.lines[-1].startswith("ok: 0 errors, 0 warnings")
    assert hub.read("playbook/measurements/2026-q1.csv") == (
        'metric,period,value,note\nmql,2026-01,412\nmql-follow-up,2026-02,3.5,"Routing fixed, then faster"\n'
    )


def test_an_export_with_a_problem_writes_nothing_and_points_at_its_own_lines(hub: Hub) -> None:
    hub.write(
        "playbook/measurements/2026-q1.csv",
        """
        metric,period,value
        mql,2026-01,412
    """,
    )
    export = hub.write(
        "exports/crm.csv",
        """
        metric,period,value
        mql,2026-01,415
        mqll,2026-02,400
    """,
    )
    run = hub.run("import", "measurements", str(export), "--root", str(hub.root), "--today", TODAY, "--into", "2026-q1")
    assert run.code == 1
    assert run.lines == [
        "crm.csv:2:5: error: $.period: mql has a result for 2026-01 already",
        "    hint: the first is at playbook/measurements/2026-q1.csv:2; keep one of the two",
        "crm.csv:3:1: error: $.metric: unknown metric 'mqll'",
        "    hint: did you mean 'mql'?",
    ]
    assert run.err == "hub: nothing was imported\n"
    assert hub.read("playbook/measurements/2026-q1.csv") == "metric,period,value\nmql,2026-01,412\n"


def test_a_file_name_that_is_not_a_slug_is_refused(hub: Hub) -> None:
    export = hub.write("exports/crm.csv", "metric,period,value\nmql,2026-01,412\n")
    run = hub.run(
        "import", "measurements", str(export), "--root", str(hub.root), "--today", TODAY, "--into", "../escape"
    )
    assert run.code == 1
    assert run.lines == [
        "playbook/measurements/../escape.csv:1:1: error: '../escape' cannot be used as a file name",
        "    hint: name it in lower case with hyphens, for example 2026-q4",
    ]
    assert not hub.path("playbook/escape.csv").exists()
