"""Files that are valid YAML but break their JSON Schema: one line per problem, pointing at the field."""

from __future__ import annotations

import datetime as dt

from hub_build.playbook.validation import validate_hub

IDEA = "playbook/content/close-checklist.yaml"
TRACK = "playbook/onboarding/account-executive.yaml"


def test_an_unknown_field_is_reported_at_its_key_with_a_did_you_mean_hint(hub):
    hub.write(
        IDEA,
        """
        titel: The five-day close checklist
        proposed_by: sam-ortiz
        proposed_on: 2026-02-01
        question: How do other controllers close in five days?
        persona: controller
        stage: awareness
        format: checklist
        status: proposed
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:1: error: $: missing required field 'title'",
        "    hint: A working title for the piece.",
        "playbook/content/close-checklist.yaml:1:1: error: $.titel: unknown field 'titel'",
        "    hint: did you mean 'title'?",
    ]


def test_an_unknown_field_unlike_any_other_lists_the_allowed_fields(hub):
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales\n", "team: sales\nshoe_size: 44\n")

    run = hub.validate()

    assert run.report == [
        "playbook/people/sam-ortiz.yaml:4:1: error: $.shoe_size: unknown field 'shoe_size'",
        "    hint: allowed fields: name, role, team, group, email, chat, github, time_zone, location, ask_about, bio",
    ]


def test_a_missing_required_field_is_reported_on_the_record_with_the_fields_description(hub):
    hub.write(
        IDEA,
        """
        title: The five-day close checklist
        proposed_by: sam-ortiz
        proposed_on: 2026-02-01
        persona: controller
        stage: awareness
        format: checklist
        status: proposed
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:1:1: error: $: missing required field 'question'",
        "    hint: The customer question or insight behind the idea, in the customer's words where possible."
        " Markdown formatting (bold, lists, links) is allowed.",
    ]


def test_a_missing_field_inside_a_list_item_points_at_that_item(hub):
    hub.edit("playbook/narrative.yaml", "    role: Financial controller\n", "")

    run = hub.validate()

    assert run.report == [
        "playbook/narrative.yaml:16:5: error: $.personas[0]: missing required field 'role'",
        "    hint: Typical job titles.",
    ]


def test_a_value_of_the_wrong_type_names_what_was_expected_and_found(hub):
    hub.edit(
        "playbook/people/sam-ortiz.yaml",
        "ask_about:\n  - Running a proof of value\n",
        "ask_about: Running a proof of value\n",
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/people/sam-ortiz.yaml:6:12: error: $.ask_about: expected a list, found 'Running a proof of value'",
        "    hint: Topics colleagues should bring to this person: what they know best.",
    ]


def test_a_version_that_is_not_dotted_numbers_is_refused(hub):
    hub.edit("playbook/sla.yaml", 'version: "1.0"', "version: v1")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:2:10: error: $.version: 'v1' is not in the expected form",
        "    hint: The version, in quotes, for example '3.1'. Raise it with every change the signatories agree to.",
    ]


def test_an_unquoted_version_with_two_dots_is_text_and_accepted(hub):
    hub.edit("playbook/sla.yaml", 'version: "1.0"', "version: 1.0.2")

    run = hub.validate()

    assert run.code == 0


def test_an_unquoted_version_3_10_is_not_silently_read_as_3_1(hub):
    hub.edit("playbook/sla.yaml", 'version: "1.0"', "version: 3.10")

    result = validate_hub(hub.root, today=dt.date(2026, 3, 1))

    assert result.errors or result.playbook.sla.version == "3.10"
    assert hub.validate().report == [
        "playbook/sla.yaml:2:10: error: $.version: expected text, found 3.1",
        "    hint: put it in quotes so it stays text exactly as written (unquoted, YAML reads it as the number 3.1)",
    ]


def test_an_unquoted_true_is_a_boolean_and_not_text(hub):
    hub.edit(IDEA, "title: The five-day close checklist", "title: true")

    run = hub.validate()

    assert run.report == [
        "playbook/content/close-checklist.yaml:1:8: error: $.title: expected text, found true/false (true)",
        "    hint: YAML reads true and false as true/false: put text in quotes",
    ]


def test_an_unquoted_yes_is_text_as_editors_read_it(hub):
    hub.edit(IDEA, "title: The five-day close checklist", "title: yes")

    run = hub.validate()

    assert run.report == []


def test_a_quoted_yes_is_text(hub):
    hub.edit(IDEA, "title: The five-day close checklist", "title: 'yes'")

    run = hub.validate()

    assert run.code == 0


def test_a_value_outside_the_enum_lists_the_allowed_values_and_the_closest(hub):
    hub.edit(IDEA, "format: checklist", "format: webinr")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:8:9: error: $.format: 'webinr' is not one of the allowed values:"
        " article, case-study, one-pager, webinar, video, rep-post, checklist, guide, email-sequence, calculator",
        "    hint: did you mean 'webinar'?",
    ]


def test_a_team_outside_the_enum_suggests_the_closest_team(hub):
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales", "team: sale")

    run = hub.validate()

    assert run.report == [
        "playbook/people/sam-ortiz.yaml:3:7: error: $.team: 'sale' is not one of the allowed values: sales, marketing",
        "    hint: did you mean 'sales'?",
    ]


