"""`hub import measurements` reads an export as spreadsheets write it."""

from __future__ import annotations

from tests.playbook.validation.conftest import TODAY, Hub


def test_a_note_with_a_line_break_in_quotes_is_imported_and_kept_in_quotes(hub: Hub) -> None:
    export = hub.write("exports/crm.csv", 'metric,period,value,note\nmql,2026-01,412,"Webinar week;\nlists cleaned"\n')
    run = hub.run("import", "measurements", str(export), "--root", str(hub.root), "--today", TODAY)
    assert run.code == 0, run.out + run.err
    assert hub.read("playbook/measurements/2026-q1.csv") == (
        'metric,period,value,note\nmql,2026-01,412,"Webinar week;\nlists cleaned"\n'
    )
    assert run.lines[-1].startswith("ok: 0 errors")
