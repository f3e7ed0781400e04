"""Valid means buildable: what `hub validate` accepts renders; what the model cannot hold is refused.

Each test is one record the schema accepted and the build then choked on.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hub_build.playbook.loading import parse_text
from hub_build.playbook.model import Playbook
from hub_build.playbook.validation import validate_hub
from hub_build.site.pages import render_site
from tests.playbook.validation.conftest import MINIMAL, TODAY

IDEA = "playbook/content/close-checklist.yaml"
SLA = "playbook/sla.yaml"
TRACK = "playbook/onboarding/account-executive.yaml"
MQL = "playbook/terms/mql.yaml"
NARRATIVE = "playbook/narrative.yaml"


def pages(hub) -> dict[str, str]:
    """Every generated page of the hub, by address, once it validated without an error."""
    today = dt.date.fromisoformat(TODAY)
    result = validate_hub(hub.root, today=today)
    assert not result.errors, result.errors
    return {page.uri: page.markdown for page in render_site(result.playbook, today=today)}


# ------------------------------------------------------------------ optional fields


def test_a_narrative_without_regions_or_company_sizes_builds(hub):
    assert "regions" not in hub.read(NARRATIVE) and "company_sizes" not in hub.read(NARRATIVE)

    narrative = pages(hub)["narrative.md"]

    assert "| **Segments** | Mid-market SaaS |\n\n## Ideal customer profile" in narrative


def test_a_narrative_with_regions_and_company_sizes_lists_them(hub):
    hub.edit(
        NARRATIVE,
        "    - Mid-market SaaS\n",
        "    - Mid-market SaaS\n  regions:\n    - Europe\n    - North America\n  company_sizes:\n    - 200 to 2,000\n",
    )

    narrative = pages(hub)["narrative.md"]

    assert "| **Regions** | Europe · North America |\n| **Company sizes** | 200 to 2,000 |" in narrative


def test_a_clause_from_one_team_without_a_receiving_team_says_only_where_it_comes_from(hub):
    hub.edit(SLA, "    cadence: weekly\n", "    cadence: weekly\n    from: sales\n")

    sla = pages(hub)["sla.md"]

    assert "{ #clause-pipeline-review }\n\n*From sales.*\n\nBoth teams review new pipeline every Monday." in sla


# ------------------------------------------------------------------ dates Python cannot hold

YEAR_ZERO_HINT = "    hint: there is no year 0000: years run from 0001 to 9999"


@pytest.mark.parametrize(
    ("file", "old", "new", "line"),
    [
        pytest.param(
            IDEA,
            "proposed_on: 2026-02-01",
            "proposed_on: 0000-01-01",
            f"{IDEA}:3:14: error: $.proposed_on: '0000-01-01' is not a real date written YYYY-MM-DD",
            id="an idea's proposed_on",
        ),
        pytest.param(
            SLA,
            "signed: 2025-12-16",
            "signed: 0000-12-16",
            f"{SLA}:8:13: error: $.signatories[1].signed: '0000-12-16' is not a real date written YYYY-MM-DD",
            id="an SLA signatory's date",
        ),
    ],
)
def test_a_date_in_the_year_0000_is_refused_at_its_position(hub, file, old, new, line):
    hub.edit(file, old, new)

    run = hub.validate()

    assert run.code == 1
    assert run.report == [line, YEAR_ZERO_HINT]


def test_a_date_in_the_year_0000_keeps_the_record_out_of_the_playbook_with_a_problem():
    text = (MINIMAL / SLA).read_text(encoding="utf-8").replace("signed: 2025-12-16", "signed: 0000-12-16")
    playbook = Playbook()

    problems = playbook.add("sla", "sla", parse_text(text, SLA))

    assert playbook.sla is None
    assert [(p.file, p.line, p.column, p.path, p.message, p.hint) for p in problems] == [
        (
            SLA,
            8,
            13,
            "$.signatories[1].signed",
            "'0000-12-16' is not a real date written YYYY-MM-DD",
            "there is no year 0000: years run from 0001 to 9999",
        ),
    ]


@pytest.mark.parametrize(("written", "shown"), [("2026-02-30", "'2026-02-30'"), ("20251216", "20251216")])
def test_a_record_given_to_the_playbook_unvalidated_with_no_real_date_is_kept_out(written, shown):
    # The model holds its own line: a caller that skips the schemas gets a problem, not a crash.
    text = (MINIMAL / SLA).read_text(encoding="utf-8").replace("signed: 2025-12-16", f"signed: {written}")
    playbook = Playbook()

    problems = playbook.add("sla", "sla", parse_text(text, SLA))

    assert playbook.sla is None
    assert [(p.line, p.column, p.path, p.message, p.hint) for p in problems] == [
        (
            8,
            13,
            "$.signatories[1].signed",
            f"{shown} is not a real date written YYYY-MM-DD",
            "write the date as YYYY-MM-DD, for example 2026-03-01",
        ),
    ]


def test_a_date_in_the_year_0000_does_not_crash_validation(hub):
    hub.edit(IDEA, "proposed_on: 2026-02-01", "proposed_on: 0000-01-01")

    run = hub.validate()

    assert "Traceback" not in run.out + run.err


# ------------------------------------------------------------------ whole numbers written 2.0


def test_a_lifecycle_stage_written_2_0_is_stage_2(hub):
    hub.edit(MQL, "lifecycle_stage: 2", "lifecycle_stage: 2.0")

    glossary = pages(hub)["glossary.md"]

    assert ":material-stairs: Stage 2 of the [lead lifecycle](#_lead-lifecycle)." in glossary


def test_a_step_on_day_3_0_is_on_day_3(hub):
    hub.edit(TRACK, "  - day: 3\n", "  - day: 3.0\n")

    track = pages(hub)["onboarding/account-executive.md"]

    assert '## Day 3 <span class="hub-day-date" id="day-3-date" data-day="3"></span> { #day-3 }' in track
