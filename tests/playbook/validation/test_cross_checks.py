"""The rules JSON Schema cannot express: references between records, status rules, dates, team balance."""

from __future__ import annotations

from hub_build.cli.report import REMINDERS_HEADING

IDEA = "playbook/content/close-checklist.yaml"
SLA = "playbook/sla.yaml"
TRACK = "playbook/onboarding/account-executive.yaml"
MQL = "playbook/terms/mql.yaml"
LEAD = "playbook/terms/lead.yaml"
NARRATIVE = "playbook/narrative.yaml"


def idea(**changes: str) -> str:
    """The minimal hub's idea with some fields changed (None drops one), one field a line."""
    fields = {
        "title": "The five-day close checklist",
        "proposed_by": "sam-ortiz",
        "proposed_on": "2026-02-01",
        "question": "How do other controllers close in five days?",
        "persona": "controller",
        "stage": "awareness",
        "value_proposition": "faster-close",
        "format": "checklist",
        "status": "proposed",
    }
    fields.update(changes)
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None)


# ------------------------------------------------------------------ references


def test_an_unknown_persona_is_reported_with_the_closest_persona(hub):
    hub.write(IDEA, idea(persona="controler"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:5:10: error: $.persona: unknown persona 'controler'",
        "    hint: did you mean 'controller'?",
    ]


def test_an_unknown_persona_unlike_any_other_says_where_personas_are_defined(hub):
    hub.write(IDEA, idea(persona="cfo"))

    run = hub.validate()

    assert run.report == [
        "playbook/content/close-checklist.yaml:5:10: error: $.persona: unknown persona 'cfo'",
        "    hint: use the id of an existing persona (an id under personas in narrative.yaml)",
    ]


def test_an_unknown_person_is_reported_with_the_closest_person(hub):
    hub.write(IDEA, idea(proposed_by="sam-ortis"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:2:14: error: $.proposed_by: unknown person 'sam-ortis'",
        "    hint: did you mean 'sam-ortiz'?",
    ]


def test_an_unknown_record_owner_is_an_unknown_person(hub):
    hub.edit(NARRATIVE, "owner: maya-chen", "owner: maya-chn")

    run = hub.validate()

    assert run.report == [
        "playbook/narrative.yaml:54:8: error: $.owner: unknown person 'maya-chn'",
        "    hint: did you mean 'maya-chen'?",
    ]


def test_an_unknown_stage_is_reported_with_the_closest_stage(hub):
    hub.write(IDEA, idea(stage="evaluaton"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:6:8: error: $.stage: unknown buying stage 'evaluaton'",
        "    hint: did you mean 'evaluation'?",
    ]


def test_an_unknown_value_proposition_is_reported_with_the_closest_one(hub):
    hub.write(IDEA, idea(value_proposition="fast-close"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:7:20: error: $.value_proposition: unknown value proposition 'fast-close'",
        "    hint: did you mean 'faster-close'?",
    ]


def test_an_unknown_persona_in_a_value_proposition_is_reported(hub):
    hub.edit(NARRATIVE, "      - finance-director\n", "      - finance-directr\n")

    run = hub.validate()

    assert run.report == [
        "playbook/narrative.yaml:36:9: error: $.value_propositions[0].personas[1]: unknown persona 'finance-directr'",
        "    hint: did you mean 'finance-director'?",
    ]


def test_an_sla_clause_measured_by_an_unknown_term_is_reported(hub):
    hub.edit(SLA, "measured_by: mql", "measured_by: mqls")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/sla.yaml:20:18: error: $.clauses[0].measured_by: unknown term 'mqls'",
        "    hint: did you mean 'mql'?",
    ]


def test_an_unknown_related_term_says_where_terms_live(hub):
    hub.edit(LEAD, "  - mql\n", "  - marketing-qualified-lead\n")

    run = hub.validate()

    assert run.report == [
        "playbook/terms/lead.yaml:5:5: error: $.related[0]: unknown term 'marketing-qualified-lead'",
        "    hint: use the id of an existing term (a file name in playbook/terms/)",
    ]


def test_a_term_related_to_itself_is_refused(hub):
    hub.edit(LEAD, "  - mql\n", "  - lead\n")

    run = hub.validate()

    assert run.report == [
        "playbook/terms/lead.yaml:5:5: error: $.related[0]: a term cannot be related to itself",
        "    hint: remove it from related",
    ]


def test_attending_an_unknown_meeting_is_reported(hub):
    hub.edit(TRACK, "attend: pipeline-review", "attend: pipeline")

    run = hub.validate()

    assert run.report == [
        "playbook/onboarding/account-executive.yaml:14:13: error: $.steps[2].attend: unknown meeting 'pipeline'",
        "    hint: did you mean 'pipeline-review'?",
    ]


def test_a_reference_to_a_person_whose_file_is_broken_is_not_reported_as_unknown(hub):
    hub.edit("playbook/people/sam-ortiz.yaml", "team: sales", "team: sale")

    run = hub.validate()

    assert [line for line in run.report if not line.startswith("    hint:")] == [
        "playbook/people/sam-ortiz.yaml:3:7: error: $.team: 'sale' is not one of the allowed values: sales, marketing",
    ]


def test_a_broken_person_file_does_not_make_a_track_look_like_it_has_no_intro(hub):
    hub.edit("playbook/people/maya-chen.yaml", "team: marketing", "team: marketting")

    run = hub.validate()

    assert [line for line in run.report if not line.startswith("    hint:")] == [
        "playbook/people/maya-chen.yaml:3:7: error: $.team: 'marketting' is not one of the allowed values: sales, marketing",
    ]


def test_a_broken_term_does_not_make_the_lifecycle_numbering_of_the_others_look_wrong(hub):
    hub.edit(LEAD, "team: shared", "team: everyone")

    run = hub.validate()

    assert [line for line in run.report if not line.startswith("    hint:")] == [
        "playbook/terms/lead.yaml:3:7: error: $.team: 'everyone' is not one of the allowed values: sales, marketing, shared",
    ]


# ------------------------------------------------------------------ narrative


def test_two_personas_with_the_same_id_are_refused(hub):
    hub.edit(NARRATIVE, "  - id: finance-director\n", "  - id: controller\n")
    hub.edit(NARRATIVE, "      - finance-director\n", "")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/narrative.yaml:23:9: error: $.personas[1].id: the id 'controller' is used twice (first at line 16)",
        "    hint: give each one its own id",
    ]


def test_two_value_propositions_with_the_same_id_are_refused(hub):
    hub.edit(
        NARRATIVE,
        "stages:\n",
        "  - id: faster-close\n    title: Close sooner\n"
        "    claim: Customers close faster.\n    personas:\n      - controller\n"
        "    proof_points:\n      - Five days\nstages:\n",
    )

    run = hub.validate()

    assert run.report == [
        "playbook/narrative.yaml:39:9: error: $.value_propositions[1].id:"
        " the id 'faster-close' is used twice (first at line 31)",
        "    hint: give each one its own id",
    ]


def test_two_stages_with_the_same_id_are_refused(hub):
    hub.edit(NARRATIVE, "  - id: evaluation\n", "  - id: awareness\n")

    run = hub.validate()

    assert run.report == [
        "playbook/narrative.yaml:47:9: error: $.stages[1].id: the id 'awareness' is used twice (first at line 40)",
        "    hint: give each one its own id",
    ]


# ------------------------------------------------------------------ content ideas


def test_a_scheduled_idea_needs_a_date_and_a_channel(hub):
    hub.write(IDEA, idea(status="scheduled", owner="maya-chen"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:9:9: error: $.status: an idea that is scheduled needs channel",
        "    hint: add channel: where it will appear, for example blog or linkedin",
        "playbook/content/close-checklist.yaml:9:9: error: $.status: an idea that is scheduled needs scheduled_for",
        "    hint: add scheduled_for: the planned publication date, YYYY-MM-DD",
    ]


def test_a_scheduled_idea_with_owner_date_and_channel_is_valid(hub):
    hub.write(IDEA, idea(status="scheduled", owner="maya-chen", scheduled_for="2026-04-01", channel="blog"))

    run = hub.validate()

    assert run.code == 0


def test_a_published_idea_needs_a_url(hub):
    hub.write(IDEA, idea(status="published", owner="maya-chen"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:9:9: error: $.status: an idea that is published needs url",
        "    hint: add url: the link to the published piece",
    ]


def test_a_declined_idea_needs_a_reason(hub):
    hub.write(IDEA, idea(status="declined"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:9:9: error: $.status: an idea that is declined needs declined_reason",
        "    hint: add declined_reason: a sentence the proposer can learn from",
    ]


def test_an_accepted_idea_needs_an_owner(hub):
    hub.write(IDEA, idea(status="accepted"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:9:9: error: $.status: an idea that is accepted needs owner",
        "    hint: add owner: the marketer who owns the piece, as a person id",
    ]


def test_the_owner_of_an_idea_must_be_in_marketing(hub):
    hub.write(IDEA, idea(status="accepted", owner="sam-ortiz"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:10:8: error: $.owner:"
        " the owner of an accepted idea must be in marketing, but 'sam-ortiz' is in sales",
        "    hint: name the marketer who will produce the piece; the proposer stays credited in proposed_by",
    ]


def test_an_idea_cannot_be_scheduled_before_it_was_proposed(hub):
    hub.write(IDEA, idea(status="scheduled", owner="maya-chen", scheduled_for="2026-01-15", channel="blog"))

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:11:16: error: $.scheduled_for:"
        " scheduled_for (2026-01-15) is before the idea was proposed (2026-02-01)",
        "    hint: check both dates",
    ]


def test_an_idea_cannot_be_proposed_in_the_future(hub):
    hub.write(IDEA, idea(proposed_on="2026-03-02"))

    run = hub.validate()  # today is 2026-03-01

    assert run.code == 1
    assert run.report == [
        "playbook/content/close-checklist.yaml:3:14: error: $.proposed_on: proposed_on (2026-03-02) is in the future",
        "    hint: use the date the idea was proposed",
    ]


def test_an_idea_proposed_today_is_not_in_the_future(hub):
    hub.write(IDEA, idea(proposed_on="2026-03-01"))

    run = hub.validate()  # today is 2026-03-01

    assert run.code == 0


def test_a_published_idea_cannot_have_gone_live_in_the_future(hub):
    hub.write(
        IDEA,
        idea(status="published", owner="maya-chen", url="https://ledgerly.example/close", published_on="2026-03-10"),
    )

    run = hub.validate()  # today is 2026-03-01

    assert run.report == [
        "playbook/content/close-checklist.yaml:12:15: error: $.published_on: published_on (2026-03-10) is in the future",
        "    hint: an idea is published once it is live: use status scheduled until then",
    ]


# ------------------------------------------------------------------ onboarding


def test_a_track_that_meets_nobody_from_the_other_team_early_is_refused(hub):
    hub.edit(TRACK, "  - day: 1\n", "  - day: 6\n")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/onboarding/account-executive.yaml:5:3: error: $.steps:"
        " the track introduces the new hire to nobody from marketing within the first 5 working days",
        "    hint: add a 'meet' step with a marketing colleague on day 5 or earlier",
    ]


def test_meeting_the_other_team_on_the_last_allowed_day_is_enough(hub):
    hub.edit(TRACK, "  - day: 1\n", "  - day: 5\n")

    run = hub.validate()

    assert run.code == 0


def test_meeting_someone_from_the_same_team_is_not_an_intro_to_the_other_team(hub):
    hub.edit(TRACK, "meet: maya-chen", "meet: sam-ortiz")

    run = hub.validate()

    assert run.report == [
        "playbook/onboarding/account-executive.yaml:5:3: error: $.steps:"
        " the track introduces the new hire to nobody from marketing within the first 5 working days",
        "    hint: add a 'meet' step with a marketing colleague on day 5 or earlier",
    ]


def test_intro_within_days_in_hub_yaml_sets_how_late_the_intro_may_be(hub):
    hub.edit(TRACK, "  - day: 1\n", "  - day: 6\n")
    hub.write(
        "hub.yaml",
        """
        intro_within_days: 6
    """,
    )

    assert hub.validate().code == 0

    hub.write(
        "hub.yaml",
        """
        intro_within_days: 2
    """,
    )
    hub.edit(TRACK, "  - day: 6\n", "  - day: 3\n")
    run = hub.validate()

    assert run.report == [
        "playbook/onboarding/account-executive.yaml:5:3: error: $.steps:"
        " the track introduces the new hire to nobody from marketing within the first 2 working days",
        "    hint: add a 'meet' step with a marketing colleague on day 2 or earlier",
    ]


# ------------------------------------------------------------------ terms


def test_the_sales_owner_of_a_shared_kpi_must_be_in_sales(hub):
    hub.edit(MQL, "    sales: sam-ortiz", "    sales: maya-chen")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/terms/mql.yaml:16:12: error: $.kpi.owners.sales:"
        " the sales owner of a shared KPI must be in the sales team, but 'maya-chen' is in marketing",
        "    hint: name a person from the sales team",
    ]


def test_two_terms_with_the_same_abbreviation_are_refused(hub):
    hub.write(
        "playbook/terms/marketing-qualified-lead.yaml",
        """
        name: Marketing-qualified lead
        abbreviation: mql
        definition: Same thing, written by someone else.
        team: marketing
        owner: maya-chen
        review_by: 2026-12-31
    """,
    )

    run = hub.validate()

    # Terms are compared in file-name order; the later file is the one reported.
    assert run.code == 1
    assert run.report == [
        "playbook/terms/mql.yaml:2:15: error: $.abbreviation:"
        " the abbreviation 'MQL' is already used by playbook/terms/marketing-qualified-lead.yaml",
        "    hint: each abbreviation gets one tooltip, so it can mean only one term",
    ]


def test_a_gap_in_the_lifecycle_stages_is_refused(hub):
    hub.edit(MQL, "lifecycle_stage: 2", "lifecycle_stage: 3")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/terms/mql.yaml:7:18: error: $.lifecycle_stage:"
        " lifecycle stages must be numbered 1, 2, 3… without gaps or repeats; expected 2 here, found 3",
        "    hint: renumber the lead lifecycle terms in order",
    ]


def test_a_repeated_lifecycle_stage_is_refused(hub):
    hub.edit(MQL, "lifecycle_stage: 2", "lifecycle_stage: 1")

    run = hub.validate()

    assert run.report == [
        "playbook/terms/mql.yaml:7:18: error: $.lifecycle_stage:"
        " lifecycle stages must be numbered 1, 2, 3… without gaps or repeats; expected 2 here, found 1",
        "    hint: renumber the lead lifecycle terms in order",
    ]


# ------------------------------------------------------------------ SLA


def test_an_sla_without_a_marketing_signatory_is_refused(hub):
    hub.write(
        "playbook/people/lee-park.yaml",
        """
        name: Lee Park
        role: Sales Development Representative
        team: sales
        email: lee.park@ledgerly.example
        time_zone: Europe/Berlin
        ask_about:
          - Booking first meetings
    """,
    )
    hub.edit(SLA, "  - person: maya-chen", "  - person: lee-park")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/sla.yaml:5:3: error: $.signatories: the SLA has no signatory from the marketing team",
        "    hint: both teams sign the agreement: add someone from marketing",
    ]


def test_a_signature_after_the_effective_date_is_refused(hub):
    hub.edit(SLA, "signed: 2025-12-16", "signed: 2026-01-02")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:8:13: error: $.signatories[1].signed: signed on 2026-01-02 but the agreement took effect on 2026-01-01",
        "    hint: a version takes effect once everyone has signed: move the effective date or correct the signing date",
    ]


def test_a_commitment_without_a_target_is_refused(hub):
    hub.edit(SLA, "    target:\n      value: 4\n      unit: business hours\n      comparator: at-most\n", "")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/sla.yaml:10:5: error: $.clauses[0]: a commitment needs a measurable target",
        "    hint: add target: with a value and a unit, for example {value: 4, unit: business hours, comparator: at-most}",
    ]


