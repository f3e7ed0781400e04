"""Results in playbook/measurements/*.csv: each rule with the exact line it prints.

The minimal hub measures `mql` (a shared KPI: at least 400 MQLs a month) and
`mql-follow-up` (a commitment: at most 4 business hours, by the month); the
suite's day is 2026-03-01, so 2026-02 is the latest month that has ended.
"""

from __future__ import annotations

import datetime as dt

from hub_build.cli.report import REMINDERS_HEADING
from hub_build.playbook.problems import Problem, Severity
from hub_build.playbook.validation import validate_hub
from tests.playbook.validation.conftest import Hub

FILE = "playbook/measurements/2026-q1.csv"


def test_results_for_a_kpi_and_a_commitment_validate(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-01,412,
        mql,2026-02,398,"Webinar moved to March, so fewer sign-ups"
        mql-follow-up,2026-02,3.5
    """,
    )
    run = hub.validate()
    assert run.code == 0, run.out
    assert run.report == []


def test_a_hub_without_measurements_still_validates(hub: Hub) -> None:
    assert hub.validate().code == 0


def test_an_unknown_metric_gets_a_did_you_mean(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql-folow-up,2026-02,3
    """,
    )
    run = hub.validate()
    assert run.code == 1
    assert run.report == [
        f"{FILE}:2:1: error: $.metric: unknown metric 'mql-folow-up'",
        "    hint: did you mean 'mql-follow-up'?",
    ]


def test_a_period_written_for_another_cadence_says_how_the_metric_is_measured(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-Q1,1200
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:5: error: $.period: mql is measured by the month, not by the quarter",
        "    hint: write a month as 2026-03",
    ]


def test_a_period_that_does_not_exist_is_refused(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-13,400
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:5: error: $.period: '2026-13' is not a month",
        "    hint: write a month as 2026-03",
    ]


def test_a_period_that_has_not_ended_is_refused(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-03,10
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:5: error: $.period: 2026-03 has not ended yet (today is 2026-03-01)",
        "    hint: add a period's results once it is over",
    ]


def test_a_value_that_is_not_a_number_is_refused(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-02,"1,200"
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:13: error: $.value: '1,200' is not a number",
        "    hint: write the figure in MQLs as a plain number, for example 34.5, without thousands separators "
        "or currency signs",
    ]


def test_a_percent_sign_is_refused_for_a_count(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-02,95%
    """,
    )
    assert hub.validate().report[0] == f"{FILE}:2:13: error: $.value: '95%' is not a number"


def test_a_period_given_twice_points_at_the_first(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-02,410
    """,
    )
    hub.write(
        "playbook/measurements/late-corrections.csv",
        """
        metric,period,value
        mql,2026-01,405
        mql,2026-02,415
    """,
    )
    assert hub.validate().report == [
        "playbook/measurements/late-corrections.csv:3:5: error: $.period: mql has a result for 2026-02 already",
        f"    hint: the first is at {FILE}:2; keep one of the two",
    ]


def test_a_formula_in_a_note_is_refused(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-02,410,"=HYPERLINK(""http://evil.example"",""click"")"
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:17: error: $.note: the note starts with '=', which a spreadsheet runs as a formula",
        "    hint: start the note with a word",
    ]


