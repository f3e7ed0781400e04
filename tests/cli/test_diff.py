"""`hub diff`: what a commit changes in the playbook, record by record, in the words readers use.

Each test commits one kind of change to the minimal hub in a real Git repository
(tests/cli/git_hub.py) and reads the Markdown `hub diff base` writes.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hub_build.cli import main
from tests.cli.git_hub import GitHub, hub_repo

__all__ = ["hub_repo"]

SIGN = " _(needs both teams)_"
TERM = "playbook/terms"


def test_nothing_changed_says_readers_see_the_same_playbook(hub_repo: GitHub) -> None:
    result = hub_repo.diff()

    assert result.code == 0
    assert result.out.splitlines()[3].endswith(": no record changed; readers see the same playbook.")


def test_the_comment_starts_with_its_marker_and_names_both_commits(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/people/maya-chen.yaml", "Product Marketing Manager", "Head of Marketing")
    hub_repo.commit()
    base, head = (
        hub_repo.git("rev-parse", "--short=7", "base").strip(),
        hub_repo.git("rev-parse", "--short=7", "HEAD").strip(),
    )

    assert hub_repo.diff().out == (
        "<!-- hub-diff -->\n"
        "## What this pull request changes in the playbook\n"
        "\n"
        f"Comparing base (`{base}`) with HEAD (`{head}`): 1 changed.\n"
        "\n"
        "### People\n"
        "\n"
        "- Maya Chen: role Product Marketing Manager → Head of Marketing\n"
    )


# ------------------------------------------------------------------ terms


def test_a_term_added_removed_and_renamed(hub_repo: GitHub) -> None:
    hub_repo.write(
        f"{TERM}/sql.yaml",
        """
        name: Sales Qualified Lead
        abbreviation: SQL
        definition: An opportunity sales accepted.
        team: sales
        owner: sam-ortiz
        review_by: 2026-12-31
        """,
    )
    hub_repo.git("mv", f"{TERM}/lead.yaml", f"{TERM}/prospect.yaml")
    hub_repo.replace(f"{TERM}/mql.yaml", "  - lead\n", "  - prospect\n")
    hub_repo.commit()

    assert hub_repo.diff().section("Terms") == [
        "- MQL: related terms added “prospect”; removed “lead”",
        "- Lead: renamed, `playbook/terms/lead.yaml` → `playbook/terms/prospect.yaml`",
        "- SQL: added (`playbook/terms/sql.yaml`)",
    ]


def test_a_term_removed(hub_repo: GitHub) -> None:
    hub_repo.git("rm", "-q", f"{TERM}/lead.yaml")
    hub_repo.replace(f"{TERM}/mql.yaml", "related:\n  - lead\n", "")
    hub_repo.commit()

    assert hub_repo.diff().section("Terms") == [
        "- MQL: related terms removed “lead”",
        "- Lead: removed (`playbook/terms/lead.yaml`)",
    ]


def test_a_changed_definition_is_quoted_before_and_after(hub_repo: GitHub) -> None:
    hub_repo.replace(
        f"{TERM}/mql.yaml",
        "definition: A lead that reached the scoring threshold both teams agreed on.",
        "definition: |\n  A lead with a score of 65 or more at a company in ICP tier A, B or C,\n"
        "  or one that asked for a demo.\n\n  It starts the speed-to-lead clock.",
    )
    hub_repo.commit()

    assert hub_repo.diff().section("Terms") == [
        "- MQL: definition changed",
        "",
        "  > **Before:** A lead that reached the scoring threshold both teams agreed on.",
        "",
        "  > **After:** A lead with a score of 65 or more at a company in ICP tier A, B or C, or one that "
        "asked for a demo.",
        "  >",
        "  > It starts the speed-to-lead clock.",
    ]


def test_a_shared_kpis_target_and_formula_need_both_teams(hub_repo: GitHub) -> None:
    hub_repo.replace(f"{TERM}/mql.yaml", "value: 400", "value: 450")
    hub_repo.replace(f"{TERM}/mql.yaml", "formula: MQLs created per month", "formula: MQLs accepted per month")
    hub_repo.commit()

    assert hub_repo.diff().section("Terms") == [
        f"- MQL: KPI formula MQLs created per month → MQLs accepted per month{SIGN}",
        f"- MQL: KPI target ≥ 400 MQLs per month → ≥ 450 MQLs per month{SIGN}",
    ]


def test_a_kpis_cadence_is_not_for_both_teams_to_sign(hub_repo: GitHub) -> None:
    hub_repo.replace(f"{TERM}/mql.yaml", "cadence: monthly", "cadence: weekly")
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.section("Terms") == ["- MQL: KPI cadence monthly → weekly"]
    assert "[!IMPORTANT]" not in result.out


# ------------------------------------------------------------------ people


def test_a_person_added_removed_renamed_and_changed(hub_repo: GitHub) -> None:
    hub_repo.write(
        "playbook/people/ana-lima.yaml",
        """
        name: Ana Lima
        role: Sales Development Representative
        team: sales
        email: ana.lima@ledgerly.example
        time_zone: Europe/Lisbon
        ask_about:
          - Cold calling
        """,
    )
    hub_repo.git("mv", "playbook/people/maya-chen.yaml", "playbook/people/maya-chen-lee.yaml")
    hub_repo.replace(
        "playbook/people/maya-chen-lee.yaml",
        "  - The narrative and the personas\n",
        "  - The narrative and the personas\n  - Launch plans\n",
    )
    hub_repo.commit()

    assert hub_repo.diff().section("People") == [
        "- Ana Lima: added (`playbook/people/ana-lima.yaml`)",
        "- Maya Chen: renamed, `playbook/people/maya-chen.yaml` → `playbook/people/maya-chen-lee.yaml`",
        "- Maya Chen: ask about added “Launch plans”",
    ]


def test_a_person_removed(hub_repo: GitHub) -> None:
    hub_repo.git("rm", "-q", "playbook/people/sam-ortiz.yaml")
    hub_repo.commit()

    assert hub_repo.diff().section("People") == ["- Sam Ortiz: removed (`playbook/people/sam-ortiz.yaml`)"]


# ------------------------------------------------------------------ onboarding tracks


def test_a_tracks_steps_say_which_were_added_and_removed(hub_repo: GitHub) -> None:
    track = "playbook/onboarding/account-executive.yaml"
    hub_repo.replace(track, "  - day: 2\n    read: narrative\n", "  - day: 2\n    read: glossary\n")
    hub_repo.commit()

    assert hub_repo.diff().section("Onboarding tracks") == [
        "- Account Executive: steps added “day 2: read glossary”; removed “day 2: read narrative”",
    ]


def test_a_track_added_and_one_removed(hub_repo: GitHub) -> None:
    hub_repo.write(
        "playbook/onboarding/sdr.yaml",
        """
        title: Sales Development Representative
        team: sales
        summary: The first week of a new SDR.
        steps:
          - day: 1
            meet: maya-chen
            why: She owns the narrative.
            ask:
              - Which persona converts best?
            mode: live-call
        owner: sam-ortiz
        review_by: 2026-09-30
        """,
    )
    hub_repo.git("rm", "-q", "playbook/onboarding/account-executive.yaml")
    hub_repo.commit()

    assert hub_repo.diff().section("Onboarding tracks") == [
        "- Sales Development Representative: added (`playbook/onboarding/sdr.yaml`)",
        "- Account Executive: removed (`playbook/onboarding/account-executive.yaml`)",
    ]


# ------------------------------------------------------------------ content ideas


def test_an_ideas_new_status_comes_with_its_new_owner(hub_repo: GitHub) -> None:
    idea = "playbook/content/close-checklist.yaml"
    hub_repo.replace(idea, "status: proposed", "status: accepted\nowner: maya-chen\ndecided_on: 2026-02-05")
    hub_repo.commit()

    assert hub_repo.diff().section("Content ideas") == [
        "- The five-day close checklist: status proposed → accepted, owner Maya Chen",
        "- The five-day close checklist: decided on set to 2026-02-05",
    ]


def test_an_idea_added_renamed_and_removed(hub_repo: GitHub) -> None:
    hub_repo.git("mv", "playbook/content/close-checklist.yaml", "playbook/content/five-day-close.yaml")
    hub_repo.commit("Rename the idea")
    hub_repo.write(
        "playbook/content/board-pack.yaml",
        """
        title: What the board wants in a pack
        proposed_by: sam-ortiz
        proposed_on: 2026-02-10
        question: What do boards ask for?
        persona: finance-director
        stage: awareness
        format: article
        status: proposed
        """,
    )
    hub_repo.commit("Propose an idea")

    assert hub_repo.diff().section("Content ideas") == [
        "- What the board wants in a pack: added (`playbook/content/board-pack.yaml`)",
        "- The five-day close checklist: renamed, `playbook/content/close-checklist.yaml` → "
        "`playbook/content/five-day-close.yaml`",
    ]
    assert hub_repo.diff("HEAD", "base").section("Content ideas") == [
        "- The five-day close checklist: renamed, `playbook/content/five-day-close.yaml` → "
        "`playbook/content/close-checklist.yaml`",
        "- What the board wants in a pack: removed (`playbook/content/board-pack.yaml`)",
    ]


# ------------------------------------------------------------------ the SLA


def test_a_clauses_target_in_words_needs_both_teams(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/sla.yaml", "value: 4\n", "value: 2\n")
    hub_repo.commit()

    assert hub_repo.diff().section("Service-level agreement") == [
        f"- 1.1 Follow up every MQL quickly: target ≤ 4 business hours → ≤ 2 business hours{SIGN}",
    ]


def test_a_clause_added_and_one_removed_need_both_teams(hub_repo: GitHub) -> None:
    hub_repo.replace(
        "playbook/sla.yaml",
        "  - id: pipeline-review\n    family: meeting\n    title: Weekly pipeline review\n",
        "  - id: lost-deal-review\n    family: feedback\n    title: Sales says why deals were lost\n"
        "    text: Every lost deal gets a reason within a week.\n"
        "  - id: pipeline-review\n    family: meeting\n    title: Weekly pipeline review\n",
    )
    hub_repo.commit("Add a clause")
    hub_repo.replace("playbook/sla.yaml", "  - id: mql-follow-up\n", "  - id: mql-follow-up-gone\n")
    hub_repo.replace("playbook/sla.yaml", "title: Follow up every MQL quickly", "title: Follow up MQLs")
    hub_repo.commit("Replace a clause")

    assert hub_repo.diff().section("Service-level agreement") == [
        f"- 1.1 Follow up MQLs: added{SIGN}",
        f"- 4.1 Sales says why deals were lost: added{SIGN}",
        f"- 1.1 Follow up every MQL quickly: removed{SIGN}",
    ]


def test_a_clause_whose_id_alone_changed_is_renamed(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/sla.yaml", "  - id: pipeline-review\n", "  - id: weekly-pipeline-review\n")
    hub_repo.replace(
        "playbook/onboarding/account-executive.yaml", "attend: pipeline-review", "attend: weekly-pipeline-review"
    )
    hub_repo.commit()

    assert hub_repo.diff().section("Service-level agreement") == [
        f"- 3.1 Weekly pipeline review: renamed, `pipeline-review` → `weekly-pipeline-review`{SIGN}",
    ]


def test_the_agreements_own_fields_need_no_sign_off(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/sla.yaml", 'version: "1.0"', 'version: "1.1"')
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.section("Service-level agreement") == [
        "- Sales and marketing service-level agreement: version 1.0 → 1.1",
    ]
    assert "[!IMPORTANT]" not in result.out


def test_a_signatory_added_asks_every_signatory_to_sign_by_login(hub_repo: GitHub) -> None:
    hub_repo.write(
        "playbook/people/ana-lima.yaml",
        """
        name: Ana Lima
        role: Head of Sales
        team: sales
        email: ana.lima@ledgerly.example
        github: ana-lima
        time_zone: Europe/Lisbon
        ask_about:
          - Forecasting
        """,
    )
    hub_repo.replace(
        "playbook/sla.yaml",
        "    signed: 2025-12-16\n",
        "    signed: 2025-12-16\n  - person: ana-lima\n    signed: 2026-02-20\n",
    )
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.section("Service-level agreement") == [f"- Ana Lima: added{SIGN}"]
    assert result.out.split("### ")[0].splitlines()[5:9] == [
        "> [!IMPORTANT]",
        "> **Needs both teams' sign-off.** This changes what sales and marketing signed: the service-level "
        "agreement's clauses or signatories, or a shared KPI's formula or target.",
        "> Who signs: @sam-ortiz-gh (Sam Ortiz), Maya Chen (no GitHub login in `playbook/people/maya-chen.yaml`), "
        "@ana-lima (Ana Lima).",
        "",
    ]


def test_a_signatory_replaced_is_still_asked_to_sign(hub_repo: GitHub) -> None:
    hub_repo.write(
        "playbook/people/ana-lima.yaml",
        """
        name: Ana Lima
        role: Head of Sales
        team: sales
        email: ana.lima@ledgerly.example
        time_zone: Europe/Lisbon
        ask_about:
          - Forecasting
        """,
    )
    hub_repo.replace(
        "playbook/sla.yaml",
        "  - person: sam-ortiz\n    signed: 2025-12-15\n",
        "  - person: ana-lima\n    signed: 2026-02-20\n",
    )
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.section("Service-level agreement") == [f"- Ana Lima: added{SIGN}", f"- Sam Ortiz: removed{SIGN}"]
    assert (
        "> Who signs: @sam-ortiz-gh (Sam Ortiz), Maya Chen (no GitHub login in `playbook/people/maya-chen.yaml`), "
        "Ana Lima (no GitHub login in `playbook/people/ana-lima.yaml`)."
    ) in result.out.splitlines()


def test_a_signature_date_changed(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/sla.yaml", "signed: 2025-12-16", "signed: 2026-01-02")
    hub_repo.commit()

    assert hub_repo.diff().section("Service-level agreement") == [
        f"- Maya Chen: signed 2025-12-16 → 2026-01-02{SIGN}",
    ]


# ------------------------------------------------------------------ the narrative


def test_narrative_pieces_changed_added_and_removed(hub_repo: GitHub) -> None:
    narrative = "playbook/narrative.yaml"
    hub_repo.replace(
        narrative,
        "      - Reconciliations live in spreadsheets\n",
        "      - Reconciliations live in spreadsheets\n      - Audits take weeks\n",
    )
    hub_repo.replace(narrative, "  - id: evaluation\n", "  - id: decision\n")
    hub_repo.replace(narrative, "    name: Evaluation\n", "    name: Decision\n")
    hub_repo.replace(narrative, "company: Ledgerly", "company: Ledgerly Inc")
    hub_repo.commit()

    assert hub_repo.diff().section("Narrative") == [
        "- The narrative: company Ledgerly → Ledgerly Inc",
        "- Carla, the controller: pains added “Audits take weeks”",
        "- Decision: added",
        "- Evaluation: removed",
    ]


# ------------------------------------------------------------------ text from YAML is data


def test_hostile_text_stays_inert_and_mentions_no_one(hub_repo: GitHub) -> None:
    hub_repo.replace(
        "playbook/people/maya-chen.yaml",
        "role: Product Marketing Manager",
        "role: '<!-- hub-diff --> <script>alert(1)</script> @everyone @org/team **bold** [x](https://e.example) #12'",
    )
    hub_repo.commit()

    assert hub_repo.diff().section("People") == [
        "- Maya Chen: role changed",
        "",
        "  > **Before:** Product Marketing Manager",
        "",
        "  > **After:** &lt;!-- hub-diff --&gt; &lt;script&gt;alert(1)&lt;/script&gt; @\u2060everyone @\u2060org/team "
        "\\*\\*bold\\*\\* \\[x\\](https://e.example) #\u206012",
    ]


# ------------------------------------------------------------------ revisions that do not load


def test_a_file_that_does_not_load_is_named_and_not_counted_as_removed(hub_repo: GitHub) -> None:
    hub_repo.write(f"{TERM}/lead.yaml", "name: [unclosed\n")
    hub_repo.replace("playbook/people/maya-chen.yaml", "Product Marketing Manager", "Head of Marketing")
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.code == 0
    assert (
        "> These files did not load at HEAD, so their changes are not shown: `playbook/terms/lead.yaml`. "
        "`hub validate` on that revision says why."
    ) in result.out.splitlines()
    assert "### Terms" not in result.out
    assert result.section("People") == ["- Maya Chen: role Product Marketing Manager → Head of Marketing"]


def test_a_revision_before_the_playbook_existed_shows_every_record_added(hub_repo: GitHub) -> None:
    hub_repo.git("checkout", "-q", "--orphan", "empty")
    hub_repo.git("rm", "-rq", "--cached", ".")
    hub_repo.git("commit", "-q", "--allow-empty", "-m", "Nothing yet")
    hub_repo.git("tag", "empty")
    hub_repo.git("checkout", "-q", "-f", "main")

    result = hub_repo.diff("empty", "base")

    assert result.code == 0
    assert result.section("Terms") == [
        "- Lead: added (`playbook/terms/lead.yaml`)",
        f"- MQL: added (`playbook/terms/mql.yaml`){SIGN}",
    ]
    assert result.section("Narrative")[0] == "- The narrative: added"
    assert "did not load" not in result.out


# ------------------------------------------------------------------ refusals


def test_a_revision_git_does_not_know_is_a_one_line_error(hub_repo: GitHub) -> None:
    result = hub_repo.diff("no-such-branch")

    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        "hub: error: 'no-such-branch' is not a revision in this repository",
        "    hint: name a branch, a tag or a commit, such as main, origin/main or HEAD~1",
    ]


def test_outside_a_git_repository_says_where_to_run_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["diff", "--root", str(tmp_path), "main"])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"hub: error: {tmp_path} is not in a Git repository, so there are no revisions to compare",
        "    hint: run hub diff in the hub's Git repository (or pass --root with its folder)",
    ]


def test_the_work_tree_is_left_as_it_was(hub_repo: GitHub) -> None:
    hub_repo.replace(f"{TERM}/mql.yaml", "value: 400", "value: 450")
    hub_repo.commit()
    hub_repo.replace("playbook/people/maya-chen.yaml", "Product Marketing Manager", "Not committed yet")
    before = hub_repo.git("status", "--porcelain")

    result = hub_repo.diff()

    assert hub_repo.git("status", "--porcelain") == before
    assert "Not committed yet" not in result.out


def test_a_short_hostile_value_inline_mentions_no_one(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/people/maya-chen.yaml", "role: Product Marketing Manager", "role: '@everyone _now_ <b>'")
    hub_repo.commit()

    assert hub_repo.diff().section("People") == [
        "- Maya Chen: role Product Marketing Manager → @\u2060everyone \\_now\\_ &lt;b&gt;",
    ]


def test_the_files_checked_out_stay_as_they_are_when_the_later_revision_replaces_them(hub_repo: GitHub) -> None:
    # The work tree holds the base: its files are linked into the comparison, then replaced there by the head's.
    hub_repo.replace(f"{TERM}/mql.yaml", "value: 400", "value: 450")
    hub_repo.commit()
    hub_repo.git("checkout", "-q", "base")

    result = hub_repo.diff("base", "main")

    assert result.section("Terms") == [f"- MQL: KPI target ≥ 400 MQLs per month → ≥ 450 MQLs per month{SIGN}"]
    assert "value: 400" in (hub_repo.root / TERM / "mql.yaml").read_text(encoding="utf-8")
    assert hub_repo.git("status", "--porcelain") == ""


def test_the_words_that_changed_in_a_long_text_are_struck_out_and_underlined(hub_repo: GitHub) -> None:
    definition = "A lead that reached the scoring threshold both teams agreed on, at a company in ICP tier A or B."
    hub_repo.replace(
        f"{TERM}/mql.yaml",
        "definition: A lead that reached the scoring threshold both teams agreed on.",
        f"definition: {definition}",
    )
    hub_repo.commit("A longer definition")
    hub_repo.git("tag", "longer")
    hub_repo.replace(f"{TERM}/mql.yaml", "ICP tier A or B.", "ICP tier A, B or C.")
    hub_repo.commit()

    assert hub_repo.diff("longer").section("Terms") == [
        "- MQL: definition changed",
        "",
        "  > **Before:** A lead that reached the scoring threshold both teams agreed on, at a company in ICP tier "
        "<del>A</del> or <del>B.</del>",
        "",
        "  > **After:** A lead that reached the scoring threshold both teams agreed on, at a company in ICP tier "
        "<ins>A, B</ins> or <ins>C.</ins>",
    ]


def test_hostile_words_among_those_marked_stay_inert(hub_repo: GitHub) -> None:
    definition = "A lead that reached the scoring threshold both teams agreed on, at a company in ICP tier A or B."
    hub_repo.replace(
        f"{TERM}/mql.yaml",
        "definition: A lead that reached the scoring threshold both teams agreed on.",
        f"definition: {definition}",
    )
    hub_repo.commit("A longer definition")
    hub_repo.git("tag", "longer")
    hub_repo.replace(f"{TERM}/mql.yaml", "ICP tier A or B.", "ICP tier '</ins><img src=x onerror=alert(1)> @team'")
    hub_repo.commit()

    assert hub_repo.diff("longer").section("Terms")[4] == (
        "  > **After:** A lead that reached the scoring threshold both teams agreed on, at a company in ICP tier "
        "<ins>'&lt;/ins&gt;&lt;img src=x onerror=alert(1)&gt; @\u2060team'</ins>"
    )


def test_a_revision_missing_from_a_shallow_clone_says_to_fetch_more_history(
    hub_repo: GitHub, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    hub_repo.replace("playbook/people/maya-chen.yaml", "Product Marketing Manager", "Head of Marketing")
    hub_repo.commit()
    clone = tmp_path / "clone"
    hub_repo.git("clone", "-q", "--depth", "1", f"file://{hub_repo.root}", str(clone))

    code = main(["diff", "--root", str(clone), "HEAD^1", "HEAD"])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        "hub: error: 'HEAD^1' is not a revision in this repository",
        "    hint: this clone is shallow: fetch the history the revision is in (git fetch --unshallow, or "
        "actions/checkout's fetch-depth)",
    ]


def test_a_person_renamed_changes_only_their_own_record(hub_repo: GitHub) -> None:
    # Maya Chen owns the MQL term and the narrative: they read her new name, and are not changed by it.
    hub_repo.replace("playbook/people/maya-chen.yaml", "name: Maya Chen", "name: Maya Chen-Lee")
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.section("People") == ["- Maya Chen-Lee: name Maya Chen → Maya Chen-Lee"]
    assert result.out.count("\n- ") == 1


def test_where_files_cannot_be_linked_every_file_comes_from_git(
    hub_repo: GitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As when the temporary folder is on another file system than the work tree.
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    hub_repo.replace(f"{TERM}/mql.yaml", "value: 400", "value: 450")
    hub_repo.git("mv", f"{TERM}/lead.yaml", f"{TERM}/prospect.yaml")
    hub_repo.replace(f"{TERM}/mql.yaml", "  - lead\n", "  - prospect\n")
    hub_repo.commit()

    assert hub_repo.diff().section("Terms") == [
        "- MQL: related terms added “prospect”; removed “lead”",
        f"- MQL: KPI target ≥ 400 MQLs per month → ≥ 450 MQLs per month{SIGN}",
        "- Lead: renamed, `playbook/terms/lead.yaml` → `playbook/terms/prospect.yaml`",
    ]


def test_a_track_renamed(hub_repo: GitHub) -> None:
    hub_repo.git("mv", "playbook/onboarding/account-executive.yaml", "playbook/onboarding/ae.yaml")
    hub_repo.commit()

    assert hub_repo.diff().section("Onboarding tracks") == [
        "- Account Executive: renamed, `playbook/onboarding/account-executive.yaml` → `playbook/onboarding/ae.yaml`",
    ]


def test_a_persona_whose_id_alone_changed_is_renamed(hub_repo: GitHub) -> None:
    hub_repo.replace("playbook/narrative.yaml", "  - id: controller\n", "  - id: financial-controller\n")
    hub_repo.replace("playbook/narrative.yaml", "      - controller\n", "      - financial-controller\n")
    hub_repo.replace("playbook/content/close-checklist.yaml", "persona: controller", "persona: financial-controller")
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.section("Narrative") == [
        "- Carla, the controller: renamed, `controller` → `financial-controller`",
        "- Close in days: personas added “financial-controller”; removed “controller”",
    ]
    assert result.section("Content ideas") == [
        "- The five-day close checklist: persona controller → financial-controller",
    ]


def test_two_terms_renamed_in_one_commit_are_each_renamed(hub_repo: GitHub) -> None:
    hub_repo.git("mv", f"{TERM}/lead.yaml", f"{TERM}/prospect.yaml")
    hub_repo.git("mv", f"{TERM}/mql.yaml", f"{TERM}/marketing-lead.yaml")
    hub_repo.replace(f"{TERM}/marketing-lead.yaml", "  - lead\n", "  - prospect\n")
    # Both reworded a little, so only Git's eye for a moved file can pair each with what it was.
    hub_repo.replace(f"{TERM}/marketing-lead.yaml", "threshold both", "score both")
    hub_repo.replace(f"{TERM}/prospect.yaml", "shown interest", "shown some interest")
    hub_repo.commit()

    renamed = [line for line in hub_repo.diff().section("Terms") if ": renamed, " in line]

    assert [line.split(": renamed, ")[1].split(" → ")[1] for line in renamed] == [
        "`playbook/terms/marketing-lead.yaml`",
        "`playbook/terms/prospect.yaml`",
    ]


def test_without_git_hub_diff_says_to_install_it(
    hub_repo: GitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "no-git").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "no-git"))

    diff = hub_repo.diff()

    assert diff.code == 2
    assert diff.err.splitlines() == [
        "hub: error: git is not installed",
        "    hint: install Git, then run hub diff again",
    ]


@pytest.mark.parametrize("file", ["playbook/narrative.yaml", "playbook/sla.yaml"])
def test_a_narrative_or_sla_that_does_not_load_is_named_and_not_counted_as_removed(hub_repo: GitHub, file: str) -> None:
    hub_repo.write(file, "title: [unclosed\n")
    hub_repo.commit()
    result = hub_repo.diff()

    assert result.code == 0
    assert f"> These files did not load at HEAD, so their changes are not shown: `{file}`. " in result.out
    assert "removed" not in result.out