def test_a_commitment_must_say_which_team_it_comes_from(hub):
    hub.edit(SLA, "    from: sales\n", "")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:10:5: error: $.clauses[0]: a commitment clause must say which team it goes from",
        "    hint: add 'from: sales' or 'from: marketing'",
    ]


def test_a_commitment_cannot_go_to_the_team_that_makes_it(hub):
    hub.edit(SLA, "    to: marketing\n", "    to: sales\n")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:15:9: error: $.clauses[0].to:"
        " a commitment clause goes from one team to the other, not to the same team",
        "    hint: set to: marketing",
    ]


def test_a_feedback_loop_to_the_same_team_is_not_called_a_commitment(hub):
    hub.edit(SLA, "    family: commitment\n", "    family: feedback\n")
    hub.edit(SLA, "    to: marketing\n", "    to: sales\n")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:15:9: error: $.clauses[0].to:"
        " a feedback clause goes from one team to the other, not to the same team",
        "    hint: set to: marketing",
    ]


def test_a_meeting_without_points_of_contact_is_refused(hub):
    hub.edit(SLA, "    contacts:\n      - sam-ortiz\n      - maya-chen\n", "")

    run = hub.validate()

    assert run.code == 1
    assert run.report == [
        "playbook/sla.yaml:21:5: error: $.clauses[1]: a meeting needs points of contact",
        "    hint: add contacts: the people who schedule it and set the agenda",
    ]