def test_a_formula_as_the_value_is_not_a_number(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,2026-02,=cmd|' /C calc'!A0
    """,
    )
    assert hub.validate().report[0] == f"{FILE}:2:13: error: $.value: '=cmd|' /C calc'!A0' is not a number"


def test_an_unknown_column_gets_a_did_you_mean(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,valeu
        mql,2026-02,410
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:1:15: error: $: unknown column 'valeu'",
        "    hint: did you mean 'value'?",
    ]


def test_an_empty_file_says_what_the_header_is(hub: Hub) -> None:
    hub.write_bytes(FILE, b"")
    assert hub.validate().report == [
        f"{FILE}:1:1: error: $: the file has no header line",
        "    hint: start it with the line metric,period,value,note",
    ]


def test_an_unclosed_quote_is_pointed_at(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-02,410,"never closed
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:17: error: $: a quoted cell is never closed",
        '    hint: end it with a double quote; write a quote inside it as ""',
    ]


def test_a_control_character_is_refused_with_its_code(hub: Hub) -> None:
    hub.write_bytes(FILE, b"metric,period,value,note\nmql,2026-02,410,ok\x1b[31m\n")
    assert hub.validate().report == [
        f"{FILE}:2:19: error: $: control character U+001B in the line",
        "    hint: remove it: results are plain text",
    ]


def test_a_byte_order_mark_is_accepted(hub: Hub) -> None:
    hub.write_bytes(FILE, b"\xef\xbb\xbfmetric,period,value\r\nmql,2026-02,410\r\n")
    assert hub.validate().code == 0


def test_a_file_in_another_encoding_is_refused_with_its_position(hub: Hub) -> None:
    hub.write_bytes(FILE, "metric,period,value,note\nmql,2026-02,410,Zürich\n".encode("latin-1"))
    assert hub.validate().report == [
        f"{FILE}:2:18: error: $: file is not UTF-8 text (byte 0xFC cannot be read)",
        "    hint: save the file with UTF-8 encoding (most editors offer it under 'Save with encoding')",
    ]


def test_a_huge_file_is_refused_without_reading_it_all(hub: Hub) -> None:
    hub.write_bytes(FILE, b"metric,period,value\n" + b"mql,2026-02,410\n" * 40_000)
    assert hub.validate().report == [
        f"{FILE}:1:1: error: $: file is too large (640,020 bytes; the limit is 262,144)",
        "    hint: split it into smaller files, or raise max_file_kb in hub.yaml",
    ]


def test_a_file_that_is_not_csv_is_refused(hub: Hub) -> None:
    hub.write("playbook/measurements/2026-q1.xlsx", "not a spreadsheet")
    assert hub.validate().report == [
        "playbook/measurements/2026-q1.xlsx:1:1: error: $: only .csv files of results belong in playbook/measurements/",
        "    hint: export the results as CSV with the columns metric,period,value,note",
    ]


def test_a_commitment_the_hub_measures_itself_refuses_hand_entered_results(hub: Hub) -> None:
    hub.edit("playbook/sla.yaml", "    measured_by: mql\n", "    measured_by: mql\n    measured_from: ideas-proposed\n")
    hub.write(
        FILE,
        """
        metric,period,value
        mql-follow-up,2026-02,3
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:1: error: $.metric: mql-follow-up is measured by the hub from the playbook, not by hand",
        "    hint: remove the row: the scorecard counts it from the content ideas",
    ]


def test_an_idea_waiting_past_the_promised_time_is_a_reminder_naming_who_decides(hub: Hub) -> None:
    # close-checklist was proposed on 2026-02-01 (a Sunday): 20 business days by 2026-03-01.
    hub.edit("playbook/sla.yaml", "    from: sales\n    to: marketing\n", "    from: marketing\n    to: sales\n")
    hub.edit(
        "playbook/sla.yaml", "    measured_by: mql\n", "    measured_by: mql\n    measured_from: idea-decision-days\n"
    )
    hub.edit(
        "playbook/sla.yaml",
        "      value: 4\n      unit: business hours\n",
        "      value: 10\n      unit: business days\n",
    )
    run = hub.validate()
    assert run.code == 0
    assert run.report == [
        REMINDERS_HEADING,
        "playbook/content/close-checklist.yaml:9:9: reminder: $.status: waiting 20 business days for a decision; "
        "the SLA promises one within 10 (mql-follow-up)",
        "    hint: Maya Chen (marketing) to accept it with an owner or decline it with a reason",
    ]