def test_an_impossible_date_is_refused(hub):
    hub.edit(IDEA, "proposed_on: 2026-02-01", "proposed_on: 2026-02-30")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:3:14: error: $.proposed_on: '2026-02-30' is not a real date written YYYY-MM-DD",
        "    hint: A calendar date written YYYY-MM-DD.",
    ]


def test_a_date_without_leading_zeros_is_refused(hub):
    hub.edit(IDEA, "proposed_on: 2026-02-01", "proposed_on: 2026-2-1")

    run = hub.validate()

    assert run.report[0] == (
        "playbook/content/close-checklist.yaml:3:14: error: $.proposed_on: '2026-2-1' is not a real date written YYYY-MM-DD"
    )


def test_a_record_without_any_review_date_gets_the_schemas_own_message(hub):
    hub.write(
        TRACK,
        """
        title: Account Executive
        team: sales
        summary: The first two weeks of a new account executive.
        steps:
          - day: 1
            read: narrative
        owner: sam-ortiz
        review_every: 6 months
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/onboarding/account-executive.yaml:1:1: error: $:"
        " needs a review date: either last_reviewed together with review_every, or review_by",
    ]


def test_a_malformed_review_period_is_refused(hub):
    hub.edit("playbook/narrative.yaml", "review_every: 6 months", "review_every: twice a year")

    run = hub.validate()

    assert run.report == [
        "playbook/narrative.yaml:56:15: error: $.review_every: 'twice a year' is not in the expected form",
        "    hint: How often this record must be reviewed, counted from last_reviewed, for example '6 months' or '90 days'.",
    ]


def test_an_onboarding_step_that_both_meets_and_reads_is_refused(hub):
    hub.edit(TRACK, "    mode: in-person\n", "    mode: in-person\n    read: glossary\n")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/onboarding/account-executive.yaml:5:5: error: $.steps[0]:"
        " each step does exactly one thing: give it one of meet, read, shadow or attend",
    ]


def test_an_onboarding_step_that_does_nothing_is_refused(hub):
    hub.edit(TRACK, "  - day: 2\n    read: narrative\n", "  - day: 2\n")

    run = hub.validate()

    assert run.report == [
        "playbook/onboarding/account-executive.yaml:11:5: error: $.steps[1]:"
        " each step does exactly one thing: give it one of meet, read, shadow or attend",
    ]


def test_a_meet_step_needs_why_ask_and_mode(hub):
    hub.edit(TRACK, "    mode: in-person\n", "")

    run = hub.validate()

    assert run.report == [
        "playbook/onboarding/account-executive.yaml:5:5: error: $.steps[0]: missing required field 'mode'",
    ]


def test_a_number_below_the_minimum_is_refused(hub):
    hub.edit(TRACK, "  - day: 2\n", "  - day: 0\n")

    run = hub.validate()

    assert run.report == [
        "playbook/onboarding/account-executive.yaml:11:10: error: $.steps[1].day: 0 is below the minimum of 1",
    ]


def test_an_empty_list_where_one_item_is_needed_is_refused(hub):
    hub.edit("playbook/people/sam-ortiz.yaml", "ask_about:\n  - Running a proof of value\n", "ask_about: []\n")

    run = hub.validate()

    assert run.report == [
        "playbook/people/sam-ortiz.yaml:6:12: error: $.ask_about: needs at least 1 item",
    ]


def test_every_problem_in_every_file_is_reported_in_one_run(hub):
    hub.edit(IDEA, "format: checklist", "format: webinr")
    hub.edit(IDEA, "proposed_on: 2026-02-01", "proposed_on: 2026-02-30")
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales", "team: sale")

    run = hub.validate()

    assert run.code == 1
    assert [line for line in run.report if not line.startswith("    hint:")] == [
        "playbook/content/close-checklist.yaml:3:14: error: $.proposed_on: '2026-02-30' is not a real date written YYYY-MM-DD",
        "playbook/content/close-checklist.yaml:8:9: error: $.format: 'webinr' is not one of the allowed values:"
        " article, case-study, one-pager, webinar, video, rep-post, checklist, guide, email-sequence, calculator",
        "playbook/people/sam-ortiz.yaml:3:7: error: $.team: 'sale' is not one of the allowed values: sales, marketing",
    ]
    assert run.summary == "failed: 3 errors, 0 warnings in 6 valid records (2 terms, 1 person, 1 track, 0 ideas)"


def test_a_broken_hub_yaml_is_reported_and_the_defaults_are_used(hub):
    hub.write(
        "hub.yaml",
        """
        intro_within_days: 0
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "hub.yaml:1:20: error: $.intro_within_days: 0 is below the minimum of 1",
    ]


def test_an_unknown_setting_in_hub_yaml_suggests_the_closest_setting(hub):
    hub.write(
        "hub.yaml",
        """
        intro_days: 3
    """,
    )

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "hub.yaml:1:1: error: $.intro_days: unknown field 'intro_days'",
        "    hint: did you mean 'intro_within_days'?",
    ]