def test_a_meeting_without_a_cadence_is_refused(hub):
    hub.edit(SLA, "    cadence: weekly\n", "")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:21:5: error: $.clauses[1]: a meeting needs a cadence",
        "    hint: add cadence: weekly (or daily, biweekly, monthly, quarterly)",
    ]


def test_an_sla_due_for_review_before_it_takes_effect_is_refused(hub):
    hub.edit(SLA, "review_by: 2026-12-31", "review_by: 2025-12-31")

    run = hub.validate()

    # The date is also in the past, so the record is overdue as well: a reminder, after the problems.
    assert run.report[:4] == [
        "playbook/sla.yaml:30:12: error: $.review_by: the review date comes before the agreement takes effect",
        "    hint: set review_by after effective",
        REMINDERS_HEADING,
        "playbook/sla.yaml:30:12: reminder: $.review_by:"
        " due for review since 2025-12-31: ask its owner, Sam Ortiz (sam-ortiz), to check it",
    ]


# ------------------------------------------------------------------ where each kind of id is defined, for ids unlike any


def test_an_unknown_stage_unlike_any_says_where_stages_are_defined(hub):
    hub.write(IDEA, idea(stage="zzz"))

    assert hub.validate().report == [
        "playbook/content/close-checklist.yaml:6:8: error: $.stage: unknown buying stage 'zzz'",
        "    hint: use the id of an existing buying stage (an id under stages in narrative.yaml)",
    ]