def test_a_decision_dated_before_the_proposal_is_refused(hub: Hub) -> None:
    hub.edit(
        "playbook/content/close-checklist.yaml",
        "status: proposed\n",
        "status: accepted\nowner: maya-chen\ndecided_on: 2026-01-15\n",
    )
    assert hub.validate().report == [
        "playbook/content/close-checklist.yaml:11:13: error: $.decided_on: decided on 2026-01-15 but proposed on "
        "2026-02-01",
        "    hint: an idea is decided on or after the day it was proposed",
    ]


def test_a_quoted_cell_reads_a_doubled_quote_as_one_and_ends_before_the_next_cell(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value,note
        mql,2026-02,"4""1","a note"
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:13: error: $.value: '4\"1' is not a number",
        "    hint: write the figure in MQLs as a plain number, for example 34.5, without thousands separators "
        "or currency signs",
    ]


def test_a_long_unknown_metric_is_shown_cut_after_sixty_characters(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        MQLs from the February webinar series that sales followed up,2026-02,40
        MQLs from the February webinar series that sales followed up.,2026-02,40
    """,
    )
    hint = "    hint: use the id of a shared KPI (a term with kpi) or of an SLA commitment with a target"
    assert hub.validate().report == [
        f"{FILE}:2:1: error: $.metric: unknown metric 'MQLs from the February webinar series that sales followed up'",
        hint,
        f"{FILE}:3:1: error: $.metric: unknown metric 'MQLs from the February webinar series that sales followed up…'",
        hint,
    ]


def test_a_tab_in_an_unknown_metric_is_shown_escaped_and_an_accent_as_it_is(hub: Hub) -> None:
    hub.write_bytes(FILE, "metric,period,value\nmql\tup,2026-02,40\nmql-é,2026-02,40\n".encode())
    assert hub.validate().report == [
        f"{FILE}:2:1: error: $.metric: unknown metric 'mql\\tup'",
        "    hint: did you mean 'mql'?",
        f"{FILE}:3:1: error: $.metric: unknown metric 'mql-é'",
        "    hint: did you mean 'mql'?",
    ]


def test_a_period_written_in_words_is_refused_with_how_to_write_it(hub: Hub) -> None:
    hub.write(
        FILE,
        """
        metric,period,value
        mql,March 2026,400
    """,
    )
    assert hub.validate().report == [
        f"{FILE}:2:5: error: $.period: 'March 2026' is not a month",
        "    hint: write a month as 2026-03",
    ]


ANA_LEE = """
    name: Ana Lee
    role: Demand Generation Manager
    team: marketing
    email: ana.lee@ledgerly.example
    time_zone: Europe/Berlin
    ask_about:
      - Webinars
"""


def _promise_a_decision_within_ten_business_days(hub: Hub, clause_from: str) -> None:
    """mql-follow-up becomes a promise to decide on ideas; close-checklist has waited 20 business days."""
    hub.edit("playbook/sla.yaml", "    from: sales\n    to: marketing\n", clause_from)
    hub.edit(
        "playbook/sla.yaml", "    measured_by: mql\n", "    measured_by: mql\n    measured_from: idea-decision-days\n"
    )
    hub.edit(
        "playbook/sla.yaml",
        "      value: 4\n      unit: business hours\n",
        "      value: 10\n      unit: business days\n",
    )


WAITING = (
    "playbook/content/close-checklist.yaml:9:9: reminder: $.status: waiting 20 business days for a decision; "
    "the SLA promises one within 10 (mql-follow-up)"
)


def test_an_idea_waiting_on_a_commitment_with_two_contacts_names_both(hub: Hub) -> None:
    hub.write("playbook/people/ana-lee.yaml", ANA_LEE)
    _promise_a_decision_within_ten_business_days(
        hub, "    from: marketing\n    to: sales\n    contacts:\n      - maya-chen\n      - ana-lee\n"
    )
    run = hub.validate()
    assert run.code == 0
    assert run.report == [
        REMINDERS_HEADING,
        WAITING,
        "    hint: Maya Chen (marketing) or Ana Lee (marketing) to accept it with an owner or decline it with a reason",
    ]


def test_a_contact_of_the_committing_team_decides_even_when_not_a_signatory(hub: Hub) -> None:
    hub.write("playbook/people/ana-lee.yaml", ANA_LEE)
    _promise_a_decision_within_ten_business_days(
        hub, "    from: marketing\n    to: sales\n    contacts:\n      - ana-lee\n"
    )
    assert hub.validate().report == [
        REMINDERS_HEADING,
        WAITING,
        "    hint: Ana Lee (marketing) to accept it with an owner or decline it with a reason",
    ]


def test_an_idea_waiting_on_a_team_nobody_signed_for_names_the_team(hub: Hub) -> None:
    hub.write(
        "playbook/people/ana-lee.yaml",
        """
        name: Ana Lee
        role: Sales Development Representative
        team: sales
        email: ana.lee@ledgerly.example
        time_zone: Europe/Berlin
        ask_about:
          - Booking first meetings
    """,
    )
    hub.edit("playbook/sla.yaml", "  - person: maya-chen\n", "  - person: ana-lee\n")
    _promise_a_decision_within_ten_business_days(hub, "    from: marketing\n    to: sales\n")
    assert hub.validate().report == [
        "playbook/sla.yaml:5:3: error: $.signatories: the SLA has no signatory from the marketing team",
        "    hint: both teams sign the agreement: add someone from marketing",
        REMINDERS_HEADING,
        WAITING,
        "    hint: the marketing team to accept it with an owner or decline it with a reason",
    ]


def test_an_idea_waiting_on_a_commitment_of_no_team_and_no_known_signatory_asks_the_owning_team(hub: Hub) -> None:
    hub.edit("playbook/sla.yaml", "  - person: sam-ortiz\n", "  - person: tom-lee\n")
    hub.edit("playbook/sla.yaml", "  - person: maya-chen\n", "  - person: ana-lee\n")
    _promise_a_decision_within_ten_business_days(hub, "")
    assert hub.validate().report == [
        "playbook/sla.yaml:5:13: error: $.signatories[0].person: unknown person 'tom-lee'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
        "playbook/sla.yaml:7:13: error: $.signatories[1].person: unknown person 'ana-lee'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
        "playbook/sla.yaml:10:5: error: $.clauses[0]: a commitment clause must say which team it goes from",
        "    hint: add 'from: sales' or 'from: marketing'",
        "playbook/sla.yaml:10:5: error: $.clauses[0]: a commitment clause must say which team it goes to",
        "    hint: add 'to: sales' or 'to: marketing'",
        REMINDERS_HEADING,
        WAITING,
        "    hint: the owning team to accept it with an owner or decline it with a reason",
    ]


def test_an_idea_waiting_for_a_decision_is_a_reminder_that_never_fails_a_check(hub: Hub) -> None:
    _promise_a_decision_within_ten_business_days(hub, "    from: marketing\n    to: sales\n")
    assert validate_hub(hub.root, today=dt.date(2026, 3, 1)).problems == [
        Problem(
            "playbook/content/close-checklist.yaml",
            9,
            9,
            "waiting 20 business days for a decision; the SLA promises one within 10 (mql-follow-up)",
            severity=Severity.REMINDER,
            path="$.status",
            hint="Maya Chen (marketing) to accept it with an owner or decline it with a reason",
        ),
    ]


def test_a_decision_on_the_day_of_the_proposal_is_accepted(hub: Hub) -> None:
    hub.edit(
        "playbook/content/close-checklist.yaml",
        "status: proposed\n",
        "status: accepted\nowner: maya-chen\ndecided_on: 2026-02-01\n",
    )
    assert hub.validate().report == []


def test_an_idea_decided_without_a_date_is_not_waiting(hub: Hub) -> None:
    _promise_a_decision_within_ten_business_days(hub, "    from: marketing\n    to: sales\n")
    hub.edit("playbook/content/close-checklist.yaml", "status: proposed\n", "status: accepted\nowner: maya-chen\n")
    assert hub.validate().report == []