def test_an_unknown_value_proposition_unlike_any_says_where_they_are_defined(hub):
    hub.write(IDEA, idea(value_proposition="zzz"))

    assert hub.validate().report == [
        "playbook/content/close-checklist.yaml:7:20: error: $.value_proposition: unknown value proposition 'zzz'",
        "    hint: use the id of an existing value proposition (an id under value_propositions in narrative.yaml)",
    ]


def test_an_unknown_meeting_unlike_any_says_where_meetings_are_defined(hub):
    hub.edit(TRACK, "attend: pipeline-review", "attend: zzz")

    assert hub.validate().report == [
        "playbook/onboarding/account-executive.yaml:14:13: error: $.steps[2].attend: unknown meeting 'zzz'",
        "    hint: use the id of an existing meeting (the id of a meeting clause in sla.yaml)",
    ]


def test_an_unknown_owner_of_an_idea_is_reported_at_the_owner(hub):
    hub.write(IDEA, idea(status="accepted", owner="zzz"))

    assert hub.validate().report == [
        "playbook/content/close-checklist.yaml:10:8: error: $.owner: unknown person 'zzz'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
    ]


def test_an_unknown_person_to_shadow_is_reported_at_the_step(hub):
    hub.edit(TRACK, "  - day: 2\n    read: narrative\n", "  - day: 2\n    shadow: zzz\n    focus: Discovery calls\n")

    assert hub.validate().report == [
        "playbook/onboarding/account-executive.yaml:12:13: error: $.steps[1].shadow: unknown person 'zzz'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
    ]


def test_an_unknown_owner_of_a_track_is_reported_at_the_owner(hub):
    hub.edit(TRACK, "owner: sam-ortiz", "owner: zzz")

    assert hub.validate().report == [
        "playbook/onboarding/account-executive.yaml:15:8: error: $.owner: unknown person 'zzz'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
    ]


def test_an_sla_clause_measured_by_a_term_like_none_is_told_where_term_ids_come_from(hub):
    hub.edit(SLA, "measured_by: mql", "measured_by: pipeline-velocity")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:20:18: error: $.clauses[0].measured_by: unknown term 'pipeline-velocity'",
        "    hint: use the id of an existing term (a file name in playbook/terms/)",
    ]


def test_an_unknown_point_of_contact_is_reported_at_its_place_in_the_list(hub):
    hub.edit(SLA, "      - maya-chen\n", "      - nobody-here\n")

    run = hub.validate()

    assert run.report == [
        "playbook/sla.yaml:28:9: error: $.clauses[1].contacts[1]: unknown person 'nobody-here'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
    ]


def test_without_a_people_folder_every_person_named_is_unknown(hub):
    for person in ("sam-ortiz", "maya-chen"):
        hub.remove(f"playbook/people/{person}.yaml")

    run = hub.validate()

    assert run.code == 1
    assert [line for line in run.report if not line.startswith("    hint:")] == [
        "playbook/content/close-checklist.yaml:2:14: error: $.proposed_by: unknown person 'sam-ortiz'",
        "playbook/narrative.yaml:54:8: error: $.owner: unknown person 'maya-chen'",
        "playbook/onboarding/account-executive.yaml:6:11: error: $.steps[0].meet: unknown person 'maya-chen'",
        "playbook/onboarding/account-executive.yaml:15:8: error: $.owner: unknown person 'sam-ortiz'",
        "playbook/sla.yaml:5:13: error: $.signatories[0].person: unknown person 'sam-ortiz'",
        "playbook/sla.yaml:7:13: error: $.signatories[1].person: unknown person 'maya-chen'",
        "playbook/sla.yaml:27:9: error: $.clauses[1].contacts[0]: unknown person 'sam-ortiz'",
        "playbook/sla.yaml:28:9: error: $.clauses[1].contacts[1]: unknown person 'maya-chen'",
        "playbook/sla.yaml:29:8: error: $.owner: unknown person 'sam-ortiz'",
        "playbook/terms/lead.yaml:7:8: error: $.owner: unknown person 'maya-chen'",
        "playbook/terms/mql.yaml:16:12: error: $.kpi.owners.sales: unknown person 'sam-ortiz'",
        "playbook/terms/mql.yaml:17:16: error: $.kpi.owners.marketing: unknown person 'maya-chen'",
        "playbook/terms/mql.yaml:18:8: error: $.owner: unknown person 'maya-chen'",
    ]


def test_a_term_kept_by_an_unknown_person_is_reported_at_its_owner(hub):
    hub.edit(LEAD, "owner: maya-chen", "owner: nobody-here")

    run = hub.validate()

    assert run.report == [
        "playbook/terms/lead.yaml:7:8: error: $.owner: unknown person 'nobody-here'",
        "    hint: use the id of an existing person (a file name in playbook/people/)",
    ]


def test_a_clause_id_used_twice_is_reported_at_the_second_with_the_line_of_the_first(hub):
    hub.edit(SLA, "  - id: pipeline-review", "  - id: mql-follow-up")

    run = hub.validate()

    assert (
        "playbook/sla.yaml:21:9: error: $.clauses[1].id: the clause id 'mql-follow-up' is used twice "
        "(first at line 10)" in run.report
    )


def test_a_signatory_named_twice_is_reported_at_the_second_with_the_line_of_the_first(hub):
    hub.edit(SLA, "  - person: maya-chen", "  - person: sam-ortiz")

    run = hub.validate()

    assert run.report[2:] == [
        "playbook/sla.yaml:7:13: error: $.signatories[1].person: the signatory 'sam-ortiz' is used twice "
        "(first at line 5)",
        "    hint: give each one its own id",
    ]


def test_a_value_proposition_for_a_persona_like_none_is_told_where_persona_ids_come_from(hub):
    hub.edit(NARRATIVE, "      - finance-director", "      - procurement-lead")

    run = hub.validate()

    assert run.report == [
        "playbook/narrative.yaml:36:9: error: $.value_propositions[0].personas[1]: unknown persona 'procurement-lead'",
        "    hint: use the id of an existing persona (an id under personas in narrative.yaml)",
    ]
